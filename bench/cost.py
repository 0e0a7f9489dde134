"""State transitions, Lambda invocations and AWS API calls per job and per API request, and the cost
per 1,000 jobs at list prices. Runs jobs through the local stack (the real ASL and handlers).

    .venv/bin/python bench/cost.py [--jobs 5]
"""

import argparse
import collections
import statistics
import threading
import time

import boto3
import botocore.handlers

from local.stack import LocalStack
from local.template import LocalTemplate
from tests.conftest import FAST, Api

# us-east-1 list prices (USD) used for the estimate; check the pricing pages before relying on them.
PRICES = {
    "sfn_transition": 0.025 / 1000,
    "lambda_request": 0.20 / 1_000_000,
    "lambda_gb_second": 0.0000166667,
    "ddb_write_unit": 0.625 / 1_000_000,
    "ddb_read_unit": 0.125 / 1_000_000,
    "s3_put": 0.005 / 1000,
    "http_api_request": 1.00 / 1_000_000,
}
WRITES = {"PutItem", "UpdateItem", "DeleteItem"}
READS = {"GetItem", "Query", "Scan"}

calls: collections.Counter = collections.Counter()
api_calls: collections.Counter = collections.Counter()
in_api = threading.local()


def count(model, **kwargs) -> None:
    """API requests run on the main thread (flagged); executions and their tasks on moto's threads.
    Other main-thread calls (set-up, polling, tear-down) are not counted."""
    key = f"{model.service_model.service_name}:{model.name}"
    if getattr(in_api, "active", False):
        api_calls[key] += 1
    elif threading.current_thread() is not threading.main_thread():
        calls[key] += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=5)
    args = parser.parse_args()
    botocore.handlers.BUILTIN_HANDLERS.append(("before-call.*.*", count))
    template = LocalTemplate()
    memory = {
        f: int(r["Properties"].get("MemorySize", template.document["Globals"]["Function"]["MemorySize"]))
        for f, r in template.of_type("AWS::Serverless::Function").items()
    }
    durations = collections.defaultdict(list)
    requests = 0
    with LocalStack(overrides={**FAST, "MaxConcurrentJobs": "4"}) as stack:
        original = stack.lambdas.invoke

        def timed(function, event):
            start = time.perf_counter()
            try:
                return original(function, event)
            finally:
                durations[stack.lambdas._resolve(function)].append(time.perf_counter() - start)

        stack.lambdas.invoke = timed
        api = Api(stack)
        transitions = []
        for _ in range(args.jobs):
            in_api.active = True
            job = api.post("/jobs", {"prompt": "make me a tool"}).body
            in_api.active = False
            job = api.wait_for_questions(job["job_id"])
            in_api.active = True
            api.post(f"/jobs/{job['job_id']}/answers", {"answers": {q["id"]: q["recommended"] for q in job["questions"]}})
            in_api.active = False
            api.wait_for_end(job["job_id"])
            in_api.active = True
            api.get(f"/jobs/{job['job_id']}")
            in_api.active = False
            requests += 3
            arn = stack.state_machine_arn.replace(":stateMachine:", ":execution:") + f":{job['job_id']}"
            deadline = time.monotonic() + 30
            while (
                boto3.client("stepfunctions").describe_execution(executionArn=arn)["status"] == "RUNNING"
                and time.monotonic() < deadline
            ):
                time.sleep(0.05)
            events = boto3.client("stepfunctions").get_execution_history(executionArn=arn, maxResults=1000)["events"]
            transitions.append(sum(1 for e in events if e["type"].endswith("StateEntered")))

    n = args.jobs
    task_invocations = {f: len(d) for f, d in durations.items() if f != "ApiFunction"}
    api_invocations = len(durations["ApiFunction"])
    polls = api_invocations - requests
    gb_seconds = sum(sum(d) * memory[f] / 1024 for f, d in durations.items() if f != "ApiFunction") / n
    gb_seconds += statistics.median(durations["ApiFunction"]) * memory["ApiFunction"] / 1024 * 3
    sm_calls = calls
    per_job = {k: v / n for k, v in sm_calls.items() if not k.startswith("stepfunctions:")}
    api_per_request = {k: v / requests for k, v in api_calls.items()}
    writes = (
        sum(v for k, v in per_job.items() if k.split(":")[1] in WRITES)
        + sum(v for k, v in api_calls.items() if k.split(":")[1] in WRITES) / n
    )
    transact = (
        sum(v for k, v in per_job.items() if k.endswith("TransactWriteItems")) + api_calls["dynamodb:TransactWriteItems"] / n
    )
    reads = (
        sum(v for k, v in per_job.items() if k.split(":")[1] in READS)
        + sum(v for k, v in api_calls.items() if k.split(":")[1] in READS) / n
    )
    s3_puts = per_job.get("s3:PutObject", 0)
    cost = {
        "Step Functions transitions": statistics.median(transitions) * PRICES["sfn_transition"],
        "Lambda requests (3 API + tasks)": (3 + sum(task_invocations.values()) / n) * PRICES["lambda_request"],
        "Lambda GB-seconds (in-process durations)": gb_seconds * PRICES["lambda_gb_second"],
        "DynamoDB writes (transactions: 2 units per item)": (writes + transact * 2 * 2) * PRICES["ddb_write_unit"],
        "DynamoDB reads": reads * PRICES["ddb_read_unit"],
        "S3 PUTs": s3_puts * PRICES["s3_put"],
        "HTTP API requests (3)": 3 * PRICES["http_api_request"],
    }
    print(f"jobs: {n} (vague prompt, one round of answers); polling GETs not counted: {polls}")
    print(f"state transitions per job: median {statistics.median(transitions)} (min {min(transitions)}, max {max(transitions)})")
    print("task Lambda invocations per job: " + ", ".join(f"{f} {c / n:g}" for f, c in sorted(task_invocations.items())))
    print("AWS calls per job made by the state machine and its tasks:")
    for key, value in sorted(per_job.items()):
        print(f"  {key}: {value:g}")
    print("AWS calls per API request (POST /jobs, POST answers, GET job):")
    for key, value in sorted(api_per_request.items()):
        print(f"  {key}: {value:g}")
    print("cost per 1,000 jobs (USD):")
    for item, value in cost.items():
        print(f"  {item}: {value * 1000:.4f}")
    print(f"  total: {sum(cost.values()) * 1000:.4f}")


if __name__ == "__main__":
    main()
