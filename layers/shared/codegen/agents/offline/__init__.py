"""The offline provider: deterministic, no network. Default for local runs and tests."""

from codegen.agents.base import AnsweredRound, Generation, QuestioningOutcome, Requirements
from codegen.agents.offline.checklist import ask_next
from codegen.agents.offline.generator import render_project


class OfflineProvider:
    def ask(self, prompt: str, rounds: list[AnsweredRound], final_round: bool) -> QuestioningOutcome:
        return ask_next(prompt, rounds, final_round)

    def generate(self, prompt: str, requirements: Requirements) -> Generation:
        return render_project(prompt, requirements)
