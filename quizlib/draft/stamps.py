"""The publication date on an article's header line, written in more ways than prose writes dates."""

from __future__ import annotations

import calendar
import contextlib
import re

from quizlib.dates import PartialDate
from quizlib.draft.dates import _YEAR, MONTHS, _date, find_dates

# A header writes dates in more ways than prose does: "2024-07-08", "Mon, Jul 8 2024", "8 Jun 2024".
_ISO_DAY = re.compile(rf"\b({_YEAR})-(\d\d)-(\d\d)(?!\d)")  # "2024-07-08T10:15:00Z" too
_SHORT = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
_SHORT_MONTH = re.compile(
    rf"\b(?:(?P<before>{_SHORT})\.?(?= \d)|(?<=\d )(?P<after>{_SHORT})\.?(?= {_YEAR}))\b"
)
_SHORT_NUMBER = {name[:3]: number for name, number in MONTHS.items()} | {"Sept": 9}


def header_date(line: str) -> PartialDate | None:
    """The full date (day, month and year) on an article's header line ("The Washington
    Post, March 18, 2015", "Published Mon, Jul 8 2024", "2024-07-08"), else None."""
    iso = _ISO_DAY.search(line)
    if iso:
        with contextlib.suppress(ValueError):
            return _date(int(iso[1]), int(iso[2]), int(iso[3]))
    line = _SHORT_MONTH.sub(lambda m: calendar.month_name[_SHORT_NUMBER[m["before"] or m["after"]]], line)
    full = [m.date for m in find_dates(line, None) if m.date.day is not None]
    return full[0] if full else None
