"""Agent providers behind one seam: `get_provider()` returns the configured AgentProvider."""

from codegen.agents.base import AgentProvider
from codegen.config import agent_provider


def get_provider(name: str | None = None) -> AgentProvider:
    name = name or agent_provider()
    if name == "offline":
        from codegen.agents.offline import OfflineProvider

        return OfflineProvider()
    if name == "bedrock":
        from codegen.agents.bedrock import BedrockProvider

        return BedrockProvider()
    raise ValueError(f"unknown AGENT_PROVIDER {name!r} (available: offline, bedrock)")
