"""`codegen`: the whole flow against any base URL (the local server by default).

codegen new "a python cli that converts csv to json"   # asks, watches, downloads
codegen status JOB_ID | list | cancel JOB_ID | download JOB_ID
"""

import io
import time
import zipfile
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from codegen_cli.client import ApiError, Client

TERMINAL = {"COMPLETED", "FAILED", "CANCELLED"}
console = Console()


@click.group()
@click.option("--url", envvar="CODEGEN_URL", default="http://127.0.0.1:3000", show_default=True, help="API base URL")
@click.option("--token", envvar="CODEGEN_TOKEN", required=True, help="bearer token (locally: any user id)")
@click.pass_context
def cli(context: click.Context, url: str, token: str) -> None:
    context.obj = Client(url, token)


@cli.command()
@click.argument("prompt")
@click.option("--yes", is_flag=True, help="accept every recommended answer")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="where to unpack (default: ./<job id>)")
@click.option("--timeout", default=900, show_default=True, help="seconds to wait for the job")
@click.pass_obj
def new(client: Client, prompt: str, yes: bool, out: Path | None, timeout: int) -> None:
    """Start a job, answer its questions, watch it run and download the files."""
    job = call(client.request, "POST", "/jobs", {"prompt": prompt}, idempotent=True)
    console.print(f"job [bold]{job['job_id']}[/bold]: {job['status']}")
    deadline = time.monotonic() + timeout
    job = watch(client, job, deadline, until=lambda j: bool(j["questions"]) or j["status"] != "QUESTIONING")
    while job["questions"]:
        answers = ask(job["questions"], yes)
        call(client.request, "POST", f"/jobs/{job['job_id']}/answers", {"answers": answers}, idempotent=True)
        job = watch(client, job, deadline, until=lambda j, asked=job["round"]: next_step(j, asked))
    job = watch(client, job, deadline, until=lambda j: j["status"] in TERMINAL)
    finish(client, job, out)


def next_step(job: dict, answered_round: int) -> bool:
    """The answers moved the job on: a new round of questions, or out of questioning."""
    return (job["round"] > answered_round and bool(job["questions"])) or job["status"] != "QUESTIONING"


@cli.command()
@click.argument("job_id")
@click.pass_obj
def status(client: Client, job_id: str) -> None:
    """Show a job."""
    job = call(client.request, "GET", f"/jobs/{job_id}")
    console.print(f"{job['job_id']}: [bold]{job['status']}[/bold] (round {job['round']})")
    for change in job["status_history"]:
        console.print(f"  {change['at']}  {change['status']}")
    if job["error"]:
        console.print(f"[red]{job['error']['code']}[/red]: {job['error']['message']}")
    if job["result"]:
        console.print(job["result"]["summary"])


@cli.command(name="list")
@click.option("--status", "status_filter", help="only jobs with this status")
@click.option("--limit", default=20, show_default=True)
@click.pass_obj
def list_jobs(client: Client, status_filter: str | None, limit: int) -> None:
    """List my jobs, newest first."""
    query = f"?limit={limit}" + (f"&status={status_filter}" if status_filter else "")
    page = call(client.request, "GET", "/jobs" + query)
    table = Table("status", "created", "files")
    table.add_column("job", no_wrap=True, min_width=36)
    for job in page["items"]:
        files = str(len((job["result"] or {}).get("files", [])))
        table.add_row(job["status"], job["created_at"], files, job["job_id"])
    console.print(table)


@cli.command()
@click.argument("job_id")
@click.pass_obj
def cancel(client: Client, job_id: str) -> None:
    """Cancel a job."""
    job = call(client.request, "POST", f"/jobs/{job_id}/cancel")
    console.print(f"{job['job_id']}: [bold]{job['status']}[/bold]")


@cli.command()
@click.argument("job_id")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="where to unpack (default: ./<job id>)")
@click.pass_obj
def download(client: Client, job_id: str, out: Path | None) -> None:
    """Download and unpack a completed job's files."""
    unpack(client, job_id, out or Path(job_id))


def ask(questions: list[dict], accept_recommended: bool) -> dict:
    answers = {}
    for question in questions:
        options = [o["value"] for o in question["options"]]
        recommended = question["recommended"]
        if accept_recommended and recommended is not None:
            answers[question["id"]] = recommended
            continue
        console.print(f"\n[bold]{question['text']}[/bold]")
        for option in question["options"]:
            console.print(f"  {option['value']:<14} {option['label']}")
        if question["kind"] == "single_choice":
            answers[question["id"]] = click.prompt("choose", type=click.Choice(options), default=recommended)
        elif question["kind"] == "multi_choice":
            default = ",".join(recommended) if isinstance(recommended, list) else recommended
            raw = click.prompt("choose one or more (comma-separated)", default=default)
            answers[question["id"]] = [value.strip() for value in raw.split(",") if value.strip()]
        else:
            value = click.prompt("answer", default=recommended or "", show_default=bool(recommended))
            if value or question["required"]:
                answers[question["id"]] = value
    return answers


def watch(client: Client, job: dict, deadline: float, until) -> dict:
    """Poll the job until `until(job)`, printing each status change from its history (none is missed
    between two polls). The first entry, the status the job started in, was printed with its id."""
    printed = job.setdefault("_printed", 1)
    with console.status(f"{job['status']}…") as spinner:
        while True:
            for change in job["status_history"][printed:]:
                console.print(f"  → {change['status']}")
            printed = max(printed, len(job["status_history"]))
            spinner.update(f"{job['status']}…")
            if until(job):
                job["_printed"] = printed
                return job
            if time.monotonic() > deadline:
                raise click.ClickException(f"gave up waiting; the job is {job['status']} (codegen status {job['job_id']})")
            time.sleep(0.5)
            job = call(client.request, "GET", f"/jobs/{job['job_id']}")


def finish(client: Client, job: dict, out: Path | None) -> None:
    if job["status"] != "COMPLETED":
        error = job["error"] or {}
        raise click.ClickException(f"job {job['status']}: {error.get('code')}: {error.get('message')}")
    console.print(job["result"]["summary"])
    unpack(client, job["job_id"], out or Path(job["job_id"]))


def unpack(client: Client, job_id: str, out: Path) -> None:
    artifacts = call(client.request, "GET", f"/jobs/{job_id}/artifacts")
    archive = zipfile.ZipFile(io.BytesIO(client.download(artifacts["archive_url"])))
    out.mkdir(parents=True, exist_ok=True)
    for name in archive.namelist():
        target = (out / name).resolve()
        if out.resolve() not in target.parents:
            raise click.ClickException(f"refusing to write {name} outside {out}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(archive.read(name))
    console.print(f"{len(archive.namelist())} files in [bold]{out}[/bold]")


def call(method, *args, **kwargs):
    try:
        return method(*args, **kwargs)
    except ApiError as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:
        raise click.ClickException(f"cannot reach the API: {error}") from None
