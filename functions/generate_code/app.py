"""State machine task "Processing: generate code": the main agent writes the project to S3."""

from aws_lambda_powertools import Logger
from pydantic import BaseModel

from codegen.observability import metrics, tracer
from codegen.services.main_agent import MainAgentService

logger = Logger()
service = MainAgentService()


class GenerateInput(BaseModel):
    job_id: str


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict, context) -> dict:
    request = GenerateInput.model_validate(event)
    logger.append_keys(job_id=request.job_id)
    return service.generate(request.job_id)
