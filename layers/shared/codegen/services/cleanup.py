"""After an execution ends FAILED, TIMED_OUT or ABORTED (EventBridge): nothing it held stays held."""

from codegen.data import jobs
from codegen.errors import Conflict, NotFound
from codegen.models import CodeGenerationJob, JobError
from codegen.services import worker_queue
from codegen.types import CodeGenerationJobStatus as Status

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
    if job.status in jobs.ACTIVE_STATUSES:
        code, message = ENDINGS[execution_status]
        try:
            jobs.transition(
                job,
                Status.FAILED,
                jobs.ACTIVE_STATUSES,
                [CodeGenerationJob.error.set(JobError(code=code, message=message)), CodeGenerationJob.task_token.remove()],
            )
        except Conflict:
            pass  # it became terminal meanwhile: that status stands
    worker_queue.free_slot(job, limit)
    return {"job_id": job_id, "status": jobs.get_job(job_id).status}
