"""How much of the bundled deck `quizlib draft` finds in the five source articles.

Usage: python benchmarks/draft_quality.py [--articles ../shared/articles]

Drafts each article (with the bundled deck's source id and publication date), then
compares with decks/karabakh.yaml per section: quotes with the right speaker (quote text
contained either way, speaker by id or name), dates ((source, date) pairs of events),
figures ((source, value) pairs) and actors (any name or alias in common). Prints recall and precision.
Targets: quotes with correct speaker >= 90% recall, dates and figures >= 80%, precision >= 70%.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import yaml

from quizlib.dates import PartialDate
from quizlib.draft import Article, draft_deck, paragraphs

ROOT = Path(__file__).resolve().parent.parent


def norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split()).strip(" .,")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=Path, default=ROOT.parent / "shared" / "articles")
    args = parser.parse_args()
    if not args.articles.is_dir():
        print(f"no articles at {args.articles}; nothing to measure")
        return 0
    deck = yaml.safe_load((ROOT / "decks" / "karabakh.yaml").read_text(encoding="utf-8"))
    files = {}
    for path in sorted(args.articles.glob("*.txt")):
        lines = paragraphs(path.read_text(encoding="utf-8"))
        for s in deck["sources"]:
            if any(s["title"] in line for line in [*lines[:3], lines[-1]]):
                files[s["id"]] = (path, s)
    articles = [
        Article(str(p), p.read_text(encoding="utf-8"), sid, PartialDate.parse(str(s["published"])))
        for sid, (p, s) in files.items()
    ]
    draft = draft_deck(articles)
    names = {a["id"]: {norm(a["name"]), *(norm(x) for x in a.get("aliases", []))} for a in deck["actors"]}
    draft_names = {a["id"]: norm(a["name"]) for a in draft["actors"]}

    def src(fact: dict[str, Any]) -> set[str]:
        return {c.split(":")[0] for c in fact.get("sources", [])}

    rows = []
    # quotes: a deck quote is found when a draft quote from the same source matches its text and speaker
    dq, gq = draft.get("quotes", []), deck["quotes"]

    def quote_match(g: dict[str, Any], d: dict[str, Any]) -> bool:
        same = norm(g["text"]) in norm(d["text"]) or norm(d["text"]) in norm(g["text"])
        return same and bool(src(g) & src(d))

    def speaker_ok(g: dict[str, Any], d: dict[str, Any]) -> bool:
        return draft_names.get(d["speaker"], "") in names.get(g["speaker"], set())

    found = sum(any(quote_match(g, d) and speaker_ok(g, d) for d in dq) for g in gq)
    correct = sum(any(quote_match(g, d) and speaker_ok(g, d) for g in gq) for d in dq)
    rows.append(("quotes (right speaker)", found, len(gq), correct, len(dq)))
    for section, key in (("events", "date"), ("figures", "value")):
        gold = {(s, str(f[key])) for f in deck[section] for s in src(f)}
        got = {(s, str(f[key])) for f in draft.get(section, []) for s in src(f)}
        rows.append((f"{section} ({key})", len(gold & got), len(gold), len(gold & got), len(got)))
    # An actor matches when any of its names or aliases matches any of the other's.
    drafted = [
        {norm(a["name"]), *(norm(x) for x in a.get("aliases", []))}
        for a in draft["actors"]
        if a["id"] != "unknown-speaker"
    ]
    found_actors = sum(any(forms & d for d in drafted) for forms in names.values())
    right_actors = sum(any(d & forms for forms in names.values()) for d in drafted)
    rows.append(("actors", found_actors, len(names), right_actors, len(drafted)))
    print(f"{'section':<24} {'recall':>16} {'precision':>16}")
    for name, hit, total, right, drafted in rows:
        print(
            f"{name:<24} {hit:>4}/{total:<4} {hit / total if total else 0:>6.0%} "
            f"{right:>4}/{drafted:<4} {right / drafted if drafted else 0:>6.0%}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
