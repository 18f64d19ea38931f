"""``quizlib draft`` on who is who: people, institutions and the speakers of quotes."""

from __future__ import annotations

import pytest
from draft_helpers import TUESDAY, actor_kinds, draft, speakers

from quizlib import PartialDate
from quizlib.draft import Article, draft_deck


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
    # The deadline is named in passing: no event of its own.
    assert [e["date"] for e in deck["events"]] == ["2023-05-31"]
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


def test_ranks_before_a_speaker_sources_after_according_to_and_bodies_in_apposition() -> None:
    text = (
        "Headline\n\n"
        "OSLO, Norway — “The doors were forced,” said Detective Sergeant Mark Olsen. “It took minutes.”\n\n"
        "Most thefts go unsolved, according to the Stolen Bicycle Register. "
        "Repairs rose, according to the ITF.\n\n"
        "Claims go to the gallery's insurers, Morgan Fine Art. Crime is falling in Norway, according to "
        "the nonprofit Safe Roads & Bridges.\n\n"
        "Rowing Norway said the regatta would go ahead.\n"
    )
    assert set(speakers(text).values()) == {"Mark Olsen"}
    actors = {a["name"]: a["kind"] for a in draft(text)["actors"]}
    assert actors == {
        "Mark Olsen": "person",
        "Stolen Bicycle Register": "institution",
        "ITF": "institution",
        "Morgan Fine Art": "institution",
        "Safe Roads & Bridges": "institution",
        "Rowing Norway": "institution",
    }


def test_interview_answers_roles_before_a_name_and_bodies_with_an_article_or_a_legal_suffix() -> None:
    text = (
        "Headline\n\n"
        "We spoke to the city's planning director, Rosa Lindqvist.\n\n"
        "Why the delay?\n\n"
        "Lindqvist: “The steel arrived late. Nobody could have planned for that.”\n\n"
        "“We are ready if needed,” said its chairman, Owen Tait.\n\n"
        "The ferry's operator, Kestrel Shipping of Oban, issued a statement. “The crew are safe,” it said. "
        "It is working with the FBI.\n\n"
        "Harlow Stores Inc., the furniture chain, said sales fell. Harlow Stores Inc. has 40 shops.\n"
    )
    said = speakers(text)
    assert said["The steel arrived late. Nobody could have planned for that."] == "Rosa Lindqvist"
    assert said["We are ready if needed"] == "Owen Tait"
    assert said["The crew are safe"].startswith("Kestrel Shipping")
    actors = {a["name"]: a["kind"] for a in draft(text)["actors"]}
    assert actors["FBI"] == "institution"
    assert [name for name in actors if name.startswith("Harlow")] == ["Harlow Stores Inc"]
    assert {name for name, kind in actors.items() if kind == "person"} == {"Rosa Lindqvist", "Owen Tait"}


def test_places_titles_and_acronyms_that_stay_what_they_are() -> None:
    text = (
        "Headline\n\n"
        "There is little confidence in Drummond. Alec Drummond spoke later. "
        "Nell Harwich wrote in Harwich.\n\n"
        "Warning: “Do not enter the water,” police said.\n\n"
        "“Rates will rise,” said the bank, Calder.\n\n"
        "Investors paid the IPO fees and the ETF rose.\n"
    )
    assert speakers(text) == {"Do not enter the water": "Unknown speaker"}
    actors = {a["name"]: a["kind"] for a in draft(text)["actors"]}
    assert actors == {"Alec Drummond": "person", "Nell Harwich": "person", "Unknown speaker": "person"}


@pytest.mark.parametrize(
    "title",
    ["Sgt.", "Lt. Col.", "Chief Financial Officer", "Senior Vice President", "Police Chief", "Head Coach"],
)
def test_a_rank_or_title_before_a_speaker_is_dropped(title: str) -> None:
    assert speakers(f"Headline\n\n“Stay back,” said {title} Ana Ruiz.\n") == {"Stay back": "Ana Ruiz"}
