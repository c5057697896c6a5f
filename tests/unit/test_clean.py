"""Tests for service.clean: boilerplate removal, offset mapping, HTML extraction, input checks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from service.clean import BOILERPLATE, CleanText, clean, html_to_text, validate_text
from service.errors import InputError
from service.text import sentences

DATA = Path(__file__).parents[1] / "data"
SEEDS = sorted((DATA / "seeds").glob("*.txt"))


def seed(prefix: str) -> str:
    """Text of the seed whose file name starts with `prefix`."""
    return next(path for path in SEEDS if path.name.startswith(prefix)).read_text("utf-8")


def kept_lines(cleaned: CleanText) -> list[str]:
    """Non-blank lines of the cleaned text."""
    return [line for line in cleaned.text.splitlines() if line.strip()]


# Every sentence that states a casualty figure, per seed: all must survive cleaning.
CASUALTY_SENTENCES = {
    "000": [
        "At least 38 people were killed in Aleppo on Tuesday when Syrian militants shelled three "
        "government-held neighborhoods in the west of the city.",
        "Among the dead were said to be 14 children.",
        "giving a toll of at least 150 wounded in the districts of Salaheddine, al-Hamdaniya and New Aleppo.",
        "with the official news agency SANA putting the death toll from the latest blast at seven.",
        "Islamic State claimed responsibility for all three attacks, with 32 people having been "
        "killed on Monday.",
    ],
    "001": [
        "Since 19 September, more than 450 civilians have been killed and more than 1700 injured "
        "in rebel-held areas of Aleppo province, including the besieged eastern part of the city, "
        "Civil defense workers said.",
        "450.000 Syrians lost their lives in the past five years according to UN estimates, and "
        "more than 12 million have lost their homes.",
        "A boy severely injured after Assad-Russian airstrikes n the rebel-held parts of Aleppo",
    ],
    "002": [
        "One young girl, her body encased in rubble, was among the dead.",
        "Since then, Syrian and Russian aircraft have pounded eastern neighbourhoods relentlessly, "
        "killing dozens, according to a monitor.",
        "The Syrian Observatory for Human Rights said more than 155 people have been killed by "
        "Russian and regime bombardment on Aleppo city since the government announced its "
        "offensive last week.",
        "The dead include 11 civilians killed on Tuesday in raids on the al-Shaar and al-Mashhad "
        "neighbourhoods, according to the UK-based group.",
    ],
    "003": [
        "At least 85 people were killed and 178 others injured Sunday in Syrian and Russian "
        "airstrikes on residential areas in opposition-held parts of Aleppo.",
        "The Syrian Center for Policy Research, a Beirut-based NGO, has put the death toll from "
        "Syria's six-year-old conflict at more than 470,000.",
    ],
    "004": [
        "has been some of the bloodiest of Syria’s almost six-year-long conflict, leaving more "
        "than 500 people dead.",
        "which have included “indiscriminate” rocket attacks which have killed dozens of civilians "
        "in the last two days.",
        "thousands more could die if the current assault on the city is not stopped.",
    ],
}

# Boilerplate lines named in the seeds: none may remain as a line of the cleaned text.
BOILERPLATE_LINES = {
    "000": [
        "Heavy Fatalities in Syria as Militants Shell AleppoHeavy Fatalities in Syria as Militants "
        "Shell Aleppo"
    ],
    "002": [
        "A young girl's father, in shock as rescue workers picked up her lifeless body, collapsed "
        "beside, saying: 'She's just sleeping. She's just used to sleeping' |"
    ],
    "003": ["Anadolu Agency"],
    "004": [
        "Stay up to date with notifications from The\xa0Independent",
        "Notifications can be managed in browser preferences.",
        "Monday 31 October 2016 05:30 EDT",
        "Comments",
        "A rebel fighters' armoured vehicle",
        "A rebel fighters' armoured vehicle (Reuters)",
        "Your support helps us to tell the story",
        "Your support makes all the difference.",
        "Aleppo offensive",
        "Join our commenting forum",
        "Join thought-provoking conversations, follow other Independent readers and see their replies",
        "Thank you for registering",
    ],
}


def test_the_five_seeds_are_present() -> None:
    assert [path.name[:3] for path in SEEDS] == ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize(
    ("prefix", "sentence"),
    [(prefix, sentence) for prefix, found in CASUALTY_SENTENCES.items() for sentence in found],
)
def test_casualty_sentences_survive_cleaning(prefix: str, sentence: str) -> None:
    cleaned = clean(seed(prefix))
    start = cleaned.text.index(sentence)
    a, b = cleaned.to_original(start, start + len(sentence))
    assert cleaned.original[a:b] == sentence


@pytest.mark.parametrize(
    ("prefix", "line"),
    [(prefix, line) for prefix, found in BOILERPLATE_LINES.items() for line in found],
)
def test_named_boilerplate_lines_are_removed(prefix: str, line: str) -> None:
    cleaned = clean(seed(prefix))
    assert line.strip() not in kept_lines(cleaned)
    assert any(removed_line == line.strip() for _, removed_line in cleaned.removed)


@pytest.mark.parametrize(
    "fragment",
    [
        "Your donation allows us",
        "we choose not to lock Americans out",
        "quality journalism should be available to everyone",
        "From reproductive rights to climate change",
        "Please refresh the page",
        "WARNING: Comments that contain insults",
    ],
)
def test_appeal_and_footer_text_is_gone(fragment: str) -> None:
    text = clean(seed("004")).text + clean(seed("003")).text
    assert fragment not in text


@pytest.mark.parametrize(
    ("prefix", "title"),
    [
        ("000", "Heavy Fatalities in Syria as Militants Shell Aleppo"),
        ("001", "Russia vows to press on with Aleppo’s offensive"),
        ("002", "Syrian regime forces intensify ground offensive to retake Aleppo"),
        ("003", "Russia and Assad regime targeting Aleppo civilians"),
        ("004", "Assad and Putin to launch ‘full scale’ assault to secure victory in Aleppo"),
    ],
)
def test_title_is_the_first_line_and_kept_once(prefix: str, title: str) -> None:
    lines = kept_lines(clean(seed(prefix)))
    assert lines[0] == title
    assert lines.count(title) == 1


@pytest.mark.parametrize("path", SEEDS, ids=lambda path: path.name[:3])
def test_every_sentence_maps_back_to_the_original_exactly(path: Path) -> None:
    cleaned = clean(path.read_text("utf-8"))
    spans = sentences(cleaned.text)
    assert spans
    for span in spans:
        a, b = cleaned.to_original(span.start, span.end)
        assert cleaned.original[a:b] == span.text


@pytest.mark.parametrize("path", SEEDS, ids=lambda path: path.name[:3])
def test_kept_lines_are_verbatim_lines_of_the_input(path: Path) -> None:
    raw = path.read_text("utf-8")
    original_lines = {line.strip() for line in raw.splitlines()}
    assert all(line in original_lines for line in kept_lines(clean(raw)))


def test_offsets_survive_crlf_indentation_and_removed_lines() -> None:
    raw = "  Headline here  \r\n\r\nComments\r\n\tFirst sentence. Second one.\r\nAdvertisement\r\nEnd."
    cleaned = clean(raw)
    assert cleaned.text == "Headline here\n\nFirst sentence. Second one.\nEnd."
    for piece in ("Headline here", "Second one.", "End."):
        start = cleaned.text.index(piece)
        a, b = cleaned.to_original(start, start + len(piece))
        assert raw[a:b] == piece


def test_span_across_a_removed_line_covers_both_ends() -> None:
    raw = "Headline\n\nFirst para.\nAdvertisement\nSecond para."
    cleaned = clean(raw)
    a, b = cleaned.to_original(cleaned.text.index("para."), len(cleaned.text))
    assert raw[a:b] == "para.\nAdvertisement\nSecond para."


def test_span_starting_in_a_separator_starts_at_the_next_line() -> None:
    cleaned = clean("Headline\n\nBody text here.")
    separator = cleaned.text.index("\n")
    a, b = cleaned.to_original(separator, len(cleaned.text))
    assert cleaned.original[a:b] == "Body text here."


def test_span_outside_the_text_is_rejected() -> None:
    cleaned = clean("Headline\n\nBody text here.")
    with pytest.raises(ValueError, match="outside"):
        cleaned.to_original(0, len(cleaned.text) + 1)


def test_patterns_are_immutable_data_with_reasons() -> None:
    assert isinstance(BOILERPLATE, tuple)
    assert all(isinstance(reason, str) and isinstance(pattern, re.Pattern)
               for reason, pattern in BOILERPLATE)  # fmt: skip


# Boilerplate in the wording of other outlets: each line must go, for the stated reason.
OTHER_OUTLETS = [
    ("Support our journalism: become a subscriber today.", "donation appeal"),
    ("Your contribution helps keep our reporting free for everyone.", "donation appeal"),
    ("Please consider supporting independent journalism.", "donation appeal"),
    ("Sign up for our morning newsletter", "newsletter prompt"),
    ("Get our free Breaking News newsletter delivered every morning", "newsletter prompt"),
    ("Turn on notifications to get breaking news alerts", "notification prompt"),
    ("Join the conversation", "comment policy"),
    ("View 54 comments", "comment policy"),
    ("Comments (12)", "comment policy"),
    ("We use cookies to give you the best experience on our website.", "cookie banner"),
    ("Advertisement", "site furniture"),
    ("Share this article", "site furniture"),
    ("© 2024 BBC. All rights reserved.", "copyright"),
    ("Reporting by Suleiman Al-Khalidi; Editing by Alison Williams", "agency credit"),
    ("By Tom Perry, Reuters", "byline"),
    ("Smoke rises over the city after an air strike (AFP)", "photo caption"),
    ("Rescue workers search the rubble. Photo: Ammar Abdullah/Reuters", "photo caption"),
    ("Image caption: People flee the fighting", "photo caption"),
    ("Residents inspect the damage Getty Images", "photo caption"),
    ("- AFP", "agency sign-off"),
    ("(Reuters)", "agency sign-off"),
    ("Associated Press", "agency sign-off"),
    ("Published 3:04 PM ET, Tue March 8, 2016", "dateline"),
    ("Updated 1232 GMT (2032 HKT) July 12, 2015", "dateline"),
    ("2016-10-31", "dateline"),
    ("Middle East", "section label"),
]


@pytest.mark.parametrize(("line", "reason"), OTHER_OUTLETS)
def test_boilerplate_of_other_outlets_is_removed(line: str, reason: str) -> None:
    raw = f"A headline about something\n\nThe first sentence of the story.\n\n{line}\n\nThe end."
    cleaned = clean(raw)
    assert line not in kept_lines(cleaned)
    assert (reason, line) in cleaned.removed


# Article sentences that share words with boilerplate patterns: all must be kept.
LOOKALIKE_SENTENCES = [
    "Officials said they did not get any notifications before the strike.",
    "By contrast, the army said 12 soldiers were killed.",
    "Russia's support for the offensive is only playing into the hands of extremists.",
    "The US warned that it would stop supporting the talks.",
    "At least 12 dead",
    "Comments by the minister angered residents, who said 40 homes were destroyed.",
    "Your support is vital, the mayor told aid workers, as 30 people were reported missing.",
    "The photo showed 14 children among the dead.",
    "The prize was won by Getty Images photographer Matthew Lewis for a shot of 3 players.",
]


@pytest.mark.parametrize("sentence", LOOKALIKE_SENTENCES)
def test_article_sentences_resembling_boilerplate_are_kept(sentence: str) -> None:
    raw = f"A headline about something\n\nThe first sentence of the story.\n\n{sentence}\n"
    assert sentence in kept_lines(clean(raw))


def test_near_duplicate_caption_is_removed_without_a_pipe() -> None:
    raw = (
        "Headline\n"
        "Rescuers pulled a man from the rubble of a five-storey building in the old city on "
        "Sunday.\n"
        "Other text follows here.\n"
        "Rescuers pulled a man from the rubble of a five-storey building in the old city\n"
    )
    cleaned = clean(raw)
    assert ("near duplicate", raw.splitlines()[3]) in cleaned.removed
    assert cleaned.text.count("Rescuers pulled") == 1


def test_glued_repeats_of_the_headline_are_removed() -> None:
    raw = "Floods hit the coast\n\nFloods hit the coastFloods hit the coastFloods hit the coast\n\nBody."
    cleaned = clean(raw)
    assert kept_lines(cleaned) == ["Floods hit the coast", "Body."]


def test_paragraph_inside_an_appeal_block_goes_but_distant_paragraphs_stay() -> None:
    raw = (
        "Headline\n\n"
        "Your support helps us to tell the story\n\n"
        "We are on the ground when the story is developing.\n\n"
        "Your donation allows us to keep sending journalists.\n\n"
        "Body one.\n\nBody two.\n\nBody three.\n\n"
        "Your support makes all the difference.\n"
    )
    lines = kept_lines(clean(raw))
    assert lines == ["Headline", "Body one.", "Body two.", "Body three."]


def test_a_text_without_a_headline_keeps_its_first_sentence() -> None:
    raw = "(CNN) -- At least 20 people were killed on Sunday, officials said.\n\nMore text."
    assert kept_lines(clean(raw))[0].startswith("(CNN) -- At least 20")


def test_single_newline_paragraphs_are_kept_apart() -> None:
    cleaned = clean(seed("002"))
    assert "\n\n" not in cleaned.text
    assert cleaned.text.splitlines()[1].startswith("Regime forces launched an attack")


def test_empty_input_gives_empty_clean_text() -> None:
    cleaned = clean("   \n\n")
    assert cleaned.text == ""
    assert cleaned.to_original(0, 0) == (0, 0)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "empty"),
        ("  \n\t \n", "empty"),
        ("text\x00with a NUL", "binary"),
        ("\x01\x02\x03\x04 abc", "binary"),
        ("\ufffd\ufffd\ufffd\ufffd ab", "binary"),
        ("x" * 101, "limit is 100"),
    ],
)
def test_validate_text_rejects_bad_input(raw: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        validate_text(raw, max_chars=100)


@pytest.mark.parametrize("raw", ["A short article.", "Ünïcödé – “quotes” — 12 killed.\n\nMore."])
def test_validate_text_accepts_normal_text_up_to_the_limit(raw: str) -> None:
    validate_text(raw, max_chars=len(raw))  # exactly at the limit is accepted
    with pytest.raises(InputError, match="limit"):
        validate_text(raw, max_chars=len(raw) - 1)


def test_html_to_text_extracts_the_article_and_metadata() -> None:
    text, meta = html_to_text((DATA / "html" / "article.html").read_text("utf-8"))
    assert "At least 12 people were killed and 30 wounded on Monday" in text
    assert "three children were among the dead" in text
    for junk in ("We use cookies", "Home", "Sport", "This is terrible news", "newsletter",
                 "All rights reserved"):  # fmt: skip
        assert junk not in text
    assert meta["title"] == "Shelling kills 12 in Idlib market"
    assert meta["date"] == "2019-05-14"
    assert meta["sitename"] == "The Daily Courier"


def test_html_paragraphs_are_separated_by_blank_lines() -> None:
    text, _ = html_to_text((DATA / "html" / "article.html").read_text("utf-8"))
    blocks = text.split("\n\n")
    assert len(blocks) >= 4
    assert all(block.strip() == block and "\n" not in block for block in blocks)


@pytest.mark.parametrize(
    "html",
    ["", "<html><body></body></html>", "<html><body><nav><a href='/'>Home</a></nav></body></html>"],
)
def test_html_without_an_article_is_an_input_error(html: str) -> None:
    with pytest.raises(InputError, match="HTML"):
        html_to_text(html)
