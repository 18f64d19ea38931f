"""tools/verify_deck.py: the checks that go beyond "the string occurs somewhere"."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

TOOL = Path(__file__).parent.parent / "tools" / "verify_deck.py"

ARTICLE = """\
top of page
Peacekeepers in the valley
By Jane Doe
On March 3, 2021, the council signed a truce brokered by the capital.
The mission of 500 troops is to stay until 2025, as the truce stipulated.
Most recently, the minister signaled a possible withdrawal in 2025.
"We kept the peace," the commander said.
"""


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("verify_deck", TOOL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["verify_deck"] = module
    spec.loader.exec_module(module)
    return module


def deck(**sections: Any) -> dict[str, Any]:
    source = {"id": "valley", "title": "Peacekeepers in the valley", "published": "2022-01-15"}
    return {"sources": [source], "actors": [], **sections}


def problems(tool: ModuleType, d: dict[str, Any]) -> tuple[list[str], list[str]]:
    _, report = tool.verify(d, {"a.txt": tool.split_paragraphs(ARTICLE)})
    return report.problems, report.warnings


def test_a_good_fact_passes(tool: ModuleType) -> None:
    event = {"id": "truce", "date": "2021-03-03", "text": "A truce.", "sources": ["valley:p4"]}
    assert problems(tool, deck(events=[event])) == ([], [])


def test_a_paragraph_beyond_the_article_is_an_error(tool: ModuleType) -> None:
    event = {"id": "truce", "date": "2021-03-03", "text": "A truce.", "sources": ["valley:p40"]}
    found, _ = problems(tool, deck(events=[event]))
    assert any("beyond the article's 7 paragraphs" in p for p in found)


def test_a_date_after_publication_is_an_error_and_a_planned_year_a_warning(tool: ModuleType) -> None:
    event = {"id": "leave", "date": "2025", "text": "Leaving.", "sources": ["valley:p6"]}
    found, warned = problems(tool, deck(events=[event]))
    assert any("after valley's publication date" in p for p in found)
    assert any("planned or future year" in w for w in warned)


def test_a_past_year_after_in_is_not_a_plan(tool: ModuleType) -> None:
    assert not tool.plan_year(2021, "On March 3, 2021, the council signed a truce.", "2022-01-15")
    assert tool.plan_year(2025, "to stay until 2025", "2030")
    assert tool.plan_year(2025, "a withdrawal in 2025", "2024-01-15")


def test_a_quote_in_another_paragraph_says_where(tool: ModuleType) -> None:
    quote = {"id": "q", "text": "We kept the peace,", "speaker": "x", "sources": ["valley:p5"]}
    found, _ = problems(tool, deck(quotes=[quote]))
    assert any("verbatim in p7, not in the cited paragraph" in p for p in found)


def test_conflict_values_must_be_in_their_paragraphs(tool: ModuleType) -> None:
    figure = {
        "id": "troops",
        "value": 500,
        "unit": "troops",
        "counts": "troops",
        "sources": ["valley:p5"],
        "conflicts": [{"field": "value", "value": 600, "sources": ["valley:p4"]}],
    }
    found, _ = problems(tool, deck(figures=[figure]))
    assert any("conflict: value 600" in p for p in found)
    figure["conflicts"][0]["sources"] = ["valley:p5"]
    figure["conflicts"][0]["value"] = 500
    assert problems(tool, deck(figures=[figure]))[0] == []


def test_numbers_match_whole_numbers_only(tool: ModuleType) -> None:
    assert tool.has_number("nearly 2,000 troops", 2000)
    assert not tool.has_number("120,000 people", 20000)
    assert tool.has_number("Two servicemen were killed", 2)


def test_an_article_without_its_headline_matches_by_byline(tool: ModuleType) -> None:
    source = {"id": "doe", "title": "A lost headline", "author": "Jane Doe", "published": "2022"}
    report = tool.Report()
    found = tool.match_articles([source], {"a.txt": tool.split_paragraphs(ARTICLE)}, report)
    assert "doe" in found and report.problems == []
