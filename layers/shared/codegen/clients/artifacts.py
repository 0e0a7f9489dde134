"""The artifacts bucket: generated files, one zip per job, and short-lived download URLs."""

import io
import zipfile
from functools import cache

import boto3
from botocore.config import Config

from codegen.config import artifacts_bucket, download_url_seconds


@cache
def _client():
    return boto3.client("s3", config=Config(signature_version="s3v4"))  # SigV4 presigned URLs


def files_prefix(job_id: str) -> str:
    return f"jobs/{job_id}/files/"


def archive_key(job_id: str) -> str:
    return f"jobs/{job_id}/{job_id}.zip"


def upload_project(job_id: str, files: dict[str, bytes]) -> None:
    """Upload each file and a zip of all of them."""
    bucket, s3 = artifacts_bucket(), _client()
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path, content in files.items():
            s3.put_object(Bucket=bucket, Key=files_prefix(job_id) + path, Body=content)
            bundle.writestr(path, content)
    s3.put_object(Bucket=bucket, Key=archive_key(job_id), Body=archive.getvalue(), ContentType="application/zip")


def download_url(key: str) -> str:
    return _client().generate_presigned_url(
        "get_object", Params={"Bucket": artifacts_bucket(), "Key": key}, ExpiresIn=download_url_seconds()
    )
