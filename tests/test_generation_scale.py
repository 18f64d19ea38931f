"""Question generation stays linear in a section's facts, and its indexes agree with the
plain definitions they replace (no timings: work is counted, results compared)."""

from __future__ import annotations

import random
from collections import Counter
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from quizlib_plugins._agreement_dates import TakenDates
from quizlib_plugins._speakers import content
from quizlib_plugins.timeline import SHUFFLE_ALL
from quizlib_plugins.who_said import RARE_AT_MOST, echoes

from quizlib import Actor, Deck, Fact, PartialDate
from quizlib.plugins import PluginHost

WORDS = ("peace", "ethnic", "cleansing", "border", "troops", "local", "operation", "talks", "deep", "regret")
ACTORS = {f"p{i}": Actor(f"p{i}", f"Anna Speaker{i}", kind="person") for i in range(12)} | {
    f"s{i}": Actor(f"s{i}", f"State{i}land", kind="institution") for i in range(4)
}


def _date(rng: random.Random) -> str:
    if rng.random() < 0.3:  # many in one year, at mixed precision: pairs that do not order
        return rng.choice(("2020", "2020-05", "2020-05-15", "2020-06-01"))
    return f"{rng.randint(1990, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _text(rng: random.Random, i: int) -> str:
    return " ".join(rng.choices(WORDS, k=5)) + f" word{i}"


def big_deck(n: int, seed: int = 0) -> Deck:
    """n facts in every section a built-in type reads."""
    rng = random.Random(seed)
    ids = list(ACTORS)
    sections: dict[str, tuple[Fact, ...]] = {
        "events": tuple(
            Fact("events", f"e{i}", {"date": _date(rng), "text": _text(rng, i)}) for i in range(n)
        ),
        "quotes": tuple(
            Fact("quotes", f"q{i}", {"text": _text(rng, i), "speaker": rng.choice(ids)}) for i in range(n)
        ),
        "figures": tuple(
            Fact("figures", f"f{i}", {"value": rng.randint(1, 10**5), "unit": "troops", "counts": f"men {i}"})
            for i in range(n)
        ),
        "agreements": tuple(
            Fact(
                "agreements",
                f"a{i}",
                {"name": f"the accord {i}", "date": _date(rng), "parties": rng.sample(ids[-4:], 2)},
            )
            for i in range(n)
        ),
        "cards": tuple(
            Fact("cards", f"c{i}", {"type": "cloze", "text": f"The {{{{State{i % 4}land}}}} agreed {i}."})
            for i in range(n)
        ),
    }
    return Deck("big", "Big", actors=ACTORS, sections=sections)


class CountingRandom(random.Random):
    """Counts the random bits drawn (a shuffle of n items draws n times)."""

    draws = 0

    def getrandbits(self, k: int) -> int:
        self.draws += 1
        return super().getrandbits(k)


def fact_reads(host: PluginHost, deck: Deck, type_name: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many times generating every question of a type reads a fact's fields or draws
    a random number."""
    reads = Counter[str]()
    get, date = Fact.get, Fact.date

    def counted_get(self: Fact, name: str, default: Any = None) -> Any:
        reads["get"] += 1
        return get(self, name, default)

    def counted_date(self: Fact, name: str = "date") -> PartialDate | None:
        reads["date"] += 1
        return date(self, name)

    qt = host.question_types[type_name]
    with monkeypatch.context() as m:
        m.setattr(Fact, "get", counted_get)
        m.setattr(Fact, "date", counted_date)
        rng = CountingRandom(1)
        for fact in deck.facts(qt.section):
            qt.generate(fact, deck, rng)
    return reads.total() + rng.draws


@pytest.mark.parametrize(
    "type_name",
    ["timeline", "date_recall", "who_said", "who_said_typed", "number_recall", "agreements", "cloze"],
)
def test_generation_reads_each_fact_a_bounded_number_of_times(
    host: PluginHost, type_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four times the facts, about four times the work: no fact scans the whole section."""
    small = fact_reads(host, big_deck(2 * SHUFFLE_ALL), type_name, monkeypatch)
    large = fact_reads(host, big_deck(8 * SHUFFLE_ALL), type_name, monkeypatch)
    assert large <= 4.4 * small, (small, large)


def test_timeline_in_a_large_section_asks_events_that_order_pairwise(host: PluginHost) -> None:
    deck = big_deck(4 * SHUFFLE_ALL)
    qt = host.question_types["timeline"]
    rng = random.Random(3)
    asked = [q for f in deck.facts("events") for q in qt.generate(f, deck, rng)]
    assert len(asked) > 0.9 * len(deck.facts("events"))  # nearly every event orders with others
    for q in asked:
        dates = [PartialDate.parse(x) for x in q.key["dates"]]
        assert len(dates) == 4 and q.key["facts"][0] != q.key["facts"][1]
        assert all(a.orders_with(b) for i, a in enumerate(dates) for b in dates[i + 1 :])


def _echoes_by_definition(fact: Fact, deck: Deck) -> list[str]:
    """The definition :func:`echoes` indexes: every other quote compared with this one."""

    def contains(words: list[str], part: list[str]) -> bool:
        return bool(part) and f" {' '.join(part)} " in f" {' '.join(words)} "

    quotes = deck.facts("quotes")
    words = {q.id: content(str(q.get("text", ""))) for q in quotes}
    mine = words.get(fact.id, content(str(fact.get("text", ""))))
    counts = Counter(p for w in words.values() for p in set(pairwise(w)))
    rare = {p for p in pairwise(mine) if counts[p] <= min(max(2, len(quotes) // 4), RARE_AT_MOST)}
    out: dict[str, None] = {}
    for other in quotes:
        who, theirs = str(other.get("speaker")), words[other.id]
        if who != fact.get("speaker") and (
            contains(theirs, mine) or contains(mine, theirs) or rare & set(pairwise(theirs))
        ):
            out[who] = None
    return list(out)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(WORDS[:5]), min_size=0, max_size=6), st.sampled_from(list(ACTORS))
        ),
        min_size=1,
        max_size=12,
    )
)
def test_echoes_agree_with_their_definition(quotes: list[tuple[list[str], str]]) -> None:
    facts = tuple(
        Fact("quotes", f"q{i}", {"text": " ".join(w), "speaker": s}) for i, (w, s) in enumerate(quotes)
    )
    deck = Deck("d", "D", actors=ACTORS, sections={"quotes": facts})
    for fact in facts:
        assert echoes(fact, deck) == _echoes_by_definition(fact, deck)


dates = st.builds(
    lambda day, cut: PartialDate.parse(day.isoformat()[:cut]),
    st.dates(min_value=PartialDate(1990).span()[0], max_value=PartialDate(2030).span()[1]),
    st.sampled_from([4, 7, 10]),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(dates, max_size=12), dates)
def test_taken_dates_index_agrees_with_ordering_every_date(
    taken: list[PartialDate], date: PartialDate
) -> None:
    assert TakenDates(taken).clear_of(date) == all(date.orders_with(t) for t in taken)
