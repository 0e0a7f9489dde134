import json

from codegen.services.failures import describe
from codegen.timeutil import normalize_timestamp


def test_answer_timeout_maps_to_its_code():
    error = describe({"Error": "AnswerTimeout", "Cause": "No answers arrived before the questions timed out."})
    assert error.code == "answer_timeout"


def test_generation_error_keeps_the_agents_message():
    cause = json.dumps({"errorMessage": "cannot build Go", "errorType": "GenerationError"})
    error = describe({"Error": "GenerationError", "Cause": cause})
    assert (error.code, error.message) == ("generation_failed", "cannot build Go")


def test_unexpected_errors_do_not_leak_their_cause():
    error = describe({"Error": "KeyError", "Cause": json.dumps({"errorMessage": "secret internals"})})
    assert error.code == "internal_error" and "secret" not in error.message


def test_timestamps_from_aws_and_moto_become_one_format():
    assert normalize_timestamp("2026-01-16T07:13:07.123Z") == "2026-01-16T07:13:07.123Z"
    assert normalize_timestamp("2026-01-16T07:13:07.123456") == "2026-01-16T07:13:07.123Z"  # moto: no zone
    assert normalize_timestamp("2026-01-16T08:13:07+01:00") == "2026-01-16T07:13:07.000Z"
