"""``quizlib draft`` across writing styles: wire, British and US conventions, money, ages."""

from __future__ import annotations

from typing import Any

import pytest

from quizlib import PartialDate
from quizlib.draft import Article, draft_deck
from quizlib.draft.dates import find_dates
from quizlib.draft.figures import find_figures
from quizlib.draft.text import quotes, sentences

TUESDAY = PartialDate(2019, 11, 19)  # a Tuesday


def draft(text: str, published: PartialDate | None = TUESDAY, source: str = "a") -> dict[str, Any]:
    return draft_deck([Article("a.txt", text, source, published)], deck_id="t", title="T")


def actor_kinds(*paragraphs: str) -> dict[str, str]:
    """Each drafted actor's name and kind, from a headline and these paragraphs."""
    return {a["name"]: a["kind"] for a in draft("\n\n".join(("Headline", *paragraphs)) + "\n")["actors"]}


def speakers(text: str) -> dict[str, str]:
    deck = draft(text)
    names = {a["id"]: a["name"] for a in deck["actors"]}
    return {q["text"]: names.get(q["speaker"], "?") for q in deck.get("quotes", [])}


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
        ("Between 10 and 20 people were hurt.", [(10, "people"), (20, "people")]),
        ("President Yoon, 63, said so.", [(63, "years (age)")]),
        ("More than two dozen people were hospitalized and 300 injured.", [(24, "people"), (300, "people")]),
        ("It ended at 2 a.m. local time (0100 GMT) on Monday.", []),
        ("The S&P 500 index and the STOXX 600 rose.", []),
        ("Call 911 or 555-1234 for help.", []),
        ("They stranded on Ninety Mile Beach and in TNG50 runs.", []),
        ("He walked from one room to the other.", []),
        ("About one in five worked rotating night shifts.", []),
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


def test_speakers_after_the_verb_titles_and_continuation() -> None:
    text = (
        "Title line here\n\n"
        "Economist Hori Parata spoke to the crowd on the beach for an hour.\n\n"
        "“The whales are dying in our waters,” says Parata, an elder of the tribe.\n\n"
        "“We need to listen to the sea before it is too late for all of us.”\n\n"
        "“There is no reason to believe they have changed,” said Mr. Reeves, a senior fellow.\n\n"
        "The Swedish Prosecution Authority dropped the case. “The evidence has weakened "
        "considerably over the years,” it added.\n"
    )
    found = speakers(text)
    assert found["The whales are dying in our waters"] == "Hori Parata"
    assert found["We need to listen to the sea before it is too late for all of us."] == "Hori Parata"
    assert found["There is no reason to believe they have changed"] == "Reeves"
    assert found["The evidence has weakened considerably over the years"] == "Swedish Prosecution Authority"


def test_he_said_takes_the_nearest_named_person() -> None:
    text = (
        "Heading for the test\n\n"
        "Coach Anna Lee praised captain Tom Brown after the match in Madrid on Sunday.\n\n"
        "Brown scored twice in the second half. “It was a team effort,” he said.\n"
    )
    assert speakers(text)["It was a team effort"] == "Tom Brown"


def test_one_surname_in_two_articles_is_two_people() -> None:
    one = "Headline one\n\nFinance minister John Smith resigned on Monday after the vote.\n"
    two = "Headline two\n\nThe judge, Mary Smith, ruled on Tuesday against the company.\n"
    deck = draft_deck(
        [Article("one.txt", one, "one", TUESDAY), Article("two.txt", two, "two", TUESDAY)],
        deck_id="t",
        title="T",
    )
    people = {a["name"] for a in deck["actors"] if a["kind"] == "person"}
    assert {"John Smith", "Mary Smith"} <= people


def test_each_fact_keeps_its_sentence_and_paragraph() -> None:
    text = "Headline\n\nThe court ruled on Monday. The firm paid $3 billion to settle the case.\n"
    deck = draft(text)
    figure = deck["figures"][0]
    assert figure["sources"] == ["a:p2"] and "paid $3 billion" in figure["note"]
    assert "ruled on Monday" in deck["events"][0]["note"]


def test_actors_named_once_organisations_and_not_places() -> None:
    actors = actor_kinds(
        "Canadian Denis Shapovalov beat Taylor Fritz in Madrid, while Superintendent Jennifer "
        "McCormick watched from New Haven.",
        "Amnesty International and the International Tennis Federation criticised the plan, "
        "and NPR said the Russia-led Collective Security Treaty Organization stayed silent.",
        "NPR reported that Karabakh Armenians fled. Heba Habib contributed to this report.",
        "Most adults have obesity, according to the Centers for Disease Control.",
    )
    for person in ("Denis Shapovalov", "Taylor Fritz", "Jennifer McCormick"):
        assert actors.get(person) == "person"
    orgs = (
        "International Tennis Federation",
        "Collective Security Treaty Organization",
        "NPR",
        "Centers for Disease Control",
    )
    for org in orgs:
        assert actors.get(org) == "institution"
    for wrong in ("New Haven", "Madrid", "Karabakh Armenians", "Heba Habib", "Canadian Denis Shapovalov"):
        assert wrong not in actors


def test_the_tail_of_a_longer_name_is_not_a_person() -> None:
    actors = actor_kinds(
        "The case was brought by Friends of the Earth Netherlands and the Confederation of British "
        "Industry, said Secretary of State Antony Blinken.",
        "Daughters of the American Revolution members met Jane Holt on Monday.",
        "The Liberal Democrats' leader, Sir Ed Davey, spoke after the Conservatives and Labour.",
    )
    for tail in ("Earth Netherlands", "British Industry", "American Revolution", "Liberal Democrats"):
        assert tail not in actors
    assert actors.get("Antony Blinken") == actors.get("Jane Holt") == "person"


def test_she_said_skips_a_man_and_the_company_said_is_the_company() -> None:
    text = (
        "Headline for pronouns\n\n"
        "Prosecutors said Robert Dawson took bribes from Apex Systems Inc. for years.\n\n"
        "Apex Systems said in a statement that it was cooperating. “We have zero tolerance for "
        "misconduct,” it added.\n\n"
        "Mr. Dawson's neighbour, Ellen Park, was shocked. “He was always so friendly,” she said.\n"
    )
    found = speakers(text)
    assert found["We have zero tolerance for misconduct"] == "Apex Systems Inc"
    assert found["He was always so friendly"] == "Ellen Park"


def test_a_titled_speaker_after_the_quote_is_the_person_not_the_title() -> None:
    text = (
        "Headline for titles\n\n"
        "“We are kicking the can down the road again,” Senate Majority Leader Mitch McConnell "
        "told reporters.\n"
    )
    assert speakers(text)["We are kicking the can down the road again"] == "Mitch McConnell"


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


def test_a_name_that_runs_on_into_a_thing_is_not_a_person() -> None:
    text = (
        "Headline for things named after people\n\n"
        "The James Webb Space Telescope has detected carbon dioxide, said Natalie Batalha, an "
        "astronomer. The Nelson Mandela Foundation welcomed it.\n\n"
        "Webb will study the planet again in 2023, Batalha said. “We're just getting started,” she added.\n"
    )
    deck = draft(text)
    assert {a["name"] for a in deck["actors"] if a["kind"] == "person"} == {"Natalie Batalha"}
    assert speakers(text)["We're just getting started"] == "Natalie Batalha"


def test_a_described_speaker_is_the_person_described_not_an_institution() -> None:
    text = (
        "Headline for descriptors\n\n"
        "Carlos Alcaraz beat Novak Djokovic in the final on Sunday.\n\n"
        "Djokovic, 37, had knee surgery in June. “He played better than me,” the Serb told reporters.\n\n"
        "“Winning here is a dream,” the 21-year-old said after beating him.\n"
    )
    deck = draft(text)
    assert {a["name"] for a in deck["actors"]} == {"Carlos Alcaraz", "Novak Djokovic"}
    assert speakers(text)["He played better than me"] == "Novak Djokovic"


def test_an_event_text_leaves_out_its_whole_date() -> None:
    deck = draft(
        "Headline\n\nSunak called a general election for Thursday 12 December, ending speculation.\n"
    )
    assert [(e["date"], e["text"]) for e in deck["events"]] == [
        ("2019-12-12", "Sunak called a general election for …, ending speculation.")
    ]


def test_organisations_with_a_role_word_or_no_usual_head_and_places_before_a_place_noun() -> None:
    actors = actor_kinds(
        "Chris Zaccarelli, chief investment officer at Independent Advisor Alliance, said the Federal "
        "Reserve was done, according to the United States Geological Survey.",
        "Central Bank Governor Elvira Nabiullina said the quake hit the High Atlas mountains.",
    )
    for org in ("Independent Advisor Alliance", "Federal Reserve", "United States Geological Survey"):
        assert actors.get(org) == "institution"
    assert actors.get("Elvira Nabiullina") == actors.get("Chris Zaccarelli") == "person"
    assert not [name for name in actors if "Governor" in name or "Atlas" in name]


def test_names_in_family_name_order_titles_before_a_name_and_company_names() -> None:
    text = (
        "Headline for names\n\n"
        "Lai Ching-te of the Democratic Progressive Party beat Hou Yu-ih and the Taiwan People's Party.\n\n"
        "Lai told supporters he was grateful. Lai won 40% of the vote.\n\n"
        "Hou conceded defeat. “I let everyone down,” he said.\n\n"
        "“AI has hit the tipping point,” Chief Executive Jensen Huang said. Rival Advanced Micro "
        "Devices launched a chip, and the National Weather Service expects more heat.\n"
    )
    actors = {a["name"]: (a["kind"], a.get("aliases", [])) for a in draft(text)["actors"]}
    assert actors["Lai Ching-te"] == ("person", ["Lai"])
    assert actors["Hou Yu-ih"] == ("person", ["Hou"])
    assert actors["Jensen Huang"][0] == "person"
    for org in ("Democratic Progressive Party", "Taiwan People's Party", "Advanced Micro Devices"):
        assert actors[org][0] == "institution"
    assert not [name for name in actors if name in ("Lai", "Executive Jensen", "National Weather")]
    assert speakers(text)["I let everyone down"] == "Hou Yu-ih"


def test_a_markdown_article_with_accented_names() -> None:
    text = (
        "# Ukraine grain deal collapses\n\n**By Olena Kovalenko**\n\n*Published 17 July 2023*\n\n"
        "![A ship](ship.jpg)\n\n"
        "Russia has pulled out of the [Black Sea](https://example.org) grain deal, the Kremlin said "
        "on Monday.\n\n"
        "The deal was brokered by the United Nations and Turkey in July 2022. UN Secretary-General "
        "António Guterres said he deeply regretted the decision.\n"
    )
    deck = draft(text, published=None)
    assert deck["sources"][0] == {
        "id": "a",
        "title": "Ukraine grain deal collapses",
        "author": "Olena Kovalenko",
        "published": "2023-07-17",
    }
    actors = {a["name"]: a["kind"] for a in deck["actors"]}
    assert actors == {
        "António Guterres": "person",
        "Kremlin": "institution",
        "United Nations": "institution",
        "Turkey": "institution",
    }
    # The image line keeps its number: the Kremlin's sentence is the fifth line.
    assert deck["events"][0]["sources"] == ["a:p5"]


def test_an_administrator_speaks_a_helicopter_is_not_a_person_and_a_toll_counts_people() -> None:
    text = (
        "Headline\n\n"
        "NASA's Ingenuity Mars helicopter will fly no more, the space agency said.\n\n"
        "“It has gone farther than we imagined,” NASA Administrator Bill Nelson said in a statement.\n\n"
        "The 1918 Cloquet fire in Minnesota killed 453.\n"
    )
    deck = draft(text)
    assert [a["name"] for a in deck["actors"] if a["kind"] == "person"] == ["Bill Nelson"]
    assert speakers(text)["It has gone farther than we imagined"] == "Bill Nelson"
    assert [(f["value"], f["unit"]) for f in deck["figures"]] == [(453, "people")]


def test_obituary_ages_deadlines_and_acronyms_of_named_bodies() -> None:
    text = (
        "Headline\n\n"
        "Henry Kissinger has died at his home in Connecticut. He was 100.\n\n"
        "The House voted on Wednesday night, days before a June 5 deadline.\n\n"
        "European Union negotiators reached a deal, and the EU will fine firms, former President "
        "George W. Bush said.\n"
    )
    deck = draft(text, published=PartialDate(2023, 6, 1))
    assert [(f["value"], f["unit"]) for f in deck["figures"]] == [(100, "years (age)")]
    assert "2023-06-05" in [e["date"] for e in deck["events"]]
    actors = {a["name"]: a.get("aliases", []) for a in deck["actors"]}
    assert actors["European Union"] == ["EU"] and "EU" not in actors
    assert "George W. Bush" in actors and "George W." not in actors


def test_companies_described_as_such_and_the_speaker_right_before_the_verb() -> None:
    text = (
        "Headline\n\n"
        "Alphabet, the parent company of Google, said it would cut jobs. The Japanese company "
        "Fujitsu made the system, and oil giant Royal Dutch Shell will appeal. Microsoft said this "
        "week it would cut 10,000 jobs.\n\n"
        "Asked by the lead counsel, Jason Beer, why she had not acted, Ms Paula Vennells said: "
        "“I wish I had.”\n\n"
        "Warming may reach 2.9C, and the firm had 187,000 staff at the end of September.\n"
    )
    deck = draft(text)
    actors = {a["name"]: a["kind"] for a in deck["actors"]}
    for org in ("Alphabet", "Google", "Fujitsu", "Royal Dutch Shell", "Microsoft"):
        assert actors.get(org) == "institution"
    assert speakers(text)["I wish I had."] == "Paula Vennells"
    assert (2.9, "degrees C") in [(f["value"], f["unit"]) for f in deck["figures"]]
    assert "2019-09" in [e["date"] for e in deck["events"]]


def test_joined_particles_sliding_titles_terms_named_things_and_agencies() -> None:
    text = (
        "Headline\n\n"
        "President Recep Tayyip Erdoğan declared mourning, and Raed al-Saleh, the head of the "
        "civil defence group known as the White Helmets, urged help.\n\n"
        "Turkey's disaster agency, AFAD, said buildings fell. The drugmaker GSK funded a vaccine "
        "against respiratory syncytial virus (RSV). RSV kills thousands.\n\n"
        "US regulators approved the vaccine, called Arexvy, in May.\n"
    )
    actors = {a["name"]: a["kind"] for a in draft(text)["actors"]}
    assert actors.get("Recep Tayyip Erdoğan") == actors.get("Raed al-Saleh") == "person"
    for org in ("White Helmets", "AFAD", "GSK"):
        assert actors.get(org) == "institution"
    for wrong in ("Recep Tayyip", "RSV", "Arexvy"):
        assert wrong not in actors


def test_initial_first_names_organisation_words_and_a_body_named_by_its_noun() -> None:
    text = (
        "Headline\n\n"
        "“India is on the Moon,” ISRO chairman S. Somanath told scientists, the Indian Space "
        "Research Organisation (ISRO) said. U.S. Treasury yields slipped.\n\n"
        "The Writers Guild of America reached a deal. “We are proud,” the guild's negotiating "
        "committee said.\n"
    )
    deck = draft(text)
    actors = {a["name"]: a["kind"] for a in deck["actors"]}
    assert actors.get("S. Somanath") == "person"
    assert actors.get("Indian Space Research Organisation") == "institution"
    assert not [name for name in actors if name in ("Indian Space Research", "S. Treasury", "Somanath")]
    found = speakers(text)
    assert found["India is on the Moon"] == "S. Somanath"
    assert found["We are proud"] == "Writers Guild of America"


def test_storms_red_crescent_missing_people_and_a_company_with_its() -> None:
    text = (
        "Headline\n\n"
        "Two dams burst during Storm Daniel, and about 10,000 were missing. The Red Crescent said "
        "roads were cut.\n\n"
        "Microsoft has completed its takeover of the games maker Activision Blizzard.\n"
    )
    deck = draft(text)
    actors = {a["name"]: a["kind"] for a in deck["actors"]}
    assert actors.get("Microsoft") == "institution"
    assert not [name for name, kind in actors.items() if kind == "person"]
    assert (10000, "people") in [(f["value"], f["unit"]) for f in deck["figures"]]


def test_royal_names_titles_as_speakers_and_a_time_in_several_units() -> None:
    text = (
        "Headline\n\n"
        "King Charles III was crowned on Saturday. Queen Camilla was crowned shortly afterwards.\n\n"
        "“I come to serve,” the King said.\n\n"
        "Kelvin Kiptum finished in 2 hours 0 minutes 35 seconds, ahead of 47,000 runners.\n"
    )
    deck = draft(text)
    actors = {a["name"]: (a["kind"], a.get("aliases", [])) for a in deck["actors"]}
    assert actors["King Charles III"] == ("person", ["Charles III"])
    assert actors["Queen Camilla"] == ("person", ["Camilla"])
    assert "King" not in actors
    assert speakers(text)["I come to serve"] == "King Charles III"
    assert [(f["value"], f["unit"]) for f in deck["figures"]] == [(47000, "runners")]
