"""Devices for the sync tests: a review database, a study session on a small deck, a clock."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quizlib import Rating, load_deck
from quizlib.exchange.sync import SyncReport, sync
from quizlib.exchange.syncfile import own_name
from quizlib.model import Deck
from quizlib.plugins import PluginHost
from quizlib.srs.replay import remember_decks
from quizlib.store import syncstate
from quizlib.store.store import Store
from quizlib.study.session import Session, SessionOptions

START = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)
DECK_TEXT = """\
quizlib: 1
deck: {id: syn, title: Sync, settings: {new_per_day: 50}}
cards:
""" + "".join(f"  - {{id: q{i}, type: basic, front: Q{i}?, back: a{i}}}\n" for i in range(5))


def write_deck(folder: Path) -> Path:
    """The small deck every device studies."""
    path = folder / "syn.yaml"
    path.write_text(DECK_TEXT, encoding="utf-8")
    return path


def load(path: Path, host: PluginHost) -> Deck:
    """The deck, parsed."""
    return load_deck(path, sections=host.sections, cache_dir=None)


@dataclass
class Device:
    """One database studying the deck; ``now`` is its clock (tests move it)."""

    store: Store
    deck: Deck
    host: PluginHost
    now: dt.datetime = START
    seed: int = 0
    ticks: int = 0
    session: Session | None = field(default=None, repr=False)

    def clock(self) -> dt.datetime:
        """``now``, a microsecond later at each reading (as a real clock; two devices' readings
        can still be the same instant)."""
        self.ticks += 1
        return self.now + dt.timedelta(microseconds=self.ticks)

    def _session(self) -> Session | None:
        if self.session is None or self.session.current is None:
            self.seed += 1
            self.session = Session.start(
                self.store,
                [self.deck],
                self.host,
                clock=self.clock,
                rng=random.Random(self.seed),
                options=SessionOptions(),
                tz=dt.UTC,
            )
        return self.session if self.session.current is not None else None

    def start(self) -> None:
        """Open a session (its queue is built now) if none is open."""
        self._session()

    def answer(self, rating: Rating) -> bool:
        """Answer the current question (False: nothing to study)."""
        session = self._session()
        if session is None:
            return False
        session.submit("x")
        session.commit(rating)
        return True

    def undo(self) -> bool:
        """Take back the last answer of the current session (False: none)."""
        return self.session is not None and self.session.undo() is not None

    def suspend(self) -> bool:
        """Suspend the current question."""
        session = self._session()
        if session is None:
            return False
        session.suspend()
        return True

    def bury(self) -> bool:
        """Bury the current question (and its siblings)."""
        session = self._session()
        if session is None:
            return False
        session.bury()
        return True

    def sync(self, folder: Path) -> SyncReport:
        """Sync through ``folder``; the session is started afresh next time (as after a CLI sync)."""
        self.session = None
        remember_decks(self.store, [self.deck])  # as `study --sync` does
        return sync(self.store, folder, self.now)


def log_of(store: Store) -> set[tuple[Any, ...]]:
    """The review log as comparable values (what travels: not row ids, states or origins)."""
    return {
        (r.uuid, r.deck_id, r.question_id, r.type, r.reviewed_at, r.rating, r.answer, r.score, r.cram)
        for r in store.reviews()
    }


def cards_of(store: Store) -> dict[tuple[str, str], tuple[Any, ...]]:
    """Every card's schedule and flags (a row never reviewed and with no flag counts as none)."""
    out = {}
    for c in store.all_cards():
        if c.state is None and not (c.suspended or c.buried_until or c.leech):
            continue
        flags = (c.suspended, c.buried_until, c.leech)
        out[(c.deck_id, c.question_id)] = (c.state, c.due, c.reps, c.lapses, *flags)
    return out


MakeDevice = Callable[[str], Device]


def converge(folder: Path, *devices: Device) -> None:
    """Sync every device twice: afterwards each has everything the others had."""
    for _ in range(2):
        for d in devices:
            assert sync(d.store, folder, d.now).problems == []


def assert_same(*devices: Device) -> None:
    first = devices[0]
    for other in devices[1:]:
        assert log_of(other.store) == log_of(first.store)
        assert cards_of(other.store) == cards_of(first.store)


def own_file(folder: Path, d: Device) -> Path:
    return folder / own_name(syncstate.device_id(d.store))
