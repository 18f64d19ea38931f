"""Speakers named with an office or a regnal number after a quotation; companies named once."""

from __future__ import annotations

import pytest
from draft_helpers import actor_kinds, speakers


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"The crown is a duty, not a prize," said Queen Margrethe II at the palace.', "Queen Margrethe II"),
        ('"The talks were frank," said Secretary of State Orla Benedikt after the meeting.', "Orla Benedikt"),
        ('"We reject the claims," said Kremlin spokesperson Ilya Vostrikov.', "Ilya Vostrikov"),
        ('"No decision yet," said Treasury press secretary Dana Holloway.', "Dana Holloway"),
        ('"It was fair," said Minister of Defence Jonas Ekdahl on Tuesday.', "Jonas Ekdahl"),
    ],
)
def test_an_office_or_regnal_number_before_a_speaker(text: str, speaker: str) -> None:
    assert list(speakers(f"Headline\n\n{text}\n").values()) == [speaker]


def test_a_company_named_once_in_one_word() -> None:
    kinds = actor_kinds("The vessel was tracked by data from HarbourLens, a monitoring service.")
    assert kinds == {"HarbourLens": "institution"}


def test_surnames_with_a_prefix_stay_people() -> None:
    kinds = actor_kinds("The mayor met Alan McTavish and Rosa DeLuca on Monday to discuss the plan.")
    assert kinds == {"Alan McTavish": "person", "Rosa DeLuca": "person"}
