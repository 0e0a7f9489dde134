"""MainAgentService: the PROCESSING phase. Requirements in, files in S3 and a manifest on the job."""

import hashlib
import time

from codegen.agents import get_provider
from codegen.agents.base import AgentProvider, Requirements
from codegen.clients import artifacts
from codegen.data import jobs
from codegen.errors import Conflict, GenerationError
from codegen.models import CodeGenerationJob, FileEntry, JobResult
from codegen.observability import count, milliseconds
from codegen.types import CodeGenerationJobStatus as Status

MAX_FILES = 200
MAX_FILE_BYTES = 512 * 1024


class MainAgentService:
    def __init__(self, provider: AgentProvider | None = None):
        self._provider = provider

    @property
    def provider(self) -> AgentProvider:
        if self._provider is None:
            self._provider = get_provider()
        return self._provider

    def generate(self, job_id: str) -> dict:
        """Generate, upload, and complete the job (a conditional write from PROCESSING)."""
        job = jobs.get_job(job_id)
        if job.status == Status.COMPLETED and job.result:  # a retried invocation whose first attempt finished
            return {"files": len(job.result.files)}
        if job.status != Status.PROCESSING:
            raise Conflict(f"job {job_id} is {job.status}, not PROCESSING")
        requirements = Requirements.model_validate(job.requirements.as_dict() if job.requirements else None)
        started = time.perf_counter()
        generation = self.provider.generate(job.prompt, requirements)
        milliseconds("GenerationDuration", (time.perf_counter() - started) * 1000)
        count("InputTokens", generation.usage.input_tokens)
        count("OutputTokens", generation.usage.output_tokens)

        contents = {f.path: f.content.encode("utf-8") for f in generation.files}
        if not contents or len(contents) > MAX_FILES or max(map(len, contents.values())) > MAX_FILE_BYTES:
            raise GenerationError(
                f"the generation has {len(contents)} files; expected 1..{MAX_FILES} files of at most {MAX_FILE_BYTES} bytes"
            )
        artifacts.upload_project(job_id, contents)
        manifest = [
            FileEntry(path=path, size=len(data), sha256=hashlib.sha256(data).hexdigest())
            for path, data in sorted(contents.items())
        ]
        result = JobResult(
            summary=generation.summary,
            files=manifest,
            archive_key=artifacts.archive_key(job_id),
            files_prefix=artifacts.files_prefix(job_id),
        )
        jobs.transition(
            job,
            Status.COMPLETED,
            [Status.PROCESSING.value],
            [
                CodeGenerationJob.result.set(result),
                *jobs.usage_actions(generation.usage.input_tokens, generation.usage.output_tokens),
            ],
        )
        count("JobsCompleted")
        return {"files": len(manifest)}
