"""``quizlib draft`` across writing styles: wire, British and US conventions, money, ages."""

from __future__ import annotations

import pytest
from draft_helpers import TUESDAY, draft

from quizlib.draft.dates import find_dates
from quizlib.draft.figures import find_figures
from quizlib.draft.text import quotes, sentences


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The man was charged Tuesday with fraud.", ["2019-11-19"]),
        ("The talks ended last Tuesday.", ["2019-11-12"]),  # written on a Tuesday: a week ago
        # The weekday picks the year: 12 December 2019 is a Thursday, 12 December 2018 is not.
        ("Voters go to the polls on Thursday 12 December.", ["2019-12-12"]),
        ("The talks opened on Monday, Nov. 4.", ["2019-11-04"]),
        ("Parliament will be dissolved on 26 November.", ["2019-11-26"]),
        ("Parliament was dissolved on 26 November.", ["2018-11-26"]),
        ("The talks resume next Tuesday.", ["2019-11-26"]),
        ("The Fed is scheduled to meet on Dec. 10-11.", ["2019-12-10"]),  # a day range: its first day
        # A clause without a verb of its own takes the sentence's tense.
        (
            "The firm expects sales of $24 billion, plus or minus 2%, for the quarter ending in April.",
            ["2020-04"],
        ),
        ("Forecasters expect the streak to continue until at least Dec. 2.", ["2019-12-02"]),
        ("Officials said late Thursday that sanctions would end.", ["2019-11-14"]),
        ("The council will vote Saturday on the plan.", ["2019-11-23"]),
        ("Shareholders approved the deal on Nov. 14.", ["2019-11-14"]),
        ("The quarter ended Sept. 29 with a loss.", ["2019-09-29"]),
        ("The hearing is scheduled to take place in February.", ["2020-02"]),
        ("The next round of tariffs is due to start in mid-December.", ["2019-12"]),
        ("The law passed in 2016 after a long fight.", ["2016"]),
        ("A 2018 survey found the same.", ["2018"]),
        ("Funding will not change until at least 2021.", ["2021"]),
        ("The company must pay it next year.", ["2020"]),
        ("The uprising began four years ago.", ["2015"]),
        ("Voters elected a new parliament last fall.", ["2018"]),
        ("The team plans to publish a follow-up next spring.", ["2020"]),
        ("Plague infections are rare today.", []),  # "today" meaning nowadays
        ("A jury trial is scheduled for Sept. 14.", ["2020-09-14"]),
        ("Reed, who will be chairman, told investors, the owners, on Oct. 31.", ["2019-10-31"]),
        ("Sales were lower than expected on Monday.", ["2019-11-18"]),
        ("The bill keeps the government open until Dec. 20.", ["2019-12-20"]),
        ("The ceasefire held until March 3.", ["2019-03-03"]),
        # "until" takes the tense of the verb it ends, not the sentence's first one.
        (
            "Two men were held on Monday and have been released on bail until 5 January.",
            ["2019-11-18", "2020-01-05"],
        ),
        ("The library will stay closed until Friday.", ["2019-11-22"]),
        ("The library was closed until Friday.", ["2019-11-15"]),
        # A present copula schedules an event; "since" still looks back.
        ("The final is on Saturday.", ["2019-11-23"]),
        ("The other match, on Friday, is between the two seeds.", ["2019-11-22"]),
        ("Shares are up 3% since Friday.", ["2019-11-15"]),
        ("The committee meets on Monday to consider it.", ["2019-11-25"]),
        ("Salvage crews hope to refloat the ship on Thursday.", ["2019-11-21"]),
        ("The team plays Leeds on Saturday after losing on Monday.", ["2019-11-23", "2019-11-18"]),
        ("The council holds a public hearing on Friday.", ["2019-11-22"]),
    ],
)
def test_wire_and_forward_dates(sentence: str, expected: list[str]) -> None:
    assert [m.date.iso() for m in find_dates(sentence, TUESDAY)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The firm paid $3 billion for it.", [(3_000_000_000, "dollars")]),
        ("The bill adds $1.4 trillion in spending.", [(1_400_000_000_000, "dollars")]),
        ("Profits rose to £40m and €1.2 million.", [(40_000_000, "pounds"), (1_200_000, "euros")]),
        ("Alden paid $13 a share.", [(13, "dollars a share")]),
        ("Turnout rose 12% in the city.", [(12, "percent")]),
        ("It will see 3km of new walls against 40mph winds.", [(3, "km"), (40, "mph")]),
        ("The 12 of 13 members voted.", [(12, "members"), (13, "members")]),
        ("Between 10 and 20 people were hurt.", [(10, "people")]),  # one range, see test_draft_figures
        ("President Yoon, 63, said so.", [(63, "years (age)")]),
        ("More than two dozen people were hospitalized and 300 injured.", [(24, "people"), (300, "people")]),
        ("It ended at 2 a.m. local time (0100 GMT) on Monday.", []),
        ("The S&P 500 index and the STOXX 600 rose.", []),
        ("Call 911 or 555-1234 for help.", []),
        ("They stranded on Ninety Mile Beach and in TNG50 runs.", []),
        ("He walked from one room to the other.", []),
        ("About one in five worked rotating night shifts.", []),
        ("Two women, aged 28 and 52, were held.", [(2, "women"), (28, "years (age)"), (52, "years (age)")]),
        (
            "It suits children as young as 6 and adults aged 18 to 65.",
            [(6, "years (age)"), (18, "years (age)")],  # 18 to 65 is one range
        ),
        ("She left home at the age of 12.", [(12, "years (age)")]),
        ("The rocks are as old as 4 billion years.", [(4_000_000_000, "years")]),
        ("Of the 300 who applied, 45 of them were chosen.", [(300, "people"), (45, "people")]),
        ("He served 40 aces, 12 of them in the final set.", [(40, "aces"), (12, "aces")]),
        ("The team won 6-3 in 95 minutes.", [(95, "minutes")]),  # a score is not a ratio's "3 in"
        ("The committee voted 7-2 in favour.", [(7, "votes in favour"), (2, "votes against")]),
        ("10.05 Local councillor Jo Bell said 40 homes were flooded.", [(40, "homes")]),  # a live blog's time
        (
            "1.25 million people were counted, and 10.45 percent of them moved.",
            [(1_250_000, "people"), (10.45, "percent")],
        ),
        (
            "Eight crew members left; the other 13 stayed on board.",
            [(8, "crew members"), (13, "crew members")],
        ),
    ],
)
def test_money_percent_ranges_ages_and_not_figures(sentence: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.unit) for f in find_figures(sentence)] == expected


def test_sentences_do_not_end_at_abbreviations() -> None:
    para = "Mr. Reeves met U.S. officials at 9 a.m. Friday. The deal with Acme Inc. was signed. He left."
    assert sentences(para) == [
        "Mr. Reeves met U.S. officials at 9 a.m. Friday.",
        "The deal with Acme Inc. was signed.",
        "He left.",
    ]


def test_quotes_pair_mixed_marks_and_run_on_without_a_closing_mark() -> None:
    para = 'She said: “It is over" and left. Then: “This runs on to the next paragraph.'
    assert [q.text for q in quotes(para)] == ["It is over", "This runs on to the next paragraph."]


def test_each_fact_keeps_its_sentence_and_paragraph() -> None:
    text = "Headline\n\nThe court ruled on Monday. The firm paid $3 billion to settle the case.\n"
    deck = draft(text)
    figure = deck["figures"][0]
    assert figure["sources"] == ["a:p2"] and "paid $3 billion" in figure["note"]
    assert "ruled on Monday" in deck["events"][0]["note"]


DATELINES = ["CAIRO — ", "NEW YORK (Reuters) - ", "CAPE CANAVERAL, Fla. (AP) — ", "BAKU, Azerbaijan (AP) -- "]


@pytest.mark.parametrize("dateline", DATELINES)
def test_a_wire_dateline_is_not_part_of_the_facts(dateline: str) -> None:
    sentence = "Gunmen opened fire on visitors on Wednesday, killing 19 people."
    deck = draft(f"Headline for datelines\n\n{dateline}{sentence}\n")
    assert [e["text"] for e in deck["events"]] == [sentence.replace(" on Wednesday", " …")]
    assert [f["counts"] for f in deck["figures"]] == [sentence.replace("19", "…")]


@pytest.mark.parametrize(
    ("header", "published"),
    [
        ("The Washington Post, March 18, 2015", "2015-03-18"),
        ("26 May 2021", "2021-05-26"),
        ("Aug. 25, 2022", "2022-08-25"),
        ("Published Mon, Jul 8 2024", "2024-07-08"),
        ("Updated 10:15 a.m. ET, 8 Jun 2024", "2024-06-08"),
        ("2024-07-08T10:15:00Z", "2024-07-08"),
        ("2024-13-45", None),
        ("Published in 2021", None),  # a year alone is not a publication date
        ("", None),
    ],
)
def test_the_publication_date_is_read_from_the_header(header: str, published: str | None) -> None:
    prose = "Gunmen opened fire on visitors last Wednesday, officials said."
    text = f"Museum attack\n\nBy Erin Cunningham\n\n{header}\n\n{prose}\n"
    deck = draft(text, published=None)
    assert deck["sources"][0].get("published") == published
    dates = [e["date"] for e in deck.get("events", [])]
    assert dates == ([] if published is None else [published_before(published)])


def published_before(iso: str) -> str:
    """The Wednesday before ``iso`` (the test's "last Wednesday")."""
    import datetime as dt

    day = dt.date.fromisoformat(iso)
    return (day - dt.timedelta(days=(day.weekday() - 2) % 7 or 7)).isoformat()


def test_a_date_in_the_prose_is_not_the_publication_date_and_the_option_wins() -> None:
    text = "Headline\n\nOn 3 March 2015, gunmen opened fire on visitors, officials said later that week.\n"
    assert "published" not in draft(text, published=None)["sources"][0]
    header = "Headline\n\nThe Washington Post, March 18, 2015\n\nGunmen fired last Wednesday, police said.\n"
    assert draft(header)["sources"][0]["published"] == TUESDAY.iso()


def test_an_event_text_leaves_out_its_whole_date() -> None:
    deck = draft(
        "Headline\n\nSunak called a general election for Thursday 12 December, ending speculation.\n"
    )
    assert [(e["date"], e["text"]) for e in deck["events"]] == [
        ("2019-12-12", "Sunak called a general election for …, ending speculation.")
    ]
