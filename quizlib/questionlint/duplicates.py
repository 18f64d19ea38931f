"""Question-lint check for duplicates: two questions asking the same thing.

Questions are grouped by prompt kind and answer (a number with its unit, a date, the
answer's text), then compared by the content words of their prompts through an index, so
the check stays linear in the number of questions. It is conservative: the words of a
question type's template do not count, and unrelated events of one day are not taken for
one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import combinations

from quizlib.grading.names import normalise
from quizlib.grading.textmatch import content_words
from quizlib.model import PromptKind, Question
from quizlib.questionlint.context import AnswerView, Flaw, LintContext, quoted

DUPLICATE = "duplicate"
#: A word in more duplicate candidates than this says nothing about what they ask.
_COMMON = 50
#: A question type asking about this many facts shows which words are its template's.
_TEMPLATE_SIZE = 5


def _answer_key(view: AnswerView) -> tuple[object, ...]:
    if view.number is not None:
        value, units = view.number
        return ("number", value, units[0][:5] if units else "")
    if view.date is not None:
        return ("date", view.date.iso())
    return ("text", tuple(sorted(normalise(t) for t in view.texts)))


def duplicates(ctx: LintContext) -> Iterator[Flaw]:
    """A flaw for each question that asks what an earlier one asks: same prompt kind, same
    answer, and the same wording (see :func:`_same_question`)."""
    groups: dict[tuple[object, ...], list[Question]] = defaultdict(list)
    for q in ctx.questions:
        view = ctx.views.get(q.id)
        if view is not None and q.prompt.kind is not PromptKind.ORDER:
            groups[(q.prompt.kind, *_answer_key(view))].append(q)
    template = _template_words(ctx)
    for group in groups.values():
        if len(group) < 2:
            continue
        stems = [
            {s: w for s, w in content_words(q.prompt.text).items() if s not in template.get(q.type, ())}
            for q in group
        ]
        by_stem: dict[str, list[int]] = defaultdict(list)
        for i, own in enumerate(stems):
            for s in own:
                by_stem[s].append(i)
        shared: Counter[tuple[int, int]] = Counter()
        for members in by_stem.values():
            if len(members) <= _COMMON:
                shared.update(combinations(members, 2))
        reported: set[int] = set()
        for (i, j), count in sorted(shared.items()):
            smaller = min(len(stems[i]), len(stems[j]))
            if j in reported or not _same_question(ctx, group[i], group[j], count, smaller):
                continue
            reported.add(j)
            common = ", ".join(sorted(stems[i][s] for s in stems[i].keys() & stems[j].keys()))
            answer = ctx.views[group[j].id].answer.text
            detail = f"asks the same as {group[i].id} (answer {quoted(answer)}; shared words: {common})"
            yield Flaw(group[j], DUPLICATE, detail)


def _template_words(ctx: LintContext) -> dict[str, set[str]]:
    """Per question type, the words of its template ("parties" in "Who were the parties to X?"):
    those in the prompts of at least half of its facts, once it has enough facts to tell."""
    seen: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for q in ctx.questions:
        for s in content_words(q.prompt.text):
            seen[q.type][s].add(q.fact.key)
    template: dict[str, set[str]] = {}
    for name, by_stem in seen.items():
        facts = len({q.fact.key for q in ctx.questions if q.type == name})
        if facts >= _TEMPLATE_SIZE:
            template[name] = {s for s, keys in by_stem.items() if len(keys) >= facts / 2}
    return template


def _same_question(ctx: LintContext, a: Question, b: Question, shared: int, smaller: int) -> bool:
    """Conservative: most of the shorter question's words and at least two of them; or, for a
    date or number, one word and the very same actors (an agreement and the event of signing
    it), so unrelated events of one day are not taken for one."""
    if shared >= 2 and shared >= 0.5 * smaller:
        return True
    actors = ctx.fact_actors.get(a.fact.key)
    return bool(actors) and actors == ctx.fact_actors.get(b.fact.key) and not ctx.views[a.id].actors
