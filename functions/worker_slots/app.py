"""State machine tasks "Queued: take a worker slot" and "release": the DynamoDB-backed slot pool."""

from typing import Literal

from aws_lambda_powertools import Logger
from pydantic import BaseModel, Field

from codegen.data import slots

logger = Logger()


class SlotRequest(BaseModel):
    action: Literal["acquire", "release"]
    job_id: str
    limit: int = Field(default=1, ge=1)


@logger.inject_lambda_context
def lambda_handler(event: dict, context) -> dict:
    request = SlotRequest.model_validate(event)
    logger.append_keys(job_id=request.job_id)
    if request.action == "acquire":
        return {"acquired": slots.try_acquire(request.job_id, request.limit)}
    return {"released": slots.release(request.job_id)}
