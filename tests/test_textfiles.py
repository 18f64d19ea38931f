"""Text files in another Unicode encoding (UTF-16 from Windows Notepad, UTF-32) are named as
such by every command that reads a person's text file, never failed on a byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizlib.cli import main
from quizlib.errors import DeckError, UsageError
from quizlib.loading import load_deck
from quizlib.textfiles import decode_text, foreign_encoding

DECK = """quizlib: 1
deck:
  id: tiny
  title: Tiny
cards:
  - id: one
    type: basic
    front: What is one?
    back: One
"""
ARTICLE = "The mayor said on Monday that five people had been hurt in the storm.\n"
TSV = "#separator:tab\nWhat is one?\tOne\n"
CSV = "card_id,review_time,review_rating,review_duration\n1,2024-03-01T09:00:00+00:00,3,1000\n"


@pytest.mark.parametrize(
    ("codec", "name"),
    [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")],
)
def test_other_unicode_encodings_are_named(codec: str, name: str) -> None:
    assert foreign_encoding(DECK.encode(codec)) == name
    with pytest.raises(UsageError, match=name):
        decode_text(DECK.encode(codec), "deck.yaml")


@given(st.text().filter(lambda t: "\x00" not in t))
def test_utf8_text_is_never_taken_for_another_encoding(text: str) -> None:
    data = text.encode("utf-8")
    assert foreign_encoding(data) is None
    assert decode_text(data, "f") == text.removeprefix("\ufeff")


# A UTF-16 text starting with U+0000 starts FF FE 00 00, UTF-32's mark: the file is refused
# either way, under the other name.
@given(st.text(min_size=1).filter(lambda t: not t.startswith("\x00")))
def test_text_with_a_byte_order_mark_is_always_recognised(text: str) -> None:
    assert foreign_encoding(text.encode("utf-16")) == "UTF-16"
    assert foreign_encoding(text.encode("utf-32")) == "UTF-32"


def test_a_utf8_byte_order_mark_is_dropped() -> None:
    assert decode_text("\ufeffhello".encode(), "f") == "hello"


def test_a_bad_byte_is_located() -> None:
    with pytest.raises(UsageError, match=r"f:2:3: not UTF-8 \(byte 0xe9\)"):
        decode_text(b"ok\nab\xe9\n", "f")


def test_a_utf16_deck_is_a_located_problem_naming_the_encoding(tmp_path: Path) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text(DECK, encoding="utf-16")
    with pytest.raises(DeckError) as info:
        load_deck(path)
    [problem] = info.value.problems
    assert (problem.line, problem.column) == (1, 1)
    assert "UTF-16" in problem.message and "UTF-8" in problem.message


@pytest.mark.parametrize(
    ("command", "name", "text"),
    [
        (["check"], "deck.yaml", DECK),
        (["draft", "-o", "{out}/d.yaml"], "article.txt", ARTICLE),
        (["import-cards", "-o", "{out}/c.yaml"], "cards.txt", TSV),
        (["log", "import", "--db", "{out}/q.db"], "log.csv", CSV),
    ],
)
def test_every_reader_names_the_encoding_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], name: str, text: str
) -> None:
    good, bad = tmp_path / f"good-{name}", tmp_path / name
    good.write_text(text, encoding="utf-8")
    bad.write_text(text, encoding="utf-16")
    args = [a.replace("{out}", str(tmp_path)) for a in command]
    at = 2 if args[0] == "log" else 1  # where the file goes among the arguments

    def run(path: Path) -> int:
        return main([*args[:at], str(path), *args[at:]])

    assert run(good) == 0
    for leftover in ("d.yaml", "c.yaml"):
        (tmp_path / leftover).unlink(missing_ok=True)
    capsys.readouterr()
    assert run(bad) != 0
    err = capsys.readouterr().err
    assert "UTF-16" in err and "Traceback" not in err
    assert str(bad) in err
