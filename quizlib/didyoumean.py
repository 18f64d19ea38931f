"""Suggestions for mistyped names: decks, tags, question types, plugins, fields, ids.

One helper for every "unknown X" message, so a typo never passes silently and every
message reads the same: ``no deck 'karabak' (did you mean karabakh?); known: ...``.

A deck can hold thousands of ids and name thousands of them wrongly, so the candidates
are indexed once (:class:`CloseMatcher`) and each lookup does a bounded amount of work:
the trigrams of the word pick a short list of candidates, rarest trigram first, and only
that short list is compared character by character.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterable

from quizlib.errors import UsageError

#: At most this many index entries are visited per lookup: a suggestion is a courtesy,
#: not worth a noticeable pause, however many candidates share a common trigram.
MAX_VISITS = 1000
#: At most this many candidates (those sharing the most trigrams) are compared in full.
MAX_COMPARED = 8
#: At most this many known values are listed after the suggestion.
MAX_LISTED = 12
#: The similarity (difflib's ratio) below which an option is not suggested.
CUTOFF = 0.6


def _grams(word: str) -> set[str]:
    """The trigrams of ``word`` casefolded, padded so that short words have some."""
    padded = f"  {word.casefold()} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _slack(word: str) -> int:
    """How far an option's length may differ from ``word``'s and still be close."""
    return max(2, len(word) // 3)


class CloseMatcher:
    """An index of options that answers "which options are close to this word?" quickly.

    Build it once per set of options and ask it many times: each lookup visits at most
    :data:`MAX_VISITS` index entries and compares at most :data:`MAX_COMPARED` options,
    whatever the number of options.
    """

    def __init__(self, options: Iterable[str]) -> None:
        """Index ``options`` (duplicates are dropped; a set's options are sorted)."""
        # A set's order varies from run to run: sorted, ties resolve the same way every time.
        unordered = isinstance(options, set | frozenset)
        self._options = sorted(options) if unordered else list(dict.fromkeys(options))
        self._folded: dict[str, str] = {}
        self._postings: defaultdict[str, list[int]] = defaultdict(list)
        for index, option in enumerate(self._options):
            self._folded.setdefault(option.casefold(), option)
            for gram in _grams(option):
                self._postings[gram].append(index)
        self._seen: dict[tuple[str, int], list[str]] = {}

    def matches(self, word: str, n: int = 1) -> list[str]:
        """Up to ``n`` options close to ``word``, best first (remembered per word)."""
        found = self._seen.get((word, n))
        if found is None:
            found = self._seen[(word, n)] = self._lookup(word, n)
        return list(found)

    def _lookup(self, word: str, n: int) -> list[str]:
        exact = self._folded.get(word.casefold())
        shortlist = self._shortlist(word)
        import difflib  # only for a word that matched nothing

        ranked = difflib.get_close_matches(word, shortlist, n=n + 1, cutoff=CUTOFF)
        if exact is not None:
            ranked = [exact, *(o for o in ranked if o != exact)]
        return ranked[:n]

    def _shortlist(self, word: str) -> list[str]:
        # Rare trigrams say the most about a word, so they are visited first; a trigram
        # every id shares (a common prefix) is reached last, or not at all once the
        # budget is spent.
        postings = sorted((self._postings.get(g, []) for g in _grams(word)), key=len)
        shared: Counter[int] = Counter()
        budget = MAX_VISITS
        for posting in postings:
            shared.update(posting[:budget])
            budget -= len(posting)
            if budget <= 0:
                break
        slack = _slack(word)
        ranked = (self._options[i] for i, _ in shared.most_common(4 * MAX_COMPARED))
        return [o for o in ranked if abs(len(o) - len(word)) <= slack][:MAX_COMPARED]


@functools.lru_cache(maxsize=4)
def _frozen_matcher(options: frozenset[str]) -> CloseMatcher:
    # A frozenset cannot change and caches its hash, so asking again about the same pool
    # (one per unknown reference in a deck) finds this index at once.
    return CloseMatcher(options)


def close_matches(word: str, options: Iterable[str] | CloseMatcher, n: int = 1) -> list[str]:
    """Up to ``n`` options close to ``word``, best first.

    Only options of a similar length are suggested (an edit of a few characters cannot
    bridge a larger difference). When asking about many words against the same options,
    pass them as a :class:`CloseMatcher` or a ``frozenset`` (whose index is kept).
    """
    if isinstance(options, CloseMatcher):
        matcher = options
    elif isinstance(options, frozenset):
        matcher = _frozen_matcher(options)
    else:
        matcher = CloseMatcher(options)
    return matcher.matches(word, n)


def did_you_mean(word: str, options: Iterable[str] | CloseMatcher) -> str:
    """`` (did you mean x?)`` when an option is close to ``word``, else empty."""
    close = close_matches(word, options)
    return f" (did you mean {close[0]}?)" if close else ""


def known_list(options: Iterable[str]) -> str:
    """The known values, sorted, at most :data:`MAX_LISTED` of them."""
    values = sorted(set(options))
    if not values:
        return "none"
    shown = ", ".join(values[:MAX_LISTED])
    return shown + (f" and {len(values) - MAX_LISTED} more" if len(values) > MAX_LISTED else "")


def unknown_names(kind: str, words: Iterable[str], options: Iterable[str]) -> UsageError | None:
    """A usage error for every word not among ``options``, or None when all are known.

    Args:
        kind: What the words name, singular (``deck``, ``tag``, ``question type``).
        words: What the person typed.
        options: The known values.

    Returns:
        ``no tag 'blokade' (did you mean blockade?); known tags: ...``, one clause per
        unknown word, or None.
    """
    known = list(dict.fromkeys(options))
    known_set = set(known)
    missing = [w for w in dict.fromkeys(words) if w not in known_set]
    if not missing:
        return None
    matcher = CloseMatcher(known)
    clauses = "; ".join(f"no {kind} {w!r}{did_you_mean(w, matcher)}" for w in missing)
    return UsageError(f"{clauses}; known {kind}s: {known_list(known)}")
