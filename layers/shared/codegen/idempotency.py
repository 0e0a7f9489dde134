"""`Idempotency-Key` on POST routes: Powertools idempotency with its DynamoDB persistence layer.

A retried request (same owner, route and key) returns the first response and creates nothing new; the
same key with a different body is refused. Records expire after a day."""

import os
from collections.abc import Callable
from functools import cache

from aws_lambda_powertools.utilities.idempotency import (
    DynamoDBPersistenceLayer,
    IdempotencyConfig,
    idempotent_function,
)

CONFIG = IdempotencyConfig(
    event_key_jmespath="[owner, route, key]",
    payload_validation_jmespath="body",
    expires_after_seconds=24 * 3600,
)


@cache
def _idempotent_call() -> Callable[..., dict]:
    persistence = DynamoDBPersistenceLayer(table_name=os.environ["IDEMPOTENCY_TABLE_NAME"])

    @idempotent_function(data_keyword_argument="request", persistence_store=persistence, config=CONFIG)
    def call(request: dict, action: Callable[[], dict]) -> dict:
        return action()

    return call


def once(owner_id: str, route: str, key: str | None, body: dict | None, action: Callable[[], dict]) -> dict:
    """action() once per (owner, route, key); without a key, every time."""
    if not key:
        return action()
    return _idempotent_call()(request={"owner": owner_id, "route": route, "key": key, "body": body}, action=action)
