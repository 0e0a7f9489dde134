"""HTTP API function: routing, validation and OpenAPI by Powertools; the rules live in the layer."""

from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import APIGatewayHttpResolver
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.data_classes import APIGatewayProxyEventV2

from codegen.api_errors import error_payload, register_error_handlers
from codegen.errors import DomainError
from codegen.idempotency import CONFIG as IDEMPOTENCY
from codegen.observability import metrics, tracer
from routes import jobs, queue, sessions
from routes.guards import check_request

logger = Logger()
app = APIGatewayHttpResolver(enable_validation=True)
app.enable_swagger(path="/docs", title="Serverless Codegen API", version="1.0.0")
app.include_router(jobs.router)
app.include_router(sessions.router)
app.include_router(queue.router)
register_error_handlers(app, logger)


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_HTTP, clear_state=True)
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict, context) -> dict:
    IDEMPOTENCY.register_lambda_context(context)
    try:
        check_request(APIGatewayProxyEventV2(event))
    except DomainError as error:
        return error_payload(error)
    return app.resolve(event, context)
