"""Numbers and dates typed as students write them in other countries and in a hurry."""

from __future__ import annotations

import pytest

from quizlib import AnswerError, PartialDate, grade_date, parse_date_answer, parse_number


@pytest.mark.parametrize(
    ("typed", "value"),
    [("1,5", 1.5), ("18,25", 18.25), ("1,5 million", 1_500_000), ("3,2%", 3.2), ("1,500", 1500),
     ("2,000,000", 2_000_000), ("12,5k", 12_500)],
)  # fmt: skip
def test_a_decimal_comma_is_read_as_a_decimal_and_a_thousands_comma_as_thousands(
    typed: str, value: float
) -> None:
    """A comma before one or two digits is a decimal comma, before three a thousands one."""
    assert parse_number(typed) == pytest.approx(value)


def test_a_numeric_month_and_year_is_a_month_and_a_two_digit_year_asks_for_four() -> None:
    """ "10/2022" is October 2022 (no day to confuse with a month); "March '21" is refused
    with a request to write the year in full, never guessed."""
    assert parse_date_answer("10/2022") == PartialDate(2022, 10)
    assert grade_date(parse_date_answer("3/2027"), PartialDate(2027, 3, 14)) == 0.5
    with pytest.raises(AnswerError, match="no such month"):
        parse_date_answer("13/2022")
    with pytest.raises(AnswerError, match="year in full"):
        parse_date_answer("March '21")
