"""A session reads its due cards a page at a time: the same questions in the same order as a
list of every due card would give, one question per fact across pages, and counts that are
exact within one page and an upper bound that settles as pages are read."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_engine import FakeClock
from test_study_days import answer

from quizlib import Rating, load_deck
from quizlib.model import Deck
from quizlib.plugins import PluginHost
from quizlib.store.store import REVIEW_STATE, CardRow, Store
from quizlib.study import due_pages
from quizlib.study.due_pages import DuePages
from quizlib.study.session import Session, SessionOptions
from quizlib.study.waiting import Deferred, Entry

T0 = dt.datetime(2024, 1, 15, 9, 0, tzinfo=dt.UTC)


def deck_text(clozes: int, basics: int) -> str:
    lines = ["quizlib: 1", "deck: {id: paged, title: Paged, settings: {new_per_day: 500}}", "cards:"]
    # two gaps: two questions of one fact, of which a study day asks one
    lines += [
        f'  - {{id: z{i}, type: cloze, text: "{{{{Alpha{i}}}}} before {{{{Omega{i}}}}}"}}'
        for i in range(clozes)
    ]
    lines += [f"  - {{id: b{i}, type: basic, front: 'B{i}?', back: b{i}}}" for i in range(basics)]
    return "\n".join(lines) + "\n"


@pytest.fixture
def deck(write_deck: Callable[..., Path], host: PluginHost) -> Deck:
    return load_deck(write_deck(deck_text(40, 30)), sections=host.sections, cache_dir=None)


def study_day(store: Store, deck: Deck, host: PluginHost, day: int) -> list[tuple[str, str]]:
    """One day's session (some answers failed, so steps and lapses occur): what was asked,
    as what kind."""
    clock = FakeClock(T0 + dt.timedelta(days=day * 9))
    session = Session.start(
        store, [deck], host, clock=clock, rng=random.Random(day), options=SessionOptions(), tz=dt.UTC
    )
    asked: list[tuple[str, str]] = []
    while session.current is not None:
        kind = session.kinds.get(session.current.id, "")
        asked.append((answer(session, Rating.AGAIN if len(asked) % 7 == 3 else Rating.GOOD), kind))
        clock.now += dt.timedelta(minutes=3)
    return asked


def test_pages_ask_what_one_list_asks(
    tmp_path: Path, deck: Deck, host: PluginHost, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(tmp_path / "history.db") as store:
        for day in range(4):
            study_day(store, deck, host, day)
    for day in (4, 5):
        runs = {}
        for page in (due_pages.PAGE, 3):
            copy = tmp_path / f"day{day}-{page}.db"
            copy.write_bytes((tmp_path / "history.db").read_bytes())
            monkeypatch.setattr(due_pages, "PAGE", page)
            with Store.open(copy) as store:
                ends = T0 + dt.timedelta(days=day * 9 + 1)
                due_facts = {qid.split("/")[1] for qid in store.due_ids(deck.id, ends)}
                runs[page] = study_day(store, deck, host, day)
        whole, paged = runs[due_pages.PAGE], runs[3]
        due = [qid for qid, kind in whole if kind == "due"]
        assert len(due) > 20  # several pages
        assert [qid for qid, kind in paged if kind == "due"] == due  # the same, in the same order
        # every new question the day offers (the budget is large): the same ones, in an order
        # that may differ (which facts are drawn first depends on what was read when)
        new = {qid for qid, kind in whole if kind == "new"}
        assert new and {qid for qid, kind in paged if kind == "new"} == new
        assert not {qid.split("/")[1] for qid in new} & due_facts  # a due card claims its fact
        facts = [qid.split("/")[1] for qid, kind in paged if kind != "learning"]
        assert len(facts) == len(set(facts))  # one question per fact, across pages


def test_counts_are_an_upper_bound_that_settles(
    tmp_path: Path, deck: Deck, host: PluginHost, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock(T0)
    with Store.open(tmp_path / "q.db") as store:
        first = Session.start(store, [deck], host, clock=clock, rng=random.Random(1), tz=dt.UTC)
        while first.current is not None:
            answer(first)
            clock.now += dt.timedelta(minutes=1)
        clock.now = T0 + dt.timedelta(days=200)  # every card due
        exact = Session.start(store, [deck], host, clock=clock, rng=random.Random(1), tz=dt.UTC)
        monkeypatch.setattr(due_pages, "PAGE", 4)
        paged = Session.start(store, [deck], host, clock=clock, rng=random.Random(1), tz=dt.UTC)
        assert paged.progress().due >= exact.progress().due and paged.total >= exact.total
        # a session ended before its due cards: they are due now, not "none scheduled"
        summary = exact.summary()
        assert summary.next_due is not None and summary.next_due <= clock.now
        assert summary.due_tomorrow >= exact.total
        totals, asked = [], 0
        while paged.current is not None:
            totals.append(paged.total)
            asked += 1
            answer(paged)
        assert totals == sorted(totals, reverse=True)  # never grows
        assert paged.total == asked == exact.total  # settled: what was asked


def put_due(store: Store, ids: list[str]) -> None:
    for n, qid in enumerate(ids):
        due = T0 - dt.timedelta(hours=len(ids) - n)
        store.put_card(
            CardRow(
                "d", qid, {"state": REVIEW_STATE, "due": due.isoformat()}, due, 1, 0, False, None, False, ""
            )
        )


def test_pages_read_as_reached_and_counted_from_one_count(store: Store) -> None:
    ids = [f"s/f{n}/t" for n in range(50)]
    put_due(store, ids)
    ends = T0 + dt.timedelta(hours=12)
    reads: list[int] = []

    def read(after: tuple[str, int] | None, size: int) -> list[tuple[str, str, int]]:
        rows = store.due_page("d", T0, review_until=ends, after=after, size=size)
        reads.append(len(rows))
        return rows

    def accept(qid: str) -> Entry | None:
        n = int(qid.split("/")[1][1:])
        return None if n % 5 == 0 else Deferred(qid, qid.rsplit("/", 1)[0], lambda _: None)

    pages = DuePages(read, lambda: store.due_total("d", T0, review_until=ends), accept, page=8)
    assert reads == [8] and len(pages) == 6 + 42  # one page read, the rest counted
    got = []
    while (head := pages.head()) is not None:
        got.append((head.rank, pages.popleft().id))
    assert got == [(n, qid) for n, qid in enumerate(ids) if n % 5 != 0]
    # 10 not asked: 2 in the first page (never counted), 8 counted at the start
    assert len(pages) == 0 and pages.shrunk == 8 and sum(reads) == 50


@given(
    n=st.integers(0, 60),
    page=st.integers(1, 12),
    rejected=st.sets(st.integers(0, 59)),
    taken_at=st.lists(st.integers(0, 59), max_size=5),
)
def test_any_page_size_gives_the_filtered_list(
    n: int, page: int, rejected: set[int], taken_at: list[int]
) -> None:
    rows = [(f"s/f{i}/t", f"{i:04d}", i) for i in range(n)]

    def read(after: tuple[str, int] | None, size: int) -> list[tuple[str, str, int]]:
        start = 0 if after is None else next(i for i, r in enumerate(rows) if (r[1], r[2]) == after) + 1
        return rows[start : start + size]

    def accept(qid: str) -> Entry | None:
        return (
            None
            if int(qid.split("/")[1][1:]) in rejected
            else Deferred(qid, qid.rsplit("/", 1)[0], lambda _: None)
        )

    pages = DuePages(read, lambda: len(rows), accept, page=page)
    sizes = [len(pages)]
    got: list[str] = []
    buried: list[str] = []
    while pages.head() is not None:
        if len(got) in taken_at:  # a sibling buried: taken out of what is read already
            taken_at.remove(len(got))
            buried += [e.id for e in pages.take_fact(pages.head().entry.sibling_key)]  # type: ignore[union-attr]
            continue
        got.append(pages.popleft().id)
        sizes.append(len(pages))
    assert got == sorted(got, key=lambda q: int(q.split("/")[1][1:]))  # due order kept
    assert set(got) | set(buried) == {r[0] for r in rows if int(r[0].split("/")[1][1:]) not in rejected}
    assert sizes == sorted(sizes, reverse=True) and len(pages) == 0  # never grows; ends at 0
    assert pages.shrunk == sizes[0] - len(got) - len(buried)
