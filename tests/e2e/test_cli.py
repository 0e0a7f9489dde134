"""The `codegen` CLI against the local server: the whole flow, interactive and with --yes."""

import pytest
from click.testing import CliRunner
from codegen_cli.main import cli

pytestmark = pytest.mark.e2e


def run(server, *args, input=None, user="cli-user"):
    result = CliRunner().invoke(cli, ["--url", server["api"], "--token", user, *args], input=input, catch_exceptions=False)
    return result


def job_id_of(output: str) -> str:
    return next(word.rstrip(":") for word in output.split() if word.startswith("job-"))


def test_new_with_yes_downloads_and_unpacks_the_project(server, tmp_path):
    result = run(server, "new", "make me a tool", "--yes", "--out", str(tmp_path / "project"))
    assert result.exit_code == 0, result.output
    changes = [line.split("→")[1].strip() for line in result.output.splitlines() if "→" in line]
    assert changes == ["QUEUED", "PROCESSING", "COMPLETED"]  # from the job's history: none missed, none twice
    assert (tmp_path / "project" / "README.md").exists()
    assert (tmp_path / "project" / "pyproject.toml").exists()


def test_new_asks_the_questions_interactively(server, tmp_path):
    # language, kind, inputs_outputs, persistence, tests: pick a library that keeps todos in SQLite
    answers = "python\nlibrary\ntodo_items\nsqlite\n\n"
    result = run(server, "new", "make me a tool", "--out", str(tmp_path / "todos"), input=answers)
    assert result.exit_code == 0, result.output
    assert "Which programming language" in result.output
    assert (tmp_path / "todos" / "todos" / "storage.py").exists()
    assert not (tmp_path / "todos" / "todos" / "cli.py").exists()  # a library, as answered


def test_status_list_cancel_and_download(server, tmp_path):
    done = run(
        server, "new", "Build a Python CLI that converts CSV files to JSON, with pytest tests", "--out", str(tmp_path / "a")
    )
    assert done.exit_code == 0, done.output
    job_id = job_id_of(done.output)
    assert "COMPLETED" in run(server, "status", job_id).output
    assert job_id in run(server, "list").output
    assert run(server, "download", job_id, "--out", str(tmp_path / "b")).exit_code == 0
    assert sorted(p.name for p in (tmp_path / "a").rglob("*")) == sorted(p.name for p in (tmp_path / "b").rglob("*"))

    cancelled = run(server, "cancel", job_id)
    assert cancelled.exit_code == 1 and "409" in cancelled.output


def test_errors_are_reported_without_a_traceback(server):
    result = run(server, "status", "job-unknown")
    assert result.exit_code == 1 and "404 not_found" in result.output
