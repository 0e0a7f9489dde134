"""Step Functions calls of the domain: start a job's execution, resume it, stop it."""

import json
from functools import cache

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from codegen.config import state_machine_arn

# Errors meaning "this token can no longer resume anything" (moto says InvalidToken after a timeout,
# AWS says TaskTimedOut; TaskDoesNotExist once the execution ended).
EXPIRED_TOKEN_ERRORS = frozenset({"InvalidToken", "TaskTimedOut", "TaskDoesNotExist"})


class TokenExpired(Exception):
    pass


@cache
def _client():
    # standard retry mode: throttling and 5xx of SendTaskSuccess/StartExecution are retried with backoff
    return boto3.client("stepfunctions", config=Config(retries={"mode": "standard", "max_attempts": 6}))


def execution_arn(name: str) -> str:
    """Executions are named after their job, so the ARN is known before StartExecution returns."""
    return f"{state_machine_arn().replace(':stateMachine:', ':execution:')}:{name}"


def start_execution(name: str, payload: dict) -> str:
    """Start the job's execution, named after the job so that a retry cannot start a second one."""
    try:
        response = _client().start_execution(stateMachineArn=state_machine_arn(), name=name, input=json.dumps(payload))
    except ClientError as error:
        if error.response["Error"]["Code"] != "ExecutionAlreadyExists":
            raise
        return execution_arn(name)
    return response["executionArn"]


def send_task_success(token: str, output: dict) -> None:
    try:
        _client().send_task_success(taskToken=token, output=json.dumps(output))
    except ClientError as error:
        if error.response["Error"]["Code"] in EXPIRED_TOKEN_ERRORS:
            raise TokenExpired(error.response["Error"]["Code"]) from error
        raise


def release_callback(token: str, cause: str) -> None:
    """Fail a parked waitForTaskToken task; a token that is no longer valid is already released.

    After StopExecution this is redundant on AWS; moto only notices a stop between states, so it also
    wakes an execution that waits for answers there."""
    try:
        _client().send_task_failure(taskToken=token, error="JobCancelled", cause=cause)
    except ClientError as error:
        if error.response["Error"]["Code"] not in EXPIRED_TOKEN_ERRORS:
            raise


def stop_execution(execution_arn: str, cause: str) -> None:
    try:
        _client().stop_execution(executionArn=execution_arn, error="JobCancelled", cause=cause)
    except ClientError as error:
        if error.response["Error"]["Code"] != "ExecutionDoesNotExist":
            raise
