"""`make run`'s server on a free port, driven over HTTP like the README's curl flow."""

import hashlib
import io
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile

import boto3
import pytest

from local.template import ROOT

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def server():
    env = {**os.environ, "PORT": "0", "MOTO_PORT": "0", "ANSWER_TIMEOUT_SECONDS": "60", "LOCAL_ACCESS_LOG": "0"}
    process = subprocess.Popen(
        [sys.executable, "-m", "local.server"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    urls = {}
    deadline = time.monotonic() + 60
    while len(urls) < 2 and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        if match := re.search(r"API on (http://\S+)", line):
            urls["api"] = match.group(1)
        if match := re.search(r"moto endpoint on (http://\S+)", line):
            urls["moto"] = match.group(1)
    assert len(urls) == 2, "the local server did not start"
    yield urls
    process.terminate()
    process.wait(timeout=10)


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
