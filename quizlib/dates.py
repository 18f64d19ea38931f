"""Partial dates: a year, a month or a day, compared as spans of time."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import IntEnum

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

#: English month names, index 1-12 (as ``calendar.month_name`` in the default C locale;
#: written out so that dates do not import ``calendar`` and ``locale`` on every start).
MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def days_in_month(year: int, month: int) -> int:
    """How many days ``month`` (1-12) of ``year`` has (``calendar.monthrange(y, m)[1]``)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


class Precision(IntEnum):
    """How much of a date is known."""

    YEAR = 1
    MONTH = 2
    DAY = 3


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day.

    Two partial dates *order* only when their spans do not overlap: ``2020-11`` and
    ``2020-11-10`` do not order, ``2020-11`` and ``2020-12-01`` do.

    Attributes:
        year: The year.
        month: The month 1-12, or None.
        day: The day of the month, or None (only with a month).
    """

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

        Raises:
            ValueError: When the text is not such a date or the date does not exist.
        """
        m = _DATE_RE.match(text.strip())
        if not m:
            # A year before AD 1 is written many ways ("-585", "585 BC"); none is a date here.
            bc = re.search(r"^\s*-\d|\bB\.?C\.?(?:E\.?)?(?!\w)", text, re.IGNORECASE)
            extra = "years before AD 1 are not supported; " if bc else ""
            raise ValueError(f"not a date: {text!r} ({extra}use YYYY, YYYY-MM or YYYY-MM-DD)")
        year = int(m.group(1))
        if year < 1:
            raise ValueError(f"no year 0: {text!r} (the calendar goes from 1 BC to AD 1)")
        month = int(m.group(2)) if m.group(2) else None
        day = int(m.group(3)) if m.group(3) else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"no such month: {text!r}")
        if day is not None and month is not None:
            last = days_in_month(year, month)
            if not 1 <= day <= last:
                raise ValueError(f"no such day: {text!r} ({MONTH_NAMES[month]} {year} has {last} days)")
        return cls(year, month, day)

    @property
    def precision(self) -> Precision:
        """Whether the year, the month or the day is known."""
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def span(self) -> tuple[dt.date, dt.date]:
        """The first and last calendar day the date may stand for."""
        if self.month is None:
            return dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        if self.day is None:
            last = days_in_month(self.year, self.month)
            return dt.date(self.year, self.month, 1), dt.date(self.year, self.month, last)
        day = dt.date(self.year, self.month, self.day)
        return day, day

    def strictly_before(self, other: PartialDate) -> bool:
        """True when every day this date may stand for precedes every day of ``other``."""
        return self.span()[1] < other.span()[0]

    def orders_with(self, other: PartialDate) -> bool:
        """True when the two dates can be put in a definite order."""
        return self.strictly_before(other) or other.strictly_before(self)

    def iso(self) -> str:
        """The date as written in decks: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def human(self) -> str:
        """The date for people: ``2023``, ``December 2022``, ``19 September 2023``; a year
        under 100 with its era (``AD 47``), so that it reads, and is typed, as a year."""
        year = f"AD {self.year}" if self.year < 100 else str(self.year)
        if self.month is None:
            return year
        if self.day is None:
            return f"{MONTH_NAMES[self.month]} {year}"
        return f"{self.day} {MONTH_NAMES[self.month]} {year}"

    def __str__(self) -> str:
        return self.iso()
