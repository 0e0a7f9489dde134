"""The provider seam shared by the questioning agent and the main agent."""

from typing import Protocol

from pydantic import BaseModel, Field

from codegen.schemas import Question

AnswerValue = str | list[str]


class Requirements(BaseModel):
    """The agreed spec: all the main agent receives besides the original prompt."""

    slots: dict[str, AnswerValue]
    assumed: list[str] = []  # slot ids that took their recommended value without an answer
    summary: str


class AnsweredRound(BaseModel):
    round: int
    questions: list[Question]
    answers: dict[str, AnswerValue] | None = None
    skipped: bool = False


class TokenUsage(BaseModel):
    input_tokens: int = 0
    output_tokens: int = 0


class QuestioningOutcome(BaseModel):
    ready: bool
    questions: list[Question] = Field(default=[], max_length=5)
    requirements: Requirements | None = None
    usage: TokenUsage = Field(default_factory=TokenUsage)


class GeneratedFile(BaseModel):
    path: str
    content: str


class Generation(BaseModel):
    summary: str
    files: list[GeneratedFile]
    usage: TokenUsage = Field(default_factory=TokenUsage)


class AgentProvider(Protocol):
    def ask(self, prompt: str, rounds: list[AnsweredRound], final_round: bool) -> QuestioningOutcome:
        """Questions for the next round, or ready with the requirements (always ready when final_round)."""

    def generate(self, prompt: str, requirements: Requirements) -> Generation:
        """The files of the project; raises codegen.errors.GenerationError when it cannot."""
