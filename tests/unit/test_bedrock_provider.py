"""The Bedrock provider against botocore's Stubber (moto does not implement Converse)."""

import boto3
import pytest
from botocore.stub import ANY, Stubber

from codegen.agents.base import AnsweredRound, Requirements
from codegen.agents.bedrock import BedrockProvider
from codegen.agents.bedrock.converse import RetryPolicy
from codegen.agents.bedrock.provider import QuestioningToolInput
from codegen.errors import AgentError, GenerationError

MODEL = "anthropic.test-model-v1:0"
QUESTION = {
    "id": "language",
    "text": "Which language?",
    "kind": "single_choice",
    "options": [{"value": "python", "label": "Python"}],
    "recommended": "python",
    "required": True,
}
REQUIREMENTS = {"slots": {"language": "python", "kind": "cli"}, "assumed": [], "summary": "A Python CLI."}


def tool_response(name: str, tool_input: dict, stop_reason: str = "tool_use", tokens=(10, 5)) -> dict:
    content = (
        [{"toolUse": {"toolUseId": "t-1", "name": name, "input": tool_input}}] if stop_reason == "tool_use" else [{"text": "..."}]
    )
    return {
        "output": {"message": {"role": "assistant", "content": content}},
        "stopReason": stop_reason,
        "usage": {"inputTokens": tokens[0], "outputTokens": tokens[1], "totalTokens": sum(tokens)},
        "metrics": {"latencyMs": 1},
    }


@pytest.fixture
def bedrock():
    client = boto3.client("bedrock-runtime", region_name="us-east-1")
    with Stubber(client) as stubber:
        sleeps: list[float] = []
        provider = BedrockProvider(client=client, model_id=MODEL, retry=RetryPolicy(attempts=3, sleep=sleeps.append))
        yield provider, stubber, sleeps
        stubber.assert_no_pending_responses()


def expect(stubber, response: dict, tool_name: str) -> None:
    expected = {
        "modelId": MODEL,
        "system": ANY,
        "messages": ANY,
        "inferenceConfig": ANY,
        "toolConfig": {"tools": ANY, "toolChoice": {"tool": {"name": tool_name}}},
    }
    stubber.add_response("converse", response, expected)


def test_a_question_round(bedrock):
    provider, stubber, _ = bedrock
    expect(stubber, tool_response("questioning_outcome", {"ready": False, "questions": [QUESTION]}), "questioning_outcome")
    outcome = provider.ask("make me a tool", [], final_round=False)
    assert not outcome.ready and outcome.questions[0].id == "language"
    assert (outcome.usage.input_tokens, outcome.usage.output_tokens) == (10, 5)


def test_a_ready_round(bedrock):
    provider, stubber, _ = bedrock
    expect(stubber, tool_response("questioning_outcome", {"ready": True, "requirements": REQUIREMENTS}), "questioning_outcome")
    answered = AnsweredRound(round=1, questions=[QUESTION], answers={"language": "python"})
    outcome = provider.ask("make me a tool", [answered], final_round=False)
    assert outcome.ready and outcome.requirements.slots["kind"] == "cli"


def test_the_tool_schema_is_the_pydantic_schema(bedrock):
    provider, stubber, _ = bedrock
    tool = {
        "toolSpec": {
            "name": "questioning_outcome",
            "description": ANY,
            "inputSchema": {"json": QuestioningToolInput.model_json_schema()},
        }
    }
    expected = {
        "modelId": MODEL,
        "system": ANY,
        "messages": ANY,
        "inferenceConfig": ANY,
        "toolConfig": {"tools": [tool], "toolChoice": {"tool": {"name": "questioning_outcome"}}},
    }
    stubber.add_response(
        "converse", tool_response("questioning_outcome", {"ready": True, "requirements": REQUIREMENTS}), expected
    )
    assert provider.ask("x", [], final_round=True).ready


def test_generation_plans_then_writes_files_in_batches(bedrock):
    provider, stubber, _ = bedrock
    paths = [f"pkg/m{i}.py" for i in range(5)] + ["README.md"]
    plan = {"summary": "A tool.", "files": [{"path": p, "purpose": "code"} for p in paths]}
    expect(stubber, tool_response("project_plan", plan, tokens=(100, 50)), "project_plan")
    for batch in (paths[:4], paths[4:]):
        files = {"files": [{"path": p, "content": f"# {p}\n"} for p in batch]}
        expect(stubber, tool_response("project_files", files, tokens=(200, 300)), "project_files")
    generation = provider.generate("make me a tool", Requirements(**REQUIREMENTS))
    assert [f.path for f in generation.files] == paths
    assert (generation.usage.input_tokens, generation.usage.output_tokens) == (500, 650)


@pytest.mark.parametrize("reason", ["max_tokens", "end_turn", "guardrail_intervened", "content_filtered"])
def test_a_stop_reason_other_than_tool_use_fails_clearly(bedrock, reason):
    provider, stubber, _ = bedrock
    expect(stubber, tool_response("questioning_outcome", {}, stop_reason=reason), "questioning_outcome")
    with pytest.raises(AgentError, match=reason):
        provider.ask("x", [], final_round=False)


def test_a_stop_reason_in_generation_is_a_generation_error(bedrock):
    provider, stubber, _ = bedrock
    expect(stubber, tool_response("project_plan", {}, stop_reason="max_tokens"), "project_plan")
    with pytest.raises(GenerationError, match="max_tokens"):
        provider.generate("x", Requirements(**REQUIREMENTS))


def test_malformed_tool_input_fails_clearly(bedrock):
    provider, stubber, _ = bedrock
    bad = {"ready": False, "questions": [{**QUESTION, "kind": "essay"}]}
    expect(stubber, tool_response("questioning_outcome", bad), "questioning_outcome")
    with pytest.raises(AgentError, match="malformed"):
        provider.ask("x", [], final_round=False)


def test_unsafe_paths_are_refused(bedrock):
    provider, stubber, _ = bedrock
    plan = {"summary": "x", "files": [{"path": "../etc/passwd", "purpose": "no"}]}
    expect(stubber, tool_response("project_plan", plan), "project_plan")
    with pytest.raises(GenerationError, match="unsafe path"):
        provider.generate("x", Requirements(**REQUIREMENTS))


def test_throttling_then_success_through_the_retry(bedrock):
    provider, stubber, sleeps = bedrock
    stubber.add_client_error("converse", service_error_code="ThrottlingException", http_status_code=429)
    stubber.add_client_error("converse", service_error_code="ModelTimeoutException", http_status_code=408)
    expect(stubber, tool_response("questioning_outcome", {"ready": True, "requirements": REQUIREMENTS}), "questioning_outcome")
    assert provider.ask("x", [], final_round=False).ready
    assert len(sleeps) == 2 and all(s >= 0 for s in sleeps)


def test_retries_are_bounded(bedrock):
    provider, stubber, sleeps = bedrock
    for _ in range(3):
        stubber.add_client_error("converse", service_error_code="ServiceUnavailableException", http_status_code=503)
    with pytest.raises(AgentError, match="ServiceUnavailableException"):
        provider.ask("x", [], final_round=False)
    assert len(sleeps) == 2


def test_a_model_that_rejects_forced_tool_choice_gets_any(bedrock):
    provider, stubber, _ = bedrock
    stubber.add_client_error(
        "converse",
        service_error_code="ValidationException",
        service_message="This model doesn't support the toolChoice.tool field",
    )
    stubber.add_response(
        "converse",
        tool_response("questioning_outcome", {"ready": True, "requirements": REQUIREMENTS}),
        {
            "modelId": MODEL,
            "system": ANY,
            "messages": ANY,
            "inferenceConfig": ANY,
            "toolConfig": {"tools": ANY, "toolChoice": {"any": {}}},
        },
    )
    assert provider.ask("x", [], final_round=False).ready


def test_other_client_errors_are_not_retried(bedrock):
    provider, stubber, sleeps = bedrock
    stubber.add_client_error("converse", service_error_code="AccessDeniedException", http_status_code=403)
    with pytest.raises(AgentError, match="AccessDenied"):
        provider.ask("x", [], final_round=False)
    assert sleeps == []


def test_final_round_must_be_ready(bedrock):
    provider, stubber, _ = bedrock
    expect(stubber, tool_response("questioning_outcome", {"ready": False, "questions": [QUESTION]}), "questioning_outcome")
    with pytest.raises(AgentError, match="final round"):
        provider.ask("x", [], final_round=True)
