"""The domain's metrics reach Powertools Metrics as EMF, in the ServerlessCodegen namespace."""

import json

from codegen.observability import count, metrics, milliseconds


def test_counts_and_durations_are_emitted_as_emf(capsys, monkeypatch):
    monkeypatch.setenv("POWERTOOLS_METRICS_DISABLED", "false")
    metrics.clear_metrics()  # earlier tests ran handlers with metrics disabled: drop what they added
    count("JobsCreated")
    milliseconds("GenerationDuration", 12.5)
    metrics.flush_metrics()
    emf = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    directive = emf["_aws"]["CloudWatchMetrics"][0]
    assert directive["Namespace"] == "ServerlessCodegen"
    assert {m["Name"] for m in directive["Metrics"]} == {"JobsCreated", "GenerationDuration"}
    assert emf["JobsCreated"] == [1.0] or emf["JobsCreated"] == 1.0
