"""The one place that maps domain exceptions (and request validation) to HTTP error responses.

Every error body has the shape of DESIGN §5: {"error": {"code", "message", "details"}}.
"""

import json
from http import HTTPStatus

from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import ApiGatewayResolver
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.utilities.idempotency.exceptions import (
    IdempotencyAlreadyInProgressError,
    IdempotencyValidationError,
)

from codegen.errors import Conflict, DomainError, InvalidAnswers, InvalidRequest, NotFound

STATUS_BY_ERROR: dict[type[DomainError], HTTPStatus] = {
    NotFound: HTTPStatus.NOT_FOUND,
    Conflict: HTTPStatus.CONFLICT,
    InvalidAnswers: HTTPStatus.UNPROCESSABLE_ENTITY,
    InvalidRequest: HTTPStatus.UNPROCESSABLE_ENTITY,
}


class Unauthorized(DomainError):
    code = "unauthorized"


class PayloadTooLarge(DomainError):
    code = "payload_too_large"


STATUS_BY_ERROR |= {Unauthorized: HTTPStatus.UNAUTHORIZED, PayloadTooLarge: HTTPStatus.REQUEST_ENTITY_TOO_LARGE}


def error_response(status: HTTPStatus, code: str, message: str, details: list | None = None) -> Response:
    return Response(
        status_code=status.value,
        content_type="application/json",
        body={"error": {"code": code, "message": message, "details": details or []}},
    )


def status_of(error: DomainError) -> HTTPStatus:
    return next((s for cls, s in STATUS_BY_ERROR.items() if isinstance(error, cls)), HTTPStatus.INTERNAL_SERVER_ERROR)


def error_payload(error: DomainError) -> dict:
    """The error as a finished HTTP API (payload v2) response, for checks made before routing."""
    body = {"error": {"code": error.code, "message": error.message, "details": error.details}}
    return {"statusCode": status_of(error).value, "headers": {"Content-Type": "application/json"}, "body": json.dumps(body)}


def _validation_details(error: RequestValidationError) -> list[dict]:
    details = []
    for item in error.errors():
        location = [str(part) for part in item.get("loc", ()) if part != "body"]
        details.append({"field": ".".join(location) or None, "message": item.get("msg", "invalid"), "type": item.get("type")})
    return details


def register_error_handlers(app: ApiGatewayResolver, logger: Logger) -> None:
    @app.exception_handler(RequestValidationError)
    def _invalid_request(error: RequestValidationError) -> Response:
        if any(item.get("type") == "json_invalid" for item in error.errors()):
            return error_response(HTTPStatus.BAD_REQUEST, "malformed_json", "the request body is not valid JSON")
        return error_response(
            HTTPStatus.UNPROCESSABLE_ENTITY, "validation_error", "the request is not valid", _validation_details(error)
        )

    @app.exception_handler(DomainError)
    def _domain_error(error: DomainError) -> Response:
        return error_response(status_of(error), error.code, error.message, error.details)

    @app.exception_handler(IdempotencyValidationError)
    def _key_reused(_error: Exception) -> Response:
        message = "this Idempotency-Key was used with a different request body"
        return error_response(HTTPStatus.UNPROCESSABLE_ENTITY, "idempotency_key_reused", message)

    @app.exception_handler(IdempotencyAlreadyInProgressError)
    def _in_progress(_error: Exception) -> Response:
        return error_response(HTTPStatus.CONFLICT, "request_in_progress", "a request with this Idempotency-Key is in progress")

    @app.not_found
    def _no_route(_error: Exception) -> Response:
        return error_response(HTTPStatus.NOT_FOUND, "not_found", "no such route")

    @app.exception_handler(Exception)
    def _unexpected(_error: Exception) -> Response:
        logger.exception("unhandled error")
        return error_response(
            HTTPStatus.INTERNAL_SERVER_ERROR, "internal_error", "internal error; see the logs for the request id"
        )
