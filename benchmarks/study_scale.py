"""A study session on a large collection, and ``check`` of a large deck, next to floors
measured in the same run, and next to Anki when the ``anki`` package is importable.

Usage: python benchmarks/study_scale.py [--cards 10000,100000] [--per-card 4] [--answers 100]
                                        [--check-facts 100000] [--repeat 3]

For each size it builds a deck of that many basic cards and a review database holding
--per-card reviews a card (anki_compare.py's history through the store's import, each card's
FSRS state from its last review: benchmarks/store_bench.py builds it; with this history every
card is due), and prints:
  first question     `quizlib study DECK --plain` in a fresh process until the first question
                     is printed (deck cache warm), median of --repeat
  peak memory        that process's resident high-water mark (VmHWM) when it prints the
                     question, the largest of the --repeat runs
  queue+first card   Session.start in-process with the deck and plugins loaded: the queue
                     queries, generating the questions asked, the first card (best of --repeat)
  answer+next        submit + commit (durable) + advancing to the next question, median and
                     p99 over --answers answers, next to the raw SQLite floor: an INSERT and
                     an UPDATE committed in one transaction with the store's own pragmas
The session is quizlib's default one: no limit on due cards, the deck's new_per_day (20).

When `import anki` works (a separate venv: pip install anki; never a quizlib dependency), it
also builds an Anki collection with the same cards in the same states (learning steps,
reviews, FSRS memory) and the same review log, times moved so that the run's fixed "now" is
the present (Anki reads the system clock), FSRS on, the deck's own review limit set to the
card count (Anki's default preset stops at 200 reviews a day; a preset keeps at most 9999)
and the default 20 new cards a day. It prints the sizes of both queues, and beside ours,
with runs of the two alternating:
  first question     `python -c` a program that imports anki, opens the collection, takes
                     the first of `col.sched.get_queued_cards()` and prints its rendered
                     `card.question()`, until that print, median of --repeat
  peak memory        as for quizlib
  queue+first card   in-process, collection open: get_queued_cards() + the first card's
                     question (best of --repeat; Anki's cached queue is dropped before each)
Then `check` of a deck of --check-facts facts (events, quotes, figures in equal parts)
against yaml.load(CSafeLoader) of the same text, both with the garbage collector off.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _anki
from anki_compare import history
from deck_load import best, make_deck
from store_bench import NOW, build

from quizlib import Rating
from quizlib.deckfile.load import load_deck
from quizlib.model import Deck
from quizlib.plugins import PluginHost, get_plugin_manager
from quizlib.store.store import Store
from quizlib.study.questions import generate_questions
from quizlib.study.session import Progress, Session, SessionOptions

QUESTION_LINE = re.compile(rb"^Question 1 of \d+", re.MULTILINE)
ANKI_QUESTION = re.compile(b"^" + re.escape(_anki.QUESTION_MARK))


def write_cards_deck(path: Path, cards: int) -> None:
    """A deck of basic cards whose question ids are the ones store_bench's history uses."""
    lines = ["quizlib: 1", "deck: {id: bench, title: Bench}", "cards:"]
    lines += [f"  - {{id: c{c}, type: basic, front: 'Q{c}?', back: a{c}}}" for c in range(cards)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def first_question(
    name: str, command: list[str], mark: re.Pattern[bytes], env: dict[str, str]
) -> tuple[float, int]:
    """Wall time from spawning ``command`` until it prints a line matching ``mark`` (its first
    question), and the process's peak resident memory in bytes up to then: it is waiting for
    an answer on its stdin (a pipe never written) when its high-water mark is read."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
    )
    assert process.stdout is not None and process.stdin is not None
    elapsed, peak = None, 0
    for line in process.stdout:
        if mark.search(line):
            elapsed = time.perf_counter() - start
            peak = peak_memory(process.pid)
            break
    process.kill()
    process.wait()
    process.stdin.close()
    process.stdout.close()
    if elapsed is None:
        raise SystemExit(f"{name}'s fresh process printed no question")
    return elapsed, peak


def peak_memory(pid: int) -> int:
    """A live process's peak resident memory in bytes (Linux's VmHWM). Not its rusage: the
    child's ru_maxrss counts the benchmark's own pages, resident in it before the exec."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise SystemExit("no VmHWM in /proc/PID/status: peak memory is measured on Linux only")


def quizlib_command(deck: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "quizlib", "study", str(deck), "--plain", "--db", str(db), "--seed", "1"]


def anki_command(collection: Path) -> list[str]:
    return [sys.executable, "-c", _anki.FIRST_QUESTION, str(collection)]


def session_figures(
    deck_path: Path, db: Path, args: argparse.Namespace, twin: _anki.Twin | None
) -> tuple[list[float], list[float], list[float], Progress, list[float]]:
    """Session.start times and, alternating with them, Anki's queue + first card times (when
    there is a twin collection); answer+next latencies; the session's progress at its start."""
    host = get_plugin_manager(entry_points=False)
    deck = load_deck(deck_path, sections=host.sections, cache_dir=None)
    now = [NOW]

    def start() -> Session:
        return start_session(store, deck, host, now)

    store = Store.open(db)
    col = None
    if twin is not None:
        from anki.collection import Collection

        col = Collection(str(twin.path))
    ours, theirs = [], []
    for _ in range(args.repeat):
        ours.append(best(start, 1))
        if col is not None and twin is not None:
            theirs.append(_anki.queue_and_first_card(col, twin.deck_id))
    anki_answers: list[float] = []
    if col is not None:
        anki_answers = _anki.answer_and_next(col, args.answers)
        col.close()
    session = start()
    progress = session.progress()
    latencies = answer_latencies(session, now, args.answers)
    store.close()
    return ours, theirs, latencies, progress, anki_answers


def start_session(store: Store, deck: Deck, host: PluginHost, now: list[dt.datetime]) -> Session:
    """quizlib's default session on ``deck`` (no limit on due cards, the deck's new_per_day),
    its clock reading ``now[0]``."""
    return Session.start(
        store, [deck], host, clock=lambda: now[0], rng=random.Random(2), options=SessionOptions(), tz=dt.UTC
    )


def answer_latencies(session: Session, now: list[dt.datetime], answers: int) -> list[float]:
    """Seconds, per answer, to submit "a", save it rated Good (a durable commit) and reach
    the next question; the session's clock (``now[0]``) moves 5 s after each."""
    latencies = []
    for _ in range(answers):
        if session.current is None:
            break
        t0 = time.perf_counter()
        session.submit("a")
        session.commit(Rating.GOOD)
        _ = session.current
        latencies.append(time.perf_counter() - t0)
        now[0] += dt.timedelta(seconds=5)
    return latencies


def raw_answer_floor(db: Path, answers: int) -> list[float]:
    """INSERT a review and UPDATE a card in one committed transaction, with the store's pragmas."""
    with Store.open(db) as store:
        pragmas = {
            p: store._conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("journal_mode", "synchronous")
        }
    raw = sqlite3.connect(db, isolation_level=None)
    raw.execute(f"PRAGMA journal_mode={pragmas['journal_mode']}")
    raw.execute(f"PRAGMA synchronous={pragmas['synchronous']}")
    out = []
    for i in range(answers):
        t0 = time.perf_counter()
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(
            "INSERT INTO reviews (uuid, card, at, type, rating, cram) VALUES (?, 1, ?, 'basic', 3, 0)",
            (f"raw-{i}", i),  # the compact log's row: a card key, a time in microseconds
        )
        raw.execute(
            "UPDATE cards SET reps = reps + 1 WHERE deck_id = 'bench' AND question_id = ?",
            (f"cards/c{i}/basic",),
        )
        raw.execute("COMMIT")
        out.append(time.perf_counter() - t0)
    raw.close()
    return out


def pct(xs: list[float], p: float) -> float:
    return sorted(xs)[min(len(xs) - 1, int(len(xs) * p))] * 1000


def fresh_figures(
    deck: Path, db: Path, twin: _anki.Twin | None, env: dict[str, str], repeat: int
) -> dict[str, tuple[float, int]]:
    """Per side ("quizlib", "anki"): the median first-question time of fresh processes and
    the largest peak memory among them, the two sides' runs alternating."""
    commands = {"quizlib": (quizlib_command(deck, db), QUESTION_LINE)}
    if twin is not None:
        commands["anki"] = (anki_command(twin.path), ANKI_QUESTION)
    for side, (command, mark) in commands.items():
        # Unmeasured: fills quizlib's deck and plugin caches and the OS's file cache.
        first_question(side, command, mark, env)
    runs: dict[str, list[tuple[float, int]]] = {side: [] for side in commands}
    for _ in range(repeat):
        for side, (command, mark) in commands.items():
            runs[side].append(first_question(side, command, mark, env))
    return {
        side: (statistics.median(t for t, _ in xs), max(rss for _, rss in xs)) for side, xs in runs.items()
    }


def side_by_side(label: str, ours: float, theirs: float | None, unit: str, scale: float, digits: int) -> str:
    """One figure of both programs and their ratio (quizlib / Anki)."""
    line = f"  {label:<34}{ours * scale:>10,.{digits}f} {unit:<3}"
    if theirs is None:
        return line
    return line + f"{theirs * scale:>10,.{digits}f} {unit:<3}{ours / theirs:>9.2f}x"


def measure_size(cards: int, args: argparse.Namespace, tmp: Path, env: dict[str, str], anki: bool) -> None:
    db, deck = tmp / f"study-{cards}.db", tmp / f"study-{cards}.yaml"
    started = time.perf_counter()
    reviews = cards * args.per_card
    build(db, cards, reviews, random.Random(1))  # anki_compare.history(cards, reviews), in the store
    write_cards_deck(deck, cards)
    twin = None
    if anki:
        with Store.open(db) as store:
            rows = store.cards("bench")
        twin = _anki.build_twin(tmp / f"study-{cards}.anki2", rows, cards, history(cards, reviews), NOW)
    built = time.perf_counter() - started
    fresh = fresh_figures(deck, db, twin, {**env, "QUIZLIB_NOW": NOW.isoformat()}, args.repeat)
    ours, theirs, latencies, progress, anki_answers = session_figures(deck, db, args, twin)
    floor = raw_answer_floor(db, args.answers)
    print(
        f"\n{cards:,} cards, {reviews:,} reviews (built in {built:.0f} s); quizlib's session:"
        f" {progress.remaining:,} questions ({progress.due:,} due, {progress.learning:,} learning,"
        f" {progress.new:,} new)"
    )
    if twin is not None:
        new, learning, review = twin.counts
        print(
            f"  Anki's queue: {new + learning + review:,} cards ({new:,} new, {learning:,} learning,"
            f" {review:,} review)\n{'quizlib':>46}{'Anki':>14}{'quizlib/Anki':>14}"
        )
    anki_first = fresh.get("anki")
    first_label = "first question (fresh process)"
    print(side_by_side(first_label, fresh["quizlib"][0], anki_first and anki_first[0], "ms", 1000, 0))
    rss_label = "  peak memory of that process"
    print(side_by_side(rss_label, fresh["quizlib"][1], anki_first and anki_first[1], "MB", 1e-6, 0))
    queue_label = "queue + first card (in process)"
    print(side_by_side(queue_label, min(ours), min(theirs) if theirs else None, "ms", 1000, 1))
    anki_median = statistics.median(anki_answers) if anki_answers else None
    print(
        side_by_side(
            "answer + next question, median", statistics.median(latencies), anki_median, "ms", 1000, 2
        )
    )
    anki_p99 = pct(anki_answers, 0.99) / 1000 if anki_answers else None
    print(side_by_side("answer + next question, p99", pct(latencies, 0.99) / 1000, anki_p99, "ms", 1000, 2))
    print(
        f"  [raw SQLite insert+update+commit, same pragmas: median {statistics.median(floor) * 1000:.2f} ms,"
        f" p99 {pct(floor, 0.99):.2f} ms]"
    )
    print(f"  database                          {db.stat().st_size / 1e6:10,.0f} MB")


def measure_check(facts: int, tmp: Path, repeat: int) -> None:
    """`check`'s work (load with validation, generate every question) vs plain CSafeLoader."""
    path = tmp / f"check-{facts}.yaml"
    text = yaml.safe_dump(make_deck(facts), sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    host = get_plugin_manager(entry_points=False)

    def check() -> None:
        deck = load_deck(path, sections=host.sections, cache_dir=None)
        generate_questions(deck, host, random.Random(0))

    gc.disable()
    try:
        t_yaml = best(lambda: yaml.load(text, Loader=yaml.CSafeLoader), repeat)
        t_check = best(check, repeat)
    finally:
        gc.enable()
    print(
        f"\ncheck of a {facts:,}-fact deck ({len(text) / 1e6:.1f} MB), GC off in both:"
        f" {t_check:.2f} s vs yaml.load(CSafeLoader) {t_yaml:.2f} s = {t_check / t_yaml:.2f}x"
    )


def bytecode() -> int:
    """Write the bytecode of quizlib's and the built-in plugins' modules, as ``pip install``
    of the wheel does (Anki's wheel comes compiled too): an editable install under
    PYTHONDONTWRITEBYTECODE would otherwise compile every module in every fresh process."""
    import compileall

    import quizlib_plugins

    import quizlib

    folders = {Path(quizlib.__file__).parent, Path(quizlib_plugins.__file__).parent}
    for folder in folders:
        compileall.compile_dir(folder, quiet=1)
    return sum(len(list(f.rglob("*.py"))) for f in folders)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cards", default="10000,100000")
    parser.add_argument("--per-card", type=int, default=4)
    parser.add_argument("--answers", type=int, default=100)
    parser.add_argument("--check-facts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    compiled = bytecode()
    print(f"quizlib: bytecode of {compiled} modules written (as a wheel install does)")
    anki = _anki.available()
    print(
        "Anki: "
        + (
            f"{_anki.version()}, FSRS on, the deck's review limit = its card count"
            if anki
            else "not installed; quizlib's figures alone"
        )
    )
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        env = {**os.environ, "QUIZLIB_CACHE_DIR": str(tmp / "cache")}
        for cards in (int(c) for c in args.cards.split(",") if c):
            measure_size(cards, args, tmp, env, anki)
        if args.check_facts:
            measure_check(args.check_facts, tmp, args.repeat)


if __name__ == "__main__":
    main()
