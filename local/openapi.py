"""`make openapi`: write docs/openapi.json from the API function's route definitions."""

import json
import sys

from local.lambdas import load_module
from local.template import ROOT, LocalTemplate

OPENAPI_FILE = ROOT / "docs" / "openapi.json"


def generate() -> str:
    app = load_module(LocalTemplate(), "ApiFunction").app
    return app.get_openapi_json_schema(title="Serverless Codegen API", version="1.0.0") + "\n"


if __name__ == "__main__":
    OPENAPI_FILE.write_text(generate())
    print(f"wrote {OPENAPI_FILE.relative_to(ROOT)}", file=sys.stderr)
    json.loads(OPENAPI_FILE.read_text())
