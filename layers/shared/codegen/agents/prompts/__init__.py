"""Versioned prompt files. A prompt changes by adding `<name>.v<N+1>.md`, never by editing a released one."""

from functools import cache
from pathlib import Path

FOLDER = Path(__file__).parent
VERSIONS = {"questioning": 1, "generation_plan": 1, "generation_files": 1}


@cache
def load_prompt(name: str) -> str:
    return (FOLDER / f"{name}.v{VERSIONS[name]}.md").read_text(encoding="utf-8")
