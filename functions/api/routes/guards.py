"""Checks made on the raw event before routing, so they come before body validation:
an oversized body is 413 and a request without credentials is 401, whatever its body says."""

import base64

from aws_lambda_powertools.utilities.data_classes import APIGatewayProxyEventV2

from codegen.api_errors import PayloadTooLarge, Unauthorized

MAX_BODY_BYTES = 64 * 1024
PUBLIC_PATHS = ("/docs",)  # the OpenAPI document and Swagger UI hold no user data


def owner_of(event: APIGatewayProxyEventV2) -> str:
    """The owner is the `sub` claim that the HTTP API's JWT authorizer verified."""
    authorizer = event.request_context.authorizer
    return str((authorizer.jwt_claim.get("sub") if authorizer else None) or "")


def check_request(event: APIGatewayProxyEventV2) -> None:
    body = event.body or ""
    size = len(base64.b64decode(body)) if event.is_base64_encoded else len(body.encode("utf-8"))
    if size > MAX_BODY_BYTES:
        raise PayloadTooLarge(f"the request body is {size} bytes; the limit is {MAX_BODY_BYTES}")
    if not event.raw_path.startswith(PUBLIC_PATHS) and not owner_of(event):
        raise Unauthorized("a bearer token is required")
