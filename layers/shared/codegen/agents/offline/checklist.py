"""Offline questioning: a checklist of requirement slots filled from the prompt and the answers.

Only missing slots become questions, ranked by impact (the order of SLOTS), at most five a round.
Optional slots ride along with required ones; on their own they take the recommended value.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from codegen.agents.base import AnsweredRound, AnswerValue, QuestioningOutcome, Requirements
from codegen.schemas import Question, QuestionOption
from codegen.types import QuestionKind

MAX_QUESTIONS_PER_ROUND = 5


@dataclass(frozen=True)
class Slot:
    id: str
    text: str
    kind: QuestionKind
    options: tuple[tuple[str, str], ...]
    recommended: str
    patterns: tuple[tuple[str, str], ...] = ()  # (regex, value) tried in order against the prompt
    required: bool = True
    applies: Callable[[dict[str, AnswerValue]], bool] = field(default=lambda settled: True)

    def detect(self, prompt: str) -> str | None:
        for pattern, value in self.patterns:
            if re.search(pattern, prompt, flags=re.IGNORECASE):
                return value
        return None

    def question(self) -> Question:
        return Question(
            id=self.id,
            text=self.text,
            kind=self.kind,
            options=[QuestionOption(value=v, label=label) for v, label in self.options],
            recommended=self.recommended,
            required=self.required,
        )


def _stores_data(settled: dict[str, AnswerValue]) -> bool:
    return settled.get("inputs_outputs") in (None, "todo_items")


SLOTS: tuple[Slot, ...] = (
    Slot(
        "language",
        "Which programming language should the project use?",
        QuestionKind.SINGLE_CHOICE,
        (("python", "Python"), ("typescript", "TypeScript"), ("go", "Go")),
        "python",
        ((r"\bpython\b", "python"), (r"\b(typescript|javascript|node(\.js)?)\b", "typescript"), (r"\b(golang|go)\b", "go")),
    ),
    Slot(
        "kind",
        "What kind of program should it be?",
        QuestionKind.SINGLE_CHOICE,
        (("cli", "Command-line tool"), ("library", "Library (importable package)"), ("http_api", "HTTP API")),
        "cli",
        (
            (r"\b(cli|command[- ]line|terminal)\b", "cli"),
            (r"\b(http|rest|api|web ?api|web service|server|endpoint)s?\b", "http_api"),
            (r"\b(library|package|module|sdk)\b", "library"),
        ),
    ),
    Slot(
        "inputs_outputs",
        "What goes in and what comes out?",
        QuestionKind.SINGLE_CHOICE,
        (
            ("csv_to_json", "CSV in, JSON out (a converter)"),
            ("text_stats", "Text in, line/word/character statistics out"),
            ("todo_items", "Todo items in, a stored todo list out"),
        ),
        "csv_to_json",
        (
            (r"\bcsv\b.*\bjson\b|\bjson\b.*\bcsv\b", "csv_to_json"),
            (r"\b(word|line|character)s?[ -]count|\bcount(s|ing)? (the )?(words|lines)|\btext stat", "text_stats"),
            (r"\bto-?dos?\b|\btask list\b", "todo_items"),
        ),
    ),
    Slot(
        "persistence",
        "Where should it keep its data?",
        QuestionKind.SINGLE_CHOICE,
        (("none", "Nowhere (in memory only)"), ("json_file", "A JSON file"), ("sqlite", "An SQLite database")),
        "json_file",
        (
            (r"\b(sqlite|database|db)\b", "sqlite"),
            (r"\bjson file\b|\b(save|store|persist)s?\b", "json_file"),
            (r"\b(in[- ]memory|no storage|stateless)\b", "none"),
        ),
        applies=_stores_data,
    ),
    Slot(
        "tests",
        "How should the project be tested?",
        QuestionKind.SINGLE_CHOICE,
        (("pytest", "pytest"), ("unittest", "unittest (standard library)"), ("none", "No tests")),
        "pytest",
        (
            (r"\bpytest\b", "pytest"),
            (r"\bunittest\b", "unittest"),
            (r"\b(no|without) tests\b", "none"),
            (r"\btest(s|ed)?\b", "pytest"),
        ),
    ),
    Slot(
        "constraints",
        "Any constraints (dependencies, Python version, style)?",
        QuestionKind.FREE_TEXT,
        (),
        "standard library only",
        ((r"\b(standard library|stdlib|no (third[- ]party )?dependencies)\b", "standard library only"),),
        required=False,
    ),
)

SLOTS_BY_ID = {slot.id: slot for slot in SLOTS}


def ask_next(prompt: str, rounds: list[AnsweredRound], final_round: bool) -> QuestioningOutcome:
    settled: dict[str, AnswerValue] = {}
    for slot in SLOTS:
        value = slot.detect(prompt)
        if value is not None:
            settled[slot.id] = value
    asked: set[str] = set()
    for answered in rounds:
        asked.update(q.id for q in answered.questions)
        settled.update({k: v for k, v in (answered.answers or {}).items() if k in SLOTS_BY_ID and v not in ("", [])})
    skipped = any(r.skipped for r in rounds)

    # A slot asked before and left unanswered is not asked again: it takes its recommended value.
    missing = [s for s in SLOTS if s.id not in settled and s.id not in asked and s.applies(settled)]
    if final_round or skipped or not any(s.required for s in missing):
        return QuestioningOutcome(ready=True, requirements=_requirements(prompt, settled))
    ranked = [s for s in missing if s.required] + [s for s in missing if not s.required]
    return QuestioningOutcome(ready=False, questions=[s.question() for s in ranked[:MAX_QUESTIONS_PER_ROUND]])


def _requirements(prompt: str, settled: dict[str, AnswerValue]) -> Requirements:
    slots = dict(settled)
    assumed = []
    for slot in SLOTS:
        if slot.id in slots:
            continue
        if slot.applies(slots):
            assumed.append(slot.id)
            slots[slot.id] = slot.recommended
        else:
            slots[slot.id] = "none"  # implied by an earlier choice (e.g. a converter stores nothing)
    lines = [f"Request: {prompt}"]
    for slot in SLOTS:
        note = " (assumed: recommended value)" if slot.id in assumed else ""
        lines.append(f"- {slot.id}: {_display(slots[slot.id])}{note}")
    return Requirements(slots=slots, assumed=assumed, summary="\n".join(lines))


def _display(value: AnswerValue) -> str:
    return ", ".join(value) if isinstance(value, list) else value
