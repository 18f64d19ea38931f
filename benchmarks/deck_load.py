"""Deck loading speed: cold (parse + validate), warm (cached) and the floors, in one run.

Usage: python benchmarks/deck_load.py [--sizes 1000,10000,100000] [--repeat 3]

For each size it writes a synthetic deck (events, quotes and figures in equal parts) and
prints the best of --repeat runs of:
  yaml CSafeLoader   yaml.load(text, CSafeLoader): plain parsing, no checks (cold baseline)
  cold load          quizlib.load_deck without a cache: safe parse + full validation
  warm load          quizlib.load_deck with the parse cache filled
  json floor         json.loads of the same deck data
Targets: warm ≤ 3x the json floor; cold no slower than plain CSafeLoader parsing.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from quizlib.deckfile.load import deck_to_dict, load_deck
from quizlib.plugins import get_plugin_manager


def make_deck(n: int) -> dict[str, Any]:
    """A deck of n facts spread over events, quotes and figures."""
    actors = [{"id": f"actor-{i}", "name": f"Person Number{i}", "role": "spokesperson"} for i in range(50)]
    sources = [
        {"id": f"src-{i}", "title": f"Article {i}", "outlet": "Outlet", "published": "2024-01-15"}
        for i in range(20)
    ]
    events, quotes, figures = [], [], []
    for i in range(n):
        cite = [f"src-{i % 20}:p{i % 30 + 1}"]
        if i % 3 == 0:
            events.append(
                {
                    "id": f"event-{i}",
                    "date": f"{1900 + i % 120}-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
                    "text": f"Something notable happened for the {i}th time.",
                    "actors": [f"actor-{i % 50}"],
                    "sources": cite,
                    "tags": ["bench"],
                }
            )
        elif i % 3 == 1:
            quotes.append(
                {
                    "id": f"quote-{i}",
                    "text": f"We said thing number {i} and we meant it.",
                    "speaker": f"actor-{i % 50}",
                    "context": "at a briefing",
                    "date": "2024-01-12",
                    "sources": cite,
                }
            )
        else:
            figures.append(
                {
                    "id": f"figure-{i}",
                    "value": i * 10,
                    "unit": "troops",
                    "qualifier": "nearly",
                    "counts": f"soldiers in contingent {i}",
                    "sources": cite,
                }
            )
    return {
        "quizlib": 1,
        "deck": {"id": "bench", "title": "Benchmark deck"},
        "sources": sources,
        "actors": actors,
        "events": events,
        "quotes": quotes,
        "figures": figures,
    }


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sections = get_plugin_manager(entry_points=False).sections
    missing = {"events", "quotes", "figures"} - set(sections)
    if missing:
        raise SystemExit(f"the built-in plugins for {sorted(missing)} are not installed")
    header = (
        "facts",
        "MB",
        "yaml CSafeLoader",
        "cold load",
        "warm load",
        "json floor",
        "cold/yaml",
        "warm/json",
    )
    print("{:>7} {:>6} {:>17} {:>10} {:>10} {:>11} {:>10} {:>10}".format(*header))
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            measure(n, Path(tmp), args.repeat, sections)


def measure(n: int, tmp: Path, repeat: int, sections: Any) -> None:
    """Time one deck size and print a row."""
    path = tmp / f"deck-{n}.yaml"
    text = yaml.safe_dump(make_deck(n), sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    cache = tmp / f"cache-{n}"
    t_yaml = best(lambda: yaml.load(text, Loader=yaml.CSafeLoader), repeat)
    t_cold = best(lambda: load_deck(path, sections=sections, cache_dir=None), repeat)
    deck = load_deck(path, sections=sections, cache_dir=cache)  # fills the cache
    t_warm = best(lambda: load_deck(path, sections=sections, cache_dir=cache), repeat)
    blob = json.dumps(deck_to_dict(deck))
    t_json = best(lambda: json.loads(blob), repeat)
    row = (n, len(text) / 1e6, t_yaml, t_cold, t_warm, t_json, t_cold / t_yaml, t_warm / t_json)
    print("{:>7} {:>6.1f} {:>16.3f}s {:>9.3f}s {:>9.3f}s {:>10.3f}s {:>9.2f}x {:>9.2f}x".format(*row))


if __name__ == "__main__":
    main()
