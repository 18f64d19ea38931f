"""A drafted fact's text names whom its opening pronoun means, when the sentence before does."""

from __future__ import annotations

import pytest
from draft_helpers import draft


def _texts(*paragraphs: str) -> list[str]:
    deck = draft("\n\n".join(("Headline", *paragraphs)) + "\n")
    return [e["text"] for e in deck.get("events", [])] + [f["counts"] for f in deck.get("figures", [])]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (
            ("The Harbour Authority of Lindqvist raised its fees on Monday. Its board meets on Dec. 9.",),
            "The Harbour Authority of Lindqvist's board meets on ….",
        ),
        (
            ("Talia Brennquist, the mayor, spoke on Monday. She added that 14 libraries would close.",),
            "Talia Brennquist added that … libraries would close.",
        ),
        (
            (
                "Oskar Vandermeer said on Monday the bid had failed.",
                "His lawyer, Ines Calloway, had argued on Nov. 4 it was fair.",
            ),
            "Oskar Vandermeer's lawyer, Ines Calloway, had argued on … it was fair.",
        ),
        # The speaker after a quotation in the sentence before.
        (
            ('"The core is older than we thought," says Miriam Castellane, a geologist. '
             "She adds that the rocks formed in 1962.",),
            "Miriam Castellane adds that the rocks formed ….",
        ),
        # A pronoun named once carries to the next sentence.
        (
            ("Edmund Farrow, the retired judge, has died at his home.", "He was 91.",
             "His former chambers, Farrow Row, said on Nov. 4 he died in his sleep."),
            "Edmund Farrow's former chambers, Farrow Row, said on … he died in his sleep.",
        ),
    ],
)  # fmt: skip
def test_a_pronoun_after_a_named_subject_names_it(paragraphs: tuple[str, ...], expected: str) -> None:
    assert expected in _texts(*paragraphs)


@pytest.mark.parametrize(
    ("paragraphs", "kept"),
    [
        # The sentence before opens with no actor: the author fixes it, the lint points there.
        (("The old pier collapsed on Monday. Its owner was fined on Nov. 4.",), "Its owner was fined on …."),
        # A person is no "its", an institution no "he".
        (
            ("Talia Brennquist, the mayor, spoke on Monday. Its budget fell on Nov. 4.",),
            "Its budget fell on ….",
        ),
        (
            ("The Harbour Authority of Lindqvist raised its fees on Monday. He resigned on Nov. 4.",),
            "He resigned on ….",
        ),
        # "Ms" makes her a she: "He" means someone else.
        (("Ms Brennquist spoke on Monday. He resigned on Nov. 4.",), "He resigned on …."),
    ],
)  # fmt: skip
def test_a_pronoun_without_a_referent_is_left(paragraphs: tuple[str, ...], kept: str) -> None:
    assert kept in _texts(*paragraphs)
