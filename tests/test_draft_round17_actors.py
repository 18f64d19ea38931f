"""Actor classes found by drafting held-out texts (round 17): roles that name their body
("president of the Cyclists' Union", "Its chair, …", "Harrowgate's chief executive, …"),
titles kept out of names, orchestras, zoos, public bodies and newspapers as organisations,
parties and campaigns named by their words, and a reported clause after "said" naming no
speaker."""

from __future__ import annotations

import pytest
from draft_helpers import actor_kinds, draft


def roles(*paragraphs: str) -> dict[str, str | None]:
    """Each drafted actor's name and role, from a headline and these paragraphs."""
    deck = draft("\n\n".join(("Headline", *paragraphs)) + "\n")
    return {a["name"]: a.get("role") for a in deck["actors"]}


@pytest.mark.parametrize(
    ("paragraph", "name", "role"),
    [
        ("Maud Ferrier, president of the Anglers' Union, said the river was dying.", "Maud Ferrier",
         "president of the Anglers' Union"),
        ("Kasper Lindqvist, director of the Norrland Ferry Company, said fares would rise.",
         "Kasper Lindqvist", "director of the Norrland Ferry Company"),
        ("Dunmore's head groundsman, Alfie Roper, said the pitch had recovered.", "Alfie Roper",
         "Dunmore's head groundsman"),
        ("Councillor Edith Marr, leader of the Green group, said she would vote no.", "Edith Marr",
         "leader of the Green group"),
        ("The treasurer of the allotment society, Councillor Basil Odum, resigned.", "Basil Odum",
         "treasurer of the allotment society"),
        ("Dr Ines Calloway, a senior lecturer in zoology at Marsden, said so.", "Ines Calloway",
         "senior lecturer in zoology at Marsden"),
    ],
)  # fmt: skip
def test_a_role_names_its_body_and_the_name_drops_its_title(paragraph: str, name: str, role: str) -> None:
    assert roles(paragraph).get(name) == role


@pytest.mark.parametrize(
    ("paragraphs", "name", "role"),
    [
        (("The campaign group Keep Orwell Meadows collected 900 signatures.",
          "Its chair, Petra Voss, told the meeting the fields flood every winter."),
         "Petra Voss", "chair of Keep Orwell Meadows"),
        (("The Office for Rail Standards had warned in May that the line was at risk.",
          "Its chairman, Colm Brady, said on Friday the fault was mechanical."),
         "Colm Brady", "chairman of the Office for Rail Standards"),
        (("The museum was funded by the Aldous Art Trust, which gave £2m in 2015.",
          "Its head of collections, Professor Ruth Ames, said the gift was vital."),
         "Ruth Ames", "the Aldous Art Trust's head of collections"),
    ],
)  # fmt: skip
def test_its_role_is_a_role_of_the_body_the_sentence_before_names(
    paragraphs: tuple[str, str], name: str, role: str
) -> None:
    assert roles(*paragraphs).get(name) == role


def test_its_role_without_one_body_before_is_left_alone() -> None:
    found = roles(
        "Talks between the Ribble Trust and the Fell Society ended on Monday.",
        "Its secretary, Nora Quill, said the talks went well.",
    )
    assert found.get("Nora Quill") is None


@pytest.mark.parametrize(
    ("paragraph", "name"),
    [
        ("She played with the Tynedale Symphony Orchestra for a decade.", "Tynedale Symphony Orchestra"),
        ("The otters came from Harrowby Zoo last year.", "Harrowby Zoo"),
        ("The developer can appeal to the Planning Inspectorate within six months.", "Planning Inspectorate"),
        ("Marsh told the Wexford Courier she was relieved.", "Wexford Courier"),
        ("Residents from Stop Kelton Quarry held a vigil outside the hall.", "Stop Kelton Quarry"),
        ("Volunteers joined the Save Ashby Woods campaign in March.", "Save Ashby Woods"),
    ],
)
def test_orchestras_zoos_public_bodies_newspapers_and_campaigns_are_organisations(
    paragraph: str, name: str
) -> None:
    assert actor_kinds(paragraph).get(name) == "institution"


@pytest.mark.parametrize(
    ("paragraph", "not_a_person"),
    [
        ("Councillor Ray Okoro, of the Liberal Democrat group, abstained.", "Liberal Democrat"),
        ("The depot, which is owned by the Ulster Nurses' Pension Fund, said it would sell.",
         "Ulster Nurses"),
        ("Its manager, Tamsin Ode, said the charity would run two extra courses in Brandon this month.",
         "Brandon"),
        ("Stop Kelton Quarry, the residents' campaign, said it would appeal.", "Stop Kelton"),
    ],
)  # fmt: skip
def test_parties_bodies_possessed_in_the_plural_and_places_in_a_reported_clause_are_no_people(
    paragraph: str, not_a_person: str
) -> None:
    assert actor_kinds(paragraph).get(not_a_person) != "person"


def test_a_body_s_first_word_speaking_alone_is_that_body() -> None:
    deck = draft(
        "Headline\n\nThe landlord, Brookfold Estates Partners, raised the rent by 20%.\n\n"
        'Brookfold said in a statement that the rise "follows the market" on the street.\n'
    )
    names = {a["name"] for a in deck["actors"]}
    assert "Brookfold" not in names
    (quote,) = deck["quotes"]
    assert quote["speaker"] == "brookfold-estates-partners"


@pytest.mark.parametrize(
    ("paragraphs", "name"),
    [
        (("Kelby Otters are champions again after a tense final day in the northern league.",
          "The Otters won 12 of their last 14 games to overtake the leaders."), "Kelby Otters"),
        (("Dunmore Falcons were relegated after a heavy defeat at home on the final day.",),
         "Dunmore Falcons"),
        (("The Brampton Orbital tram line opens in May, two years later than planned.",), None),
    ],
)  # fmt: skip
def test_a_team_named_in_the_plural_is_a_body_and_a_tram_line_no_person(
    paragraphs: tuple[str, ...], name: str | None
) -> None:
    kinds = actor_kinds(*paragraphs)
    if name is None:
        assert "person" not in kinds.values()
    else:
        assert kinds.get(name) == "institution"


def test_names_listed_with_a_school_are_no_people_anywhere_in_the_article() -> None:
    kinds = actor_kinds(
        "The sites to close are Fern Hollow, Ashby Dell, Corran Vale and Westgate Primary.",
        "Priya Nand, whose son attends Ashby Dell, said the bus ride was too long.",
    )
    assert kinds == {"Priya Nand": "person"}


def test_a_body_in_such_a_list_stays_a_body() -> None:
    kinds = actor_kinds(
        "Its papers include the Dover Courier, Marsh Valley Gazette and Kelby City Star, all in print.",
    )
    assert kinds.get("Kelby City Star") == "institution"
