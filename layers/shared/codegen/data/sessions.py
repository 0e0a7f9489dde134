"""Sessions table access; writes use the session's version (optimistic locking)."""

import uuid

from pynamodb.exceptions import DoesNotExist, PutError

from codegen.errors import Conflict, NotFound
from codegen.models import QuestioningSession
from codegen.timeutil import utc_now
from codegen.types import QuestioningSessionStatus


def create_session(owner_id: str, prompt: str) -> QuestioningSession:
    now = utc_now()
    session = QuestioningSession(
        session_id=f"ses-{uuid.uuid4().hex}",
        owner_id=owner_id,
        prompt=prompt,
        status=QuestioningSessionStatus.OPEN.value,
        rounds=[],
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
        if error.cause_response_code == "ConditionalCheckFailedException":
            raise Conflict(f"session {session.session_id} changed meanwhile") from None
        raise
