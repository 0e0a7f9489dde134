"""State machine task "Failed: record error and free slot" (every failure path ends here)."""

from aws_lambda_powertools import Logger
from pydantic import BaseModel

from codegen.observability import metrics, tracer
from codegen.services.failures import record_failure

logger = Logger()


class FailureInput(BaseModel):
    job_id: str
    error: dict  # the Catch output: {"Error": ..., "Cause": ...}
    limit: int  # max concurrent jobs, to wake the next queued job


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict, context) -> dict:
    request = FailureInput.model_validate(event)
    logger.append_keys(job_id=request.job_id)
    logger.warning("job failed", extra={"error": request.error.get("Error")})
    return record_failure(request.job_id, request.error, request.limit)
