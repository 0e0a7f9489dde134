"""HTTP API v2 events through the real router: success paths, every bad input, and isolation."""

import pytest

VAGUE = "make me a tool"


def error_code(reply) -> str:
    assert set(reply.body) == {"error"}, reply.body
    assert set(reply.body["error"]) == {"code", "message", "details"}
    return reply.body["error"]["code"]


@pytest.fixture
def waiting_job(api) -> dict:
    """A job whose first round of questions is waiting for answers."""
    job = api.post("/jobs", {"prompt": VAGUE}).body
    return api.wait_for(job["job_id"], lambda j: bool(j["questions"]))


def snapshot(api, job_id: str) -> dict:
    return api.get(f"/jobs/{job_id}").body


def test_create_job_returns_202_questioning(api):
    reply = api.post("/jobs", {"prompt": VAGUE})
    assert reply.status == 202
    job = reply.body
    assert job["status"] == "QUESTIONING"
    assert job["job_id"].startswith("job-") and job["questioning_session_id"]
    assert job["round"] == 0 and job["questions"] == [] and job["error"] is None and job["result"] is None
    assert [h["status"] for h in job["status_history"]] == ["QUESTIONING"]
    assert job["created_at"].endswith("Z") and "task_token" not in job


def test_job_shows_round_one_questions_and_never_the_token(api, waiting_job):
    assert waiting_job["round"] == 1
    assert 1 <= len(waiting_job["questions"]) <= 5
    for question in waiting_job["questions"]:
        assert set(question) == {"id", "text", "kind", "options", "recommended", "required"}
    assert "task_token" not in str(api.get(f"/jobs/{waiting_job['job_id']}").body)


@pytest.mark.parametrize(
    "body, field",
    [
        ({}, "prompt"),
        ({"prompt": ""}, "prompt"),
        ({"prompt": "   "}, "prompt"),
        ({"prompt": "x" * 8_001}, "prompt"),
        ({"prompt": "ok", "colour": "red"}, "colour"),
        ({"prompt": 42}, "prompt"),
    ],
)
def test_invalid_create_is_422_with_field_details(api, body, field):
    reply = api.post("/jobs", body)
    assert reply.status == 422
    assert error_code(reply) == "validation_error"
    assert field in [d["field"] for d in reply.body["error"]["details"]]


def test_malformed_json_is_400(api):
    reply = api.post("/jobs", '{"prompt": ')
    assert reply.status == 400 and error_code(reply) == "malformed_json"


def test_body_over_64_kib_is_413(api):
    reply = api.post("/jobs", {"prompt": "x" * (65 * 1024)})
    assert reply.status == 413 and error_code(reply) == "payload_too_large"


@pytest.mark.parametrize("method, path", [("POST", "/jobs"), ("GET", "/jobs/job-x"), ("POST", "/jobs/job-x/answers")])
def test_no_bearer_token_is_401(api, method, path):
    reply = api.request(method, path, {"prompt": "hi"}, user=None)
    assert reply.status == 401 and error_code(reply) == "unauthorized"


def test_unknown_job_is_404(api):
    reply = api.get("/jobs/job-does-not-exist")
    assert reply.status == 404 and error_code(reply) == "not_found"


def test_another_users_job_is_404_on_every_route(api, waiting_job):
    job_id = waiting_job["job_id"]
    assert api.get(f"/jobs/{job_id}", user="mallory").status == 404
    assert api.post(f"/jobs/{job_id}/answers", {"skip": True}, user="mallory").status == 404
    assert snapshot(api, job_id) == waiting_job


def test_unknown_route_is_404_in_the_error_shape(api):
    reply = api.get("/nothing-here")
    assert reply.status == 404 and error_code(reply) == "not_found"


@pytest.mark.parametrize(
    "answers, field",
    [
        ({"no_such_question": "x"}, "answers.no_such_question"),
        ({"language": "cobol"}, "answers.language"),
        ({"language": ["python"]}, "answers.language"),
    ],
)
def test_bad_answers_are_422_and_change_nothing(api, waiting_job, answers, field):
    job_id = waiting_job["job_id"]
    reply = api.post(f"/jobs/{job_id}/answers", {"answers": answers})
    assert reply.status == 422 and error_code(reply) == "invalid_answers"
    assert field in [d["field"] for d in reply.body["error"]["details"]]
    assert snapshot(api, job_id) == waiting_job


def test_missing_required_answers_are_422(api, waiting_job):
    reply = api.post(f"/jobs/{waiting_job['job_id']}/answers", {"answers": {"language": "python"}})
    assert reply.status == 422
    missing = {d["field"] for d in reply.body["error"]["details"]}
    assert {"answers.kind", "answers.inputs_outputs"} <= missing


@pytest.mark.parametrize("body", [{}, {"answers": {}}, {"skip": False}, {"skip": True, "answers": {"language": "python"}}])
def test_answers_or_skip_is_required(api, waiting_job, body):
    reply = api.post(f"/jobs/{waiting_job['job_id']}/answers", body)
    assert reply.status == 422
    assert snapshot(api, waiting_job["job_id"]) == waiting_job


def test_answers_before_questions_are_409(api):
    job = api.post("/jobs", {"prompt": "Build a Python CLI that converts CSV files to JSON, with pytest tests"}).body
    api.wait_for_end(job["job_id"])
    reply = api.post(f"/jobs/{job['job_id']}/answers", {"skip": True})
    assert reply.status == 409 and error_code(reply) == "conflict"


def test_duplicate_answers_are_409(api, waiting_job):
    job_id = waiting_job["job_id"]
    assert api.post(f"/jobs/{job_id}/answers", {"skip": True}).status == 202
    second = api.post(f"/jobs/{job_id}/answers", {"skip": True})
    assert second.status == 409 and error_code(second) == "conflict"
    assert api.wait_for_end(job_id)["status"] == "COMPLETED"
