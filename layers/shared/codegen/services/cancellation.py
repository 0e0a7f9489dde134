"""Cancelling a job: CANCELLED by a conditional write, execution stopped, worker slot freed."""

from codegen.clients import stepfunctions
from codegen.data import jobs
from codegen.errors import Conflict
from codegen.models import CodeGenerationJob
from codegen.observability import count
from codegen.services import worker_queue
from codegen.types import CodeGenerationJobStatus as Status


def cancel_job(job: CodeGenerationJob, reason: str, limit: int) -> CodeGenerationJob:
    """Idempotent on a CANCELLED job; Conflict on a COMPLETED or FAILED one.

    The status is written first, so whatever the execution does meanwhile fails its own conditional
    write; then the execution is stopped; then the slot or queue place is freed and the next job woken
    (after the stop, so the execution cannot take a slot again)."""
    if job.status == Status.CANCELLED:
        return job
    if job.status in (Status.COMPLETED, Status.FAILED):
        raise Conflict(f"job {job.job_id} is already {job.status}")
    token = job.task_token  # the write below clears it on the job
    try:
        jobs.transition(
            job,
            Status.CANCELLED,
            jobs.ACTIVE_STATUSES,
            [CodeGenerationJob.task_token.remove(), CodeGenerationJob.questions.set([])],
        )  # refreshes `job` from the write
        count("JobsCancelled")
    except Conflict:
        job = jobs.get_job(job.job_id)
        if job.status != Status.CANCELLED:  # it finished meanwhile; a concurrent cancel is fine
            raise Conflict(f"job {job.job_id} is already {job.status}") from None
    # the ARN follows from the job id: a cancel right after StartExecution, before execution_arn is stored, stops it too
    stepfunctions.stop_execution(job.execution_arn or stepfunctions.execution_arn(job.job_id), cause=f"cancelled: {reason}")
    if token:
        stepfunctions.release_callback(token, cause=f"cancelled: {reason}")
    worker_queue.free_slot(job, limit)
    return job
