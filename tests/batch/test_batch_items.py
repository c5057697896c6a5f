"""INPUT reading: JSONL ids, folders, globs, and bad inputs as error items (never exceptions)."""

import json

from service.batch.items import read_items


def _jsonl(path, lines) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_jsonl_ids_come_from_the_record_or_its_line(tmp_path) -> None:
    source = tmp_path / "in.jsonl"
    _jsonl(
        source,
        [
            json.dumps({"id": "a-1", "text": "The ferry to Oslin ran late on Tuesday."}),
            json.dumps({"text": "A new bridge opened over the Kell river."}),
            "",
            json.dumps("The market in Darrow reopened after repairs."),
            json.dumps({"id": 7, "html": "<p>The library moved to Pine Street.</p>", "title": "Move"}),
        ],
    )
    items = list(read_items(str(source)))
    assert [i.id for i in items] == ["a-1", f"{source}:2", f"{source}:4", "7"]
    assert [i.source for i in items] == [f"{source}:1", f"{source}:2", f"{source}:4", f"{source}:5"]
    assert items[0].article.text == "The ferry to Oslin ran late on Tuesday."
    assert items[2].article.text == "The market in Darrow reopened after repairs."
    assert items[3].article.html is not None and items[3].article.title == "Move"
    assert all(i.error is None for i in items)


def test_bad_lines_and_repeated_ids_become_error_items(tmp_path) -> None:
    source = tmp_path / "in.jsonl"
    _jsonl(
        source,
        [
            json.dumps({"id": "x", "text": "Snow closed the pass at Brenn."}),
            "{not json",
            json.dumps([1, 2]),
            json.dumps({"id": "y", "published": "last week", "text": "A school opened."}),
            json.dumps({"id": "x", "text": "A second article under the same id."}),
        ],
    )
    items = list(read_items(str(source)))
    assert [i.id for i in items] == ["x", f"{source}:2", f"{source}:3", "y", f"{source}:5"]
    assert items[0].error is None
    assert "not JSON" in items[1].error
    assert "a JSON list" in items[2].error
    assert "not an article record" in items[3].error
    assert "repeats the one at" in items[4].error and f"{source}:1" in items[4].error


def test_folders_and_globs_read_files_sorted_with_their_path_as_id(tmp_path) -> None:
    (tmp_path / "b.txt").write_text("The tram line to Vell reopened.", encoding="utf-8")
    (tmp_path / "a.html").write_text("<html><body><p>The zoo got two otters.</p></body></html>")
    (tmp_path / "notes.csv").write_text("ignored", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_bytes(b"\x00\x01binary")
    from_folder = list(read_items(str(tmp_path)))
    assert [i.id for i in from_folder] == [str(tmp_path / n) for n in ("a.html", "b.txt", "sub/c.txt")]
    assert from_folder[0].article.html is not None
    assert from_folder[1].article.text == "The tram line to Vell reopened."
    assert "binary" in from_folder[2].error
    from_glob = list(read_items(str(tmp_path / "*.txt")))
    assert [i.id for i in from_glob] == [str(tmp_path / "b.txt")]


def test_nothing_to_read_is_one_error_item(tmp_path) -> None:
    (missing,) = read_items(str(tmp_path / "nope.jsonl"))
    assert "no such file" in missing.error
    (tmp_path / "empty").mkdir()
    (empty,) = read_items(str(tmp_path / "empty"))
    assert "no .txt, .html or .jsonl files" in empty.error
