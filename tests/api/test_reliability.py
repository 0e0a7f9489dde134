"""Idempotency-Key retries, concurrent answers, and owner isolation on every route."""

import threading

import pytest

from codegen.models import CodeGenerationJob, QuestioningSession
from codegen.schemas import AnswersRequest
from codegen.services import jobs as job_service
from tests.api.test_jobs_api import error_code

SPECIFIED = "Build a Python CLI that converts CSV files to JSON, with pytest tests"


def count(model) -> int:
    return sum(1 for _ in model.scan())


@pytest.mark.parametrize(
    "path, body, status",
    [("/jobs", {"prompt": SPECIFIED}, 202), ("/sessions", {"prompt": "make me a tool"}, 201)],
)
def test_retry_with_the_same_key_returns_the_first_response(api, path, body, status):
    first = api.post(path, body, headers={"idempotency-key": "k-1"})
    again = api.post(path, body, headers={"idempotency-key": "k-1"})
    assert first.status == again.status == status
    assert again.body == first.body
    assert count(QuestioningSession) == 1
    other_user = api.post(path, body, headers={"idempotency-key": "k-1"}, user="bob")
    assert other_user.body != first.body  # keys are per owner
    assert count(QuestioningSession) == 2


def test_same_key_with_another_body_is_refused(api):
    assert api.post("/jobs", {"prompt": "one"}, headers={"idempotency-key": "k-2"}).status == 202
    reply = api.post("/jobs", {"prompt": "two"}, headers={"idempotency-key": "k-2"})
    assert reply.status == 422 and error_code(reply) == "idempotency_key_reused"
    assert count(CodeGenerationJob) == 1


def test_retried_answers_and_session_jobs_are_not_repeated(api):
    job = api.post("/jobs", {"prompt": "make me a tool"}).body
    api.wait_for_questions(job["job_id"])
    first = api.post(f"/jobs/{job['job_id']}/answers", {"skip": True}, headers={"idempotency-key": "a-1"})
    again = api.post(f"/jobs/{job['job_id']}/answers", {"skip": True}, headers={"idempotency-key": "a-1"})
    assert first.status == again.status == 202 and again.body == first.body
    api.wait_for_end(job["job_id"])

    session_jobs = [
        api.post(f"/sessions/{job['questioning_session_id']}/jobs", headers={"idempotency-key": "s-1"}).body for _ in range(2)
    ]
    assert session_jobs[0] == session_jobs[1]
    assert count(CodeGenerationJob) == 2


def test_no_key_means_no_deduplication(api):
    api.post("/sessions", {"prompt": "a"})
    api.post("/sessions", {"prompt": "a"})
    assert count(QuestioningSession) == 2


def test_concurrent_answers_exactly_one_wins(api):
    job = api.post("/jobs", {"prompt": "make me a tool"}).body
    api.wait_for_questions(job["job_id"])
    barrier, outcomes = threading.Barrier(2), []

    def submit():
        barrier.wait()
        try:
            job_service.submit_answers("alice", job["job_id"], AnswersRequest(skip=True))
            outcomes.append("won")
        except Exception as error:  # the loser must see a Conflict, nothing else
            outcomes.append(type(error).__name__)

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["Conflict", "won"]
    assert api.wait_for_end(job["job_id"])["status"] == "COMPLETED"


def test_every_route_hides_other_users_resources(api):
    done = api.post("/jobs", {"prompt": SPECIFIED}).body
    api.wait_for_end(done["job_id"])
    waiting = api.post("/jobs", {"prompt": "make me a tool"}).body
    api.wait_for_questions(waiting["job_id"])
    job_id, session_id = waiting["job_id"], waiting["questioning_session_id"]
    before = api.get(f"/jobs/{job_id}").body

    for method, path, body in [
        ("GET", f"/jobs/{job_id}", None),
        ("POST", f"/jobs/{job_id}/answers", {"skip": True}),
        ("POST", f"/jobs/{job_id}/cancel", None),
        ("GET", f"/jobs/{done['job_id']}/artifacts", None),
        ("GET", f"/sessions/{session_id}", None),
        ("POST", f"/sessions/{session_id}/jobs", None),
        ("DELETE", f"/sessions/{session_id}", None),
    ]:
        reply = api.request(method, path, body, user="mallory")
        assert reply.status == 404 and error_code(reply) == "not_found", (method, path)
    assert api.get("/jobs", user="mallory").body["items"] == []
    assert api.get("/sessions", user="mallory").body["items"] == []
    assert api.get(f"/jobs?session_id={session_id}", user="mallory").status == 404
    assert api.get(f"/jobs/{job_id}").body == before
    assert api.get(f"/sessions/{session_id}").status == 200
