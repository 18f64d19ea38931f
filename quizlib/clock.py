"""Time: an injectable clock, the ``QUIZLIB_NOW`` override, and Anki-style local days."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping

from quizlib.errors import UsageError

#: A clock returns the current time as an aware UTC datetime.
Clock = Callable[[], dt.datetime]

ROLLOVER_HOUR = 4


def parse_now(text: str) -> dt.datetime:
    """Parse an ISO datetime; a naive one is taken as UTC.

    Raises:
        UsageError: When the text is not an ISO datetime.
    """
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            f"QUIZLIB_NOW={text!r} is not an ISO datetime such as 2024-01-15T09:00:00+00:00"
        ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def system_clock(environ: Mapping[str, str] | None = None) -> Clock:
    """The real clock, or a fixed one when ``QUIZLIB_NOW`` is set."""
    env = os.environ if environ is None else environ
    fixed = env.get("QUIZLIB_NOW")
    if fixed:
        moment = parse_now(fixed)
        return lambda: moment
    return lambda: dt.datetime.now(dt.UTC)


def local_day(now: dt.datetime, rollover_hour: int = ROLLOVER_HOUR, tz: dt.tzinfo | None = None) -> dt.date:
    """The learner's "today": local date, where a day starts at ``rollover_hour`` (like Anki)."""
    local = now.astimezone(tz)
    return (local - dt.timedelta(hours=rollover_hour)).date()


def next_day_start(
    now: dt.datetime, rollover_hour: int = ROLLOVER_HOUR, tz: dt.tzinfo | None = None
) -> dt.datetime:
    """When the next local day begins, in UTC."""
    today = local_day(now, rollover_hour, tz)
    local_tz = now.astimezone(tz).tzinfo
    start = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(rollover_hour), tzinfo=local_tz)
    return start.astimezone(dt.UTC)
