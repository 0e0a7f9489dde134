import pytest

from codegen.errors import InvalidAnswers
from codegen.schemas import Question
from codegen.services.answers import validate_answers

QUESTIONS = [
    Question(id="lang", text="?", kind="single_choice", options=[{"value": "py", "label": "Py"}], recommended="py"),
    Question(id="extras", text="?", kind="multi_choice", options=[{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]),
    Question(id="notes", text="?", kind="free_text", required=False),
]


def fields(error: InvalidAnswers) -> set[str]:
    return {d["field"] for d in error.details}


def test_valid_answers_pass():
    answers = {"lang": "py", "extras": ["a", "b"], "notes": "fast"}
    assert validate_answers(QUESTIONS, answers) == answers


@pytest.mark.parametrize(
    "answers, field",
    [
        ({"lang": "py", "extras": ["a"], "nope": "x"}, "answers.nope"),
        ({"lang": "rb", "extras": ["a"]}, "answers.lang"),
        ({"lang": "py", "extras": ["z"]}, "answers.extras"),
        ({"lang": "py", "extras": []}, "answers.extras"),
        ({"lang": "py", "extras": ["a"], "notes": ["x"]}, "answers.notes"),
        ({"extras": ["a"]}, "answers.lang"),
    ],
)
def test_invalid_answers_name_the_field(answers, field):
    with pytest.raises(InvalidAnswers) as error:
        validate_answers(QUESTIONS, answers)
    assert field in fields(error.value)
