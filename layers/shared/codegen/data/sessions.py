"""Sessions table access; writes use the session's version (optimistic locking)."""

import uuid

from pynamodb.exceptions import DeleteError, DoesNotExist, PutError

from codegen.data.conditions import condition_failed
from codegen.data.pages import Page, collect, decode_token
from codegen.errors import Conflict, NotFound
from codegen.models import QuestioningSession
from codegen.timeutil import utc_now
from codegen.types import QuestioningSessionStatus


def create_session(owner_id: str, prompt: str, questioning_job_id: str | None = None) -> QuestioningSession:
    now = utc_now()
    session = QuestioningSession(
        session_id=f"ses-{uuid.uuid4().hex}",
        owner_id=owner_id,
        prompt=prompt,
        status=QuestioningSessionStatus.OPEN.value,
        rounds=[],
        questioning_job_id=questioning_job_id,
        created_at=now,
        updated_at=now,
    )
    session.save()
    return session


def get_session(session_id: str) -> QuestioningSession:
    try:
        return QuestioningSession.get(session_id, consistent_read=True)
    except DoesNotExist:
        raise NotFound(f"session {session_id} not found") from None


def save_session(session: QuestioningSession) -> None:
    """Write the whole session if nobody else wrote it since it was read."""
    session.updated_at = utc_now()
    try:
        session.save()
    except PutError as error:
        if condition_failed(error):
            raise Conflict(f"session {session.session_id} changed meanwhile") from None
        raise


def get_owned_session(owner_id: str, session_id: str) -> QuestioningSession:
    """Another user's session is reported exactly like a missing one."""
    session = get_session(session_id)
    if session.owner_id != owner_id:
        raise NotFound(f"session {session_id} not found")
    return session


def list_sessions(owner_id: str, limit: int, next_token: str | None) -> Page:
    results = QuestioningSession.by_owner.query(
        owner_id,
        scan_index_forward=False,
        limit=limit,
        last_evaluated_key=decode_token(next_token, {"session_id", "owner_id", "created_at"}, ("owner_id", owner_id)),
    )
    return collect(results)


def delete_session(session: QuestioningSession) -> None:
    try:
        session.delete()
    except DeleteError as error:
        if condition_failed(error):
            raise Conflict(f"session {session.session_id} changed meanwhile; try again") from None
        raise
