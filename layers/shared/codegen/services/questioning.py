"""The questioning phase: ask the questioning agent for the next round, or settle the requirements."""

from codegen.agents import get_provider
from codegen.agents.base import AgentProvider, AnsweredRound
from codegen.data import jobs, sessions
from codegen.errors import Conflict
from codegen.models import CodeGenerationJob
from codegen.observability import count
from codegen.timeutil import utc_now
from codegen.types import CodeGenerationJobStatus as Status
from codegen.types import QuestioningSessionStatus


class QuestioningService:
    def __init__(self, provider: AgentProvider | None = None):
        self._provider = provider

    @property
    def provider(self) -> AgentProvider:
        if self._provider is None:
            self._provider = get_provider()
        return self._provider

    def analyze(self, job_id: str, max_rounds: int) -> dict:
        """{"ready": bool, "round": n}. Safe to retry: an unanswered round is returned, not asked again."""
        job = jobs.get_job(job_id)
        if job.status != Status.QUESTIONING:
            raise Conflict(f"job {job_id} is {job.status}, not QUESTIONING")
        if not job.questioning_session_id:
            raise Conflict(f"job {job_id} lost its questioning session")
        session = sessions.get_session(job.questioning_session_id)

        if session.status == QuestioningSessionStatus.READY and session.requirements:
            return self._ready(job, session.requirements.as_dict())
        rounds = [AnsweredRound.model_validate(r) for r in session.rounds]
        if rounds and rounds[-1].answers is None and not rounds[-1].skipped:
            return self._asked(job, rounds[-1])

        outcome = self.provider.ask(session.prompt, rounds, final_round=len(rounds) >= max_rounds)
        if outcome.usage.input_tokens or outcome.usage.output_tokens:
            jobs.update_job(job, jobs.usage_actions(outcome.usage.input_tokens, outcome.usage.output_tokens))
            count("InputTokens", outcome.usage.input_tokens)
            count("OutputTokens", outcome.usage.output_tokens)
        if outcome.ready:
            session.requirements = outcome.requirements.model_dump()
            session.status = QuestioningSessionStatus.READY.value
            sessions.save_session(session)
            return self._ready(job, session.requirements)

        count("QuestionsAsked", len(outcome.questions))
        asked = AnsweredRound(round=len(rounds) + 1, questions=outcome.questions)
        session.rounds = [
            *session.rounds,
            {**asked.model_dump(mode="json", exclude={"answers"}), "answers": None, "asked_at": utc_now(), "answered_at": None},
        ]
        session.status = QuestioningSessionStatus.AWAITING_ANSWERS.value
        sessions.save_session(session)
        return self._asked(job, asked)

    @staticmethod
    def _asked(job: CodeGenerationJob, asked: AnsweredRound) -> dict:
        questions = [q.model_dump(mode="json") for q in asked.questions]
        jobs.update_job(
            job,
            [CodeGenerationJob.questions.set(questions), CodeGenerationJob.round.set(asked.round)],
            condition=CodeGenerationJob.status == Status.QUESTIONING.value,
        )
        return {"ready": False, "round": asked.round}

    @staticmethod
    def _ready(job: CodeGenerationJob, requirements: dict) -> dict:
        jobs.update_job(
            job,
            [CodeGenerationJob.requirements.set(requirements), CodeGenerationJob.questions.set([])],
            condition=CodeGenerationJob.status == Status.QUESTIONING.value,
        )
        return {"ready": True, "round": job.round}
