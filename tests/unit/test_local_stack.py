"""The local stack cleans up after itself: its Lambda hook and its environment."""

import os

import botocore.handlers

from local.stack import LocalStack
from local.template import LocalTemplate
from tests.conftest import FAST


def invoke_hooks() -> list:
    return [h for h in botocore.handlers.BUILTIN_HANDLERS if h[0] == "before-call.lambda.Invoke"]


def test_each_stack_dispatches_to_its_own_handlers_and_removes_its_hook():
    for _ in range(2):
        with LocalStack(overrides=FAST) as stack:
            assert [h[1].__self__ for h in invoke_hooks()] == [stack.lambdas]
            assert os.environ["JOBS_TABLE_NAME"] == "JobsTable"
    assert invoke_hooks() == []
    assert "JOBS_TABLE_NAME" not in os.environ


def test_unknown_or_disallowed_parameters_are_refused():
    import pytest

    with pytest.raises(ValueError, match="unknown template parameters"):
        LocalTemplate(overrides={"NoSuchParameter": "1"})
    with pytest.raises(ValueError, match="AgentProvider"):
        LocalTemplate(overrides={"AgentProvider": "gpt"})
