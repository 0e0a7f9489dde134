"""/jobs routes: parse, call the service, shape the answer."""

from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from codegen.config import WorkflowSettings
from codegen.data.jobs import get_owned_job
from codegen.idempotency import once
from codegen.schemas import AnswersRequest, ArtifactsOut, CreateJobRequest, JobList, JobOut
from codegen.services import jobs
from codegen.types import CodeGenerationJobStatus
from routes.guards import owner_of
from routes.params import IdempotencyKey, JobId, Limit, NextToken, errors

router = APIGatewayHttpRouter()
logger = Logger(child=True)  # the API function's logger: job_id joins the request's log lines


def accepted(body: dict) -> Response[JobOut]:
    return Response(status_code=202, content_type="application/json", body=body)


@router.post(
    "/jobs",
    summary="Start a job from a prompt (new session + job)",
    responses={202: {"description": "Accepted"}, **errors(400, 401, 413, 422)},
)
def create_job(body: CreateJobRequest, idempotency_key: IdempotencyKey = None) -> Response[JobOut]:
    owner = owner_of(router.current_event)

    def action() -> dict:
        return jobs.job_view(jobs.create_job(owner, body.prompt, WorkflowSettings.from_env())).model_dump(mode="json")

    return accepted(once(owner, "POST /jobs", idempotency_key, body.model_dump(), action))


@router.get("/jobs", summary="My jobs, newest first", responses=errors(401, 422))
def list_jobs(
    status: CodeGenerationJobStatus | None = None,
    session_id: str | None = None,
    limit: Limit = 20,
    next_token: NextToken = None,
) -> JobList:
    page = jobs.list_jobs(owner_of(router.current_event), status, session_id, limit, next_token)
    return JobList(items=[jobs.job_view(job) for job in page.items], next_token=page.next_token)


@router.get("/jobs/<job_id>", summary="Read a job", responses=errors(401, 404))
def get_job(job_id: JobId) -> JobOut:
    logger.append_keys(job_id=job_id)
    return jobs.job_view(get_owned_job(owner_of(router.current_event), job_id))


@router.post(
    "/jobs/<job_id>/answers",
    summary="Answer the pending questions, or skip them",
    responses={202: {"description": "Execution resumed"}, **errors(400, 401, 404, 409, 413, 422)},
)
def submit_answers(job_id: JobId, body: AnswersRequest, idempotency_key: IdempotencyKey = None) -> Response[JobOut]:
    logger.append_keys(job_id=job_id)
    owner = owner_of(router.current_event)

    def action() -> dict:
        return jobs.job_view(jobs.submit_answers(owner, job_id, body)).model_dump(mode="json")

    return accepted(once(owner, f"POST /jobs/{job_id}/answers", idempotency_key, body.model_dump(), action))


@router.post(
    "/jobs/<job_id>/cancel",
    summary="Cancel a job (repeating it is harmless)",
    responses={202: {"description": "Cancelled"}, **errors(401, 404, 409)},
)
def cancel_job(job_id: JobId) -> Response[JobOut]:
    logger.append_keys(job_id=job_id)
    limit = WorkflowSettings.from_env().max_concurrent_jobs
    return accepted(jobs.job_view(jobs.cancel(owner_of(router.current_event), job_id, limit)).model_dump(mode="json"))


@router.get(
    "/jobs/<job_id>/artifacts", summary="Download URLs of the generated files and their zip", responses=errors(401, 404, 409)
)
def get_artifacts(job_id: JobId) -> ArtifactsOut:
    logger.append_keys(job_id=job_id)
    return jobs.artifacts(owner_of(router.current_event), job_id)
