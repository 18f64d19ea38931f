"""The parse cache builds a deck's facts when they are read: the same deck, the same sessions,
only the facts a session asks about built, and a damaged file rebuilt from the YAML."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_due_pages import T0, deck_text, study_day
from test_engine import FakeClock

from quizlib import PromptKind, Rating, load_deck
from quizlib.deckfile.cache import LazyFacts, LazySections, read_cache, section_facts, write_cache
from quizlib.deckfile.load import resolve_deck
from quizlib.model import Citation, Conflict, Deck, Fact
from quizlib.plugins import PluginHost
from quizlib.store.store import Store
from quizlib.study.session import Session, SessionOptions


def cached(path: Path, host: PluginHost, cache: Path) -> Deck:
    load_deck(path, sections=host.sections, cache_dir=cache)  # writes the cache
    deck = load_deck(path, sections=host.sections, cache_dir=cache)
    assert isinstance(deck.sections, LazySections)
    return deck


def reply(session: Session, rating: Rating) -> str:
    """A well-formed response of the current question's kind, saved as ``rating``."""
    q = session.current
    assert q is not None
    kind = q.prompt.kind
    response: object = ""
    if kind is PromptKind.CHOICE:
        response = 0
    elif kind is PromptKind.MULTI:
        response = (0,)
    elif kind is PromptKind.ORDER:
        response = tuple(range(len(q.prompt.items)))
    elif kind is not PromptKind.REVEAL:
        response = {PromptKind.NUMBER: "5", PromptKind.DATE: "2020"}.get(kind, "x")
    session.submit(response)  # type: ignore[arg-type]
    session.commit(rating)
    return q.id


def test_a_cached_deck_studies_like_the_parsed_one(tmp_path: Path, host: PluginHost) -> None:
    path = resolve_deck("karabakh")  # every built-in type, who-said pools, timelines
    parsed = load_deck(path, sections=host.sections, cache_dir=None)
    lazy = cached(path, host, tmp_path / "cache")
    runs = []
    for name, deck in (("parsed", parsed), ("cached", lazy)):
        asked = []
        with Store.open(tmp_path / f"{name}.db") as store:
            for day in range(3):
                clock = FakeClock(T0 + dt.timedelta(days=day * 5))
                session = Session.start(
                    store,
                    [deck],
                    host,
                    clock=clock,
                    rng=random.Random(day),
                    options=SessionOptions(),
                    tz=dt.UTC,
                )
                while session.current is not None:
                    asked.append(reply(session, Rating.AGAIN if len(asked) % 5 == 2 else Rating.GOOD))
                    clock.now += dt.timedelta(minutes=2)
        runs.append(asked)
    assert len(runs[0]) > 40 and runs[0] == runs[1]
    assert lazy == parsed  # reading every section builds the same deck


def test_a_session_builds_only_the_facts_it_asks_about(
    tmp_path: Path, write_deck: Callable[..., Path], host: PluginHost
) -> None:
    text = deck_text(0, 400).replace("new_per_day: 500", "new_per_day: 10")
    deck = cached(write_deck(text), host, tmp_path / "cache")
    view = section_facts(deck, "cards")
    assert isinstance(view, LazyFacts) and view.built == 0
    with Store.open(tmp_path / "q.db") as store:
        for day in range(3):
            asked = study_day(store, deck, host, day)
            assert asked
    assert 0 < view.built < 100  # of 400: the drawn ones, not the section
    assert len(deck.facts("cards")) == 400 and view.built == 400


def test_a_damaged_cache_file_is_rebuilt(
    tmp_path: Path, write_deck: Callable[..., Path], host: PluginHost
) -> None:
    path = write_deck(deck_text(2, 5))
    parsed = load_deck(path, sections=host.sections, cache_dir=None)
    cache = tmp_path / "cache"
    cached(path, host, cache)
    (file,) = cache.glob("*.json")
    assert file.stat().st_mode & 0o077 == 0  # private to its owner
    good = file.read_bytes()
    damages = [
        good.replace(b"B3?", b"B4?"),  # still JSON, wrong content: the checksum tells
        good[: len(good) // 2],  # truncated
        good.replace(b"\n", b"\n\n", 2),  # lines shifted
        b"{not json",
        b"",
    ]
    for damaged in damages:
        file.write_bytes(damaged)
        assert load_deck(path, sections=host.sections, cache_dir=cache) == parsed
        assert file.read_bytes() == good  # rewritten


@st.composite
def facts(draw: st.DrawFn) -> list[Fact]:
    ids = draw(st.lists(st.text("abc123-", min_size=1, max_size=6), unique=True, max_size=30))
    text = st.text(max_size=8)
    cite = st.builds(Citation, st.sampled_from(["s1", "s2"]), st.sampled_from(["", "p1", "p2"]))
    return [
        Fact(
            section="notes",
            id=i,
            data=draw(st.dictionaries(st.sampled_from(["front", "back", "n"]), text | st.integers())),
            sources=tuple(draw(st.lists(cite, max_size=2))),
            tags=tuple(draw(st.lists(text, max_size=2))),
            conflicts=tuple(
                draw(st.lists(st.builds(Conflict, text, text, st.tuples(cite), text), max_size=1))
            ),
            note=draw(text),
            review=draw(st.booleans()),
            line=n + 1,
        )
        for n, i in enumerate(ids)
    ]


@pytest.mark.parametrize("sections", [{}, {"empty": ()}])
def test_a_deck_without_facts_is_cached_too(tmp_path: Path, sections: dict[str, tuple[Fact, ...]]) -> None:
    deck = Deck(id="d", title="D", sections=sections)
    write_cache(tmp_path / "deck.json", deck, [])
    found = read_cache(tmp_path / "deck.json", "")
    assert found is not None and found[0] == deck


@given(facts(), st.lists(st.tuples(st.sampled_from(["at", "get", "has", "all"]), st.integers(0, 40))))
def test_facts_read_in_any_order_are_the_deck_s_facts(
    deck_facts: list[Fact], reads: list[tuple[str, int]]
) -> None:
    deck = Deck(id="d", title="D", sections={"notes": tuple(deck_facts), "empty": ()})
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "deck.json"
        write_cache(file, deck, [])
        found = read_cache(file, "")
    assert found is not None
    lazy = found[0]
    view = section_facts(lazy, "notes")
    assert isinstance(view, LazyFacts) and len(view) == len(deck_facts)
    seen: dict[int, Fact] = {}
    for op, n in reads:
        i = n % len(deck_facts) if deck_facts else 0
        if op == "all":
            assert lazy.facts("notes") == tuple(deck_facts)
        elif not deck_facts:
            assert view.get(str(n)) is None and not view.has(str(n))
        elif op == "at":
            seen.setdefault(i, view[i])
            assert view[i] is seen[i] and dataclasses.astuple(view[i]) == dataclasses.astuple(deck_facts[i])
        else:
            fact_id = deck_facts[i].id
            assert view.has(fact_id) and not view.has(fact_id + "?")
            if op == "get":
                seen.setdefault(i, view[i])
                assert view.get(fact_id) is seen[i]
    assert lazy.facts("notes") == tuple(deck_facts) and lazy.facts("empty") == ()
    assert all(lazy.facts("notes")[i] is fact for i, fact in seen.items())  # built once
    assert lazy == deck
