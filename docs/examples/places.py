# places.py: a section that refers to another (places[].event names an event), a deck-level
# check, partial credit, and answer() for the export.
from quizlib import (
    Answer,
    Field,
    FieldKind,
    Grade,
    Prompt,
    PromptKind,
    Question,
    Section,
    hookimpl,
    normalise,
    question_id,
)

PLACES = Section(
    "places",
    {
        "event": Field(FieldKind.REF, True, "the event that happened there", refers="events"),
        "place": Field(FieldKind.STR, True, "the town or region"),
        "country": Field(FieldKind.STR, True, "its country (half marks)"),
    },
    description="where events happened",
    example="  - id: example-place\n    event: example-event\n    place: Exampleton\n    country: Example\n",
    identity="event",
)


class WhereWasIt:
    name = "where"
    section = "places"
    description = "where did the event happen?"

    def generate(self, fact, deck, rng):
        event = next(e for e in deck.facts("events") if e.id == fact.get("event"))
        text = f"Where did this happen? {event.get('text')}"
        prompt = Prompt(PromptKind.TEXT, text, hint="a town or region")
        key = {"place": fact.get("place"), "country": fact.get("country")}
        return [Question(question_id(fact, self.name), self.name, fact, prompt, key=key)]

    def grade(self, question, response):
        typed = normalise(str(response))
        score = 1.0 if typed == normalise(question.key["place"]) else 0.0
        if not score and typed == normalise(question.key["country"]):
            score = 0.5
        return Grade(score, f"{question.key['place']}, {question.key['country']}")

    def answer(self, question):
        place, country = question.key["place"], question.key["country"]
        return Answer(f"{place}, {country}", accepted=(f"partly: {country}",), values=(place,))


@hookimpl
def register_sections(register):
    register(PLACES)


@hookimpl
def register_question_types(register):
    register(WhereWasIt())


@hookimpl
def check_deck(deck):
    seen = {}
    for fact in deck.facts("places"):
        event = fact.get("event")
        if event in seen:
            yield fact, "event", f"event {event!r} already has a place ({seen[event]})"
        seen[event] = fact.key
