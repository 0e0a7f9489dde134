"""/sessions routes: parse, call the service, shape the answer."""

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from codegen.config import WorkflowSettings
from codegen.idempotency import once
from codegen.schemas import CreateSessionRequest, JobOut, SessionList, SessionOut
from codegen.services import jobs, sessions
from routes.guards import owner_of
from routes.jobs import accepted
from routes.params import IdempotencyKey, Limit, NextToken, SessionId, errors

router = APIGatewayHttpRouter()


@router.post(
    "/sessions", summary="Start a questioning session", responses={201: {"description": "Created"}, **errors(400, 401, 413, 422)}
)
def create_session(body: CreateSessionRequest, idempotency_key: IdempotencyKey = None) -> Response[SessionOut]:
    owner = owner_of(router.current_event)

    def action() -> dict:
        return sessions.session_view(sessions.create_session(owner, body.prompt)).model_dump(mode="json")

    created = once(owner, "POST /sessions", idempotency_key, body.model_dump(), action)
    return Response(status_code=201, content_type="application/json", body=created)


@router.get("/sessions", summary="My sessions, newest first", responses=errors(401, 422))
def list_sessions(limit: Limit = 20, next_token: NextToken = None) -> SessionList:
    page = sessions.list_sessions(owner_of(router.current_event), limit, next_token)
    return SessionList(items=[sessions.session_view(s) for s in page.items], next_token=page.next_token)


@router.get(
    "/sessions/<session_id>", summary="A session: rounds, requirements, status and generation_jobs", responses=errors(401, 404)
)
def get_session(session_id: SessionId) -> SessionOut:
    return sessions.get_session(owner_of(router.current_event), session_id)


@router.delete(
    "/sessions/<session_id>",
    summary="Delete a session; its jobs stay, detached (SET_NULL)",
    responses={204: {"description": "Deleted"}, **errors(401, 404, 409)},
)
def delete_session(session_id: SessionId) -> Response[None]:
    sessions.delete_session(owner_of(router.current_event), session_id, WorkflowSettings.from_env().max_concurrent_jobs)
    return Response(status_code=204)


@router.post(
    "/sessions/<session_id>/jobs",
    summary="Start another job from a session",
    responses={202: {"description": "Accepted"}, **errors(401, 404, 409)},
)
def create_job_for_session(session_id: SessionId, idempotency_key: IdempotencyKey = None) -> Response[JobOut]:
    owner = owner_of(router.current_event)

    def action() -> dict:
        job = jobs.create_job_for_session(owner, session_id, WorkflowSettings.from_env())
        return jobs.job_view(job).model_dump(mode="json")

    return accepted(once(owner, f"POST /sessions/{session_id}/jobs", idempotency_key, None, action))
