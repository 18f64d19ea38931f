# truefalse.py
from quizlib import (
    AnswerError,
    Field,
    FieldKind,
    Grade,
    Prompt,
    PromptKind,
    Question,
    Section,
    hookimpl,
    question_id,
)


class TrueFalse:
    name = "truefalse"
    section = "claims"
    description = "Is the claim true or false?"

    def generate(self, fact, deck, rng):
        prompt = Prompt(PromptKind.CHOICE, f"True or false: {fact.get('text')}", choices=("true", "false"))
        return [
            Question(
                question_id(fact, self.name),
                self.name,
                fact,
                prompt,
                key={"answer": 0 if fact.get("true") else 1},
            )
        ]

    def grade(self, question, response):
        if response not in (0, 1):
            raise AnswerError("answer 1 (true) or 2 (false)")
        right = response == question.key["answer"]
        return Grade(1.0 if right else 0.0, correct_answer=("true", "false")[question.key["answer"]])


@hookimpl
def register_sections(register):
    register(
        Section(
            "claims",
            {"text": Field(FieldKind.STR, required=True), "true": Field(FieldKind.BOOL, required=True)},
        )
    )


@hookimpl
def register_question_types(register):
    register(TrueFalse())
