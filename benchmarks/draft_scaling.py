"""How `quizlib draft`'s time grows with the length of an article.

Usage: python benchmarks/draft_scaling.py [--sizes 10000,100000,1000000]

Drafts generated prose (paragraphs of wire-style sentences with names, titles, dates,
figures and quotes) and generated quoted dialogue (one long paragraph of short quotes and
speech verbs) at each size, and times a plain regex word count over the same text in the
same run as a baseline. Growth is linear when the "µs/KB" column stays flat as the size
grows tenfold.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from quizlib.dates import PartialDate
from quizlib.draft import Article, draft_deck

_PROSE = [
    "Finance Minister Jane Doe said on Tuesday that the Central Bank of Ruritania would cut rates by "
    "{n}.5% after 1,{n}00 workers lost their jobs in Aug. 2016.",
    "“We will act quickly,” she told reporters in the capital, adding that the bank had set aside "
    "$3 billion.",
    "The company, Acme Holdings Inc., said it expected sales of £40m next year, according to "
    "a statement by its chief executive, Tom Smith, {n}.",
    "Prosecutors alleged that the firm's director of the EUROPEAN BANK FOR RECONSTRUCTION AND "
    "DEVELOPMENT had misled investors, and the court will rule Saturday.",
]
_DIALOGUE = [
    "“I will not go there today, not ever,” said Tom Smith.",
    "“Why not?” she asked him.",
    "“Because the Ministry of Truth says so,” he replied, “and {n} of them agree.”",
]


def prose(size: int) -> str:
    """Paragraphs of four sentences, about ``size`` characters."""
    paras, total, n = [], 0, 0
    while total < size:
        para = " ".join(s.format(n=n % 90 + 10) for s in _PROSE)
        paras.append(para)
        total += len(para) + 2
        n += 1
    return "Headline of the day\n\n" + "\n\n".join(paras) + "\n"


def dialogue(size: int) -> str:
    """One paragraph of quoted dialogue, about ``size`` characters."""
    parts, total, n = [], 0, 0
    while total < size:
        line = _DIALOGUE[n % 3].format(n=n % 90 + 10)
        parts.append(line)
        total += len(line) + 1
        n += 1
    return " ".join(parts) + "\n"


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds one call of ``work`` takes (best of two for short runs), and its result."""
    best, result = float("inf"), None
    for _ in range(2):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
        if best > 1:
            break
    return best, result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000,1000000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    published = PartialDate(2019, 11, 19)
    print(f"{'text':<10} {'size':>9} {'draft s':>9} {'µs/KB':>9} {'words s':>9} {'µs/KB':>7} {'facts':>7}")
    for name, make in (("prose", prose), ("dialogue", dialogue)):
        for size in sizes:
            text = make(size)
            kb = len(text) / 1000
            article = Article("a.txt", text, "a", published)
            draft_s, deck = timed(partial(draft_deck, [article]))
            words_s, _ = timed(partial(re.findall, r"\w+", text))
            facts = sum(len(deck.get(k, [])) for k in ("events", "quotes", "figures"))
            print(
                f"{name:<10} {len(text):>9,} {draft_s:>9.3f} {draft_s / kb * 1e6:>9.0f} "
                f"{words_s:>9.4f} {words_s / kb * 1e6:>7.0f} {facts:>7}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
