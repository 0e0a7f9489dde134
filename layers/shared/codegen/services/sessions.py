"""Questioning sessions as the API sees them, and their deletion with the seed's SET_NULL semantics."""

from codegen.data import jobs, sessions
from codegen.data.pages import Page
from codegen.errors import NotFound
from codegen.models import CodeGenerationJob, QuestioningSession
from codegen.schemas import SessionOut
from codegen.services.cancellation import cancel_job
from codegen.types import CodeGenerationJobStatus as Status


def session_view(session: QuestioningSession, generation_jobs: list[CodeGenerationJob] | None = None) -> SessionOut:
    return SessionOut(
        session_id=session.session_id,
        status=session.status,
        prompt=session.prompt,
        rounds=session.rounds,
        requirements=session.requirements.as_dict() if session.requirements else None,
        created_at=session.created_at,
        updated_at=session.updated_at,
        generation_jobs=[{"job_id": j.job_id, "status": j.status, "created_at": j.created_at} for j in generation_jobs or []],
    )


def create_session(owner_id: str, prompt: str) -> QuestioningSession:
    return sessions.create_session(owner_id, prompt)


def get_session(owner_id: str, session_id: str) -> SessionOut:
    session = sessions.get_owned_session(owner_id, session_id)
    return session_view(session, jobs.jobs_of_session(session_id))


def list_sessions(owner_id: str, limit: int, next_token: str | None) -> Page:
    return sessions.list_sessions(owner_id, limit, next_token)


def delete_session(owner_id: str, session_id: str, limit: int) -> None:
    """Delete the session and keep its jobs: each one's questioning_session_id becomes null (the seed's
    on_delete=SET_NULL), its history intact. A job still questioning on the session is cancelled first.
    Safe to repeat after a partial failure: detached jobs leave the session's index."""
    session = sessions.get_owned_session(owner_id, session_id)  # 404 unless it exists and is the owner's
    found = {job.job_id: job for job in jobs.jobs_of_session(session_id)}
    if session.questioning_job_id and session.questioning_job_id not in found:  # the index may lag a new job
        try:
            found[session.questioning_job_id] = jobs.get_job(session.questioning_job_id)
        except NotFound:
            pass
    for job in found.values():
        if job.questioning_session_id != session_id:
            continue
        if job.status == Status.QUESTIONING:
            cancel_job(job, reason=f"its questioning session {session_id} was deleted", limit=limit)
        jobs.update_job(
            job,
            [CodeGenerationJob.questioning_session_id.remove()],
            condition=CodeGenerationJob.questioning_session_id == session_id,
        )
    sessions.delete_session(sessions.get_session(session_id))
