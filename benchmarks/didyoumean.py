"""What "did you mean" costs ``check`` on a deck that misnames thousands of speakers.

Usage: python benchmarks/didyoumean.py [--refs 1000,2000,5000]

For each count N, writes a deck of N actors and N quotes whose speakers are all misspelt
by one or two edits, so ``check`` reports N unknown actors. Prints the wall time of an
in-process ``quizlib check`` of it (best of 3) with the suggestions turned off (the
baseline: reading, validating and reporting the same deck) and on, and how many
suggestions named the intended actor.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import tempfile
import time
from pathlib import Path

import yaml

from quizlib.cli import main
from quizlib.deckfile import validate
from quizlib.didyoumean import _frozen_matcher

SYLLABLES = ("ka", "ra", "bakh", "ar", "me", "ni", "az", "er", "bai", "jan", "pu", "tin")
SYLLABLES += ("lav", "rov", "ali", "yev", "pa", "shin", "yan", "vo", "lo", "dy", "mir")


def name(rng: random.Random) -> str:
    """A made-up person's id such as ``karabai-puyan``: many ids share syllables."""
    parts = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))) for _ in range(2)]
    return "-".join(parts)


def misspell(word: str, rng: random.Random) -> str:
    """``word`` with one or two characters dropped, doubled or swapped."""
    chars = list(word)
    for _ in range(rng.randint(1, 2)):
        i = rng.randrange(1, len(chars) - 1)
        edit = rng.choice(("drop", "double", "swap"))
        if edit == "drop":
            del chars[i]
        elif edit == "double":
            chars.insert(i, chars[i])
        else:
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


def deck(n: int, wrong: bool, rng: random.Random) -> tuple[dict[str, object], list[tuple[str, str]]]:
    """A deck of ``n`` actors quoted once each, and the (written, intended) speaker pairs."""
    ids: list[str] = []
    while len(ids) < n:
        candidate = name(rng)
        if candidate not in ids:
            ids.append(candidate)
    known = set(ids)
    pairs = []
    for actor in ids:
        written = misspell(actor, rng) if wrong else actor
        while wrong and written in known:
            written = misspell(actor, rng)
        pairs.append((written, actor))
    document = {
        "quizlib": 1,
        "deck": {"id": "bench", "title": "Many speakers"},
        "sources": [{"id": "src", "title": "A source"}],
        "actors": [{"id": a, "name": a.replace("-", " ").title(), "kind": "person"} for a in ids],
        "quotes": [
            {"id": f"q{i}", "text": f"words number {i}", "speaker": w, "sources": ["src"]}
            for i, (w, _) in enumerate(pairs)
        ],
    }
    return document, pairs


def check_time(path: Path) -> tuple[float, str]:
    """Best of 3 wall times of ``quizlib check PATH``, and its output."""
    times, out = [], ""
    for _ in range(3):
        _frozen_matcher.cache_clear()  # each run indexes the actors afresh, as a new process would
        buffer = io.StringIO()
        start = time.perf_counter()
        with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
            main(["check", str(path)])
        times.append(time.perf_counter() - start)
        out = buffer.getvalue()
    return min(times), out


def main_() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--refs", default="1000,2000,5000")
    args = parser.parse_args()
    os.environ["QUIZLIB_CACHE_DIR"] = "off"
    print(
        "| misspelt references | check without suggestions (baseline) | check with suggestions"
        " | suggestion names the intended actor |"
    )
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(x) for x in args.refs.split(",")):
            document, pairs = deck(n, True, random.Random(n))
            path = Path(tmp) / f"deck-{n}.yaml"
            path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
            real = validate.close_matches
            validate.close_matches = lambda *_args, **_kw: []  # type: ignore[assignment]
            try:
                without, _ = check_time(path)
            finally:
                validate.close_matches = real  # type: ignore[assignment]
            with_, out = check_time(path)
            right = sum(f"did you mean {intended!r}" in out for _, intended in pairs)
            print(f"| {n:,} | {without * 1000:,.0f} ms | {with_ * 1000:,.0f} ms | {right:,} of {n:,} |")


if __name__ == "__main__":
    main_()
