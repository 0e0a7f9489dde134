"""The real statemachine/codegen_job.asl.json executed by moto, with the real handlers in-process."""

import hashlib
import json

import boto3
import pytest

from codegen.data import slots
from tests.conftest import FAST, wait_for_executions

VAGUE = "make me a tool"
SPECIFIED = "Build a Python CLI that converts CSV files to JSON, with pytest tests"
ANSWERS = {"language": "python", "kind": "library", "inputs_outputs": "text_stats", "persistence": "none", "tests": "pytest"}


def statuses(job: dict) -> list[str]:
    return [change["status"] for change in job["status_history"]]


def executed_states(stack, job_id: str) -> list[str]:
    sfn = boto3.client("stepfunctions")
    arn = stack.state_machine_arn.replace(":stateMachine:", ":execution:") + f":{job_id}"
    events = sfn.get_execution_history(executionArn=arn, maxResults=1000)["events"]
    return [e["stateEnteredEventDetails"]["name"] for e in events if "stateEnteredEventDetails" in e]


def test_one_round_of_questions_then_files(api, stack):
    job_id = api.post("/jobs", {"prompt": VAGUE}).body["job_id"]
    asked = api.wait_for_questions(job_id)
    assert asked["status"] == "QUESTIONING" and asked["round"] == 1
    assert {q["id"] for q in asked["questions"]} == set(ANSWERS)

    assert api.post(f"/jobs/{job_id}/answers", {"answers": ANSWERS}).status == 202
    job = api.wait_for_end(job_id)

    assert statuses(job) == ["QUESTIONING", "QUEUED", "PROCESSING", "COMPLETED"]
    assert job["questions"] == [] and job["error"] is None and job["round"] == 1
    paths = {f["path"] for f in job["result"]["files"]}
    assert {"README.md", "pyproject.toml", "textstats/core.py", "tests/test_core.py"} <= paths
    s3 = boto3.client("s3")
    bucket = stack.template.physical_name("ArtifactsBucket")
    for entry in job["result"]["files"]:
        body = s3.get_object(Bucket=bucket, Key=f"jobs/{job_id}/files/{entry['path']}")["Body"].read()
        assert (len(body), hashlib.sha256(body).hexdigest()) == (entry["size"], entry["sha256"])
    wait_for_executions(stack)
    assert slots.snapshot().held == 0

    states = executed_states(stack, job_id)
    assert states.count("Questioning: analyze request") == 2  # before and after the answers
    assert states[-1] == "Completed"


def test_skip_proceeds_on_recommended_values(api):
    job_id = api.post("/jobs", {"prompt": VAGUE}).body["job_id"]
    api.wait_for_questions(job_id)
    assert api.post(f"/jobs/{job_id}/answers", {"skip": True}).status == 202
    job = api.wait_for_end(job_id)
    assert job["status"] == "COMPLETED"
    readme = next(f for f in job["result"]["files"] if f["path"] == "README.md")
    assert readme["size"] > 0


def test_fully_specified_prompt_asks_nothing(api, stack):
    job_id = api.post("/jobs", {"prompt": SPECIFIED}).body["job_id"]
    job = api.wait_for_end(job_id)
    assert statuses(job) == ["QUESTIONING", "QUEUED", "PROCESSING", "COMPLETED"]
    assert job["round"] == 0
    assert "Questioning: await answers" not in executed_states(stack, job_id)


def test_generation_failure_fails_the_job_and_frees_the_slot(api, stack):
    job_id = api.post("/jobs", {"prompt": VAGUE}).body["job_id"]
    api.wait_for_questions(job_id)
    # The offline main agent renders Python only: asking for Go fails generation, loudly.
    api.post(f"/jobs/{job_id}/answers", {"answers": {**ANSWERS, "language": "go"}})
    job = api.wait_for_end(job_id)
    assert statuses(job) == ["QUESTIONING", "QUEUED", "PROCESSING", "FAILED"]
    assert job["error"]["code"] == "generation_failed"
    assert "Python projects only" in job["error"]["message"]
    assert job["result"] is None
    wait_for_executions(stack)
    assert slots.snapshot().held == 0


def test_execution_is_named_after_the_job(api, stack):
    job_id = api.post("/jobs", {"prompt": SPECIFIED}).body["job_id"]
    api.wait_for_end(job_id)
    executions = boto3.client("stepfunctions").list_executions(stateMachineArn=stack.state_machine_arn)["executions"]
    assert job_id in [e["name"] for e in executions]
    execution_input = json.loads(
        boto3.client("stepfunctions").describe_execution(executionArn=executions[0]["executionArn"])["input"]
    )
    assert set(execution_input) == {"job_id", "owner_id", "session_id", "skip_questioning", "config"}
    assert set(execution_input["config"]) == {
        "answer_timeout_seconds",
        "max_question_rounds",
        "max_concurrent_jobs",
        "slot_recheck_seconds",
        "generation_timeout_seconds",
    }


class TestAnswerTimeout:
    @pytest.fixture
    def stack_overrides(self):
        return {**FAST, "AnswerTimeoutSeconds": "1"}

    def test_no_answers_fails_with_answer_timeout(self, api):
        job_id = api.post("/jobs", {"prompt": VAGUE}).body["job_id"]
        api.wait_for_questions(job_id)
        job = api.wait_for_end(job_id, seconds=20)
        assert job["status"] == "FAILED"
        assert job["error"]["code"] == "answer_timeout"
        assert job["questions"] == []

        late = api.post(f"/jobs/{job_id}/answers", {"skip": True})
        assert late.status == 409
        assert api.get(f"/jobs/{job_id}").body["status"] == "FAILED"
