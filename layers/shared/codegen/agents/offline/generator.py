"""Offline main agent: renders a small, real Python project from the requirements (jinja2 templates)."""

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from codegen.agents.base import GeneratedFile, Generation, Requirements
from codegen.errors import GenerationError

TEMPLATES = Path(__file__).parent / "templates"

PROJECTS = {
    "csv_to_json": ("csv2json", "Convert CSV files to JSON."),
    "text_stats": ("textstats", "Line, word and character statistics of text."),
    "todo_items": ("todos", "A small todo list."),
}
STORES = {
    "none": (":memory:", "memory only (nothing is kept between runs)"),
    "json_file": ("todos.json", "the JSON file todos.json"),
    "sqlite": ("todos.db", "the SQLite database todos.db"),
}
KINDS = ("cli", "library", "http_api")

_environment = Environment(
    loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False
)


def render_project(prompt: str, requirements: Requirements) -> Generation:
    slots = requirements.slots
    language, kind, task = slots.get("language"), slots.get("kind"), slots.get("inputs_outputs")
    if language != "python":
        raise GenerationError(f"the offline provider generates Python projects only, not {language!r}")
    if kind not in KINDS or task not in PROJECTS:
        raise GenerationError(f"the offline provider cannot build kind={kind!r} inputs_outputs={task!r}")
    package, description = PROJECTS[task]
    default_store, store_description = STORES.get(str(slots.get("persistence")), STORES["json_file"])
    context = {
        "prompt": prompt,
        "project": package,
        "package": package,
        "description": description,
        "kind": kind,
        "task": task,
        "tests": slots.get("tests", "pytest"),
        "constraints": slots.get("constraints", ""),
        "slots": slots,
        "assumed": requirements.assumed,
        "default_store": default_store,
        "store_description": store_description,
    }
    plan = {
        "pyproject.toml": "pyproject.toml.j2",
        "README.md": "README.md.j2",
        f"{package}/__init__.py": "package/__init__.py.j2",
        f"{package}/core.py": f"package/core_{task}.py.j2",
    }
    if task == "todo_items":
        plan[f"{package}/storage.py"] = "package/storage.py.j2"
    if kind == "cli":
        plan[f"{package}/cli.py"] = "package/cli.py.j2"
    elif kind == "http_api":
        plan[f"{package}/api.py"] = "package/api.py.j2"
    if context["tests"] != "none":
        plan["tests/test_core.py"] = "tests/test_core.py.j2"
        if kind != "library":
            plan[f"tests/test_{'cli' if kind == 'cli' else 'api'}.py"] = f"tests/test_{'cli' if kind == 'cli' else 'api'}.py.j2"
    files = [GeneratedFile(path=path, content=_environment.get_template(name).render(context)) for path, name in plan.items()]
    summary = f"A Python {kind.replace('_', ' ')} project '{package}': {description} ({len(files)} files)"
    return Generation(summary=summary, files=files)
