"""The offline questioning agent: a checklist filled from the prompt and the answers."""

from codegen.agents.base import AnsweredRound
from codegen.agents.offline.checklist import MAX_QUESTIONS_PER_ROUND, ask_next


def test_vague_prompt_asks_several_ranked_questions():
    outcome = ask_next("make me a tool", [], final_round=False)
    assert not outcome.ready
    assert [q.id for q in outcome.questions] == ["language", "kind", "inputs_outputs", "persistence", "tests"]
    assert len(outcome.questions) <= MAX_QUESTIONS_PER_ROUND
    for question in outcome.questions:
        assert question.options and question.recommended in {o.value for o in question.options}


def test_fully_specified_prompt_is_ready_at_once():
    outcome = ask_next("Build a Python CLI that converts CSV files to JSON, with pytest tests", [], final_round=False)
    assert outcome.ready and not outcome.questions
    slots = outcome.requirements.slots
    assert (slots["language"], slots["kind"], slots["inputs_outputs"], slots["tests"]) == (
        "python",
        "cli",
        "csv_to_json",
        "pytest",
    )
    assert slots["persistence"] == "none"  # a converter keeps nothing: implied, not assumed
    assert outcome.requirements.assumed == ["constraints"]


def test_prompt_settles_some_slots_and_only_the_rest_are_asked():
    outcome = ask_next("a python library", [], final_round=False)
    asked = [q.id for q in outcome.questions]
    assert "language" not in asked and "kind" not in asked
    assert "inputs_outputs" in asked


def test_answered_slots_are_never_asked_again():
    first = ask_next("make me a tool", [], final_round=False)
    answered = AnsweredRound(
        round=1,
        questions=first.questions,
        answers={
            "language": "python",
            "kind": "http_api",
            "inputs_outputs": "todo_items",
            "persistence": "sqlite",
            "tests": "unittest",
        },
    )
    outcome = ask_next("make me a tool", [answered], final_round=False)
    assert outcome.ready
    assert outcome.requirements.slots["persistence"] == "sqlite"
    assert outcome.requirements.assumed == ["constraints"]


def test_skip_takes_recommended_values_and_says_so():
    first = ask_next("make me a tool", [], final_round=False)
    outcome = ask_next("make me a tool", [AnsweredRound(round=1, questions=first.questions, skipped=True)], final_round=False)
    assert outcome.ready
    assert outcome.requirements.slots["language"] == "python"
    assert set(outcome.requirements.assumed) >= {"language", "kind", "inputs_outputs", "tests"}
    assert "assumed" in outcome.requirements.summary


def test_final_round_is_always_ready():
    outcome = ask_next("make me a tool", [], final_round=True)
    assert outcome.ready and outcome.requirements.slots["kind"] == "cli"
