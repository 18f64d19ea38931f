"""Time: an injectable clock, the ``QUIZLIB_NOW`` override, and Anki-style local days."""

from __future__ import annotations

import datetime as dt
import functools
import os
import zoneinfo
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


def local_zone(environ: Mapping[str, str] | None = None) -> dt.tzinfo:
    """The learner's time zone: ``TZ`` when it names a zone, else the system's, else UTC.

    A named zone (not just today's UTC offset) is what makes the 4:00 rollover stay at 4:00
    local time across a daylight-saving change.
    """
    env = os.environ if environ is None else environ
    name = (env.get("TZ") or "").lstrip(":")
    if name:
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass  # a POSIX rule string such as "EST5EDT,M3.2.0,M11.1.0": use the system's zone
    return _system_zone()


@functools.cache
def _system_zone() -> dt.tzinfo:
    # Read once: statistics ask for the zone of every review.
    try:
        with open("/etc/localtime", "rb") as f:
            return zoneinfo.ZoneInfo.from_file(f, key="localtime")
    except (OSError, ValueError):
        return dt.UTC


def _zone(tz: dt.tzinfo | None) -> dt.tzinfo:
    return local_zone() if tz is None else tz


def local_day(now: dt.datetime, rollover_hour: int = ROLLOVER_HOUR, tz: dt.tzinfo | None = None) -> dt.date:
    """The learner's "today": the local date, where a day starts at ``rollover_hour`` (like Anki).

    Args:
        now: An aware datetime.
        rollover_hour: The local hour at which a study day begins.
        tz: The learner's zone (None: :func:`local_zone`).
    """
    local = now.astimezone(_zone(tz))
    # Wall-clock arithmetic on the local time: 02:30 belongs to the previous day, whatever
    # the UTC offset is tonight.
    return local.date() - dt.timedelta(days=1) if local.hour < rollover_hour else local.date()


def day_start(day: dt.date, rollover_hour: int = ROLLOVER_HOUR, tz: dt.tzinfo | None = None) -> dt.datetime:
    """When study day ``day`` begins (``rollover_hour`` local time on that date), in UTC."""
    local = dt.datetime.combine(day, dt.time(rollover_hour), tzinfo=_zone(tz))
    return local.astimezone(dt.UTC)


def this_day_start(
    now: dt.datetime, rollover_hour: int = ROLLOVER_HOUR, tz: dt.tzinfo | None = None
) -> dt.datetime:
    """When the study day of ``now`` began, in UTC (23 or 25 hours after the previous one
    across a daylight-saving change)."""
    zone = _zone(tz)
    return day_start(local_day(now, rollover_hour, zone), rollover_hour, zone)


def next_day_start(
    now: dt.datetime, rollover_hour: int = ROLLOVER_HOUR, tz: dt.tzinfo | None = None
) -> dt.datetime:
    """When the next study day begins, in UTC: ``rollover_hour`` local time on the calendar
    of that day, so 4:00 stays 4:00 across a daylight-saving change."""
    zone = _zone(tz)
    return day_start(local_day(now, rollover_hour, zone) + dt.timedelta(days=1), rollover_hour, zone)
