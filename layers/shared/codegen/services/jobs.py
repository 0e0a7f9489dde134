"""Jobs as the API sees them: create (with its session and execution), read, answer questions."""

from pynamodb.connection import Connection
from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from codegen.agents.base import AnswerValue
from codegen.clients import stepfunctions
from codegen.config import WorkflowSettings
from codegen.data import jobs, sessions
from codegen.errors import Conflict
from codegen.models import CodeGenerationJob, JobError
from codegen.schemas import AnswersRequest, JobOut, Question
from codegen.services.answers import validate_answers
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
    session = sessions.create_session(owner_id, prompt)
    job = jobs.create_job(owner_id, session.session_id, prompt, Status.QUESTIONING)
    start(job, settings)
    return job


def start(job: CodeGenerationJob, settings: WorkflowSettings) -> None:
    payload = {
        "job_id": job.job_id,
        "owner_id": job.owner_id,
        "session_id": job.questioning_session_id,
        "config": {
            "answer_timeout_seconds": settings.answer_timeout_seconds,
            "max_question_rounds": settings.max_question_rounds,
            "max_concurrent_jobs": settings.max_concurrent_jobs,
            "slot_retry_seconds": settings.slot_retry_seconds,
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
    return jobs.get_job(job_id)
