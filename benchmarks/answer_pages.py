"""The pages an answer writes to the write-ahead log, and which table or index each belongs to.

Usage: python benchmarks/answer_pages.py --data DIR [--answers 100] [--code NAME=DIR ...]

DIR is an ``answer_next.py`` data folder (its ``quizlib.db`` and ``deck.yaml``; a code tree's
own database in ``DIR/NAME``). For quizlib and each --code NAME=DIR (its ``quizlib`` package
first on the path), a fresh process copies the database, turns the automatic checkpoint off
on the session's connection, starts the session and answers --answers questions as
``answer_next.py`` does (submit "a", commit Good, reach the next question). Then it reads the
write-ahead log: each frame is one page written by one commit (SQLite appends a page again
for every transaction that changes it), and ``dbstat`` names the table or index a page
belongs to. It prints the frames per answer, in all and per table or index.
"""

from __future__ import annotations

import collections
import json
import shutil
import sqlite3
import struct
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

WAL_HEADER = 32
FRAME_HEADER = 24


def wal_commits(wal: Path) -> list[list[int]]:
    """The page numbers of each committed transaction in the log, in order."""
    data = wal.read_bytes()
    page_size = struct.unpack(">I", data[8:12])[0]
    commits: list[list[int]] = []
    pending: list[int] = []
    for offset in range(WAL_HEADER, len(data) - FRAME_HEADER + 1, FRAME_HEADER + page_size):
        page, size_after = struct.unpack(">II", data[offset : offset + 8])
        pending.append(page)
        if size_after:  # a commit frame: the database's size in pages after the transaction
            commits.append(pending)
            pending = []
    return commits


def worker(data: Path, answers: int) -> dict[str, float]:
    """Answer in this process; frames per answer, in all and per b-tree."""
    from store_bench import NOW
    from study_scale import answer_latencies, start_session

    from quizlib.deckfile.load import load_deck
    from quizlib.plugins import get_plugin_manager
    from quizlib.store.store import Store

    work = Path(tempfile.mkdtemp(prefix="answer-pages-"))
    try:
        db = work / "quizlib.db"
        shutil.copy(data / "quizlib.db", db)
        host = get_plugin_manager(entry_points=False)
        deck = load_deck(data / "deck.yaml", sections=host.sections, cache_dir=None)
        now = [NOW]
        with Store.open(db) as store:
            store._conn.execute("PRAGMA wal_autocheckpoint = 0")
            session = start_session(store, deck, host, now)
            before = len(wal_commits(Path(f"{db}-wal")))
            done = len(answer_latencies(session, now, answers))
            commits = wal_commits(Path(f"{db}-wal"))[before:]
            reader = sqlite3.connect(db)  # the log read too: its pages are the latest
            owner = dict(reader.execute("SELECT pageno, name FROM dbstat").fetchall())
            reader.close()
        per_btree: collections.Counter[str] = collections.Counter()
        for pages in commits:
            per_btree.update(owner.get(p, "(free list, pointer map)") for p in pages)
        out = {name: count / done for name, count in per_btree.most_common()}
        return {"commits per answer": len(commits) / done, "pages per answer": sum(out.values()), **out}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    from _sides import parser, run_worker

    options = parser(__doc__)
    options.add_argument("--answers", type=int, default=100)
    args = options.parse_args()
    if args.worker:
        print(json.dumps(worker(args.data, args.answers)))
        return
    code = dict(item.split("=", 1) for item in args.code)
    for side in ["quizlib", *code]:
        figures = run_worker(__file__, side, args.data, code, ["--answers", str(args.answers)])
        print(f"{side}: {args.answers} answers")
        for name, value in figures.items():
            print(f"  {name:<28}{value:6.2f}")


if __name__ == "__main__":
    main()
