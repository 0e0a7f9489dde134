"""Pydantic models at the API boundary (requests and responses) and for questions."""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from codegen.timeutil import normalize_timestamp
from codegen.types import CodeGenerationJobStatus, QuestioningSessionStatus, QuestionKind

PROMPT_MAX_CHARS = 8_000
ANSWER_MAX_CHARS = 2_000
MAX_ANSWERS = 50

Prompt = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=PROMPT_MAX_CHARS)]
AnswerText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=ANSWER_MAX_CHARS)]
AnswerValue = AnswerText | Annotated[list[AnswerText], Field(max_length=20)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---- questions -------------------------------------------------------------------------------


class QuestionOption(_Strict):
    value: str
    label: str


class Question(_Strict):
    id: str
    text: str
    kind: QuestionKind
    options: list[QuestionOption] = []
    recommended: str | list[str] | None = None
    required: bool = True


# ---- requests --------------------------------------------------------------------------------


class CreateJobRequest(_Strict):
    prompt: Prompt


class CreateSessionRequest(_Strict):
    prompt: Prompt


class AnswersRequest(_Strict):
    answers: Annotated[dict[str, AnswerValue], Field(max_length=MAX_ANSWERS)] | None = None
    skip: bool = False

    @model_validator(mode="after")
    def _answers_or_skip(self) -> "AnswersRequest":
        if self.skip and self.answers:
            raise ValueError("send either answers or skip, not both")
        if not self.skip and not self.answers:
            raise ValueError("answers must name at least one question, or send skip: true")
        return self


# ---- responses -------------------------------------------------------------------------------


class Timestamped(BaseModel):
    @field_validator("created_at", "updated_at", "at", "asked_at", "answered_at", mode="before", check_fields=False)
    @classmethod
    def _normalize(cls, value: str | None) -> str | None:
        return normalize_timestamp(value) if value else value


class StatusChangeOut(Timestamped):
    status: CodeGenerationJobStatus
    at: str


class ErrorOut(BaseModel):
    code: str
    message: str


class FileOut(BaseModel):
    path: str
    size: int
    sha256: str


class ResultOut(BaseModel):
    summary: str
    files: list[FileOut]


class UsageOut(BaseModel):
    input_tokens: int = 0
    output_tokens: int = 0


class JobOut(Timestamped):
    job_id: str
    status: CodeGenerationJobStatus
    questioning_session_id: str | None
    created_at: str
    updated_at: str
    status_history: list[StatusChangeOut]
    questions: list[Question]
    round: int
    error: ErrorOut | None
    result: ResultOut | None
    usage: UsageOut | None = None


class JobList(BaseModel):
    items: list[JobOut]
    next_token: str | None


class RoundOut(Timestamped):
    round: int
    questions: list[Question]
    answers: dict[str, str | list[str]] | None
    skipped: bool = False
    asked_at: str
    answered_at: str | None


class RequirementsOut(BaseModel):
    slots: dict[str, str | list[str]]
    assumed: list[str]
    summary: str


class JobSummaryOut(Timestamped):
    job_id: str
    status: CodeGenerationJobStatus
    created_at: str


class SessionOut(Timestamped):
    session_id: str
    status: QuestioningSessionStatus
    prompt: str
    rounds: list[RoundOut]
    requirements: RequirementsOut | None
    created_at: str
    updated_at: str
    generation_jobs: list[JobSummaryOut] = []


class SessionList(BaseModel):
    items: list[SessionOut]
    next_token: str | None


class ArtifactFileOut(FileOut):
    url: str


class ArtifactsOut(BaseModel):
    files: list[ArtifactFileOut]
    archive_url: str
    expires_in_seconds: int


class QueuedJobOut(BaseModel):
    job_id: str
    state: Literal["processing", "waiting"]
    position: int  # 0 while processing, else 1 = next to get a slot


class QueueOut(BaseModel):
    max_concurrent_jobs: int
    slots_held: int
    waiting: int
    my_jobs: list[QueuedJobOut]


class ErrorDetail(BaseModel):
    field: str | None = None
    message: str
    type: str | None = None


class ErrorBody(BaseModel):
    code: str
    message: str
    details: list[ErrorDetail] = []


class ErrorResponse(BaseModel):
    """Every error the API returns has this shape (DESIGN §5)."""

    error: ErrorBody
