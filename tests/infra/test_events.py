"""Every sample event under events/ parses through the models of the function it is for."""

import json

import pytest
from aws_lambda_powertools.utilities.data_classes import APIGatewayProxyEventV2

from codegen.schemas import CreateJobRequest
from local.lambdas import load_module
from local.template import ROOT, LocalTemplate

EVENTS = ROOT / "events"
MODELS = {
    "analyze_request": ("AnalyzeRequestFunction", "AnalyzeInput"),
    "worker_slots": ("WorkerSlotsFunction", "SlotRequest"),
    "generate_code": ("GenerateCodeFunction", "GenerateInput"),
    "record_failure": ("RecordFailureFunction", "FailureInput"),
}


def load(name: str) -> dict:
    return json.loads((EVENTS / f"{name}.json").read_text())


@pytest.fixture(scope="module")
def template() -> LocalTemplate:
    return LocalTemplate()


def test_every_function_has_a_sample_event(template):
    folders = {
        r["Properties"]["CodeUri"].strip("/").split("/")[-1] for r in template.of_type("AWS::Serverless::Function").values()
    }
    assert folders == {path.stem for path in EVENTS.glob("*.json")}


@pytest.mark.parametrize("name", sorted(MODELS))
def test_task_events_parse(template, name):
    function, model = MODELS[name]
    getattr(load_module(template, function), model).model_validate(load(name))


def test_cleanup_event_parses(template):
    module = load_module(template, "CleanupExecutionFunction")
    ended = module.ExecutionEnded.model_validate(load("cleanup_execution")["detail"])
    assert ended.status in ("FAILED", "TIMED_OUT", "ABORTED")


def test_api_event_parses():
    event = APIGatewayProxyEventV2(load("api"))
    assert event.request_context.authorizer.jwt_claim["sub"]
    CreateJobRequest.model_validate_json(event.body)
