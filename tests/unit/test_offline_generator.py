"""The offline main agent renders real projects whose own tests pass."""

import itertools
import subprocess
import sys
import venv

import pytest

from codegen.agents.base import Requirements
from codegen.agents.offline.generator import render_project
from codegen.errors import GenerationError


def requirements(**slots) -> Requirements:
    base = {"language": "python", "kind": "cli", "inputs_outputs": "csv_to_json", "persistence": "none", "tests": "pytest"}
    return Requirements(slots={**base, **slots}, summary="test")


@pytest.fixture(scope="module")
def clean_python(tmp_path_factory) -> str:
    """A virtualenv with nothing installed: the generated projects need only the standard library."""
    folder = tmp_path_factory.mktemp("clean-venv")
    venv.create(folder, with_pip=False)
    return str(folder / "bin" / "python")


@pytest.mark.parametrize(
    "kind, task", list(itertools.product(["cli", "library", "http_api"], ["csv_to_json", "text_stats", "todo_items"]))
)
def test_generated_project_tests_pass(tmp_path, clean_python, kind, task):
    generation = render_project("prompt", requirements(kind=kind, inputs_outputs=task, persistence="sqlite"))
    for file in generation.files:
        (tmp_path / file.path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / file.path).write_text(file.content)
    assert (tmp_path / "README.md").exists() and (tmp_path / "tests").is_dir()
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert " passed" in run.stdout
    # ...and in a clean virtualenv, with the standard library's runner (the tests are unittest style)
    clean = subprocess.run(
        [clean_python, "-m", "unittest", "discover", "-s", "tests"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert clean.returncode == 0 and "OK" in clean.stderr, clean.stdout + clean.stderr


def test_no_tests_requested_means_no_tests_rendered():
    paths = {f.path for f in render_project("p", requirements(tests="none")).files}
    assert not any(p.startswith("tests/") for p in paths)


def test_other_languages_fail_clearly():
    with pytest.raises(GenerationError, match="Python projects only"):
        render_project("p", requirements(language="go"))
