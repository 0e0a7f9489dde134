"""Load: N concurrent clients against a running local server (`make run`), each taking one job from
prompt through answers to a terminal status. Bounded in count and time; talks only to 127.0.0.1.

    MAX_CONCURRENT_JOBS=4 make run            # in one terminal
    .venv/bin/python bench/load.py --jobs 100  # in another

Prints jobs completed, lost (never terminal), p50/p95 from answers to COMPLETED, and the most jobs
observed PROCESSING at once (from the jobs' status histories)."""

import argparse
import json
import statistics
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime

TERMINAL = {"COMPLETED", "FAILED", "CANCELLED"}


def call(base: str, method: str, path: str, user: str, body: dict | None = None, attempts: int = 3) -> dict:
    request = urllib.request.Request(base + path, data=json.dumps(body).encode() if body is not None else None, method=method)
    request.add_header("Authorization", f"Bearer {user}")
    request.add_header("Content-Type", "application/json")
    if method == "POST":
        request.add_header("Idempotency-Key", f"{user}-{path}")  # a retried POST creates nothing new
    for attempt in range(attempts):
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return json.loads(response.read())
        except ConnectionError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.5 * (attempt + 1))


def client(base: str, user: str, deadline: float, results: list) -> None:
    try:
        job = call(base, "POST", "/jobs", user, {"prompt": "make me a tool"})
        while not job["questions"] and job["status"] == "QUESTIONING" and time.monotonic() < deadline:
            time.sleep(1.0)
            job = call(base, "GET", f"/jobs/{job['job_id']}", user)
        answers = {q["id"]: q["recommended"] for q in job["questions"]}
        answered = time.monotonic()
        call(base, "POST", f"/jobs/{job['job_id']}/answers", user, {"answers": answers})
        while job["status"] not in TERMINAL and time.monotonic() < deadline:
            time.sleep(1.0)
            job = call(base, "GET", f"/jobs/{job['job_id']}", user)
        results.append((job, time.monotonic() - answered))
    except (urllib.error.URLError, OSError, KeyError) as error:
        results.append(({"status": f"client error: {error}", "status_history": []}, None))


def parse(timestamp: str) -> datetime:
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00"))


def max_processing(jobs: list[dict]) -> int:
    events = []
    for job in jobs:
        history = job["status_history"]
        starts = [c["at"] for c in history if c["status"] == "PROCESSING"]
        ends = [c["at"] for c in history if c["status"] in TERMINAL]
        if starts and ends:
            events += [
                (datetime.fromisoformat(starts[0].replace("Z", "+00:00")), 1),
                (datetime.fromisoformat(ends[-1].replace("Z", "+00:00")), -1),
            ]
    current = peak = 0
    for _, delta in sorted(events, key=lambda e: (e[0], e[1])):
        current += delta
        peak = max(peak, current)
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:3000")
    parser.add_argument("--jobs", type=int, default=100)
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a job counts as lost")
    args = parser.parse_args()
    if not args.base.startswith(("http://127.", "http://localhost")):
        raise SystemExit("this load test only talks to the local server")
    queue = call(args.base, "GET", "/queue", "load-0")
    deadline, results = time.monotonic() + args.timeout, []
    run = int(time.time())
    users = [f"load-{run}-{n}" for n in range(args.jobs)]
    threads = [threading.Thread(target=client, args=(args.base, user, deadline, results)) for user in users]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    jobs = [job for job, _ in results]
    latencies = sorted(seconds for job, seconds in results if job["status"] == "COMPLETED" and seconds is not None)
    lost = [job for job in jobs if job["status"] not in TERMINAL]
    for job in lost[:3]:
        print("lost:", job["status"][:200])
    print(f"jobs: {args.jobs}, max_concurrent_jobs: {queue['max_concurrent_jobs']}, wall: {time.monotonic() - started:.1f}s")
    print(f"completed: {len(latencies)}, failed: {sum(j['status'] == 'FAILED' for j in jobs)}, lost: {len(lost)}")
    if latencies:
        p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
        print(f"answers -> COMPLETED: p50 {statistics.median(latencies):.2f}s, p95 {p95:.2f}s")
    print(f"max PROCESSING at once (from status histories): {max_processing(jobs)}")
    raise SystemExit(1 if lost else 0)


if __name__ == "__main__":
    main()
