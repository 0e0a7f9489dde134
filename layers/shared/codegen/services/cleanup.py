"""After an execution ends FAILED, TIMED_OUT or ABORTED (EventBridge): nothing it held stays held."""

from codegen.data import jobs
from codegen.errors import NotFound
from codegen.models import JobError
from codegen.services.failures import fail_job

ENDINGS = {
    "FAILED": ("execution_failed", "the job's execution failed"),
    "TIMED_OUT": ("execution_timed_out", "the job's execution timed out"),
    "ABORTED": ("execution_aborted", "the job's execution was stopped"),
}


def clean_up_execution(job_id: str, execution_status: str, limit: int) -> dict:
    """Mark the job terminal if it is not, free its slot or queue place, wake the next job. Idempotent."""
    try:
        job = jobs.get_job(job_id)
    except NotFound:
        return {"job_id": job_id, "status": None}
    code, message = ENDINGS[execution_status]
    return {"job_id": job_id, "status": fail_job(job, JobError(code=code, message=message), limit)}
