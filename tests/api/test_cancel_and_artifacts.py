"""Cancel (idempotent, 409 on finished jobs) and artifacts (presigned URLs, 409 until COMPLETED)."""

import hashlib
import io
import time
import urllib.parse
import zipfile

import boto3

from codegen.data import slots
from tests.api.test_jobs_api import error_code
from tests.conftest import wait_for_executions

SPECIFIED = "Build a Python CLI that converts CSV files to JSON, with pytest tests"


def wait_for_execution(arn: str, seconds: float = 10) -> str:
    """moto stops an execution asynchronously, as AWS does."""
    sfn, deadline = boto3.client("stepfunctions"), time.monotonic() + seconds
    while (status := sfn.describe_execution(executionArn=arn)["status"]) == "RUNNING" and time.monotonic() < deadline:
        time.sleep(0.05)
    return status


def test_cancel_a_waiting_job_then_again(api, stack):
    job = api.post("/jobs", {"prompt": "make me a tool"}).body
    api.wait_for_questions(job["job_id"])
    first = api.post(f"/jobs/{job['job_id']}/cancel")
    assert first.status == 202 and first.body["status"] == "CANCELLED"
    assert [c["status"] for c in first.body["status_history"]] == ["QUESTIONING", "CANCELLED"]
    again = api.post(f"/jobs/{job['job_id']}/cancel")
    assert again.status == 202 and again.body == first.body
    arn = stack.state_machine_arn.replace(":stateMachine:", ":execution:") + f":{job['job_id']}"
    # AWS: ABORTED. moto notices the stop only when the released callback wakes the task: FAILED.
    assert wait_for_execution(arn) in ("ABORTED", "FAILED")
    assert api.post(f"/jobs/{job['job_id']}/answers", {"skip": True}).status == 409
    wait_for_executions(stack)
    assert slots.snapshot().held == 0


def test_cancel_a_finished_job_is_409(api):
    job = api.post("/jobs", {"prompt": SPECIFIED}).body
    api.wait_for_end(job["job_id"])
    reply = api.post(f"/jobs/{job['job_id']}/cancel")
    assert reply.status == 409 and error_code(reply) == "conflict"
    assert api.get(f"/jobs/{job['job_id']}").body["status"] == "COMPLETED"


def test_artifacts_are_409_until_completed(api):
    job = api.post("/jobs", {"prompt": "make me a tool"}).body
    api.wait_for_questions(job["job_id"])
    reply = api.get(f"/jobs/{job['job_id']}/artifacts")
    assert reply.status == 409 and error_code(reply) == "conflict"


def test_artifacts_have_download_urls_and_a_zip(api, stack):
    job = api.post("/jobs", {"prompt": SPECIFIED}).body
    done = api.wait_for_end(job["job_id"])
    reply = api.get(f"/jobs/{job['job_id']}/artifacts")
    assert reply.status == 200
    artifacts = reply.body
    assert [{k: f[k] for k in ("path", "size", "sha256")} for f in artifacts["files"]] == done["result"]["files"]
    for entry in artifacts["files"]:
        url = urllib.parse.urlsplit(entry["url"])
        assert urllib.parse.unquote(url.path).endswith(f"jobs/{job['job_id']}/files/{entry['path']}")
        assert "X-Amz-Expires=900" in url.query and "X-Amz-Signature" in url.query
    archive_path = urllib.parse.unquote(urllib.parse.urlsplit(artifacts["archive_url"]).path)
    assert archive_path.endswith(f"jobs/{job['job_id']}/{job['job_id']}.zip")
    s3 = boto3.client("s3")
    bucket = stack.template.physical_name("ArtifactsBucket")
    archive = s3.get_object(Bucket=bucket, Key=f"jobs/{job['job_id']}/{job['job_id']}.zip")["Body"].read()
    bundle = zipfile.ZipFile(io.BytesIO(archive))
    for entry in artifacts["files"]:
        assert hashlib.sha256(bundle.read(entry["path"])).hexdigest() == entry["sha256"]


def test_a_retried_generation_of_a_completed_job_changes_nothing(api, stack):
    from codegen.services.main_agent import MainAgentService

    job = api.post("/jobs", {"prompt": SPECIFIED}).body
    done = api.wait_for_end(job["job_id"])
    assert MainAgentService().generate(job["job_id"]) == {"files": len(done["result"]["files"])}
    assert api.get(f"/jobs/{job['job_id']}").body == done
