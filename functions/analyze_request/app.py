"""State machine task "Questioning: analyze request": the questioning agent's next round, or ready."""

from aws_lambda_powertools import Logger
from pydantic import BaseModel

from codegen.observability import metrics, tracer
from codegen.services.questioning import QuestioningService

logger = Logger()
service = QuestioningService()


class AnalyzeInput(BaseModel):
    job_id: str
    max_question_rounds: int


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict, context) -> dict:
    request = AnalyzeInput.model_validate(event)
    logger.append_keys(job_id=request.job_id)
    return service.analyze(request.job_id, request.max_question_rounds)
