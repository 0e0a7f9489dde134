"""The local server, started once for the e2e tests on free ports."""

import os
import re
import subprocess
import sys
import time

import pytest

from local.template import ROOT


@pytest.fixture(scope="package")
def server():
    env = {**os.environ, "PORT": "0", "MOTO_PORT": "0", "ANSWER_TIMEOUT_SECONDS": "60", "LOCAL_ACCESS_LOG": "0"}
    process = subprocess.Popen(
        [sys.executable, "-m", "local.server"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    urls = {}
    deadline = time.monotonic() + 60
    while len(urls) < 2 and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        if match := re.search(r"API on (http://\S+)", line):
            urls["api"] = match.group(1)
        if match := re.search(r"moto endpoint on (http://\S+)", line):
            urls["moto"] = match.group(1)
    assert len(urls) == 2, "the local server did not start"
    yield urls
    process.terminate()
    process.wait(timeout=10)
