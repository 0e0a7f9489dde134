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
    """Idempotent: marks the job FAILED unless it is terminal, frees its slot or queue place, wakes the next."""
    job = jobs.get_job(job_id)
    if job.status in jobs.ACTIVE_STATUSES:
        try:
            jobs.transition(
                job,
                Status.FAILED,
                jobs.ACTIVE_STATUSES,
                [CodeGenerationJob.error.set(describe(error)), CodeGenerationJob.task_token.remove()],
            )
            count("JobsFailed")
        except Conflict:
            pass  # it became terminal meanwhile (cancelled): that status stands
    worker_queue.free_slot(job, limit)
    return {"status": jobs.get_job(job_id).status}
