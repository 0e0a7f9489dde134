"""The OpenAPI document comes from the route definitions; the checked-in copy must not drift."""

import json

from local.openapi import OPENAPI_FILE, generate

ROUTES = {
    ("post", "/jobs"),
    ("get", "/jobs"),
    ("get", "/jobs/{job_id}"),
    ("post", "/jobs/{job_id}/answers"),
    ("post", "/jobs/{job_id}/cancel"),
    ("get", "/jobs/{job_id}/artifacts"),
    ("post", "/sessions"),
    ("get", "/sessions"),
    ("get", "/sessions/{session_id}"),
    ("delete", "/sessions/{session_id}"),
    ("post", "/sessions/{session_id}/jobs"),
    ("get", "/queue"),
}


def test_every_route_is_documented_with_its_errors():
    document = json.loads(generate())
    documented = {(method, path) for path, operations in document["paths"].items() for method in operations}
    assert documented == ROUTES
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert "401" in operation["responses"], (method, path)


def test_checked_in_document_is_current():
    assert OPENAPI_FILE.read_text() == generate(), "run `make openapi` and commit docs/openapi.json"


def test_api_serves_the_document_and_swagger_ui(api):
    assert api.get("/docs", user=None).headers["content-type"] == "text/html"
    served = api.get("/docs?format=json", user=None).body
    assert {path for path in served["paths"]} == {path for _, path in ROUTES}
