"""Amazon Bedrock provider: the Converse API with structured output through a forced tool call."""

from codegen.agents.bedrock.provider import BedrockProvider

__all__ = ["BedrockProvider"]
