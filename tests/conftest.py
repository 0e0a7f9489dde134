"""Fixtures shared by the tiers: a local stack built from template.yaml, and an HTTP API v2 client."""

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from local.server import to_event
from local.stack import LocalStack

os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")

# Short timeouts so that nothing in a test waits long (DESIGN §8: drive waits from configuration).
FAST = {"AnswerTimeoutSeconds": "30", "SlotRecheckSeconds": "20", "MaxConcurrentJobs": "2"}
TERMINAL = {"COMPLETED", "FAILED", "CANCELLED"}


@dataclass
class Reply:
    status: int
    body: dict | list | None
    headers: dict


class Api:
    """Sends HTTP API (payload v2) events, built like the local server builds them, to the API function."""

    def __init__(self, stack: LocalStack):
        self.stack = stack

    def request(self, method: str, path: str, body=None, user: str | None = "alice", headers: dict | None = None) -> Reply:
        data = body if isinstance(body, bytes | str) or body is None else json.dumps(body)
        all_headers = {"content-type": "application/json", **(headers or {})}
        if user:
            all_headers["authorization"] = f"Bearer {user}"
        raw = data.encode("utf-8") if isinstance(data, str) else (data or b"")
        response, error = self.stack.lambdas.invoke("ApiFunction", to_event(method, path, all_headers, raw))
        assert error is None, f"the API function crashed: {response}"
        text = response.get("body")
        headers = {k.lower(): v for k, v in (response.get("headers") or {}).items()}
        parsed = json.loads(text) if text and "json" in headers.get("content-type", "") else text
        return Reply(response["statusCode"], parsed, headers)

    def get(self, path: str, **kwargs) -> Reply:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, body=None, **kwargs) -> Reply:
        return self.request("POST", path, body, **kwargs)

    def wait_for(self, job_id: str, until: Callable[[dict], bool], user: str = "alice", seconds: float = 30) -> dict:
        deadline = time.monotonic() + seconds
        while True:
            job = self.get(f"/jobs/{job_id}", user=user).body
            if until(job):
                return job
            if time.monotonic() > deadline:
                raise AssertionError(f"job never reached the expected state: {job}")
            time.sleep(0.05)

    def wait_for_questions(self, job_id: str, **kwargs) -> dict:
        return self.wait_for(job_id, lambda j: bool(j["questions"]) or j["status"] != "QUESTIONING", **kwargs)

    def wait_for_end(self, job_id: str, **kwargs) -> dict:
        return self.wait_for(job_id, lambda j: j["status"] in TERMINAL, **kwargs)


@pytest.fixture
def stack_overrides() -> dict[str, str]:
    """Template parameter overrides; a test module or test can override this fixture."""
    return FAST


@pytest.fixture
def stack(stack_overrides):
    with LocalStack(overrides=stack_overrides) as local_stack:
        yield local_stack


@pytest.fixture
def api(stack) -> Api:
    return Api(stack)


def wait_for_executions(stack: LocalStack, seconds: float = 30) -> None:
    """Until no execution runs: a job is COMPLETED a moment before its execution frees its slot."""
    import boto3

    sfn, deadline = boto3.client("stepfunctions"), time.monotonic() + seconds
    while sfn.list_executions(stateMachineArn=stack.state_machine_arn, statusFilter="RUNNING")["executions"]:
        if time.monotonic() > deadline:
            raise AssertionError("executions still running")
        time.sleep(0.05)
