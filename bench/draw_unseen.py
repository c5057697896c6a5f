"""Draw articles nobody on the team has read from HaluEval's CNN/Daily Mail slice 9000-9999.

The eval cases come from other lines; this slice was used only to report the faithfulness
checker (no product rule was written from it). The draw is random with a fixed seed and no
filter, so the mix of topics is the corpus's own. Usage:
    python bench/draw_unseen.py --n 24 --seed 2026 --out eval/unseen
    python bench/draw_unseen.py --n 24 --seed 2027 --skip eval/unseen --out eval/unseen-2
(`--skip DIR`: lines already drawn into DIR, and read by the team since, are not drawn again.)
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from service.evaluation.halueval import data_path

FIRST, LAST = 9000, 9999


def main() -> None:
    """Write <out>/unseen-<line>.txt for each drawn line and <out>/SOURCES.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=24)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=Path("eval/unseen"))
    parser.add_argument("--skip", type=Path, action="append", default=[], help="a folder drawn before")
    args = parser.parse_args()
    lines = data_path().read_text(encoding="utf-8").splitlines()
    spent = {int(p.stem.split("-")[-1]) for folder in args.skip for p in folder.glob("unseen-*.txt")}
    pool = [line for line in range(FIRST, LAST + 1) if line not in spent]
    chosen = sorted(random.Random(args.seed).sample(pool, args.n))
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    for line in chosen:
        document = json.loads(lines[line])["document"]
        (args.out / f"unseen-{line}.txt").write_text(document.strip() + "\n", encoding="utf-8")
        rows.append(f"| unseen-{line} | halueval:{line} | {len(document.split())} |")
    skipped = "".join(f" --skip {folder}" for folder in args.skip)
    sources = [
        "# Unseen articles",
        "",
        f"Drawn by `python bench/draw_unseen.py --n {args.n} --seed {args.seed}{skipped} --out {args.out}`:",
        f"random lines of HaluEval summarization {FIRST}-{LAST} (CNN/Daily Mail), no filter. No rule,",
        "prompt or golden was written from them; they are hand-judged after the last change, never tuned on.",
        "",
        "| file | source | words |",
        "|---|---|---:|",
        *rows,
    ]
    (args.out / "SOURCES.md").write_text("\n".join(sources) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
