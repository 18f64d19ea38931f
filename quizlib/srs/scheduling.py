"""FSRS scheduling; the only module that imports ``fsrs``.

Card states are stored as ``fsrs.Card.to_dict()`` JSON. Interval fuzz is seeded per card
and review so that the same history always gives the same schedule.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from typing import Any

import fsrs

from quizlib.fastdataclass import dataclass
from quizlib.model import Deck, Rating

State = dict[str, Any]


@dataclass(frozen=True)
class SchedulerSettings:
    """FSRS settings, per deck (``deck.settings``) or global.

    Attributes:
        retention: Desired retention (probability of recall when a card is due).
        learning_steps: Steps for new cards, in minutes.
        relearning_steps: Steps after a lapse, in minutes.
        max_interval: Longest interval in days.
        learn_ahead: Minutes a (re)learning step may be taken before it is due (Anki's
            learn-ahead limit), so a session need not end 3 minutes before a step.
        parameters: FSRS parameters (None for the defaults).
    """

    retention: float = 0.9
    learning_steps: tuple[int, ...] = (1, 10)
    relearning_steps: tuple[int, ...] = (10,)
    max_interval: int = 36500
    learn_ahead: int = 20
    parameters: tuple[float, ...] | None = None

    @classmethod
    def from_deck(cls, deck: Deck, parameters: Sequence[float] | None = None) -> SchedulerSettings:
        """Settings from a deck's ``settings`` mapping, defaults elsewhere."""
        s = deck.settings
        return cls(
            retention=float(s.get("retention", 0.9)),
            learning_steps=tuple(s.get("learning_steps", (1, 10))),
            relearning_steps=tuple(s.get("relearning_steps", (10,))),
            max_interval=int(s.get("max_interval", 36500)),
            learn_ahead=int(s.get("learn_ahead", 20)),
            parameters=tuple(parameters) if parameters else None,
        )


def card_number(key: str) -> int:
    """A stable integer id for fsrs from a card key."""
    import hashlib  # loads OpenSSL: only once a card is scheduled, not at start

    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:6], "big")


class Scheduling:
    """Review and preview cards with one set of settings."""

    def __init__(self, settings: SchedulerSettings = SchedulerSettings()) -> None:
        kwargs: dict[str, Any] = {
            "desired_retention": settings.retention,
            "learning_steps": tuple(dt.timedelta(minutes=m) for m in settings.learning_steps),
            "relearning_steps": tuple(dt.timedelta(minutes=m) for m in settings.relearning_steps),
            "maximum_interval": settings.max_interval,
        }
        if settings.parameters:
            kwargs["parameters"] = settings.parameters
        self.settings = settings
        self._scheduler = fsrs.Scheduler(**kwargs)

    def _card(self, state: Mapping[str, Any] | None, key: str) -> fsrs.Card:
        if state is None:
            return fsrs.Card(card_id=card_number(key))
        return fsrs.Card.from_dict(dict(state))  # type: ignore[arg-type]

    def _reviews(
        self, state: Mapping[str, Any] | None, ratings: Sequence[Rating], now: dt.datetime, key: str
    ) -> dict[Rating, State]:
        """The card's state after a review at ``now`` with each of ``ratings`` (unclamped)."""
        card = self._card(state, key)  # review_card copies it: one parse serves every rating
        stamp = card.last_review.isoformat() if card.last_review else ""
        # fsrs draws its fuzz from the global random module: seed it for each review and
        # restore it afterwards, so schedules are reproducible and nobody else's randomness changes.
        saved = random.getstate()
        try:
            out = {}
            for rating in ratings:
                random.seed(f"{key}|{stamp}|{int(rating)}")
                new, _ = self._scheduler.review_card(card, fsrs.Rating(int(rating)), now)
                out[rating] = dict(new.to_dict())
        finally:
            random.setstate(saved)
        return out

    def outcomes(self, state: Mapping[str, Any] | None, now: dt.datetime, key: str) -> dict[Rating, State]:
        """The card's state after a review at ``now`` with each rating.

        Each rating's interval is fuzzed independently, so fuzz alone could put Hard after
        Good (28 days against 27) or Good after Easy. The due times are therefore made
        monotone: Hard is never later than Good, Easy never earlier than Good, Again never
        later than Hard. Good keeps its own interval, the one FSRS aims at the desired
        retention with.
        """
        out = self._reviews(state, tuple(Rating), now, key)
        _make_monotone(out)
        return out

    def review(self, state: Mapping[str, Any] | None, rating: Rating, now: dt.datetime, key: str) -> State:
        """The card's state after a review with ``rating`` at ``now``: the state
        :meth:`preview` showed for that rating."""
        # Only the outcomes the rating's clamp reads are computed (a replay of a long log
        # reviews every card this way): Good alone for Good, with Hard for Again.
        out = self._reviews(state, _CLAMPED_BY[rating], now, key)
        _make_monotone(out)
        return out[rating]

    def preview(
        self, state: Mapping[str, Any] | None, now: dt.datetime, key: str
    ) -> dict[Rating, dt.timedelta]:
        """The next interval for each rating; Again <= Hard <= Good <= Easy."""
        return {rating: due_of(after) - now for rating, after in self.outcomes(state, now, key).items()}

    def retrievability(self, state: Mapping[str, Any] | None, now: dt.datetime) -> float:
        """Probability of recall now (0 for a new card)."""
        if state is None:
            return 0.0
        return float(self._scheduler.get_card_retrievability(fsrs.Card.from_dict(dict(state)), now))  # type: ignore[arg-type]


#: The outcomes each rating's due time is clamped by (itself first), see Scheduling.outcomes.
_CLAMPED_BY: dict[Rating, tuple[Rating, ...]] = {
    Rating.AGAIN: (Rating.AGAIN, Rating.HARD, Rating.GOOD),
    Rating.HARD: (Rating.HARD, Rating.GOOD),
    Rating.GOOD: (Rating.GOOD,),
    Rating.EASY: (Rating.EASY, Rating.GOOD),
}


def _make_monotone(out: dict[Rating, State]) -> None:
    """Clamp the due times of the outcomes given (Good among them): Hard never later than
    Good, Easy never earlier than Good, Again never later than Hard."""
    due = {rating: due_of(after) for rating, after in out.items()}
    good = due[Rating.GOOD]
    if Rating.HARD in due:
        due[Rating.HARD] = min(due[Rating.HARD], good)
    if Rating.EASY in due:
        due[Rating.EASY] = max(due[Rating.EASY], good)
    if Rating.AGAIN in due:
        due[Rating.AGAIN] = min(due[Rating.AGAIN], due[Rating.HARD])
    for rating, after in out.items():
        if due[rating] != due_of(after):
            after["due"] = due[rating].isoformat()


def due_of(state: Mapping[str, Any]) -> dt.datetime:
    """When a card state is due."""
    return dt.datetime.fromisoformat(str(state["due"]))


def is_review_state(state: Mapping[str, Any] | None) -> bool:
    """True when the card has graduated from (re)learning."""
    return state is not None and int(state["state"]) == int(fsrs.State.Review)
