"""Parameter types and documented error responses shared by the route modules."""

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Header, Path, Query

from codegen.schemas import ErrorResponse

JobId = Annotated[str, Path(max_length=80)]
SessionId = Annotated[str, Path(max_length=80)]
Limit = Annotated[int, Query(ge=1, le=100, description="page size (1..100)")]
NextToken = Annotated[str | None, Query(max_length=2048, description="next_token of the previous page")]
IdempotencyKey = Annotated[
    str | None,
    Header(alias="idempotency-key", max_length=200, description="a retry with the same key returns the first response"),
]


def errors(*statuses: int) -> dict:
    texts = {
        400: "Malformed JSON",
        401: "No credentials",
        404: "Unknown, or not yours",
        409: "Wrong state",
        413: "Body over 64 KiB",
        422: "Invalid request",
    }
    return {s: {"description": texts[s], "content": {"application/json": {"model": ErrorResponse}}} for s in statuses}
