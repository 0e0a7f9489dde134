"""Jobs table access. Every status change is a conditional write on the expected current status."""

import uuid
from collections.abc import Iterable

from pynamodb.connection import Connection
from pynamodb.exceptions import DoesNotExist, UpdateError
from pynamodb.expressions.update import Action
from pynamodb.transactions import TransactWrite

from codegen.data import slots
from codegen.data.conditions import condition_failed
from codegen.data.pages import Page, collect, decode_token
from codegen.errors import Conflict, NotFound
from codegen.models import CodeGenerationJob, StatusChange, Usage
from codegen.timeutil import utc_now
from codegen.types import TERMINAL_JOB_STATUSES, CodeGenerationJobStatus

ACTIVE_STATUSES = tuple(s.value for s in CodeGenerationJobStatus if s not in TERMINAL_JOB_STATUSES)


def new_job_id() -> str:
    return f"job-{uuid.uuid4().hex}"  # 36 characters: a valid execution name (<= 80)


def create_job(
    owner_id: str,
    session_id: str,
    prompt: str,
    status: CodeGenerationJobStatus,
    job_id: str | None = None,
    requirements: dict | None = None,
) -> CodeGenerationJob:
    now = utc_now()
    job = CodeGenerationJob(
        job_id=job_id or new_job_id(),
        owner_id=owner_id,
        questioning_session_id=session_id,
        prompt=prompt,
        requirements=requirements,
        status=status.value,
        status_history=[StatusChange(status=status.value, at=now)],
        usage=Usage(input_tokens=0, output_tokens=0),
        created_at=now,
        updated_at=now,
    )
    if status == CodeGenerationJobStatus.QUEUED:  # straight into the queue: its entry in the same write
        with TransactWrite(connection=Connection()) as transaction:
            transaction.save(job, condition=CodeGenerationJob.job_id.does_not_exist())
            transaction.save(slots.waiter(job.job_id, now))
    else:
        job.save(condition=CodeGenerationJob.job_id.does_not_exist())
    return job


def get_job(job_id: str) -> CodeGenerationJob:
    try:
        return CodeGenerationJob.get(job_id, consistent_read=True)
    except DoesNotExist:
        raise NotFound(f"job {job_id} not found") from None


def get_owned_job(owner_id: str, job_id: str) -> CodeGenerationJob:
    """Another user's job is reported exactly like a missing one."""
    job = get_job(job_id)
    if job.owner_id != owner_id:
        raise NotFound(f"job {job_id} not found")
    return job


def update_job(job: CodeGenerationJob, actions: list[Action], condition=None) -> None:
    """Apply `actions` if `condition` holds (no version check: the condition is the invariant)."""
    actions = [*actions, CodeGenerationJob.updated_at.set(utc_now())]
    try:
        job.update(actions=actions, condition=condition, add_version_condition=False)
    except UpdateError as error:
        if condition_failed(error):
            raise Conflict(f"job {job.job_id} changed meanwhile (now {get_job(job.job_id).status})") from None
        raise


def transition(
    job: CodeGenerationJob,
    to: CodeGenerationJobStatus,
    expected: Iterable[str],
    actions: list[Action] | None = None,
) -> None:
    """Move the job to `to` only if its status is one of `expected`; appends to status_history."""
    history = [StatusChange(status=to.value, at=utc_now())]
    update_job(
        job,
        [
            CodeGenerationJob.status.set(to.value),
            CodeGenerationJob.status_history.set(CodeGenerationJob.status_history.append(history)),
            *(actions or []),
        ],
        condition=CodeGenerationJob.status.is_in(*expected),
    )


def list_jobs(owner_id: str, status: str | None, session_id: str | None, limit: int, next_token: str | None) -> Page:
    """The owner's jobs, newest first, from a GSI (by session when session_id is given, else by owner)."""
    condition = None
    if status:
        condition = CodeGenerationJob.status == status
    if session_id:
        start = decode_token(
            next_token, {"job_id", "questioning_session_id", "created_at"}, ("questioning_session_id", session_id)
        )
        owned = CodeGenerationJob.owner_id == owner_id
        results = CodeGenerationJob.by_session.query(
            session_id,
            filter_condition=owned if condition is None else owned & condition,
            scan_index_forward=False,
            limit=limit,
            last_evaluated_key=start,
        )
    else:
        start = decode_token(next_token, {"job_id", "owner_id", "created_at"}, ("owner_id", owner_id))
        results = CodeGenerationJob.by_owner.query(
            owner_id, filter_condition=condition, scan_index_forward=False, limit=limit, last_evaluated_key=start
        )
    return collect(results)


def jobs_of_session(session_id: str) -> list[CodeGenerationJob]:
    """The session's `generation_jobs`, oldest first."""
    return list(CodeGenerationJob.by_session.query(session_id))


def usage_actions(input_tokens: int, output_tokens: int) -> list[Action]:
    """Add an agent call's tokens to the job's running total."""
    return [CodeGenerationJob.usage.input_tokens.add(input_tokens), CodeGenerationJob.usage.output_tokens.add(output_tokens)]
