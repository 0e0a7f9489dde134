"""Failure path of the state machine: record a readable error on the job and free its slot."""

import json

from codegen.data import jobs
from codegen.errors import Conflict
from codegen.models import CodeGenerationJob, JobError
from codegen.observability import count
from codegen.services import worker_queue
from codegen.types import CodeGenerationJobStatus as Status

MAX_MESSAGE_CHARS = 1_000

# Step Functions error name -> (job error code, message used when the cause says nothing useful)
ERROR_CODES = {
    "AnswerTimeout": ("answer_timeout", "no answers arrived before the questions timed out"),
    "GenerationError": ("generation_failed", "the main agent could not generate the project"),
    "States.Timeout": ("timeout", "a step of the job took too long"),
    "AgentError": ("agent_failed", "the agent provider failed"),
}


def describe(error: dict) -> JobError:
    name = str(error.get("Error") or "Unknown")
    code, default_message = ERROR_CODES.get(name, ("internal_error", f"the job failed unexpectedly ({name})"))
    message = default_message
    cause = error.get("Cause")
    if code != "internal_error" and cause:
        try:
            message = json.loads(cause).get("errorMessage") or default_message
        except (ValueError, AttributeError):
            message = str(cause)
    return JobError(code=code, message=message[:MAX_MESSAGE_CHARS])


def record_failure(job_id: str, error: dict, limit: int) -> dict:
    """The state machine's failure path (Catch output in `error`)."""
    return {"status": fail_job(jobs.get_job(job_id), describe(error), limit)}


def fail_job(job: CodeGenerationJob, error: JobError, limit: int) -> str:
    """Idempotent: marks the job FAILED with `error` unless it is terminal, frees its slot or queue place,
    wakes the next job. Returns the job's status afterwards."""
    if job.status in jobs.ACTIVE_STATUSES:
        try:
            jobs.transition(
                job,
                Status.FAILED,
                jobs.ACTIVE_STATUSES,
                [CodeGenerationJob.error.set(error), CodeGenerationJob.task_token.remove()],
            )  # refreshes `job` from the write
            count("JobsFailed")
        except Conflict:
            job = jobs.get_job(job.job_id)  # it became terminal meanwhile (cancelled): that status stands
    worker_queue.free_slot(job, limit)
    return job.status
