"""/jobs routes."""

from typing import Annotated

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from codegen.config import WorkflowSettings
from codegen.data.jobs import get_owned_job
from codegen.schemas import AnswersRequest, CreateJobRequest, ErrorResponse, JobOut
from codegen.services import jobs
from routes.guards import owner_of

router = APIGatewayHttpRouter()
JobId = Annotated[str, Path(max_length=80)]
ERRORS = {
    status: {"description": text, "content": {"application/json": {"model": ErrorResponse}}}
    for status, text in {
        400: "Malformed JSON",
        401: "No credentials",
        404: "Unknown job",
        409: "Wrong state",
        413: "Body too large",
        422: "Invalid request",
    }.items()
}


def _accepted(view: JobOut) -> Response[JobOut]:
    return Response(status_code=202, content_type="application/json", body=view.model_dump(mode="json"))


@router.post(
    "/jobs", summary="Start a job from a prompt (new session + job)", responses={202: {"description": "Job accepted"}, **ERRORS}
)
def create_job(body: CreateJobRequest) -> Response[JobOut]:
    job = jobs.create_job(owner_of(router.current_event), body.prompt, WorkflowSettings.from_env())
    return _accepted(jobs.job_view(job))


@router.get("/jobs/<job_id>", summary="Read a job", responses=ERRORS)
def get_job(job_id: JobId) -> JobOut:
    return jobs.job_view(get_owned_job(owner_of(router.current_event), job_id))


@router.post(
    "/jobs/<job_id>/answers",
    summary="Answer the pending questions (or skip)",
    responses={202: {"description": "Execution resumed"}, **ERRORS},
)
def submit_answers(job_id: JobId, body: AnswersRequest) -> Response[JobOut]:
    return _accepted(jobs.job_view(jobs.submit_answers(owner_of(router.current_event), job_id, body)))
