"""Cold start proxy: median import time of each function's handler module in a fresh interpreter,
and its ratio to `import boto3` alone, measured in the same run.

    .venv/bin/python bench/cold_start.py [--runs 7]
"""

import argparse
import os
import statistics
import subprocess
import sys

from local.template import ROOT, LocalTemplate

PROBE = """
import importlib.util, sys, time
sys.path[:0] = [{layer!r}, {code!r}]
start = time.perf_counter()
{statement}
print(time.perf_counter() - start)
"""


def measure(statement: str, code_dir: str, runs: int, env: dict) -> float:
    source = PROBE.format(layer=str(ROOT / "layers" / "shared"), code=code_dir, statement=statement)
    times = [
        float(subprocess.run([sys.executable, "-c", source], capture_output=True, text=True, env=env, check=True).stdout)
        for _ in range(runs)
    ]
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    template = LocalTemplate()
    env = dict(os.environ)
    for function in template.of_type("AWS::Serverless::Function"):
        env.update(template.function_environment(function))
    env.update(AWS_DEFAULT_REGION="us-east-1", AWS_ACCESS_KEY_ID="x", AWS_SECRET_ACCESS_KEY="x", PYTHONDONTWRITEBYTECODE="1")
    baseline = measure("import boto3", str(ROOT), args.runs, env)
    print("| function | median import (ms) | ratio to `import boto3` |\n|---|---|---|")
    print(f"| (import boto3) | {baseline * 1000:.0f} | 1.00 |")
    for logical_id, resource in template.of_type("AWS::Serverless::Function").items():
        code_dir = str(ROOT / resource["Properties"]["CodeUri"])
        statement = (
            f"spec = importlib.util.spec_from_file_location('app', {code_dir + '/app.py'!r}); "
            "module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)"
        )
        seconds = measure(statement, code_dir, args.runs, env)
        print(f"| {logical_id} | {seconds * 1000:.0f} | {seconds / baseline:.2f} |")


if __name__ == "__main__":
    main()
