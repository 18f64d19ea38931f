"""``quizlib draft``: candidates from short texts written for the tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizlib import PartialDate, load_deck
from quizlib.cli import main
from quizlib.deckfile.load import parse_deck
from quizlib.draft import Article, draft_deck
from quizlib.draft.dates import find_dates
from quizlib.draft.figures import find_figures
from quizlib.draft.text import quotes, sentences, title_and_outlet
from quizlib.plugins import get_plugin_manager

TEXT = """\
Peacekeepers leave the valley

By Jane Writer

Foreign Ministry spokeswoman Anna Ivanova rejected the claims on January 12.

“We never saw the report. Nobody asked us,” Ivanova said.

“The troops will stay,” she added.

Last September, nearly 2,000 troops crossed the border during a nine-month blockade.

The ceasefire was signed on November 10, 2020, and an estimated 64 people died.

“Nobody knows what comes next,” a sign read.
"""


PUBLISHED = PartialDate(2024, 1, 15)


def draft(text: str = TEXT, published: PartialDate | None = PUBLISHED) -> dict[str, Any]:
    return draft_deck([Article("a.txt", text, "valley", published)], deck_id="t", title="T")


def speakers(text: str) -> dict[str, str]:
    """Quote text -> speaker's name ("?" when unattributed)."""
    deck = draft(text)
    names = {a["id"]: a["name"] for a in deck["actors"]}
    return {q["text"]: names.get(q["speaker"], "?") for q in deck.get("quotes", [])}


def test_quotes_with_speakers_pronouns_and_unattributed() -> None:
    quotes = {q["text"]: q for q in draft()["quotes"]}
    spanning = quotes["We never saw the report. Nobody asked us"]  # spans two sentences
    assert spanning["speaker"] == "anna-ivanova" and spanning["sources"] == ["valley:p4"]
    assert quotes["The troops will stay"]["speaker"] == "anna-ivanova"  # "she added"
    assert quotes["Nobody knows what comes next"]["speaker"] == "unknown-speaker"
    assert quotes["Nobody knows what comes next"]["note"].startswith("unattributed")
    assert all(q["review"] is True for q in quotes.values())


SPEAKER_CASES = [
    (
        '"The border is closed," said Armen Petrosyan, a local official.',
        "The border is closed",
        "Armen Petrosyan",
    ),
    (
        "Jon Hale wrote: “Nothing moved on the road for days and nights.”",
        "Nothing moved on the road for days and nights.",
        "Jon Hale",
    ),
    (
        "According to Lena Marsh, “the talks failed before they began.”",
        "the talks failed before they began.",
        "Lena Marsh",
    ),
    (
        "Lena Marsh, the spokesperson for the Interior Ministry, stated that the police "
        "“acted within the law.”",
        "acted within the law.",
        "Lena Marsh",
    ),
    (
        "The Secretary of the National Council, Omar Vance, said the plan “will not survive the winter.”",
        "will not survive the winter.",
        "Omar Vance",
    ),
    (
        "The Ministry of Defense of Freedonia expressed its “deepest regret” over the incident.",
        "deepest regret",
        "Ministry of Defense of Freedonia",
    ),
    (
        "“We were never consulted about any of it,” the Transport Ministry said.",
        "We were never consulted about any of it",
        "Transport Ministry",
    ),
    (
        "“He told me ‘leave now’ and so I left the town,” Ivanova said.",
        "He told me ‘leave now’ and so I left the town",
        "Ivanova",
    ),
]


@pytest.mark.parametrize(("text", "quote", "speaker"), SPEAKER_CASES)
def test_speaker_patterns(text: str, quote: str, speaker: str) -> None:
    assert speakers(text)[quote] == speaker


def test_pronouns_point_to_the_last_subject_not_the_last_name() -> None:
    text = (
        "Interior Minister Dana Kell rejected the report.\n\n"
        "She also criticised the opposition, including its leader Rob Stone.\n\n"
        "“We will not resign over rumours,” she added.\n\n"
        "The best answer came from the mayor, Tim Ash. According to him, “the roads are open again.”\n"
    )
    found = speakers(text)
    assert found["We will not resign over rumours"] == "Dana Kell"
    assert found["the roads are open again."] == "Tim Ash"


def test_terms_titles_and_scare_quotes_are_not_quotes() -> None:
    text = (
        "Critics used the term “ethnic cleansing” for the exodus of the villagers.\n\n"
        "According to the newspaper “Morning Post” the convoy left at dawn that day.\n\n"
        "The alliance, the “Eastern shield of the region,” is falling apart quickly.\n"
    )
    assert "quotes" not in draft(text)


def test_dates_absolute_relative_and_without_year() -> None:
    dates = {e["date"] for e in draft()["events"]}
    assert {"2024-01-12", "2023-09", "2020-11-10"} <= dates  # "January 12", "Last September"


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("It began on 10 November 2020 at dawn.", None, "2020-11-10"),
        ("In December 2022, the road was blocked.", None, "2022-12"),
        ("Troops may leave in 2025.", None, "2025"),
        ("On September 21, talks began.", PartialDate(2024, 1, 15), "2023-09-21"),
        ("On September 21, talks began.", PartialDate(2023, 10, 2), "2023-09-21"),
        ("In September last year the offensive came.", PartialDate(2024, 1, 15), "2023-09"),
        ("Last September, the offensive came.", PartialDate(2024), "2023-09"),
        ("The spokesperson confirmed this week that they leave.", PartialDate(2024, 4, 18), "2024-04"),
        ("The Kremlin said on Monday that it would decide.", PartialDate(2024, 4, 18), "2024-04-15"),
        ("The ministry said yesterday that it would decide.", PartialDate(2024, 3, 1), "2024-02-29"),
        ("Elections were held last year.", PartialDate(2024, 4, 18), "2023"),
    ],
)
def test_date_patterns(sentence: str, published: PartialDate | None, expected: str) -> None:
    assert [m.date.iso() for m in find_dates(sentence, published)] == [expected]


def test_impossible_and_unresolvable_dates_are_skipped() -> None:
    assert find_dates("It happened on April 31, 2020.", None) == []
    assert find_dates("It happened last September.", None) == []  # no publication date to resolve by


def test_figures_with_qualifiers_and_words() -> None:
    figures = {(f["value"], f.get("qualifier")) for f in draft()["figures"]}
    assert (2000, "nearly") in figures and (64, "an estimated") in figures and (9, None) in figures


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Over 200 people died in the explosion.", [(200, "people", "over")]),
        ("An estimated 64 died during the trek.", [(64, "people", "an estimated")]),
        ("The 2,000-strong contingent stayed.", [(2000, "members", None)]),
        ("A five-year term was agreed.", [(5, "years", None)]),
        ("It was a one-day offensive.", [(1, "day", None)]),
        ("Azerbaijan seized two Karabakh villages in a night.", [(2, "Karabakh villages", None)]),
        ("About twenty-five journalists were detained.", [(25, "journalists", "about")]),
        ("Some 1.5 million people voted.", [(1.5e6, "people", "some")]),
        ("Turnout was 45% in the capital.", [(45, "percent", None)]),
        ("A Mi-24 helicopter was shot down; one of the crew survived.", []),
        ("The 2020 agreement and 100,000 local Armenians living there.", [(100000, "local Armenians", None)]),
        (
            "The mission has nearly 2,000 troops and 90 armored vehicles.",
            [(2000, "troops", "nearly"), (90, "armored vehicles", None)],
        ),
    ],
)  # fmt: skip
def test_figure_patterns(sentence: str, expected: list[tuple[float, str, str | None]]) -> None:
    assert [(f.value, f.unit, f.qualifier) for f in find_figures(sentence)] == expected


def test_a_figure_does_not_give_its_number_away() -> None:
    (figure,) = [f for f in draft()["figures"] if f["value"] == 2000]
    assert figure["counts"] == "Last September, … troops crossed the border during a nine-month blockade."


def test_a_dates_numbers_are_not_figures() -> None:
    deck = draft("On 19 September 2023, 120 soldiers crossed the river at night.\n")
    assert [(f["value"], f["unit"]) for f in deck["figures"]] == [(120, "soldiers")]


def test_actors_with_roles_and_surnames_merged() -> None:
    (actor,) = [a for a in draft()["actors"] if a["id"] == "anna-ivanova"]
    assert actor["role"] == "Foreign Ministry spokeswoman" and actor["aliases"] == ["Ivanova"]
    assert "Jane Writer" not in {a["name"] for a in draft()["actors"]}  # the byline is the author


def test_actor_patterns() -> None:
    text = (
        "Lena Marsh, the spokesperson for the Interior Ministry, rejected the claims on Monday.\n\n"
        "Kremlin spokesperson Dmitry Orlov said nothing more about the plans of the mission.\n\n"
        "The Collective Defence Pact (CDP) met in the capital, and the Kremlin said it would wait.\n\n"
        "Marsh later said the Collective Defence Pact had failed the people of the region.\n\n"
        "A call with Viktor Lund followed. Lund has since resigned from the council.\n"
    )
    actors = {a["name"]: a for a in draft(text)["actors"]}
    assert actors["Lena Marsh"]["role"] == "spokesperson for the Interior Ministry"
    assert actors["Dmitry Orlov"]["role"] == "Kremlin spokesperson"
    assert actors["Collective Defence Pact"]["aliases"] == ["CDP"]
    assert actors["Collective Defence Pact"]["kind"] == "institution"
    assert "Kremlin" in actors and "Viktor Lund" in actors
    assert "Marsh" not in actors and "Lund" not in actors  # surnames merge into the full name


def test_several_articles_merge_with_one_source_each() -> None:
    one = "Kremlin spokesperson Dmitry Orlov said the troops “will leave in spring next year.”\n"
    two = "“The troops are staying for the whole winter,” Orlov said on Tuesday.\n"
    deck = draft_deck(
        [
            Article("one.txt", one, "one", PartialDate(2024, 3, 1)),
            Article("two.txt", two, "two", PartialDate(2024, 3, 5)),
        ]
    )
    assert [s["id"] for s in deck["sources"]] == ["one", "two"]
    assert {q["speaker"] for q in deck["quotes"]} == {"dmitry-orlov"}
    assert sorted(q["sources"][0] for q in deck["quotes"]) == ["one:p1", "two:p1"]
    assert [a["name"] for a in deck["actors"] if a["kind"] == "person"] == ["Dmitry Orlov"]


def test_title_and_outlet_from_headline_or_feed_footer() -> None:
    assert title_and_outlet(
        ["top of page", "Troops to leave the valley", "Body text is here, said nobody."]
    ) == (
        "Troops to leave the valley",
        "",
    )
    footer = [
        "By A Writer",
        "Body text goes here and on.",
        "The post Troops leave appeared first on NEWSNET.",
    ]
    assert title_and_outlet(footer) == ("Troops leave", "NEWSNET")


def test_text_splitting_keeps_quotes_whole() -> None:
    para = "“First. Second,” she said. Then “nested ‘inner’ words” came. Last one."
    assert sentences(para) == ["“First. Second,” she said.", "Then “nested ‘inner’ words” came.", "Last one."]
    assert [q.text for q in quotes(para)] == ["First. Second,", "nested ‘inner’ words"]


def test_draft_command_writes_a_deck_that_passes_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "valley.txt"
    article.write_text(TEXT)
    out = tmp_path / "draft.yaml"
    assert main(["draft", str(article), "--published", "2024-01-15", "-o", str(out)]) == 0
    deck = load_deck(out, cache_dir=None)
    assert deck.sources["valley"].author == "Jane Writer" and deck.facts("quotes")
    assert deck.sources["valley"].title == "Peacekeepers leave the valley"
    assert main(["check", str(out)]) == 0
    assert main(["check", "--strict", str(out)]) == 1  # drafts are marked for review
    assert main(["draft", str(article), "-o", str(out)]) == 2  # never overwrites
    assert main(["draft", str(article), "--published", "yesterday"]) == 2
    assert "&id" not in out.read_text()  # no YAML anchors: each fact cites its own list


_WORDS = st.sampled_from(
    ["Anna", "Ivanova", "said", "she", "added", "“", "”", '"', "‘", "’", "On", "September", "21,", "2020",
     "last", "year", "nearly", "2,000", "troops", "-strong", "nine-month", "the", "Ministry", "of", "Defense",
     "(CDP)", "Kremlin", "spokesperson", ",", ".", "\n\n", "According", "to", "her", "one", "of", "Mi-24",
     "45%", "term", "By", "This", "week", "Monday", "é", "\t", "31", "April"]
)  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_WORDS, max_size=80), st.sampled_from([None, PartialDate(2024), PartialDate(2024, 2, 29)]))
def test_any_text_drafts_a_valid_deck(words: list[str], published: PartialDate | None) -> None:
    deck = draft(" ".join(words), published)
    text = yaml.safe_dump(deck, sort_keys=False, allow_unicode=True)
    parse_deck(text, "draft.yaml", get_plugin_manager().sections)  # raises DeckError if invalid
