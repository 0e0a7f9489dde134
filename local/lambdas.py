"""Run the template's functions in-process when the state machine invokes them.

moto would run Lambda in Docker; instead a botocore `before-call.lambda.Invoke` handler answers the
call by importing the function's real handler (CodeUri + Handler from template.yaml) and calling it.
"""

import importlib.util
import io
import json
import sys
import threading
import traceback
import uuid
from dataclasses import dataclass, field
from urllib.parse import unquote

import botocore.handlers
from botocore.awsrequest import AWSResponse
from botocore.response import StreamingBody

from local.template import ROOT, LocalTemplate

LAYER_PATH = ROOT / "layers" / "shared"
SINGLE_CONTAINER = {"ApiFunction"}


@dataclass
class LambdaContext:
    """The attributes of the Lambda context object that handlers and Powertools read."""

    function_name: str
    invoked_function_arn: str
    memory_limit_in_mb: int = 512
    function_version: str = "$LATEST"
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    log_group_name: str = "/aws/lambda/local"
    log_stream_name: str = "local"

    def get_remaining_time_in_millis(self) -> int:
        return 300_000


def load_handler(template: LocalTemplate, logical_id: str):
    """The handler callable of a function of the template."""
    handler_name = template.resources[logical_id]["Properties"]["Handler"].rsplit(".", 1)[1]
    return getattr(load_module(template, logical_id), handler_name)


def load_module(template: LocalTemplate, logical_id: str):
    """Import functions/<name>/app.py under a unique module name (every function has an `app`.py)."""
    properties = template.resources[logical_id]["Properties"]
    code_dir = ROOT / properties["CodeUri"]
    module_name = properties["Handler"].rsplit(".", 1)[0]
    for path in (str(LAYER_PATH), str(code_dir)):
        if path not in sys.path:
            sys.path.insert(0, path)
    # A new module object each time: each local stack starts its functions cold, like new containers.
    unique = f"codegen_function_{logical_id}"
    spec = importlib.util.spec_from_file_location(unique, code_dir / f"{module_name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[unique] = module
    spec.loader.exec_module(module)
    return module


def _error_payload(error: Exception) -> dict:
    return {"errorMessage": str(error), "errorType": type(error).__name__, "stackTrace": traceback.format_exception(error)}


class InProcessLambdas:
    """Dispatches lambda:Invoke calls made through botocore to the real handlers."""

    def __init__(self, template: LocalTemplate):
        self.template = template
        self.functions = {
            logical_id: template.attribute(logical_id, "Arn") for logical_id in template.of_type("AWS::Serverless::Function")
        }
        # Like Lambda: a container runs one invocation at a time, and a busy function gets another
        # container (a fresh import of its module: a cold start). The API function keeps a single
        # container: its Powertools routers are module-level objects of the shared `routes` package.
        self._idle: dict[str, list] = {logical_id: [] for logical_id in self.functions}
        self._pool_lock = threading.Lock()
        self._single = {logical_id: threading.Lock() for logical_id in SINGLE_CONTAINER}
        self._running = 0
        self._idle_condition = threading.Condition()
        self.invocations: list[tuple[str, dict]] = []  # (function, event), for tests and benchmarks

    def install(self) -> None:
        botocore.handlers.BUILTIN_HANDLERS.append(("before-call.lambda.Invoke", self._on_invoke))

    def uninstall(self) -> None:
        # a bound method is a new object on every access: compare with ==, not `is`
        botocore.handlers.BUILTIN_HANDLERS[:] = [h for h in botocore.handlers.BUILTIN_HANDLERS if h[1] != self._on_invoke]

    def _resolve(self, name: str) -> str:
        for logical_id, arn in self.functions.items():
            if name in (logical_id, arn) or arn.startswith(name + ":"):
                return logical_id
        raise KeyError(f"no function {name!r} in template.yaml")

    def invoke(self, function: str, event: dict) -> tuple[dict | None, str | None]:
        """(result, None) or (error payload, "Unhandled"), as Lambda reports them."""
        logical_id = self._resolve(function)
        context = LambdaContext(function_name=logical_id, invoked_function_arn=self.functions[logical_id])
        self.invocations.append((logical_id, event))
        if logical_id in self._single:
            with self._single[logical_id]:
                return self._run(logical_id, event, context)
        return self._run(logical_id, event, context)

    def wait_until_idle(self, seconds: float) -> bool:
        """Until no handler runs (a stopped execution's task may still be running, as on AWS)."""
        with self._idle_condition:
            return self._idle_condition.wait_for(lambda: self._running == 0, timeout=seconds)

    def _run(self, logical_id: str, event: dict, context: LambdaContext) -> tuple[dict | None, str | None]:
        with self._idle_condition:
            self._running += 1
        try:
            return self._run_in_container(logical_id, event, context)
        finally:
            with self._idle_condition:
                self._running -= 1
                self._idle_condition.notify_all()

    def _run_in_container(self, logical_id: str, event: dict, context: LambdaContext) -> tuple[dict | None, str | None]:
        with self._pool_lock:
            handler = self._idle[logical_id].pop() if self._idle[logical_id] else None
        if handler is None:
            handler = load_handler(self.template, logical_id)  # a new container
        try:
            return handler(event, context), None
        except Exception as error:  # what Lambda does with an unhandled exception
            return _error_payload(error), "Unhandled"
        finally:
            with self._pool_lock:
                self._idle[logical_id].append(handler)

    def _on_invoke(self, model, params, **kwargs):
        function = unquote(params["url_path"].split("/functions/", 1)[1].split("/", 1)[0])
        body = params.get("body") or b"{}"
        event = json.loads(body.decode("utf-8") if isinstance(body, bytes) else body)
        result, function_error = self.invoke(function, event)
        data = json.dumps(result).encode("utf-8")
        parsed = {"StatusCode": 200, "Payload": StreamingBody(io.BytesIO(data), len(data)), "ExecutedVersion": "$LATEST"}
        if function_error:
            parsed["FunctionError"] = function_error
        return AWSResponse(url="local://lambda", status_code=200, headers={}, raw=None), parsed
