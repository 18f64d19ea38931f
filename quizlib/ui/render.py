"""What the study screen says, as styled text fragments shared by both interfaces.

A fragment is a ``(style, text)`` pair, the formatted-text form prompt_toolkit draws
directly; the plain line mode joins the texts and drops the styles. This module does
not import prompt_toolkit, so plain mode stays fast to start.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from quizlib.model import Deck, Grade, Prompt, PromptKind, Question, Rating, Response
from quizlib.ui.state import CHOOSING_KINDS, ONE_CHOICE_KINDS, TYPED_KINDS, Phase, StudyState
from quizlib.wording import wrap_words

if TYPE_CHECKING:
    from quizlib.study.reports import Pending, Summary
    from quizlib.study.types import Progress

Fragments = list[tuple[str, str]]

LETTERS = "abcdefghijklmnopqrstuvwxyz"  # string.ascii_lowercase, without importing string

#: What each kind of answer looks like, when the question type gives no hint of its own.
DEFAULT_HINTS: Mapping[PromptKind, str] = {
    PromptKind.ORDER: "type the item numbers in order, with or without spaces",
    PromptKind.CHOICE: "one option: its letter or number, e.g. b or 2",
    PromptKind.TRUE_FALSE: "true or false: t or f (or a/b, 1/2)",
    PromptKind.MULTI: "every option that applies: their letters or numbers",
    PromptKind.NAME: "a person's or an institution's name",
    PromptKind.NUMBER: "a number, e.g. 12,500, 12500 or 12.5k",
    PromptKind.DATE: "a date, e.g. 1998-03-04, March 1998 or 1998",
    PromptKind.TEXT: "type the answer",
    PromptKind.REVEAL: "think of the answer (or type it), then press Enter to see it",
}

VERDICT_STYLES: Mapping[str, str] = {
    "right": "class:verdict.right",
    "partly right": "class:verdict.partly",
    "wrong": "class:verdict.wrong",
}


def to_text(fragments: Iterable[tuple[Any, ...]]) -> str:
    """The text of fragments without their styles (a fragment may carry a mouse handler too)."""
    return "".join(fragment[1] for fragment in fragments)


def line_count(fragments: Iterable[tuple[Any, ...]]) -> int:
    """How many lines pre-wrapped fragments take."""
    return to_text(fragments).rstrip("\n").count("\n") + 1


def hint(prompt: Prompt) -> str:
    """What the expected answer looks like."""
    return prompt.hint or DEFAULT_HINTS[prompt.kind]


def label(kind: PromptKind, index: int) -> str:
    """How a row is numbered: items by number (as an order is typed), choices by letter."""
    if kind is PromptKind.ORDER or index >= len(LETTERS):
        return str(index + 1)
    return LETTERS[index]


def _half_up(value: float) -> int:
    # round() rounds halves to even (2.5 -> 2), which makes 2m30s read "2m" but 3m30s "4m".
    return math.floor(value + 0.5)


def format_interval(delta: timedelta) -> str:
    """A scheduling interval in a few characters: ``10m``, ``5h``, ``3d``, ``2.5mo``, ``1.2y``.

    Each unit is rounded half up, and a value that rounds to the next unit's size moves to
    that unit (59m40s is ``1h``, not ``60m``).
    """
    seconds = delta.total_seconds()
    minutes = _half_up(seconds / 60)
    if minutes < 1:
        return "<1m"
    if minutes < 60:
        return f"{minutes}m"
    hours = _half_up(seconds / 3600)
    if hours < 24:
        return f"{hours}h"
    days = seconds / 86400
    if _half_up(days) < 30:
        return f"{_half_up(days)}d"
    if days < 365:
        return f"{days / 30.4:.1f}mo".replace(".0mo", "mo")
    return f"{days / 365.25:.1f}y".replace(".0y", "y")


def format_elapsed(delta: timedelta) -> str:
    """Elapsed time as ``m:ss`` or ``h:mm:ss``."""
    seconds = max(0, int(delta.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"


def _wrap(text: str, width: int | None, indent: int) -> list[str]:
    if width is None or width <= indent + 10:
        return [text]
    # Labelled lines (Answer:, Source:) and numbered ones hang under their text; rows
    # passed with an indent already have their own.
    return wrap_words(text, width - indent, hang=indent == 0)


def _row(marker: str, tag: str, text: str, width: int | None, style: str) -> Fragments:
    head = f"{marker}{tag}) "
    lines = _wrap(text, width, len(head))
    out: Fragments = [(style, head + lines[0])]
    for line in lines[1:]:
        out += [("", "\n"), (style, " " * len(head) + line)]
    return [*out, ("", "\n")]


def question_fragments(state: StudyState, width: int | None = None, *, rows: bool = True) -> Fragments:
    """The question and, for list kinds, its rows with the highlight, ticks or arrangement.

    Args:
        state: The study state.
        width: Wrap to this width with hanging indents, and mark the highlight (the
            interactive screen); None for plain lines.
        rows: Include the items or choices (left out when the feedback needs the room).
    """
    question = state.question
    if question is None:
        return []
    prompt = question.prompt
    out: Fragments = []
    for line in _wrap(prompt.text, width, 0):
        out += [("class:question", line), ("", "\n")]
    interactive = width is not None
    texts = prompt.items if prompt.kind is PromptKind.ORDER else prompt.choices
    if not rows or not texts:
        return out
    out.append(("", "\n"))
    misplaced = set(state.pending.grade.misplaced) if state.pending is not None else set()
    for position, index in enumerate(state.order):
        here = interactive and position == state.cursor and state.phase is Phase.ASKING
        marker, style = "  ", ""
        if prompt.kind is PromptKind.ORDER and state.phase is Phase.RATING:
            marker, style = ("x ", "class:verdict.wrong") if index in misplaced else ("  ", "")
        elif here:
            marker = "↕ " if state.grabbed else "> "
            style = "class:grabbed" if state.grabbed else "class:cursor"
        if interactive and prompt.kind in ONE_CHOICE_KINDS:
            marker += "(*) " if state.chosen == index else "( ) "
        elif interactive and prompt.kind is PromptKind.MULTI:
            marker += "[x] " if index in state.picked else "[ ] "
        out += _row(marker, label(prompt.kind, index), texts[index], width, style)
    return out


def describe_response(prompt: Prompt, response: Response) -> str:
    """The learner's answer as people read it: option letters with their text, item numbers."""
    if prompt.kind is PromptKind.TRUE_FALSE and isinstance(response, bool):
        return "true" if response else "false"
    if prompt.kind is PromptKind.CHOICE and isinstance(response, int):
        return f"{label(prompt.kind, response)}) {prompt.choices[response]}"
    if prompt.kind is PromptKind.MULTI and isinstance(response, tuple):
        picked = [f"{label(prompt.kind, i)}) {prompt.choices[i]}" for i in response]
        return "; ".join(picked) or "(none)"
    if prompt.kind is PromptKind.ORDER and isinstance(response, tuple):
        return " ".join(str(i + 1) for i in response)
    return str(response)


def verdict(grade: Grade) -> Fragments:
    """``right (1.00)``, ``partly right (0.67)`` or ``wrong (0.00)``, styled."""
    return [(VERDICT_STYLES[grade.verdict], f"{grade.verdict} ({grade.score:.2f})")]


def source_line(question: Question, deck: Deck | None) -> str:
    """Where the fact comes from: each source once, with the locations cited in it
    (:meth:`Deck.cite`): ``Outlet, Author, 2024-01-15, p5, p17; “Title”, 2023 (inferred), p4``.

    When every cited source carries a ``reliability`` warning, the warning follows, so a
    learner never takes a doubtful source's fact as settled.
    """
    if deck is None:
        return "; ".join(str(c) for c in question.fact.sources)
    line = deck.cite(question.fact.sources)
    caution = deck.caution(question.fact.sources)
    return f"{line} (caution: {caution})" if caution else line


def feedback_fragments(state: StudyState, width: int | None = None) -> Fragments:
    """The outcome of the answer on screen: verdict, correct answer, feedback and source."""
    pending, question = state.pending, state.question
    if pending is None or question is None:
        return []
    grade = pending.grade
    out: Fragments = []

    def line(head: str, text: str, style: str = "") -> None:
        nonlocal out
        if not text:
            return
        wrapped = _wrap(f"{head}{text}", width, 0)
        out += [("class:label", wrapped[0][: len(head)]), (style, wrapped[0][len(head) :]), ("", "\n")]
        for more in wrapped[1:]:
            out += [(style, more), ("", "\n")]

    if grade.self_rated and not state.answer:
        out += [("class:label", "How well did you know it?"), ("", "\n")]
    elif grade.self_rated:  # a typed attempt at a card: the match is only a hint
        out += [*verdict(grade), ("class:label", " - how well did you know it?"), ("", "\n")]
    else:
        out += [*verdict(grade), ("", "\n")]
    line("Answer: ", grade.correct_answer, "class:answer")
    if state.answer or not grade.self_rated:
        line("You:    ", describe_response(question.prompt, pending.response))
    for paragraph in grade.feedback.splitlines():
        # A feedback line's own indentation (a timeline item's source under the item) stays.
        text = paragraph.strip()
        line(paragraph[: len(paragraph) - len(paragraph.lstrip())] if text else "", text)
    if not grade.cites:
        line("Source: ", source_line(question, state.deck), "class:source")
    return out


def flow(units: list[Fragments], width: int | None, gap: int = 2) -> Fragments:
    """Units side by side, ``gap`` spaces apart, breaking lines between units, never inside one."""
    out: Fragments = []
    column = 0
    for unit in units:
        size = len(to_text(unit))
        if column and width is not None and column + gap + size > width:
            out.append(("", "\n"))
            column = 0
        elif column:
            out.append(("", " " * gap))
            column += gap
        out += unit
        column += size
    return out


def rating_fragments(pending: Pending, selected: Rating, width: int | None = None) -> Fragments:
    """The four ratings with their next intervals; the selected one in brackets."""
    units: list[Fragments] = [[("class:label", "Rate:")]]
    for rating in Rating:
        interval = pending.intervals.get(rating)
        text = f"{rating.value} {rating.name.lower()}"
        if interval is not None:
            text += f" {format_interval(interval)}"
        # The same width selected or not, so the row does not shift as the selection moves.
        units.append([("class:rating.selected", f"[{text}]") if rating is selected else ("", f" {text} ")])
    suggested = pending.suggested.name.lower()
    advice = f"Suggested: {suggested}. 1-4 change, Enter saves."
    return [*flow(units, width, gap=1), ("", "\n"), ("class:hint", advice), ("", "\n")]


def intervals_text(pending: Pending) -> str:
    """The next interval of each rating in one line (plain mode)."""
    parts = []
    for rating in Rating:
        interval = pending.intervals.get(rating)
        name = f"{rating.value} {rating.name.lower()}"
        parts.append(f"{name} {format_interval(interval)}" if interval is not None else name)
    return ", ".join(parts)


def progress_text(progress: Progress) -> str:
    """``3 done · 12 left (5 due, 7 new) · 4:12`` for the toolbar."""
    counts = [f"{progress.due} due", f"{progress.new} new"]
    if progress.learning:
        counts.append(f"{progress.learning} learning")
    return (
        f"{progress.done} done · {progress.remaining} left ({', '.join(counts)})"
        f" · {format_elapsed(progress.elapsed)}"
    )


def next_due_text(summary: Summary, now: datetime | None) -> str:
    """When the next reviews are due, relative to ``now`` when it is known."""
    if summary.next_due is None:
        return "No reviews are scheduled."
    when = summary.next_due.strftime("%Y-%m-%d %H:%M %Z").strip()
    if now is not None:
        delta = summary.next_due - now
        # Under half a minute away reads as now: "in <1m" for a card already due misleads.
        when = "due now" if delta < timedelta(seconds=30) else f"in {format_interval(delta)} ({when})"
    tomorrow = f"; {summary.due_tomorrow} due by tomorrow" if summary.due_tomorrow else ""
    return f"Next review {when}{tomorrow}."


def summary_text(summary: Summary, now: datetime | None = None) -> str:
    """The end-of-session summary: answers, accuracy per question type, time, next reviews."""
    if not summary.answered:
        lines = [f"No questions answered ({format_elapsed(summary.elapsed)})."]
    else:
        lines = [
            f"Answered {summary.answered}, {summary.correct} right ({summary.accuracy:.0%}) "
            f"in {format_elapsed(summary.elapsed)}."
        ]
        width = max(len(name) for name in summary.by_type)
        for name, stats in sorted(summary.by_type.items()):
            accuracy = stats.correct / stats.answered if stats.answered else 0.0
            lines.append(
                f"  {name:<{width}}  {stats.correct}/{stats.answered} right ({accuracy:.0%}),"
                f" mean score {stats.mean_score:.2f}"
            )
    lines.append(next_due_text(summary, now))
    return "\n".join(lines)


def nothing_to_study(summary: Summary, now: datetime | None = None) -> str:
    """What to say when no question is due at the start."""
    return f"Nothing to study right now. {next_due_text(summary, now)}"


def title_line(title: str, question_type: str, width: int) -> str:
    """`` Deck title · type`` in ``width`` columns: the title is cut with an ellipsis first,
    because the question type tells how to answer."""
    tail = f" · {question_type}"
    room = width - 1 - len(tail)
    if len(title) > room:
        title = title[: max(0, room - 1)].rstrip() + "…" if room > 1 else ""
    return f" {title}{tail}"[:width]


def key_help(state: StudyState, width: int | None = None) -> Fragments:
    """The keys that work right now, for the line under the progress bar.

    Wraps between keys, never inside one, when ``width`` is given.
    """
    if state.show_help:
        pairs = [("Space", "more")] if state.help_more else []
        pairs += [("Up", "back")] if state.help_top else []
        pairs.append(("any key", "close help"))
    elif state.phase is Phase.RATING:
        pairs = [("Down", "more")] if state.feedback_more else []
        pairs += [("1-4", "rate"), ("Enter", "save"), ("u", "answer again"), ("?", "help"), ("q", "quit")]
    else:
        kind = state.kind
        choices = state.question.prompt.choices if state.question is not None else ()

        def command(letter: str) -> str:
            typed = kind in TYPED_KINDS
            is_option = kind in CHOOSING_KINDS and letter in LETTERS[: len(choices)]
            return f"Esc {letter}" if typed or is_option else letter

        if kind is PromptKind.ORDER:
            pairs = [("Up/Down", "move"), ("Space", "grab"), ("3142", "type"), ("Enter", "answer")]
        elif kind in CHOOSING_KINDS:
            letters = f"a-{LETTERS[min(len(choices), 26) - 1]}" if choices else "a"
            verb = "tick" if kind is PromptKind.MULTI else "pick"
            pairs = [(letters, verb), ("Enter", "answer")]
        elif kind is PromptKind.REVEAL:
            pairs = [("Enter", "reveal")]
        else:
            pairs = [("Enter", "answer")] + ([("Tab", "complete")] if kind is PromptKind.NAME else [])
        pairs += [(command("u"), "undo"), (command("s"), "skip"), (command("b"), "bury"), ("?", "help")]
        pairs.append((command("q"), "quit"))
    return flow([[("class:key", key), ("class:keyhelp", f" {what}")] for key, what in pairs], width)
