"""Validation of a round's answers against its questions."""

from codegen.agents.base import AnswerValue
from codegen.errors import InvalidAnswers
from codegen.schemas import Question
from codegen.types import QuestionKind


def validate_answers(questions: list[Question], answers: dict[str, AnswerValue]) -> dict[str, AnswerValue]:
    """Answers that name known questions, respect their options and cover the required ones."""
    by_id = {q.id: q for q in questions}
    details = []
    for question_id, value in answers.items():
        question = by_id.get(question_id)
        if question is None:
            details.append(_detail(question_id, f"unknown question id (expected one of {sorted(by_id)})"))
            continue
        allowed = {option.value for option in question.options}
        if question.kind == QuestionKind.SINGLE_CHOICE:
            if not isinstance(value, str) or value not in allowed:
                details.append(_detail(question_id, f"choose one of {sorted(allowed)}"))
        elif question.kind == QuestionKind.MULTI_CHOICE:
            values = value if isinstance(value, list) else [value]
            if not values or not set(values) <= allowed:
                details.append(_detail(question_id, f"choose one or more of {sorted(allowed)}"))
        elif not isinstance(value, str):
            details.append(_detail(question_id, "answer with text"))
    for question in questions:
        if question.required and answers.get(question.id) in (None, "", []):
            details.append(_detail(question.id, "this question requires an answer (or send skip: true)"))
    if details:
        raise InvalidAnswers("the answers do not match the questions", details)
    return answers


def _detail(question_id: str, message: str) -> dict:
    return {"field": f"answers.{question_id}", "message": message, "type": "invalid_answer"}
