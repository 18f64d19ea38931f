"""Classes found by drafting held-out texts (round 15): time phrases gapped whole and marked
inferred, deadlines told from the past or named in passing."""

from __future__ import annotations

import pytest
from draft_helpers import draft

from quizlib import PartialDate
from quizlib.draft.dates import find_dates

FRIDAY = PartialDate(2025, 2, 21)  # a Friday


def events(text: str) -> list[dict[str, object]]:
    return list(draft("Headline\n\n" + text + "\n", FRIDAY).get("events", []))


@pytest.mark.parametrize(
    ("sentence", "date", "text"),
    [
        ("The bridge closed on Sunday night after the gale, engineers said.", "2025-02-16",
         "The bridge closed … after the gale, engineers said."),
        ("Monday's vote left the council split.", "2025-02-17", "… vote left the council split."),
        ("This year's harvest was the smallest on record.", "2025", "… harvest was the smallest on record."),
        ("The mill laid off staff last month as orders fell.", "2025-01",
         "The mill laid off staff … as orders fell."),
        ("Pickets gathered late Wednesday evening outside the depot.", "2025-02-19",
         "Pickets gathered … outside the depot."),
    ],
)  # fmt: skip
def test_a_time_phrase_is_gapped_whole_and_its_date_marked_inferred(
    sentence: str, date: str, text: str
) -> None:
    (event,) = events(sentence)
    assert (event["date"], event["text"], event.get("date_inferred")) == (date, text, True)


def test_a_date_the_text_states_is_not_marked_inferred() -> None:
    (event,) = events("The museum reopened on 3 February after repairs.")
    assert event["date"] == "2025-02-03"
    assert "date_inferred" not in event


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A "would" after a past date looks ahead of that date, not of the publication.
        ("The board had warned in October that the fund would be empty by May 1.", ["2024-10", "2025-05-01"]),
        ("Officials said in August the road would reopen on November 3.", ["2024-08", "2024-11-03"]),
        # A deadline told from an undated past: the occurrence nearest the publication.
        ("The agency had cautioned that its cash could run out by March 9.", ["2025-03-09"]),
        ("The agency had cautioned that its cash could run out by January 9.", ["2025-01-09"]),
        # A plain future still looks ahead of the publication.
        ("The council said the road would reopen on November 3.", ["2025-11-03"]),
    ],
)
def test_a_deadline_told_from_the_past_looks_ahead_of_that_past(sentence: str, expected: list[str]) -> None:
    assert [m.date.iso() for m in find_dates(sentence, FRIDAY)] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The union signed the deal on Thursday, hours before a March 2 deadline.",
        "The firm filed its accounts ahead of an April 30 deadline.",
        "The club missed the June 1 deadline and was fined.",
    ],
)
def test_a_deadline_named_in_passing_is_no_event(sentence: str) -> None:
    assert not [
        e for e in events(sentence) if e["date"] in ("2025-03-02", "2025-04-30", "2025-06-01", "2024-06-01")
    ]


def test_a_deadline_that_is_the_news_stays_an_event() -> None:
    assert [e["date"] for e in events("The city faces a March 14 deadline to repay the loan.")] == [
        "2025-03-14"
    ]


def facts(text: str) -> list[str]:
    deck = draft("Headline\n\n" + text + "\n", FRIDAY)
    return [str(e["text"]) for e in deck.get("events", [])] + [
        str(f["counts"]) for f in deck.get("figures", [])
    ]


def test_a_sentence_in_lower_case_is_a_fragment_not_a_fact() -> None:
    assert facts("and then we lost 14 matches in a row on Sunday.") == []
    # A brand written in lower case with a capital inside still opens a sentence.
    assert facts("eBay sold 40 servers on Sunday.") != []


@pytest.mark.parametrize(
    "paragraph",
    [
        "11.52 The ferry left Dover on Sunday with 300 passengers.",
        "Key points: The ferry left Dover on Sunday with 300 passengers.",
        "09.15 Some background: the ferry left Dover on Sunday with 300 passengers.",
        "Update: The ferry left Dover on Sunday with 300 passengers.",
    ],
)
def test_a_live_blog_time_and_label_are_left_out_of_fact_texts(paragraph: str) -> None:
    texts = facts(paragraph)
    assert len(texts) == 2
    assert all(text.startswith("The ferry left Dover") for text in texts)


def test_a_label_is_only_a_few_words_before_a_colon() -> None:
    assert facts("The board had one aim on Sunday: to sell 300 homes.")[0].startswith("The board had one aim")


def quote_entries(text: str) -> dict[str, dict[str, object]]:
    deck = draft("Headline\n\n" + text + "\n", FRIDAY)
    return {str(q["text"]): q for q in deck.get("quotes", [])}


def test_a_short_quote_is_kept_with_its_sentence_as_context() -> None:
    found = quote_entries("Ines Moreau said the whole harbour was “heartbroken” by the loss of the trawler.")
    context = str(found["heartbroken"]["context"])
    assert "heartbroken" not in context and "loss of the trawler" in context


def test_a_short_quote_in_a_bare_sentence_takes_its_paragraph_as_context() -> None:
    found = quote_entries(
        "The mayor, Ines Moreau, spoke after the harbour wall gave way. “We will rebuild,” Moreau said."
    )
    assert "harbour wall gave way" in str(found["We will rebuild"]["context"])


def test_a_quote_of_six_words_or_more_needs_no_context() -> None:
    found = quote_entries("“We will rebuild the harbour wall this winter,” said Ines Moreau.")
    assert "context" not in found["We will rebuild the harbour wall this winter"]


def actors(text: str) -> dict[str, dict[str, object]]:
    return {str(a["name"]): a for a in draft("Headline\n\n" + text + "\n", FRIDAY)["actors"]}


def test_a_plural_title_is_no_part_of_a_name() -> None:
    found = actors(
        "She served under Presidents Jimmy Carter and Ronald Reagan. Senators Ann Holt and Bo Greer objected."
    )
    assert {"Jimmy Carter", "Ronald Reagan", "Ann Holt", "Bo Greer"} <= found.keys()
    assert not [name for name in found if name.startswith(("Presidents", "Senators"))]


def test_the_first_word_of_a_longer_name_is_no_body() -> None:
    found = actors(
        "About 300 people die each year, according to the Centers for Disease Control and Prevention."
    )
    assert list(found) == ["Centers for Disease Control and Prevention"]


def test_a_body_named_with_its_town_and_without_is_one_actor() -> None:
    found = actors(
        "The vessel's operator, Halvard Shipping of Tromso, issued a statement. "
        "Halvard Shipping said it was investigating."
    )
    assert list(found) == ["Halvard Shipping"]
    assert found["Halvard Shipping"]["aliases"] == ["Halvard Shipping of Tromso"]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # A role word inside a longer word is no role.
        ("Brazil midfielder Caio Lemos joined on Monday.", "Caio Lemos", None),
        # "former" belongs to the role.
        ("“It was a sad day,” former President Bill Tanner said.", "Bill Tanner", "former President"),
        # A common noun's possessive keeps its article.
        ("We spoke to the council's finance director, Mara Quist, on Monday.", "Mara Quist",
         "the council's finance director"),
        ("Mara Quist, the council's finance director, said the gap was closed.", "Mara Quist",
         "the council's finance director"),
    ],
)  # fmt: skip
def test_roles_read_whole(text: str, name: str, role: str | None) -> None:
    assert actors(text)[name].get("role") == role
