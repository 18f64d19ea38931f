"""Basic cards graded by content words, and answers listed without repeats."""

from __future__ import annotations

import random

from quizlib_plugins._teach import definite
from quizlib_plugins.basic import typed_score

from quizlib import MULTI_HINT, Actor, Deck, Fact, Question, answer_of, word_overlap
from quizlib.plugins import PluginHost
from quizlib.study.questions import question_lines


def card(host: PluginHost, back: str, accept: tuple[str, ...] = ()) -> Question:
    fact = Fact(
        "cards", "c", {"type": "basic", "front": "What did he say?", "back": back, "accept": list(accept)}
    )
    (q,) = host.question_types["basic"].generate(
        fact, Deck("t", "T", sections={"cards": (fact,)}), random.Random(0)
    )
    return q


BACK = "Russian troops would have to leave once the conflict was resolved"


def test_a_paraphrase_of_the_back_is_right_or_partly_right(host: PluginHost) -> None:
    basic = host.question_types["basic"]
    q = card(host, BACK)
    near = basic.grade(q, "Russian troops would leave when the conflict is resolved")
    assert near.score == 1.0 and near.self_rated
    some = basic.grade(q, "the troops would leave")
    assert some.score == 0.5 and some.verdict == "partly right"
    assert "rate how well you knew it" in some.feedback
    assert basic.grade(q, "they stayed forever").score == 0.0
    assert word_overlap("resolving conflicts", "the conflict was resolved") == 1.0


def test_accept_entries_count_and_are_listed_once(host: PluginHost) -> None:
    q = card(host, "several thousand", ("several thousand", "a few thousand", "thousands", "Thousands"))
    assert typed_score("a few thousand", ["several thousand", "a few thousand"]) == 1.0
    found = answer_of(host.question_types["basic"], q)
    assert found is not None and found.accepted == ("also: a few thousand", "also: thousands")
    lines = "\n".join(question_lines(q, found, answers=True))
    assert lines.count("several thousand") == 1


def test_multi_select_hint_names_letters_and_numbers() -> None:
    assert MULTI_HINT == "all that apply, as option letters or numbers"


def test_institutions_read_with_the_article() -> None:
    def inst(name: str) -> Actor:
        return Actor(name.lower(), name, "institution")

    assert definite(inst("Ministry of Defense of Azerbaijan")) == "the Ministry of Defense of Azerbaijan"
    assert definite(inst("Russian peacekeeping contingent")) == "the Russian peacekeeping contingent"
    assert definite(inst("Russian Ministry of Foreign Affairs")) == "the Russian Ministry of Foreign Affairs"
    assert definite(inst("the Kremlin")) == "the Kremlin"
    assert definite(inst("Russia")) == "Russia"
    assert definite(inst("CSTO")) == "CSTO"
    assert definite(inst("Nagorno-Karabakh Republic")) == "Nagorno-Karabakh Republic"
    assert definite(Actor("p", "Nikol Pashinyan")) == "Nikol Pashinyan"
