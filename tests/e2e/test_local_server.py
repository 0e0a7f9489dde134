"""`make run`'s server on a free port, driven over HTTP like the README's curl flow."""

import hashlib
import io
import json
import time
import urllib.error
import urllib.request
import zipfile

import boto3
import pytest

pytestmark = pytest.mark.e2e


def call(server, method, path, body=None, user="alice"):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(server["api"] + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if user:
        request.add_header("Authorization", f"Bearer {user}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def poll(server, job_id, until, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, job = call(server, "GET", f"/jobs/{job_id}")
        if until(job):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job stuck: {job}")


def test_vague_prompt_to_completed_files_over_http(server):
    status, job = call(server, "POST", "/jobs", {"prompt": "make me a tool"})
    assert status == 202 and job["status"] == "QUESTIONING"
    job = poll(server, job["job_id"], lambda j: bool(j["questions"]))
    answers = {q["id"]: q["recommended"] for q in job["questions"]}
    status, _ = call(server, "POST", f"/jobs/{job['job_id']}/answers", {"answers": answers})
    assert status == 202
    job = poll(server, job["job_id"], lambda j: j["status"] in ("COMPLETED", "FAILED"))
    assert job["status"] == "COMPLETED", job
    assert any(f["path"] == "README.md" for f in job["result"]["files"])

    # Download URLs are presigned against the local moto endpoint and work from this machine.
    status, artifacts = call(server, "GET", f"/jobs/{job['job_id']}/artifacts")
    assert status == 200 and artifacts["archive_url"].startswith(server["moto"])
    with urllib.request.urlopen(artifacts["archive_url"], timeout=30) as response:
        names = zipfile.ZipFile(io.BytesIO(response.read())).namelist()
    assert sorted(names) == sorted(f["path"] for f in job["result"]["files"])
    readme = next(f for f in artifacts["files"] if f["path"] == "README.md")
    with urllib.request.urlopen(readme["url"], timeout=30) as response:
        assert hashlib.sha256(response.read()).hexdigest() == readme["sha256"]

    assert call(server, "GET", f"/jobs/{job['job_id']}", user=None)[0] == 401
    assert call(server, "GET", f"/jobs/{job['job_id']}", user="bob")[0] == 404

    # The moto endpoint answers the aws CLI's calls, e.g. the execution's history.
    sfn = boto3.client(
        "stepfunctions",
        endpoint_url=server["moto"],
        region_name="us-east-1",
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )
    executions = sfn.list_executions(stateMachineArn=sfn.list_state_machines()["stateMachines"][0]["stateMachineArn"])
    assert job["job_id"] in [e["name"] for e in executions["executions"]]
