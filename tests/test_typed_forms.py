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


def test_an_early_year_reads_with_its_era_and_is_typed_as_it_reads() -> None:
    """A year under 100 is shown "AD 47" and typed so (or "47 CE", "May AD 47"); a bare "47"
    could be a day, so it is refused with a request for the era; three digits are a year."""
    assert PartialDate(47).human() == "AD 47" and PartialDate(47, 5).human() == "May AD 47"
    for typed in ("AD 47", "47 CE", "ad 47", "47AD"):
        assert parse_date_answer(typed) == PartialDate(47)
    assert parse_date_answer("May AD 47") == PartialDate(47, 5)
    assert parse_date_answer("4 May AD 47") == PartialDate(47, 5, 4)
    assert parse_date_answer("850") == PartialDate(850) and parse_date_answer("May 850") == PartialDate(
        850, 5
    )
    with pytest.raises(AnswerError, match="AD 47"):
        parse_date_answer("47")


def test_a_year_before_ad_1_in_a_deck_says_it_is_not_supported() -> None:
    """ "585 BC" and "-585" are refused saying why, not only which forms a date takes."""
    for written in ("585 BC", "-0585", "585 B.C.E."):
        with pytest.raises(ValueError, match="before AD 1 are not supported"):
            PartialDate.parse(written)
    with pytest.raises(ValueError) as plain:
        PartialDate.parse("soon")
    assert "before AD 1" not in str(plain.value)
