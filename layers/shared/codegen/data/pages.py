"""Opaque pagination tokens: DynamoDB's LastEvaluatedKey, as base64url JSON."""

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Generic, TypeVar

from pynamodb.exceptions import QueryError
from pynamodb.pagination import ResultIterator

from codegen.errors import InvalidRequest

T = TypeVar("T")


@dataclass
class Page(Generic[T]):
    items: list[T]
    next_token: str | None


def encode_token(last_evaluated_key: dict | None) -> str | None:
    if not last_evaluated_key:
        return None
    return base64.urlsafe_b64encode(json.dumps(last_evaluated_key, sort_keys=True).encode()).decode()


def decode_token(token: str | None, key_names: set[str], partition: tuple[str, str]) -> dict | None:
    """The start key of the next page. It must have this query's key attributes and its partition value,
    so a token cannot page through another index or another user's items."""
    if not token:
        return None
    try:
        key = json.loads(base64.urlsafe_b64decode(token.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        key = None
    name, value = partition
    if not isinstance(key, dict) or set(key) != key_names or key.get(name) != {"S": value}:
        raise InvalidRequest("next_token is not a token this API returned", [{"field": "next_token", "message": "invalid"}])
    return key


def collect(results: ResultIterator) -> Page:
    """The items of a query made with `limit`, and a token for the next page (None when there is no more)."""
    try:
        items = list(results)
    except QueryError as error:
        if error.cause_response_code == "ValidationException":  # a start key this query never produced
            raise InvalidRequest(
                "next_token does not belong to this query", [{"field": "next_token", "message": "invalid"}]
            ) from None
        raise
    return Page(items=items, next_token=encode_token(results.last_evaluated_key))
