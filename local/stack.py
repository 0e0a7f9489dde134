"""Create the template's tables, bucket and state machine in moto and run its functions in-process."""

import os
import threading
import time

import boto3
from botocore.exceptions import ClientError
from moto import mock_aws
from moto.core.botocore_stubber import BotocoreStubber
from moto.moto_server.threaded_moto_server import ThreadedMotoServer

from local.lambdas import InProcessLambdas
from local.template import ACCOUNT, REGION, LocalTemplate

TABLE_PROPERTIES = ("AttributeDefinitions", "KeySchema", "GlobalSecondaryIndexes", "BillingMode")

# Environment variables of `make run` that override template parameters (DESIGN §8).
PARAMETER_ENV = {
    "AGENT_PROVIDER": "AgentProvider",
    "ANSWER_TIMEOUT_SECONDS": "AnswerTimeoutSeconds",
    "MAX_CONCURRENT_JOBS": "MaxConcurrentJobs",
    "MAX_QUESTION_ROUNDS": "MaxQuestionRounds",
    "SLOT_RECHECK_SECONDS": "SlotRecheckSeconds",
    "GENERATION_TIMEOUT_SECONDS": "GenerationTimeoutSeconds",
}


def overrides_from_env(environ=os.environ) -> dict[str, str]:
    return {parameter: environ[name] for name, parameter in PARAMETER_ENV.items() if environ.get(name)}


_client_lock = threading.RLock()
_unlocked_client = boto3.client


def _locked_client(*args, **kwargs):
    """boto3.client on the shared default session is not thread-safe; moto's Step Functions engine
    creates a client per task from many execution threads at once ("dictionary changed size during
    iteration"). Creating clients one at a time is cheap and removes the race."""
    with _client_lock:
        return _unlocked_client(*args, **kwargs)


_service_lock = threading.RLock()
_unlocked_process_request = BotocoreStubber.process_request


def _locked_process_request(self, request):
    """moto's backends are not thread-safe: two conditional updates of one DynamoDB item from two
    execution threads can interleave and lose a write, which DynamoDB never does. The local stack
    serves one AWS request at a time, as if each were atomic."""
    with _service_lock:
        return _unlocked_process_request(self, request)


class LocalStack:
    """moto with the template's resources. `moto_port` also serves moto over HTTP (aws CLI, downloads)."""

    def __init__(self, overrides: dict[str, str] | None = None, moto_port: int | None = None):
        self.template = LocalTemplate(overrides=overrides)
        self.lambdas = InProcessLambdas(self.template)
        self.moto_port = moto_port
        self.moto_server: ThreadedMotoServer | None = None
        self._mock = mock_aws(config={"stepfunctions": {"execute_state_machine": True}})
        self._saved_environ: dict[str, str | None] = {}
        self.state_machine_arn = ""

    @property
    def moto_endpoint(self) -> str | None:
        return f"http://127.0.0.1:{self.moto_port}" if self.moto_server else None

    def start(self) -> "LocalStack":
        self._set_environ({"AWS_DEFAULT_REGION": REGION, "AWS_REGION": REGION})
        boto3.client = _locked_client
        BotocoreStubber.process_request = _locked_process_request
        self._mock.start()
        if self.moto_port is not None:
            self.moto_server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.moto_port, verbose=False)
            self.moto_server.start()
            self.moto_port = self.moto_server.get_host_and_port()[1]
            # Download URLs are presigned against the local endpoint so they work from this machine.
            self._set_environ({"AWS_ENDPOINT_URL_S3": self.moto_endpoint})
        self.lambdas.install()
        self._create_resources()
        self._set_environ(self.functions_environment())
        # No X-Ray daemon or CloudWatch here: Powertools would warn on every invocation.
        self._set_environ({"POWERTOOLS_TRACE_DISABLED": "true", "POWERTOOLS_METRICS_DISABLED": "true"})
        return self

    def stop(self) -> None:
        self._stop_running_executions()
        # Let task handlers still running finish here, so none writes into the next stack's tables.
        self.lambdas.wait_until_idle(seconds=15)
        self.lambdas.uninstall()
        if self.moto_server:
            self.moto_server.stop()
        self._mock.stop()
        boto3.client = _unlocked_client
        BotocoreStubber.process_request = _unlocked_process_request
        for name, value in self._saved_environ.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value

    def __enter__(self) -> "LocalStack":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def functions_environment(self) -> dict[str, str]:
        """The union of every function's environment. Functions share one process here, so two
        functions giving one variable different values would be a bug of the local stack: refuse."""
        merged: dict[str, str] = {}
        for logical_id in self.template.of_type("AWS::Serverless::Function"):
            for name, value in self.template.function_environment(logical_id).items():
                if merged.get(name, value) != value:
                    raise ValueError(f"{name} differs between functions; the local stack cannot run both")
                merged[name] = value
        return merged

    def _stop_running_executions(self, wait_seconds: float = 1) -> None:
        """Abort what is still running, so that no execution thread outlives this stack's tables."""
        sfn = boto3.client("stepfunctions", region_name=REGION)
        running = (
            [
                e["executionArn"]
                for e in sfn.list_executions(stateMachineArn=self.state_machine_arn, statusFilter="RUNNING")["executions"]
            ]
            if self.state_machine_arn
            else []
        )
        for arn in running:
            try:
                sfn.stop_execution(executionArn=arn, cause="local stack stopped")
            except (ClientError, AttributeError):
                pass  # it ended meanwhile (moto 5.2.5 raises AttributeError when it ended a moment ago)
        # moto notices a stop only between states: wake the executions parked on a task token.
        jobs = boto3.client("dynamodb", region_name=REGION)
        parked = jobs.scan(TableName=self.template.physical_name("JobsTable"), ProjectionExpression="task_token")
        for item in parked["Items"]:
            if "task_token" in item:
                try:
                    sfn.send_task_failure(taskToken=item["task_token"]["S"], error="LocalStackStopped")
                except ClientError:
                    pass
        deadline = time.monotonic() + wait_seconds
        while running and time.monotonic() < deadline:
            running = [arn for arn in running if sfn.describe_execution(executionArn=arn)["status"] == "RUNNING"]
            time.sleep(0.02)

    def _set_environ(self, values: dict[str, str]) -> None:
        for name, value in values.items():
            self._saved_environ.setdefault(name, os.environ.get(name))
            os.environ[name] = value

    def _create_resources(self) -> None:
        dynamodb = boto3.client("dynamodb", region_name=REGION)
        for logical_id, resource in self.template.of_type("AWS::DynamoDB::Table").items():
            properties = {k: v for k, v in resource["Properties"].items() if k in TABLE_PROPERTIES}
            dynamodb.create_table(TableName=self.template.physical_name(logical_id), **properties)
        s3 = boto3.client("s3", region_name=REGION)
        for logical_id in self.template.of_type("AWS::S3::Bucket"):
            s3.create_bucket(Bucket=self.template.physical_name(logical_id))
        sfn = boto3.client("stepfunctions", region_name=REGION)
        for logical_id in self.template.of_type("AWS::Serverless::StateMachine"):
            properties = self.template.resources[logical_id]["Properties"]
            arn = sfn.create_state_machine(
                name=logical_id,
                definition=self.template.state_machine_definition(logical_id),
                roleArn=f"arn:aws:iam::{ACCOUNT}:role/{logical_id}Role",
                type=properties.get("Type", "STANDARD"),
            )["stateMachineArn"]
            self.state_machine_arn = arn
