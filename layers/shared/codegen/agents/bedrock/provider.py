"""Questioning and main agent on Amazon Bedrock (Converse API)."""

import json
import os
from pathlib import PurePosixPath

import boto3
from botocore.config import Config
from pydantic import BaseModel, Field

from codegen.agents.base import AnsweredRound, GeneratedFile, Generation, QuestioningOutcome, Requirements
from codegen.agents.bedrock.converse import ConverseCaller, RetryPolicy
from codegen.agents.prompts import load_prompt
from codegen.errors import AgentError, GenerationError
from codegen.schemas import Question

FILES_PER_CALL = 4
MAX_FILES = 30


class PlannedFile(BaseModel):
    path: str = Field(min_length=1, max_length=200)
    purpose: str


class ProjectPlan(BaseModel):
    summary: str
    files: list[PlannedFile] = Field(min_length=1, max_length=MAX_FILES)


class QuestioningToolInput(BaseModel):
    """What the model fills in (QuestioningOutcome without the usage the provider adds)."""

    ready: bool
    questions: list[Question] = Field(default=[], max_length=5)
    requirements: Requirements | None = None


class ProjectFiles(BaseModel):
    files: list[GeneratedFile] = Field(min_length=1)


def default_client():
    # Long generations: a generous read timeout; botocore's standard retries for connection errors.
    config = Config(read_timeout=300, connect_timeout=10, retries={"mode": "standard", "max_attempts": 3})
    return boto3.client("bedrock-runtime", config=config)


class BedrockProvider:
    def __init__(self, client=None, model_id: str | None = None, retry: RetryPolicy | None = None):
        self.client = client or default_client()
        self.model_id = model_id or os.environ["BEDROCK_MODEL_ID"]
        self.retry = retry or RetryPolicy()

    def _caller(self) -> ConverseCaller:
        return ConverseCaller(self.client, self.model_id, retry=self.retry)

    def ask(self, prompt: str, rounds: list[AnsweredRound], final_round: bool) -> QuestioningOutcome:
        caller = self._caller()
        context = {"request": prompt, "rounds": [r.model_dump(mode="json") for r in rounds]}
        text = json.dumps(context, indent=2) + ("\n\nFINAL ROUND: you must set ready to true." if final_round else "")
        out = caller.call(
            load_prompt("questioning"), text, "questioning_outcome", "Questions for the user, or ready", QuestioningToolInput
        )
        if final_round and not out.ready:
            raise AgentError("the questioning agent asked more questions in the final round")
        if out.ready and out.requirements is None:
            raise AgentError("the questioning agent declared the requirements ready without giving them")
        if not out.ready and not out.questions:
            raise AgentError("the questioning agent asked no questions and did not declare the requirements ready")
        questions = [] if out.ready else out.questions
        return QuestioningOutcome(ready=out.ready, questions=questions, requirements=out.requirements, usage=caller.usage)

    def generate(self, prompt: str, requirements: Requirements) -> Generation:
        """Plan the file list, then write the files a few at a time so that no response is truncated."""
        caller = self._caller()
        context = {"request": prompt, "requirements": requirements.model_dump(mode="json")}
        try:
            plan = caller.call(
                load_prompt("generation_plan"), json.dumps(context, indent=2), "project_plan", "The project's files", ProjectPlan
            )
            paths = [_safe_path(f.path) for f in plan.files]
            files: dict[str, GeneratedFile] = {}
            for start in range(0, len(paths), FILES_PER_CALL):
                batch = paths[start : start + FILES_PER_CALL]
                request = {**context, "plan": plan.model_dump(mode="json"), "write_now": batch}
                written = caller.call(
                    load_prompt("generation_files"), json.dumps(request, indent=2), "project_files", "File contents", ProjectFiles
                )
                files.update({f.path: f for f in written.files if f.path in batch})
                missing = [p for p in batch if p not in files]
                if missing:
                    raise GenerationError(f"the main agent did not write {missing}")
        except AgentError as error:
            raise GenerationError(error.message) from None
        return Generation(summary=plan.summary, files=[files[p] for p in paths], usage=caller.usage)


def _safe_path(path: str) -> str:
    clean = PurePosixPath(path)
    if clean.is_absolute() or ".." in clean.parts:
        raise GenerationError(f"the plan has an unsafe path {path!r}")
    return str(clean)
