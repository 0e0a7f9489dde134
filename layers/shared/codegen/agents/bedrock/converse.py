"""One structured Converse call: a tool whose inputSchema is a pydantic model's JSON schema, forced
with toolChoice, its input validated by the same model; retries with backoff for transient errors."""

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from botocore.exceptions import ClientError
from pydantic import BaseModel, ValidationError

from codegen.agents.base import TokenUsage
from codegen.errors import AgentError

logger = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)

# Errors worth another attempt (botocore's own retries do not cover all of them).
TRANSIENT_ERRORS = frozenset(
    {"ThrottlingException", "ModelTimeoutException", "ServiceUnavailableException", "InternalServerException"}
)


@dataclass
class RetryPolicy:
    attempts: int = 5
    base_seconds: float = 1.0
    max_seconds: float = 20.0
    sleep: Callable[[float], None] = field(default=time.sleep)

    def delay(self, attempt: int) -> float:
        """Exponential backoff with full jitter."""
        return random.uniform(0, min(self.max_seconds, self.base_seconds * 2**attempt))


@dataclass
class ConverseCaller:
    client: object  # a bedrock-runtime client
    model_id: str
    max_tokens: int = 4096
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    usage: TokenUsage = field(default_factory=TokenUsage)

    def call(self, system: str, user_text: str, tool_name: str, description: str, model: type[M]) -> M:
        tool = {"toolSpec": {"name": tool_name, "description": description, "inputSchema": {"json": model.model_json_schema()}}}
        request = {
            "modelId": self.model_id,
            "system": [{"text": system}],
            "messages": [{"role": "user", "content": [{"text": user_text}]}],
            "inferenceConfig": {"maxTokens": self.max_tokens, "temperature": 0.2},
            "toolConfig": {"tools": [tool], "toolChoice": {"tool": {"name": tool_name}}},
        }
        response = self._converse(request)
        usage = response.get("usage", {})
        self.usage.input_tokens += usage.get("inputTokens", 0)
        self.usage.output_tokens += usage.get("outputTokens", 0)

        reason = response.get("stopReason")
        if reason != "tool_use":
            raise AgentError(f"the model stopped with stopReason {reason!r} instead of calling {tool_name}")
        blocks = response["output"]["message"]["content"]
        tool_input = next((b["toolUse"]["input"] for b in blocks if b.get("toolUse", {}).get("name") == tool_name), None)
        if tool_input is None:
            raise AgentError(f"the model did not call {tool_name}")
        try:
            return model.model_validate(tool_input)
        except ValidationError as error:
            raise AgentError(f"the model's {tool_name} input is malformed: {error.errors()[0]['msg']}") from None

    def _converse(self, request: dict) -> dict:
        for attempt in range(self.retry.attempts):
            try:
                return self.client.converse(**request)
            except ClientError as error:
                code = error.response["Error"]["Code"]
                message = error.response["Error"].get("Message", "")
                if code == "ValidationException" and "toolChoice" in message and "tool" in request["toolConfig"]["toolChoice"]:
                    # Some models cannot be forced to one tool; `any` still forces a tool call.
                    request["toolConfig"]["toolChoice"] = {"any": {}}
                    continue
                if code not in TRANSIENT_ERRORS or attempt == self.retry.attempts - 1:
                    raise AgentError(f"Bedrock Converse failed: {code}: {message}") from None
                delay = self.retry.delay(attempt)
                logger.warning("Bedrock %s, retrying in %.1fs (attempt %d)", code, delay, attempt + 1)
                self.retry.sleep(delay)
        raise AgentError("Bedrock Converse failed: retries exhausted")
