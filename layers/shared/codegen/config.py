"""Runtime configuration, read from the environment the template (or the local stack) defines."""

import os
from dataclasses import dataclass


def _env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"environment variable {name} is not set")
    return value


@dataclass(frozen=True)
class WorkflowSettings:
    """Values passed to each execution in its input, so tests can use seconds instead of hours."""

    answer_timeout_seconds: int
    max_question_rounds: int
    max_concurrent_jobs: int
    slot_recheck_seconds: int
    generation_timeout_seconds: int

    @classmethod
    def from_env(cls) -> "WorkflowSettings":
        return cls(
            answer_timeout_seconds=int(os.environ.get("ANSWER_TIMEOUT_SECONDS", "86400")),
            max_question_rounds=int(os.environ.get("MAX_QUESTION_ROUNDS", "3")),
            max_concurrent_jobs=int(os.environ.get("MAX_CONCURRENT_JOBS", "4")),
            slot_recheck_seconds=int(os.environ.get("SLOT_RECHECK_SECONDS", "900")),
            generation_timeout_seconds=int(os.environ.get("GENERATION_TIMEOUT_SECONDS", "900")),
        )


def state_machine_arn() -> str:
    return _env("STATE_MACHINE_ARN")


def artifacts_bucket() -> str:
    return _env("ARTIFACTS_BUCKET")


def agent_provider() -> str:
    return os.environ.get("AGENT_PROVIDER", "offline")


def download_url_seconds() -> int:
    return int(os.environ.get("DOWNLOAD_URL_SECONDS", "900"))
