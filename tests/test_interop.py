"""Anki export (apkg, TSV) and TSV import."""

from __future__ import annotations

import re
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from quizlib import load_deck
from quizlib.cli import main
from quizlib.exchange.anki import html_to_text
from quizlib.plugins import PluginHost

DECK = """\
quizlib: 1
deck: {id: ix, title: Interop deck, tags: [demo]}
sources: [{id: s, title: S, outlet: Outlet, published: 2024}]
events:
  - {id: e1, date: 2020-11-10, text: First thing., sources: ["s:p1"], tags: [early]}
  - {id: e2, date: 2021-05, text: Second thing., sources: ["s:p2"]}
  - {id: e3, date: 2022, text: Third thing., sources: ["s:p3"]}
  - {id: e4, date: 2023-09-19, text: Fourth thing., sources: ["s:p4"]}
cards:
  - {id: b1, type: basic, front: "Capital of France?", back: Paris, sources: ["s:p5"]}
  - {id: c1, type: cloze, text: "The {{Seine}} flows through Paris.", sources: ["s:p6"]}
"""


def notes_of(apkg: Path) -> list[tuple[str, str, str]]:
    with zipfile.ZipFile(apkg) as z:
        data = z.read("collection.anki2")
    db = apkg.with_suffix(".anki2")
    db.write_bytes(data)
    conn = sqlite3.connect(db)
    try:
        return sorted(conn.execute("SELECT guid, flds, tags FROM notes").fetchall())
    finally:
        conn.close()


def test_apkg_has_a_note_per_question_with_stable_guids(
    write_deck: Callable[..., Path], tmp_path: Path, host: PluginHost, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_deck(DECK)
    first, second = tmp_path / "one.apkg", tmp_path / "two.apkg"
    assert main(["export", str(path), "--format", "apkg", "-o", str(first)]) == 0
    assert main(["export", str(path), "--format", "apkg", "-o", str(second), "--seed", "5"]) == 0
    notes = notes_of(first)
    deck = load_deck(path, sections=host.sections, cache_dir=None)
    assert len(notes) == 4 * 2 + 1 + 1  # timeline + date recall per event, basic, cloze
    assert [n[0] for n in notes] == [n[0] for n in notes_of(second)]  # re-export updates, never duplicates
    fields = {n[1] for n in notes}
    assert any("Capital of France?" in f and "Paris" in f for f in fields)
    assert any("10 November 2020" in f for f in fields)  # date recall back
    assert any("Correct order" in f for f in fields)  # timeline back lists the order with dates
    assert all("demo" in n[2] for n in notes) and deck.title


def test_tsv_round_trip(write_deck: Callable[..., Path], tmp_path: Path) -> None:
    path = write_deck(DECK)
    tsv = tmp_path / "out.txt"
    assert main(["export", str(path), "--format", "tsv", "-o", str(tsv)]) == 0
    text = tsv.read_text()
    assert text.startswith("#separator:tab\n#html:true\n") and "#deck:Interop deck" in text
    # Anki's own export of basic and cloze notes, as import-cards expects it
    anki = tmp_path / "anki.txt"
    anki.write_text(
        "#separator:tab\n#html:true\n#tags column:3\n"
        "Capital of France?\tParis\tgeo\n"
        "The {{c1::Seine}} flows through {{c2::Paris::city}}.\t\tgeo rivers\n"
    )
    out = tmp_path / "imported.yaml"
    assert main(["import-cards", str(anki), "-o", str(out)]) == 0
    deck = load_deck(out, cache_dir=None)
    basic, cloze = deck.facts("cards")
    assert (basic.get("front"), basic.get("back"), basic.tags) == ("Capital of France?", "Paris", ("geo",))
    assert cloze.get("text") == "The {{Seine}} flows through {{Paris}}." and cloze.tags == ("geo", "rivers")
    assert main(["import-cards", str(anki), "-o", str(out)]) == 2  # never overwrites without --force


def test_import_cards_rejects_files_without_notes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("#separator:tab\n")
    assert main(["import-cards", str(empty), "-o", str(tmp_path / "x.yaml")]) == 1
    assert "no basic or cloze notes" in capsys.readouterr().err


def test_html_blocks_become_lines() -> None:
    html = "<div>Which?</div><ul><li>a) one</li><li>b) two &amp; three</li></ul>first<br>second<b> bold</b>"
    assert html_to_text(html) == "Which?\na) one\nb) two & three\nfirst\nsecond bold"
    assert html_to_text("<p>  spaced   out </p>") == "spaced out"


def test_own_tsv_export_round_trips_through_import_cards(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tsv, deck = tmp_path / "karabakh.txt", tmp_path / "back.yaml"
    assert main(["export", "karabakh", "--format", "tsv", "-o", str(tsv)]) == 0
    assert main(["import-cards", str(tsv), "-o", str(deck)]) == 0
    assert main(["check", str(deck)]) == 0
    loaded = load_deck(deck)
    cards = loaded.facts("cards")
    exported = sum(1 for line in tsv.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    assert len(cards) == exported
    fronts = [c.get("front") for c in cards if "\na) " in (c.get("front") or "")]
    assert fronts, "choice options stay on lines of their own"
    tag = re.compile(r"</?(div|li|ul|ol|br|b|p|small)\b")
    assert not any(tag.search((c.get("front") or "") + (c.get("back") or "")) for c in cards)


def test_quoted_fields_may_hold_tabs_line_breaks_and_quotes(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text(
        '#separator:tab\n#html:true\n"Two\nlines?"\t"say ""yes""\tor no"\nplain front\tplain back\n',
        encoding="utf-8",
    )
    out = tmp_path / "deck.yaml"
    assert main(["import-cards", str(notes), "-o", str(out)]) == 0
    cards = load_deck(out).facts("cards")
    assert [(c.get("front"), c.get("back")) for c in cards] == [
        ("Two lines?", 'say "yes" or no'),
        ("plain front", "plain back"),
    ]


def test_a_tag_of_the_deck_and_the_fact_is_exported_once(
    write_deck: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_deck(DECK.replace("tags: [early]", "tags: [early, demo]"))
    out = tmp_path / "cards.txt"
    assert main(["export", str(path), "--format", "tsv", "-o", str(out)]) == 0
    rows = [
        line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if "First thing" in line
    ]
    assert rows and all(row[2].split().count("demo") == 1 for row in rows)
