"""EventBridge: a job's execution ended FAILED, TIMED_OUT or ABORTED (e.g. stopped from the console)."""

import json
import os

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.data_classes import EventBridgeEvent, event_source
from pydantic import BaseModel

from codegen.observability import metrics, tracer
from codegen.services.cleanup import clean_up_execution

logger = Logger()


class ExecutionEnded(BaseModel):
    name: str  # the execution name is the job id
    status: str
    input: str | None = None


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
@event_source(data_class=EventBridgeEvent)
def lambda_handler(event: EventBridgeEvent, context) -> dict:
    ended = ExecutionEnded.model_validate(event.detail)
    logger.append_keys(job_id=ended.name)
    config = json.loads(ended.input or "{}").get("config", {})
    limit = int(config.get("max_concurrent_jobs") or os.environ["MAX_CONCURRENT_JOBS"])
    result = clean_up_execution(ended.name, ended.status, limit)
    logger.info("execution ended", extra={"execution_status": ended.status, "job_status": result["status"]})
    return result
