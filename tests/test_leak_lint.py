"""The question lint's cross-question leaks (``answer shown elsewhere``, quizlib.questionlint.leaks)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lint_helpers import Lint, P, linter


@pytest.fixture
def lint(tmp_path: Path) -> Lint:
    return linter(tmp_path)


RIGHT = "They had not supported peace and stability in the South Caucasus"
WRONG = ["They had kept the corridor open every week", "They had evacuated every village"]


def leaks(messages: list[str], qid: str) -> list[str]:
    return [m for m in messages if m.startswith(f"probes/{qid}/probe: answer shown elsewhere")]


def test_a_right_choice_shown_as_a_timeline_item_is_flagged(lint: Lint) -> None:
    messages = lint(
        P("card", "pick", text="c", ask="What did the spokesperson say of the troops?",
          choices=[RIGHT, *WRONG], right=[0]),
        P("a", "date", text="The spokesperson said the troops had not supported peace and stability "
          "in the South Caucasus.", date="2024-04"),
        P("b", "date", text="A ceasefire was agreed.", date="2020-11"),
        P("c", "date", text="The corridor was blocked.", date="2022-12"),
        P("line", "order", text="t", items=["a", "b", "c"]),
    )  # fmt: skip
    (flaw,) = leaks(messages, "card")
    # the event's own date question shows the text, and so does the timeline
    assert flaw.endswith(
        '"supported peace and stability in the south" is shown in the question of probes/a/probe'
        " (and 1 other question)"
    )


def test_a_short_answer_shown_whole_as_another_choice_is_flagged(lint: Lint) -> None:
    messages = lint(
        P("name", "text", text="c", ask="What does CSTO stand for?",
          answer="Collective Security Treaty Organization"),
        P("other", "pick", text="c", ask="Whom did Armenia ask for help?", right=[0],
          choices=["The Russia-led Collective Security Treaty Organization", "The United Nations"]),
        P("short", "text", text="c", ask="Where did the convoy go?", answer="Yerevan airport"),
        P("elsewhere", "pick", text="c", ask="Which road was closed to the airport?",
          choices=["The northern road", "The southern road"], right=[0]),
    )  # fmt: skip
    assert len(leaks(messages, "name")) == 1
    assert leaks(messages, "short") == []  # "airport" alone is not the answer "Yerevan airport"


def test_a_phrase_many_texts_share_is_the_topic_not_a_leak(lint: Lint) -> None:
    topic = "the peacekeeping mission monitored the ceasefire line"
    messages = lint(
        P("card", "pick", text="c", ask="What did they do?",
          choices=[f"They said {topic}", "They left at once"], right=[0]),
        *(P(f"q{i}", "text", text="c", ask=f"Question {i}: why did {topic}?", answer="x") for i in range(5)),
    )  # fmt: skip
    assert leaks(messages, "card") == []


def test_a_year_beside_a_word_of_the_asked_fact_is_flagged(lint: Lint) -> None:
    messages = lint(
        P("war", "date", text="The Second Karabakh War was fought.", date="2020",
          ask="In what year was the Second Karabakh War fought?"),
        P("refugees", "number", text="c", value=88000, unit="people",
          ask="How many people crossed into Armenia since the war broke out in 2020?"),
        P("talks", "date", text="Talks were held.", date="2021",
          ask="When were the talks held?"),
        P("other", "number", text="c", value=12, unit="rounds",
          ask="How many rounds of the 2021 negotiations took place?"),
    )  # fmt: skip
    (flaw,) = leaks(messages, "war")
    assert "probes/refugees/probe" in flaw and "2020" in flaw
    assert leaks(messages, "talks") == []  # "negotiations" is no word of "Talks were held."


def test_a_small_number_answer_beside_a_word_of_its_own_card_is_flagged(lint: Lint) -> None:
    """A card whose answer is a small number ("eleven", "3.12") is answered by an item that
    shows that number beside a word of the card; the same number about something else is not."""
    messages = lint(
        P("card", "text", text="c", ask="In how many minutes did Ines Varga score her hat-trick?",
          answer="eleven"),
        P("version", "text", text="c", ask="Which Python version did the Orrin checker support first?",
          answer="3.12"),
        P("other", "text", text="c", ask="How many days did the Tarn talks last?", answer="four"),
        P("a", "date", text="Ines Varga scored a hat-trick in eleven minutes.", date="2024-09"),
        P("b", "date", text="The Orrin checker added support for Python 3.12.", date="2023-10"),
        P("c", "date", text="The dockers' strike ended after four weeks.", date="2021-03"),
        P("line", "order", text="t", items=["a", "b", "c"]),
    )  # fmt: skip
    assert len(leaks(messages, "card")) == 1 and len(leaks(messages, "version")) == 1
    assert leaks(messages, "other") == []  # a strike's four weeks are not the talks' days
