"""How much of the truth `quizlib draft` finds, on both article sets.

Usage: python benchmarks/draft_quality.py [--articles ../shared/articles] [--dev ../shared/draft-dev]

1. The five Karabakh articles (the rules' first set): drafts them together with the bundled
   deck's source ids and publication dates, then compares with decks/karabakh.yaml, per
   article and in all: quotes with the right speaker (quote text contained either way,
   speaker by id or name), dates ((source, date) pairs of events), figures ((source, value)
   pairs) and actors (any name or alias in common). The deck is a curated selection, so
   precision here is a floor: a true date the deck left out counts as wrong.
2. The development corpus (fourteen articles in many styles with hand-made truth): runs its
   own scorer, ``score.py``, on the installed ``quizlib`` and prints its per-article table
   and summary (recall and precision per kind).

Targets on the development corpus: quotes with the right speaker >= 85% recall / 85%
precision, dates >= 80/85, figures >= 90/85, actors >= 75/85.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from quizlib.dates import PartialDate
from quizlib.draft import Article, draft_deck, paragraphs

ROOT = Path(__file__).resolve().parent.parent
Row = tuple[str, int, int, int, int]


def norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split()).strip(" .,")


def src(fact: dict[str, Any]) -> set[str]:
    return {c.split(":")[0] for c in fact.get("sources", [])}


def compare(deck: dict[str, Any], draft: dict[str, Any], source: str | None) -> list[Row]:
    """Recall and precision rows per section, for one source or (None) all of them."""

    def mine(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [f for f in facts if source is None or source in src(f)]

    names = {a["id"]: {norm(a["name"]), *(norm(x) for x in a.get("aliases", []))} for a in deck["actors"]}
    draft_names = {a["id"]: norm(a["name"]) for a in draft["actors"]}
    dq, gq = mine(draft.get("quotes", [])), mine(deck["quotes"])

    def match(g: dict[str, Any], d: dict[str, Any]) -> bool:
        same = norm(g["text"]) in norm(d["text"]) or norm(d["text"]) in norm(g["text"])
        right = draft_names.get(d["speaker"], "") in names.get(g["speaker"], set())
        return same and right and bool(src(g) & src(d))

    rows: list[Row] = [
        (
            "quotes (right speaker)",
            sum(any(match(g, d) for d in dq) for g in gq),
            len(gq),
            sum(any(match(g, d) for g in gq) for d in dq),
            len(dq),
        )
    ]
    for section, key in (("events", "date"), ("figures", "value")):
        gold = {(s, str(f[key])) for f in mine(deck[section]) for s in src(f) if source in (None, s)}
        got = {(s, str(f[key])) for f in mine(draft.get(section, [])) for s in src(f)}
        rows.append((f"{section} ({key})", len(gold & got), len(gold), len(gold & got), len(got)))
    if source is None:  # actors are shared across the articles of one draft
        drafted = [
            {norm(a["name"]), *(norm(x) for x in a.get("aliases", []))}
            for a in draft["actors"]
            if a["id"] != "unknown-speaker"
        ]
        found = sum(any(forms & d for d in drafted) for forms in names.values())
        right = sum(any(d & forms for forms in names.values()) for d in drafted)
        rows.append(("actors", found, len(names), right, len(drafted)))
    return rows


def pct(hit: int, total: int) -> str:
    return f"{hit}/{total} {hit / total:.0%}" if total else "-"


def karabakh(folder: Path) -> None:
    deck = yaml.safe_load((ROOT / "decks" / "karabakh.yaml").read_text(encoding="utf-8"))
    files = {}
    for path in sorted(folder.glob("*.txt")):
        lines = paragraphs(path.read_text(encoding="utf-8"))
        for s in deck["sources"]:
            # By headline, else (a lost headline) by the byline's author.
            by_title = any(s["title"] in line for line in [*lines[:3], lines[-1]])
            by_author = s.get("author") and any(line == f"By {s['author']}" for line in lines[:4])
            if by_title or (by_author and s["id"] not in files):
                files[s["id"]] = (path, s)
    articles = [
        Article(str(p), p.read_text(encoding="utf-8"), sid, PartialDate.parse(str(s["published"])))
        for sid, (p, s) in files.items()
    ]
    draft = draft_deck(articles)
    print(f"## Karabakh articles ({folder}), against decks/karabakh.yaml\n")
    print(f"{'article':<28} {'quotes R / P':>20} {'dates R / P':>20} {'figures R / P':>20}")
    for sid in files:
        rows = compare(deck, draft, sid)
        cells = [f"{pct(h, t)} / {pct(r, d)}" for _, h, t, r, d in rows]
        print(f"{sid:<28} " + " ".join(f"{c:>20}" for c in cells))
    print(f"\n{'section':<24} {'recall':>16} {'precision':>16}")
    for name, hit, total, right, drafted in compare(deck, draft, None):
        print(f"{name:<24} {pct(hit, total):>16} {pct(right, drafted):>16}")


def development(folder: Path) -> int:
    quizlib = shutil.which("quizlib")
    scorer = folder / "score.py"
    if quizlib is None or not scorer.is_file():
        print(f"\nno development corpus scorer at {scorer} (or no quizlib command); skipped")
        return 0
    print(f"\n## Development corpus ({folder}), by its score.py\n", flush=True)
    done = subprocess.run([sys.executable, str(scorer), quizlib], check=False)
    return done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=Path, default=ROOT.parent / "shared" / "articles")
    parser.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "draft-dev")
    args = parser.parse_args()
    if args.articles.is_dir():
        karabakh(args.articles)
    else:
        print(f"no articles at {args.articles}; Karabakh set skipped")
    return development(args.dev)


if __name__ == "__main__":
    raise SystemExit(main())
