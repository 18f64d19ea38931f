"""`check` rejects, at FILE:LINE:COL, every deck value that would break `study`."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizlib.cli import main

HEAD = "quizlib: 1\ndeck: {id: h, title: Hostile}\n"
ACTORS = """\
actors:
  - {id: arm, name: Armenia}
  - {id: aze, name: Azerbaijan}
"""


def check(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    status = main(["check", str(path)])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


@pytest.mark.parametrize(
    ("settings", "where", "message"),
    [
        ("retention: 0", "3:", "retention must be 0.7 to 0.99"),
        ("retention: 5", "3:", "retention must be 0.7 to 0.99"),
        ("learning_steps: [99999999999]", "3:", "learning_steps[1] must be 1 to 525,600 minutes"),
        ("learning_steps: [1, -5]", "3:", "learning_steps[2] must be 1 to"),
        ("relearning_steps: [0]", "3:", "relearning_steps[1] must be 1 to"),
        ("max_interval: 0", "3:", "max_interval must be 1 to 36500"),
        ("new_per_day: -5", "3:", "new_per_day must be 0 to"),
    ],
)
def test_settings_out_of_range(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], settings: str, where: str, message: str
) -> None:
    text = f"quizlib: 1\ndeck:\n  settings: {{{settings}}}\n  id: h\n  title: T\n"
    status, out = check(tmp_path, text, capsys)
    assert status != 0
    assert f"deck.yaml:{where}" in out and message in out, out
    assert "internal error" not in out.lower()


@pytest.mark.parametrize(
    ("body", "where", "message"),
    [
        ("sources:\n  - {id: s, title: '   '}\n", "deck.yaml:4:", "title is blank"),
        ('sources:\n  - {id: s, title: ""}\n', "deck.yaml:4:", "title is blank"),
        (ACTORS + "agreements:\n  - {id: a, name: x, date: 2020, parties: []}\n", "deck.yaml:7:", "empty"),
        (
            ACTORS + "agreements:\n  - {id: a, name: x, date: 2020, parties: [arm, aze, arm]}\n",
            "deck.yaml:7:",
            "lists 'arm' twice",
        ),
        (
            ACTORS + "agreements:\n  - {id: a, name: x, date: 0000-01-01, parties: [arm, aze]}\n",
            ":7:",
            "year 0",
        ),
        ('sources:\n  - {id: s, title: "a\\x1b]52;c;eA==\\x07"}\n', "deck.yaml:4:", "U+001B"),
        ("sources:\n  - {id: s, title: ok}\n  - {id: t, title: b\x01c}\n", "deck.yaml:5:", "U+0001"),
    ],
)
def test_values_that_break_study(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str, where: str, message: str
) -> None:
    status, out = check(tmp_path, HEAD + body, capsys)
    assert status != 0
    assert where in out and message in out, out
    assert ":0:0" not in out and "internal error" not in out.lower()


@pytest.mark.parametrize(
    ("setting", "value"),
    [("retention", "1e308"), ("retention", "-1e16"), ("new_per_day", "1" * 5000), ("new_per_day", "1" * 17)],
)
def test_numbers_must_be_sane(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], setting: str, value: str
) -> None:
    text = f"quizlib: 1\ndeck:\n  settings: {{{setting}: {value}}}\n  id: h\n  title: T\n"
    status, out = check(tmp_path, text, capsys)
    assert status != 0
    assert "deck.yaml:3:" in out and "too large" in out, out[:500]
    assert "internal error" not in out.lower()
