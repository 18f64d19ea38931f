"""Building an Anki collection that holds a given synthetic history, for the benchmarks that
compare quizlib with Anki (``anki_compare.py``, ``study_scale.py``).

Anki creates the collection, the note type and the deck (FSRS on); the notes, cards and
revlog rows are then written in bulk with sqlite3 (Anki's file format), one note and one
card per benchmark card ``c``: note ``NOTE_ID0 + c`` with front ``Q{c}?`` and back ``a{c}``,
card ``CARD_ID0 + c``. The ``anki`` package is never a quizlib dependency: import this
module only where ``import anki`` works (:func:`available`).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sqlite3
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quizlib.store.records import CardRow

NOTE_ID0 = 1_000_000
CARD_ID0 = 2_000_000

#: Anki's card types and queues (its ``cards.type`` / ``cards.queue`` columns).
LEARNING, REVIEW, RELEARNING = 1, 2, 3
QUEUE_LEARNING, QUEUE_REVIEW = 1, 2

#: The largest daily review limit Anki keeps in a deck preset.
PRESET_MAX_REVIEWS = 9999

#: A memory state for cards whose FSRS state does not matter to the benchmark.
PLAIN_MEMORY = '{"s":10.2,"d":5.1,"dr":0.9,"lrt":1}'


def available() -> bool:
    """True when the ``anki`` package can be imported."""
    try:
        import anki  # noqa: F401
    except ImportError:
        return False
    return True


def version() -> str:
    """The installed Anki's version, e.g. "anki 25.9.2"."""
    from anki.buildinfo import version as number

    return f"anki {number}"


@dataclass(frozen=True)
class Layout:
    """What Anki chose when it created the collection."""

    model_id: int
    deck_id: int
    today: int  # Anki's day number (days since the collection's creation, at its rollover)


@dataclass(frozen=True)
class AnkiCard:
    """The scheduling columns of one card.

    ``due`` is a day number for review cards and a Unix time in seconds for (re)learning
    cards in the intraday learning queue, as Anki stores them.
    """

    type: int
    queue: int
    due: int
    ivl: int
    reps: int
    lapses: int
    data: str  # the card's JSON data: FSRS memory state ("s", "d"), last review ("lrt")
    left: int = 0  # learning steps left


def new_collection(
    path: Path, deck: str = "bench", *, review_limit: int | None = None, past_days: int = 0
) -> Layout:
    """An empty collection with FSRS on and ``deck`` created and selected (the deck
    ``get_queued_cards`` studies).

    Args:
        path: The collection file to create.
        deck: The deck's name.
        review_limit: Reviews a day for ``deck`` (Anki's default preset allows 200). The
            preset gets at most :data:`PRESET_MAX_REVIEWS` (Anki resets a larger value to its
            default), the deck's own limit, which overrides the preset, gets ``review_limit``.
        past_days: Dates the collection's creation this many days back, so that day numbers
            of a history that long stay positive (Anki's review dues count days from it).
    """
    from anki.collection import Collection

    col = Collection(str(path))
    try:
        col.set_config("fsrs", True)
        model = col.models.by_name("Basic")
        assert model is not None
        deck_id = col.decks.id(deck)
        assert deck_id is not None
        col.decks.select(deck_id)
        if review_limit is not None:
            conf = col.decks.config_dict_for_deck_id(deck_id)
            conf["rev"]["perDay"] = min(review_limit, PRESET_MAX_REVIEWS)
            col.decks.update_config(conf)
            record = col.decks.get(deck_id)
            assert record is not None
            record["reviewLimit"] = review_limit
            col.decks.save(record)
        today = col.sched.today
    finally:
        col.close()
    if past_days:
        with sqlite3.connect(path) as conn:
            conn.execute("update col set crt = crt - ?", (past_days * 86_400,))
    return Layout(int(model["id"]), int(deck_id), today + past_days)


def fill_collection(
    path: Path,
    layout: Layout,
    cards: Sequence[AnkiCard],
    revlog: Iterable[tuple[int, int, int, int, int]],
    stamp: int,
) -> None:
    """Write one note and one card per entry of ``cards`` (card ``c`` asks ``Q{c}?``) and
    the revlog rows (see :func:`revlog_rows`); ``stamp`` is the notes' and cards' mtime."""
    with sqlite3.connect(path) as conn:
        conn.create_collation("unicase", unicase)
        conn.execute("PRAGMA cache_size = -400000")  # the bulk load stays in memory until commit
        conn.executemany(
            "insert into notes values (?,?,?,?,-1,'',?,?,0,0,'')",
            (
                (NOTE_ID0 + c, f"g{c}", layout.model_id, stamp, f"Q{c}?\x1fa{c}", f"Q{c}?")
                for c in range(len(cards))
            ),
        )
        conn.executemany(
            "insert into cards values (?,?,?,0,?,-1,?,?,?,?,0,?,?,?,0,0,0,?)",
            (
                (
                    CARD_ID0 + c,
                    NOTE_ID0 + c,
                    layout.deck_id,
                    stamp,
                    k.type,
                    k.queue,
                    k.due,
                    k.ivl,
                    k.reps,
                    k.lapses,
                    k.left,
                    k.data,
                )
                for c, k in enumerate(cards)
            ),
        )
        # In id (time) order, as Anki appends them: random order would scatter the writes.
        conn.executemany("insert into revlog values (?,?,-1,?,10,5,0,?,?)", revlog)


def revlog_rows(
    events: Iterable[tuple[int, dt.datetime, int, int]], shift: dt.timedelta = dt.timedelta(0)
) -> list[tuple[int, int, int, int, int]]:
    """Revlog rows (id, card, ease, time, type) in id order for (card, time, rating,
    response ms) events, each time moved by ``shift``. Ids are times in ms and must be
    unique: in time order, an id already taken moves to the next free millisecond."""
    rows, seen = [], set()
    for c, when, rating, ms in events:
        kind = 1 if c in seen else 0  # 0: a learning (first) review, 1: a review
        seen.add(c)
        rows.append((int((when + shift).timestamp() * 1000), CARD_ID0 + c, rating, ms, kind))
    rows.sort()
    last = 0
    for n, (when_ms, cid, rating, ms, kind) in enumerate(rows):
        last = max(when_ms, last + 1)
        rows[n] = (last, cid, rating, ms, kind)
    return rows


def unicase(a: str, b: str) -> int:
    """Anki's collation; sqlite3 needs one by that name to write tables indexed with it."""
    return (a.lower() > b.lower()) - (a.lower() < b.lower())


#: quizlib's FSRS card states (``state`` in a card's stored state).
FSRS_LEARNING, FSRS_REVIEW = 1, 2

#: How far back a twin collection is dated (see ``past_days`` of :func:`new_collection`).
PAST_DAYS = 3650


@dataclass(frozen=True)
class Twin:
    """An Anki collection built beside a quizlib database."""

    path: Path
    deck_id: int
    counts: tuple[int, int, int]  # (new, learning, review) in its queue today


def twin_card(
    row: CardRow | None, position: int, today: int, now: dt.datetime, shift: dt.timedelta
) -> AnkiCard:
    """The Anki card in the state of quizlib's card ``row`` at ``now`` (None: never reviewed,
    a new card at ``position``), with times moved by ``shift`` and Anki's day ``today`` for
    ``now``. A card is due in Anki exactly when it is due in quizlib: (re)learning steps keep
    their time; a review due before ``now`` is due on a day up to today, one due later on a
    day after it."""
    if row is None or row.state is None or row.due is None:
        return AnkiCard(0, 0, position, 0, 0, 0, "")
    state, day = row.state, dt.timedelta(days=1)
    last = dt.datetime.fromisoformat(state["last_review"]) if state.get("last_review") else row.due
    memory: dict[str, float] = {"dr": 0.9, "lrt": int((last + shift).timestamp())}
    if state.get("stability") is not None and state.get("difficulty") is not None:
        memory |= {"s": state["stability"], "d": state["difficulty"]}
    data = json.dumps(memory, separators=(",", ":"))
    if state["state"] == FSRS_REVIEW:
        ahead = (row.due - now) / day
        due = today + (math.floor(ahead) if ahead <= 0 else max(1, math.ceil(ahead)))
        ivl = max(1, round((row.due - last) / day))
        queue = -1 if row.suspended else QUEUE_REVIEW
        return AnkiCard(REVIEW, queue, due, ivl, row.reps, row.lapses, data)
    kind = LEARNING if state["state"] == FSRS_LEARNING else RELEARNING
    queue = -1 if row.suspended else QUEUE_LEARNING
    return AnkiCard(kind, queue, int((row.due + shift).timestamp()), 0, row.reps, row.lapses, data, left=1)


def build_twin(
    path: Path,
    rows: Mapping[str, CardRow],
    cards: int,
    events: Iterable[tuple[int, dt.datetime, int, int]],
    now: dt.datetime,
) -> Twin:
    """An Anki collection (FSRS on) holding quizlib's cards ``rows`` (by question id,
    ``cards/c{n}/basic`` for n < ``cards``) in their states and the review history
    ``events``, every time moved so that quizlib's ``now`` is the present: Anki takes its
    time from the system clock. The deck's review limit is ``cards``, so no limit cuts the
    queue short."""
    from anki.collection import Collection

    present = dt.datetime.now(dt.UTC).replace(microsecond=0)
    shift = present - now
    layout = new_collection(path, review_limit=cards, past_days=PAST_DAYS)
    twins = [twin_card(rows.get(f"cards/c{c}/basic"), c, layout.today, now, shift) for c in range(cards)]
    fill_collection(path, layout, twins, revlog_rows(events, shift), int(present.timestamp()))
    col = Collection(str(path))
    try:
        if col.sched.today != layout.today:
            raise SystemExit(f"Anki's day is {col.sched.today}, cards were dated for {layout.today}")
        return Twin(path, layout.deck_id, queued_counts(col))
    finally:
        col.close()


#: The program a fresh process runs for Anki's first question: open the collection, take the
#: first queued card, render its question, print it on one line after ``QUESTION_MARK``, then
#: wait (the benchmark ends it). Run as ``python -c FIRST_QUESTION COLLECTION``.
FIRST_QUESTION = """
import sys
from anki.collection import Collection  # first: importing anki.cards first is circular
from anki.cards import Card
col = Collection(sys.argv[1])
queued = col.sched.get_queued_cards()
card = Card(col, backend_card=queued.cards[0].card)
print("ANKI-QUESTION " + card.question().replace("\\n", " "), flush=True)
sys.stdin.read()
"""
QUESTION_MARK = b"ANKI-QUESTION "


def queued_counts(col: Any) -> tuple[int, int, int]:
    """(new, learning, review) cards in the current deck's queue today."""
    queued = col.sched.get_queued_cards()
    return queued.new_count, queued.learning_count, queued.review_count


def queue_and_first_card(col: Any, deck_id: int) -> float:
    """Seconds to build the study queue of the open collection and render the first card's
    question. Anki keeps a built queue until something changes it: selecting another deck
    and back (not timed) drops it, so each call builds the queue afresh."""
    from anki.cards import Card

    col.decks.select(1)  # the default deck
    col.decks.select(deck_id)
    start = time.perf_counter()
    queued = col.sched.get_queued_cards()
    Card(col, backend_card=queued.cards[0].card).question()
    return time.perf_counter() - start


def answer_and_next(col: Any, count: int) -> list[float]:
    """Seconds, per answer, to answer the first queued card Good (Anki commits it) and show
    the next card's question: what quizlib's "answer + next question" times."""
    from anki.cards import Card
    from anki.scheduler.v3 import CardAnswer

    sched = col.sched
    queued = sched.get_queued_cards()
    out = []
    for _ in range(count):
        if not queued.cards:
            break
        top = queued.cards[0]
        card = Card(col, backend_card=top.card)
        card.start_timer()
        start = time.perf_counter()
        sched.answer_card(sched.build_answer(card=card, states=top.states, rating=CardAnswer.GOOD))
        queued = sched.get_queued_cards()
        if queued.cards:
            Card(col, backend_card=queued.cards[0].card).question()
        out.append(time.perf_counter() - start)
    return out
