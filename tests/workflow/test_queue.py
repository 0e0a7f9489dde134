"""The worker-slot queue under the real ASL: limit, FIFO, no polling, cleanup on every path."""

import json
import random
import time

import boto3
import pytest

from codegen.agents.offline import OfflineProvider
from codegen.data import jobs as job_data
from codegen.data import slots
from codegen.errors import GenerationError
from codegen.models import CodeGenerationJob
from codegen.services import worker_queue
from local.template import ROOT
from tests.conftest import FAST, wait_for_executions

SPECIFIED = "Build a Python CLI that converts CSV files to JSON, with pytest tests"
FAIL_MARKER = "[inject generation failure]"
SLOW_MARKER = "[inject slow generation]"


def at(job: dict, status: str) -> str:
    return next(c["at"] for c in job["status_history"] if c["status"] == status)


def max_overlap(jobs: list[dict]) -> int:
    """The most jobs PROCESSING at one instant, from their status histories."""
    events = []
    for job in jobs:
        if any(c["status"] == "PROCESSING" for c in job["status_history"]):
            start = at(job, "PROCESSING")
            end = next(
                c["at"] for c in job["status_history"] if c["status"] in ("COMPLETED", "FAILED", "CANCELLED") and c["at"] >= start
            )
            events += [(start, 1), (end, -1)]
    current = peak = 0
    for _, delta in sorted(events, key=lambda e: (e[0], e[1])):  # an end before a start at the same instant
        current += delta
        peak = max(peak, current)
    return peak


def history_length(stack, job_id: str) -> int:
    arn = stack.state_machine_arn.replace(":stateMachine:", ":execution:") + f":{job_id}"
    return len(boto3.client("stepfunctions").get_execution_history(executionArn=arn, maxResults=1000)["events"])


def execution_errors(stack, job_id: str) -> list:
    arn = stack.state_machine_arn.replace(":stateMachine:", ":execution:") + f":{job_id}"
    events = boto3.client("stepfunctions").get_execution_history(executionArn=arn, maxResults=1000)["events"]
    return [
        (e["type"], str(e.get("taskFailedEventDetails") or e.get("executionFailedEventDetails"))[:800])
        for e in events
        if "Failed" in e["type"]
    ]


@pytest.fixture
def faults(monkeypatch):
    """Test hook: the offline main agent fails for prompts that carry FAIL_MARKER, and takes longer
    than GenerationTimeoutSeconds for prompts that carry SLOW_MARKER."""
    generate = OfflineProvider.generate

    def faulty(self, prompt, requirements):
        if FAIL_MARKER in prompt:
            raise GenerationError("injected generation failure")
        if SLOW_MARKER in prompt:
            time.sleep(7)  # beyond GenerationTimeoutSeconds (4 s), with room for a loaded machine
        return generate(self, prompt, requirements)

    monkeypatch.setattr(OfflineProvider, "generate", faulty)


class TestOneSlot:
    @pytest.fixture
    def stack_overrides(self):
        return {**FAST, "MaxConcurrentJobs": "1"}

    def test_five_jobs_one_at_a_time_in_fifo_order(self, api, stack):
        job_ids = [api.post("/jobs", {"prompt": SPECIFIED}).body["job_id"] for _ in range(5)]
        jobs = [api.wait_for_end(job_id) for job_id in job_ids]
        assert [j["status"] for j in jobs] == ["COMPLETED"] * 5
        assert max_overlap(jobs) == 1
        by_queue_time = sorted(jobs, key=lambda j: (at(j, "QUEUED"), j["job_id"]))
        by_start = sorted(jobs, key=lambda j: at(j, "PROCESSING"))
        assert [j["job_id"] for j in by_start] == [j["job_id"] for j in by_queue_time]
        wait_for_executions(stack)
        assert slots.snapshot().held == 0 and slots.waiters() == []

        # No polling: a job that waited costs the same transitions as one that did not.
        lengths = {history_length(stack, job_id) for job_id in job_ids}
        assert len(lengths) == 1, lengths

    def test_a_job_waits_parked_until_a_freed_slot_wakes_it(self, api, stack):
        assert slots.acquire("job-blocker", 1) == "taken"  # the only slot is busy
        job_id = api.post("/jobs", {"prompt": SPECIFIED}).body["job_id"]
        api.wait_for(job_id, lambda j: j["status"] == "QUEUED")
        deadline = time.monotonic() + 10
        while not slots.waiters()[0].task_token and time.monotonic() < deadline:
            time.sleep(0.05)  # parked: its entry carries the token it waits on
        assert [w.job_id for w in slots.waiters()] == [job_id]
        view = api.get("/queue").body
        assert view == {
            "max_concurrent_jobs": 1,
            "slots_held": 1,
            "waiting": 1,
            "my_jobs": [{"job_id": job_id, "state": "waiting", "position": 1}],
        }
        assert api.get("/queue", user="bob").body["my_jobs"] == []
        assert api.get(f"/jobs/{job_id}").body["status"] == "QUEUED"  # still parked, no polling moved it

        slots.release("job-blocker")
        assert worker_queue.dispatch(1) == 1  # the freed slot goes to the oldest waiter, which is woken
        assert api.wait_for_end(job_id)["status"] == "COMPLETED"
        wait_for_executions(stack)
        assert api.get("/queue").body == {"max_concurrent_jobs": 1, "slots_held": 0, "waiting": 0, "my_jobs": []}


class TestGenerationTimeout:
    @pytest.fixture
    def stack_overrides(self):
        return {**FAST, "MaxConcurrentJobs": "2", "GenerationTimeoutSeconds": "4"}

    def test_a_generation_that_times_out_fails_the_job_and_frees_its_slot(self, api, stack, faults):
        slow = api.post("/jobs", {"prompt": f"{SPECIFIED} {SLOW_MARKER}"}).body["job_id"]
        fine = api.post("/jobs", {"prompt": SPECIFIED}).body["job_id"]
        job = api.wait_for_end(slow)
        assert job["status"] == "FAILED" and job["error"]["code"] == "timeout"
        assert api.wait_for_end(fine)["status"] == "COMPLETED"
        wait_for_executions(stack)
        assert slots.snapshot().held == 0 and slots.waiters() == []


class TestFaults:
    @pytest.fixture
    def stack_overrides(self):
        return {**FAST, "MaxConcurrentJobs": "2"}

    def test_twenty_jobs_with_failures_and_cancels_all_end_and_free_everything(self, api, stack, faults):
        chance = random.Random(20261204)
        job_ids = []
        for number in range(20):
            prompt = SPECIFIED + (f" {FAIL_MARKER}" if chance.random() < 0.3 else "") + f" #{number}"
            job_ids.append(api.post("/jobs", {"prompt": prompt}).body["job_id"])
        for job_id in chance.sample(job_ids, 5):
            reply = api.post(f"/jobs/{job_id}/cancel")
            assert reply.status in (202, 409)  # 409: it had already finished
        jobs = [api.wait_for_end(job_id, seconds=60) for job_id in job_ids]
        statuses = {j["status"] for j in jobs}
        assert statuses <= {"COMPLETED", "FAILED", "CANCELLED"} and "FAILED" in statuses
        other_errors = [
            (j["job_id"], j["error"], execution_errors(stack, j["job_id"]))
            for j in jobs
            if j["status"] == "FAILED" and j["error"]["code"] != "generation_failed"
        ]
        assert other_errors == []
        assert max_overlap(jobs) <= 2
        wait_for_executions(stack)
        assert slots.snapshot().held == 0 and slots.waiters() == []


def test_cleanup_frees_a_stopped_executions_slot_and_is_idempotent(api, stack):
    job_id = api.post("/jobs", {"prompt": SPECIFIED}).body["job_id"]
    api.wait_for_end(job_id)
    # Simulate what an execution stopped from the console leaves behind: a slot and an active job.
    job = job_data.get_job(job_id)
    job.update(actions=[CodeGenerationJob.status.set("PROCESSING")])
    wait_for_executions(stack)
    assert slots.acquire(job_id, 100) == "taken"

    event = json.loads((ROOT / "events" / "cleanup_execution.json").read_text())
    event["detail"].update(name=job_id, status="ABORTED", input=json.dumps({"config": {"max_concurrent_jobs": 2}}))
    held = slots.snapshot().held
    for _ in range(2):
        result, error = stack.lambdas.invoke("CleanupExecutionFunction", event)
        assert error is None, result
        assert result == {"job_id": job_id, "status": "FAILED"}
    job = api.get(f"/jobs/{job_id}").body
    assert job["error"]["code"] == "execution_aborted"
    assert [c["status"] for c in job["status_history"]][-1] == "FAILED"
    wait_for_executions(stack)
    assert job_id not in slots.snapshot().holders
    assert slots.snapshot().held == held - 1  # exactly its own slot, once


def test_cleanup_of_an_unknown_job_is_harmless(stack):
    event = json.loads((ROOT / "events" / "cleanup_execution.json").read_text())
    result, error = stack.lambdas.invoke("CleanupExecutionFunction", event)
    assert error is None and result["status"] is None
