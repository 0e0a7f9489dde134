"""Sessions, SET_NULL deletion, jobs from a session, listing and pagination."""

import base64
import json

import pytest

from codegen.data import jobs as job_data
from tests.api.test_jobs_api import error_code

SPECIFIED = "Build a Python CLI that converts CSV files to JSON, with pytest tests"


def test_create_and_read_a_session(api):
    reply = api.post("/sessions", {"prompt": "make me a tool"})
    assert reply.status == 201
    session = reply.body
    assert session["status"] == "OPEN" and session["rounds"] == [] and session["requirements"] is None
    fetched = api.get(f"/sessions/{session['session_id']}")
    assert fetched.status == 200 and fetched.body["generation_jobs"] == []


def test_session_shows_rounds_requirements_and_generation_jobs(api):
    job = api.post("/jobs", {"prompt": "make me a tool"}).body
    api.wait_for_questions(job["job_id"])
    api.post(f"/jobs/{job['job_id']}/answers", {"skip": True})
    api.wait_for_end(job["job_id"])
    session = api.get(f"/sessions/{job['questioning_session_id']}").body
    assert session["status"] == "READY"
    assert session["rounds"][0]["skipped"] is True and session["rounds"][0]["answered_at"].endswith("Z")
    assert session["requirements"]["slots"]["language"] == "python"
    assert "language" in session["requirements"]["assumed"]
    assert [j["job_id"] for j in session["generation_jobs"]] == [job["job_id"]]


def test_list_sessions_newest_first_with_pagination(api):
    created = [api.post("/sessions", {"prompt": f"tool {i}"}).body["session_id"] for i in range(5)]
    api.post("/sessions", {"prompt": "not mine"}, user="bob")
    seen, token = [], None
    while True:
        query = "/sessions?limit=2" + (f"&next_token={token}" if token else "")
        page = api.get(query).body
        seen += [s["session_id"] for s in page["items"]]
        token = page["next_token"]
        if not token:
            break
    assert seen == list(reversed(created))


FORGED = base64.urlsafe_b64encode(json.dumps({"job_id": {"S": "job-x"}}).encode()).decode()


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "limit=x", "next_token=garbage", f"next_token={FORGED}"])
def test_bad_list_parameters_are_422(api, query):
    reply = api.get(f"/sessions?{query}")
    assert reply.status == 422 and error_code(reply) == "validation_error"


def test_job_from_a_ready_session_skips_questioning(api):
    first = api.post("/jobs", {"prompt": SPECIFIED}).body
    api.wait_for_end(first["job_id"])
    reply = api.post(f"/sessions/{first['questioning_session_id']}/jobs")
    assert reply.status == 202 and reply.body["status"] == "QUEUED"
    second = api.wait_for_end(reply.body["job_id"])
    assert [c["status"] for c in second["status_history"]] == ["QUEUED", "PROCESSING", "COMPLETED"]
    jobs_of_session = api.get(f"/sessions/{first['questioning_session_id']}").body["generation_jobs"]
    assert {j["job_id"] for j in jobs_of_session} == {first["job_id"], second["job_id"]}


def test_only_one_job_questions_on_a_session(api):
    first = api.post("/jobs", {"prompt": "make me a tool"}).body
    api.wait_for_questions(first["job_id"])
    reply = api.post(f"/sessions/{first['questioning_session_id']}/jobs")
    assert reply.status == 409 and error_code(reply) == "conflict"
    api.post(f"/jobs/{first['job_id']}/cancel")
    retry = api.post(f"/sessions/{first['questioning_session_id']}/jobs")
    assert retry.status == 202 and retry.body["status"] == "QUESTIONING"
    asked = api.wait_for_questions(retry.body["job_id"])
    assert asked["round"] == 1  # the unanswered round is asked again, not a new one


def test_delete_session_keeps_its_jobs_detached(api):
    done = api.post("/jobs", {"prompt": SPECIFIED}).body
    finished = api.wait_for_end(done["job_id"])
    session_id = done["questioning_session_id"]
    assert api.request("DELETE", f"/sessions/{session_id}").status == 204
    assert api.get(f"/sessions/{session_id}").status == 404
    kept = api.get(f"/jobs/{done['job_id']}").body
    assert kept["questioning_session_id"] is None
    assert kept["status_history"] == finished["status_history"] and kept["result"] == finished["result"]
    assert job_data.jobs_of_session(session_id) == []
    assert api.request("DELETE", f"/sessions/{session_id}").status == 404


def test_delete_session_cancels_a_job_still_questioning(api, stack):
    job = api.post("/jobs", {"prompt": "make me a tool"}).body
    api.wait_for_questions(job["job_id"])
    assert api.request("DELETE", f"/sessions/{job['questioning_session_id']}").status == 204
    cancelled = api.get(f"/jobs/{job['job_id']}").body
    assert cancelled["status"] == "CANCELLED" and cancelled["questioning_session_id"] is None
    assert cancelled["questions"] == []


def test_list_jobs_filters_by_status_and_session(api):
    done = api.post("/jobs", {"prompt": SPECIFIED}).body
    api.wait_for_end(done["job_id"])
    waiting = api.post("/jobs", {"prompt": "make me a tool"}).body
    api.wait_for_questions(waiting["job_id"])
    api.post("/jobs", {"prompt": SPECIFIED}, user="bob")

    everything = api.get("/jobs").body
    assert [j["job_id"] for j in everything["items"]] == [waiting["job_id"], done["job_id"]]
    completed = api.get("/jobs?status=COMPLETED").body["items"]
    assert [j["job_id"] for j in completed] == [done["job_id"]]
    of_session = api.get(f"/jobs?session_id={waiting['questioning_session_id']}").body["items"]
    assert [j["job_id"] for j in of_session] == [waiting["job_id"]]
    assert api.get(f"/jobs?session_id={waiting['questioning_session_id']}", user="bob").status == 404
    assert api.get("/jobs?status=DONE").status == 422
