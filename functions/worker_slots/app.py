"""State machine tasks "Queued: wait for a worker slot" (parks on a task token) and "free worker slot"."""

from typing import Literal

from aws_lambda_powertools import Logger
from pydantic import BaseModel, Field

from codegen.data.jobs import get_job
from codegen.observability import metrics, tracer
from codegen.services import worker_queue

logger = Logger()


class SlotRequest(BaseModel):
    action: Literal["wait", "release"]
    job_id: str
    limit: int = Field(ge=1)
    token: str | None = None  # with "wait": the task token the execution waits on


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict, context) -> dict:
    request = SlotRequest.model_validate(event)
    logger.append_keys(job_id=request.job_id)
    if request.action == "wait":
        return worker_queue.wait_for_slot(request.job_id, request.token or "", request.limit)
    worker_queue.free_slot(get_job(request.job_id), request.limit)
    return {"released": True}
