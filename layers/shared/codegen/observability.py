"""Powertools Tracer and Metrics shared by the functions (namespace and service from the environment).

Metrics (EMF): JobsCreated, QuestionsAsked, AnswersSubmitted, JobsCompleted, JobsFailed, JobsCancelled,
GenerationDuration (ms), InputTokens, OutputTokens."""

from aws_lambda_powertools import Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit

tracer = Tracer()
metrics = Metrics(namespace="ServerlessCodegen")


def count(name: str, value: float = 1) -> None:
    metrics.add_metric(name=name, unit=MetricUnit.Count, value=value)


def milliseconds(name: str, value: float) -> None:
    metrics.add_metric(name=name, unit=MetricUnit.Milliseconds, value=value)
