"""Who-said distractors from the speaker's side and kind, and the lint rules that match them."""

from __future__ import annotations

from pathlib import Path

import pytest
from lint_helpers import Lint, P, linter
from test_fair_prompts import (
    ALIYEV,
    ARMENIA,
    AZERBAIJAN,
    GRIGORYAN,
    MFA,
    PASHINYAN,
    PATEL,
    PESKOV,
    RUSSIA,
    TURKEY,
    TYPES,
    ZAKHAROVA,
    deck,
    fact,
    generate,
)

from quizlib import Actor

PUTIN = Actor("putin", "Vladimir Putin", role="President of Russia", aliases=("Putin",), part_of=("russia",))
AZ_MOD = Actor("azmod", "Ministry of Defense of Azerbaijan", "institution", "defence ministry of Azerbaijan",
               organisation="azerbaijan")  # fmt: skip
AM_MFA = Actor("ammfa", "Armenian Ministry of Foreign Affairs", "institution", "foreign ministry of Armenia",
               organisation="armenia")  # fmt: skip
PEOPLE = (RUSSIA, MFA, ZAKHAROVA, PESKOV, PUTIN, PASHINYAN, GRIGORYAN, PATEL, ALIYEV, ARMENIA, AZERBAIJAN)
QUOTE = "No one has the right to insult the peacekeepers, and we will respond to them"


def test_a_person_is_offered_people_of_their_side_first() -> None:
    quotes = (
        fact("quotes", "z", text=QUOTE, speaker="zakharova"),
        fact("quotes", "p", text="The peacekeepers failed to protect our people at all", speaker="pashinyan"),
        fact(
            "quotes", "g", text="We have received no explanation of what happened there", speaker="grigoryan"
        ),
    )
    for seed in range(10):
        (q,) = [q for q in generate(deck(*quotes, actors=PEOPLE), "who_said", seed) if q.fact.id == "z"]
        # Peskov and Putin speak for Russia too: the quote's side does not give Zakharova away
        assert {"Dmitry Peskov", "Vladimir Putin"} <= set(q.prompt.choices)


def test_a_ministry_is_offered_ministries_and_never_its_own_state() -> None:
    quote = fact("quotes", "m", text="We express our deepest condolences to the families", speaker="azmod",
                 question="Which ministry expressed its deepest condolences to the families?")  # fmt: skip
    actors = (RUSSIA, MFA, AZERBAIJAN, ARMENIA, TURKEY, AZ_MOD, AM_MFA)
    for seed in range(5):
        (q,) = generate(deck(quote, actors=actors), "who_said", seed)
        assert set(q.prompt.choices) - {AZ_MOD.name} <= {MFA.name, AM_MFA.name}
        right = q.prompt.choices.index(AZ_MOD.name)
        assert (
            TYPES["who_said"]
            .grade(q, right)
            .feedback.startswith(
                "Said by the Ministry of Defense of Azerbaijan (defence ministry of Azerbaijan)."
            )
        )


def test_a_stem_naming_the_side_keeps_options_of_that_side() -> None:
    quote = fact("quotes", "g", text="certain problems", speaker="grigoryan",
                 question="Which Armenian official said the alliance poses certain problems?")  # fmt: skip
    others = (fact("quotes", "z", text=QUOTE, speaker="zakharova"),)
    # Only Pashinyan fits "Armenian" beside Grigoryan: two options are a coin toss, so the
    # quote is not asked as a choice at all (never with a Russian among the options).
    for seed in range(5):
        made = generate(deck(quote, *others, actors=PEOPLE), "who_said", seed)
        assert [q for q in made if q.fact.id == "g"] == []


@pytest.fixture
def lint(tmp_path: Path) -> Lint:
    return linter(tmp_path)


def test_the_lint_flags_options_of_another_side_than_the_stem_names(lint: Lint) -> None:
    messages = lint(
        P("g", "choice", text="certain problems", speaker="mfa", options=["mfa", "kremlin"],
          ask="Which Armenian body said the alliance poses “certain problems” for Yerevan's security?"),
        P("fair", "choice", text="certain problems", speaker="mfa", options=["mfa", "kremlin"],
          ask="Which body said the alliance poses “certain problems” for Yerevan's security?"),
    )  # fmt: skip
    flagged = [m for m in messages if "not of Armenia" in m]
    assert len(flagged) == 1
    assert flagged[0].startswith(
        'probes/g/probe: implausible distractor: the question asks "which armenian body said the"'
    )
    assert '"the Kremlin" is not of Armenia' in flagged[0]


def test_speakers_of_the_quotes_own_article_come_first() -> None:
    """A deck drafted from several stories: the options for a quote are first the people its
    own article quotes, then another story's (who would give the answer away by topic)."""
    people = [Actor(i, f"Person {i.upper()}") for i in ("a1", "a2", "a3", "b1", "b2", "b3")]
    texts = {
        "a1": "The chips have reached a tipping point for computing",
        "a2": "Demand for data centres keeps growing every quarter",
        "a3": "We expect the supply shortage to last another year",
        "b1": "Older people sense the heat less than they used to",
        "b2": "Hospitals must prepare cooling rooms before the summer",
        "b3": "Drink water often, even before you feel thirsty",
    }
    quotes = [fact("quotes", i, sources=(f"{i[0]}:p1",), text=t, speaker=i) for i, t in texts.items()]
    for seed in range(10):
        (q,) = [q for q in generate(deck(*quotes, actors=people), "who_said", seed) if q.fact.id == "a1"]
        assert {"Person A2", "Person A3"} <= set(q.prompt.choices), q.prompt.choices
