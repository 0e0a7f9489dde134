"""Enumerations shared by the API, the state machine tasks and the data layer."""

from enum import StrEnum


class CodeGenerationJobStatus(StrEnum):
    """Job phases. QUESTIONING comes first: it is the first phase of every job (flow order)."""

    QUESTIONING = "QUESTIONING"
    QUEUED = "QUEUED"
    PROCESSING = "PROCESSING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"

    @property
    def is_terminal(self) -> bool:
        return self in TERMINAL_JOB_STATUSES


TERMINAL_JOB_STATUSES = frozenset(
    {
        CodeGenerationJobStatus.COMPLETED,
        CodeGenerationJobStatus.FAILED,
        CodeGenerationJobStatus.CANCELLED,
    }
)


class QuestioningSessionStatus(StrEnum):
    OPEN = "OPEN"  # created, the questioning agent has not asked anything yet
    AWAITING_ANSWERS = "AWAITING_ANSWERS"  # the latest round has questions without answers
    READY = "READY"  # requirements agreed


class QuestionKind(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTI_CHOICE = "multi_choice"
    FREE_TEXT = "free_text"
