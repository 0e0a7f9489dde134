"""Jobs as the API sees them: create (with its session and execution), read, answer questions."""

from pynamodb.connection import Connection
from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from codegen.agents.base import AnswerValue
from codegen.clients import artifacts as artifacts_client
from codegen.clients import stepfunctions
from codegen.config import WorkflowSettings, download_url_seconds
from codegen.data import jobs, sessions
from codegen.data.pages import Page
from codegen.errors import Conflict, NotFound
from codegen.models import CodeGenerationJob, JobError
from codegen.observability import count
from codegen.schemas import AnswersRequest, ArtifactsOut, JobOut, Question
from codegen.services.answers import validate_answers
from codegen.services.cancellation import cancel_job
from codegen.timeutil import utc_now
from codegen.types import CodeGenerationJobStatus as Status
from codegen.types import QuestioningSessionStatus


def job_view(job: CodeGenerationJob) -> JobOut:
    """The job as clients see it (never the task token)."""
    awaiting = job.status == Status.QUESTIONING and bool(job.task_token)
    return JobOut(
        job_id=job.job_id,
        status=job.status,
        questioning_session_id=job.questioning_session_id,
        created_at=job.created_at,
        updated_at=job.updated_at,
        status_history=[{"status": c.status, "at": c.at} for c in job.status_history],
        questions=job.questions if awaiting else [],
        round=job.round,
        error=job.error.as_dict() if job.error else None,
        result={"summary": job.result.summary, "files": [f.as_dict() for f in job.result.files]} if job.result else None,
        usage=job.usage.as_dict() if job.usage else None,
    )


def create_job(owner_id: str, prompt: str, settings: WorkflowSettings) -> CodeGenerationJob:
    """A new questioning session and a job on it, with the job's execution started."""
    job_id = jobs.new_job_id()
    session = sessions.create_session(owner_id, prompt, questioning_job_id=job_id)
    job = jobs.create_job(owner_id, session.session_id, prompt, Status.QUESTIONING, job_id=job_id)
    start(job, settings)
    count("JobsCreated")
    return job


def create_job_for_session(owner_id: str, session_id: str, settings: WorkflowSettings) -> CodeGenerationJob:
    """Another job from a session. A READY session's job skips questioning and starts QUEUED.

    Only one job may question on a session: the session records it, and the session's version makes
    two concurrent requests race for that write; the loser gets a Conflict."""
    session = sessions.get_owned_session(owner_id, session_id)
    job_id = jobs.new_job_id()
    ready = session.status == QuestioningSessionStatus.READY and session.requirements is not None
    if not ready:
        current = session.questioning_job_id and _find_job(session.questioning_job_id)
        if current and current.status == Status.QUESTIONING:
            raise Conflict(f"job {current.job_id} is already questioning on session {session_id}")
        session.questioning_job_id = job_id
        sessions.save_session(session)
    job = jobs.create_job(
        owner_id,
        session_id,
        session.prompt,
        Status.QUEUED if ready else Status.QUESTIONING,
        job_id=job_id,
        requirements=session.requirements.as_dict() if ready else None,
    )
    start(job, settings)
    count("JobsCreated")
    return job


def _find_job(job_id: str) -> CodeGenerationJob | None:
    try:
        return jobs.get_job(job_id)
    except NotFound:
        return None


def list_jobs(owner_id: str, status: str | None, session_id: str | None, limit: int, next_token: str | None) -> Page:
    if session_id:
        sessions.get_owned_session(owner_id, session_id)  # another user's session: 404, and its index is never read
    return jobs.list_jobs(owner_id, status, session_id, limit, next_token)


def cancel(owner_id: str, job_id: str, limit: int) -> CodeGenerationJob:
    return cancel_job(jobs.get_owned_job(owner_id, job_id), reason="cancelled by its owner", limit=limit)


def artifacts(owner_id: str, job_id: str) -> ArtifactsOut:
    """Short-lived download URLs for each file and for the zip; only for a COMPLETED job."""
    job = jobs.get_owned_job(owner_id, job_id)
    if job.status != Status.COMPLETED or not job.result:
        raise Conflict(f"job {job_id} is {job.status}; artifacts exist once it is COMPLETED")
    files = [
        {**entry.as_dict(), "url": artifacts_client.download_url(job.result.files_prefix + entry.path)}
        for entry in job.result.files
    ]
    return ArtifactsOut(
        files=files,
        archive_url=artifacts_client.download_url(job.result.archive_key),
        expires_in_seconds=download_url_seconds(),
    )


def start(job: CodeGenerationJob, settings: WorkflowSettings) -> None:
    payload = {
        "job_id": job.job_id,
        "owner_id": job.owner_id,
        "session_id": job.questioning_session_id,
        "skip_questioning": job.status == Status.QUEUED,
        "config": {
            "answer_timeout_seconds": settings.answer_timeout_seconds,
            "max_question_rounds": settings.max_question_rounds,
            "max_concurrent_jobs": settings.max_concurrent_jobs,
            "slot_recheck_seconds": settings.slot_recheck_seconds,
            "generation_timeout_seconds": settings.generation_timeout_seconds,
        },
    }
    try:
        arn = stepfunctions.start_execution(job.job_id, payload)
    except Exception:
        error = JobError(code="start_failed", message="the job's workflow could not be started")
        jobs.transition(job, Status.FAILED, jobs.ACTIVE_STATUSES, [CodeGenerationJob.error.set(error)])
        raise
    jobs.update_job(job, [CodeGenerationJob.execution_arn.set(arn)])


def submit_answers(owner_id: str, job_id: str, request: AnswersRequest) -> CodeGenerationJob:
    """Record the answers of the pending round and resume the waiting execution.

    The job's task token is claimed in the same transaction that stores the answers, so of two
    concurrent submissions exactly one resumes the execution; the other gets a Conflict.
    """
    job = jobs.get_owned_job(owner_id, job_id)
    if job.status != Status.QUESTIONING or not job.task_token or not job.questions:
        raise Conflict(f"job {job_id} is not awaiting answers (status {job.status})")
    questions = [Question.model_validate(q) for q in job.questions]
    answers: dict[str, AnswerValue] = {} if request.skip else validate_answers(questions, request.answers or {})
    token, round_number = job.task_token, job.round

    session = sessions.get_session(job.questioning_session_id)
    pending = session.rounds[-1] if session.rounds else None
    if not pending or pending["round"] != round_number or pending.get("answered_at"):
        raise Conflict(f"job {job_id} is not awaiting answers for round {round_number}")
    now = utc_now()
    pending.update(answers=answers, skipped=request.skip, answered_at=now)
    session.status = QuestioningSessionStatus.OPEN.value
    session.updated_at = now
    try:
        with TransactWrite(connection=Connection()) as transaction:
            transaction.update(
                job,
                actions=[
                    CodeGenerationJob.task_token.remove(),
                    CodeGenerationJob.questions.set([]),
                    CodeGenerationJob.updated_at.set(now),
                ],
                condition=CodeGenerationJob.task_token == token,
            )
            transaction.save(session)
    except TransactWriteError:
        raise Conflict(f"answers for round {round_number} of job {job_id} were already submitted") from None

    try:
        stepfunctions.send_task_success(token, {"round": round_number, "skipped": request.skip})
    except stepfunctions.TokenExpired:
        current = jobs.get_job(job_id)
        raise Conflict(f"job {job_id} no longer awaits these answers (status {current.status})") from None
    count("AnswersSubmitted")
    return jobs.get_job(job_id)
