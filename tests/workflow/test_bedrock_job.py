"""A whole job on the bedrock provider (Converse stubbed): token usage is summed on the job."""

import boto3
import pytest
from botocore.stub import Stubber

from codegen.agents.bedrock import provider as bedrock_provider
from tests.conftest import FAST
from tests.unit.test_bedrock_provider import REQUIREMENTS, tool_response


@pytest.fixture
def stack_overrides():
    return {**FAST, "AgentProvider": "bedrock"}


@pytest.fixture
def converse(monkeypatch):
    client = boto3.client("bedrock-runtime", region_name="us-east-1")
    monkeypatch.setattr(bedrock_provider, "default_client", lambda: client)
    with Stubber(client) as stubber:
        yield stubber


def test_usage_of_every_call_is_summed_on_the_job(api, converse):
    converse.add_response(
        "converse", tool_response("questioning_outcome", {"ready": True, "requirements": REQUIREMENTS}, tokens=(7, 3))
    )
    plan = {"summary": "A CLI.", "files": [{"path": "README.md", "purpose": "docs"}, {"path": "cli.py", "purpose": "code"}]}
    converse.add_response("converse", tool_response("project_plan", plan, tokens=(20, 10)))
    files = {"files": [{"path": "README.md", "content": "# cli\n"}, {"path": "cli.py", "content": "print('hi')\n"}]}
    converse.add_response("converse", tool_response("project_files", files, tokens=(30, 40)))

    job_id = api.post("/jobs", {"prompt": "a python cli"}).body["job_id"]
    job = api.wait_for_end(job_id)
    assert job["status"] == "COMPLETED", job
    assert job["usage"] == {"input_tokens": 57, "output_tokens": 53}
    assert [f["path"] for f in job["result"]["files"]] == ["README.md", "cli.py"]


def test_a_bad_stop_reason_is_recorded_on_the_job(api, converse):
    converse.add_response("converse", tool_response("questioning_outcome", {}, stop_reason="guardrail_intervened"))
    job_id = api.post("/jobs", {"prompt": "a python cli"}).body["job_id"]
    job = api.wait_for_end(job_id)
    assert job["status"] == "FAILED"
    assert job["error"]["code"] == "agent_failed", job["error"]
    assert "guardrail_intervened" in job["error"]["message"]
