"""The template, the ASL and the function code agree with each other, and the linters are clean."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from local.template import ROOT, LocalTemplate

BIN = Path(sys.executable).parent
ASL = ROOT / "statemachine" / "codegen_job.asl.json"


@pytest.fixture(scope="module")
def template() -> LocalTemplate:
    return LocalTemplate()


def test_cfn_lint_is_clean():
    run = subprocess.run([str(BIN / "cfn-lint"), "template.yaml"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout == "", run.stdout + run.stderr


def test_sam_validate_lint_is_clean():
    # `make test` installs the SAM CLI in its own virtualenv and passes its path in SAM_CLI.
    local_sam = ROOT / ".venv-sam" / "bin" / "sam"
    sam = os.environ.get("SAM_CLI") or (str(local_sam) if local_sam.exists() else shutil.which("sam"))
    assert sam, "no SAM CLI: run the tests with `make test`, which installs it"
    run = subprocess.run(
        [sam, "validate", "--lint"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "SAM_CLI_TELEMETRY": "0"},
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "is a valid SAM Template" in run.stdout + run.stderr


def test_every_asl_substitution_is_defined_and_used(template):
    definition = ASL.read_text()
    used = set(re.findall(r"\$\{(\w+)\}", definition))
    defined = set(template.resources["CodegenJobStateMachine"]["Properties"]["DefinitionSubstitutions"])
    assert used == defined


def test_every_next_state_exists_and_every_state_is_reachable():
    states = json.loads(ASL.read_text())["States"]
    targets = {json.loads(ASL.read_text())["StartAt"]}
    for state in states.values():
        targets.update(filter(None, [state.get("Next"), state.get("Default")]))
        targets.update(c["Next"] for c in state.get("Choices", []) + state.get("Catch", []))
    assert targets == set(states)


def test_every_function_handler_exists(template):
    for logical_id, resource in template.of_type("AWS::Serverless::Function").items():
        properties = resource["Properties"]
        module, handler = properties["Handler"].rsplit(".", 1)
        source = ROOT / properties["CodeUri"] / f"{module}.py"
        assert source.exists(), logical_id
        assert re.search(rf"^def {handler}\(", source.read_text(), re.MULTILINE), logical_id


def test_runtime_layer_and_state_machine_type(template):
    assert template.document["Globals"]["Function"]["Runtime"] == "python3.13"
    assert template.resources["SharedLayer"]["Metadata"]["BuildMethod"] == "python3.13"
    assert template.resources["CodegenJobStateMachine"]["Properties"]["Type"] == "STANDARD"


def test_tables_are_encrypted_with_point_in_time_recovery(template):
    for logical_id, table in template.of_type("AWS::DynamoDB::Table").items():
        properties = table["Properties"]
        assert properties["BillingMode"] == "PAY_PER_REQUEST", logical_id
        assert properties["SSESpecification"]["SSEEnabled"] is True, logical_id
        assert properties["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True, logical_id


def test_artifacts_bucket_is_private_and_encrypted(template):
    bucket = template.resources["ArtifactsBucket"]["Properties"]
    assert all(bucket["PublicAccessBlockConfiguration"].values())
    assert bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert bucket["LifecycleConfiguration"]["Rules"]


def test_no_wildcard_resource_except_log_delivery(template):
    for logical_id, resource in template.resources.items():
        for policy in resource.get("Properties", {}).get("Policies", []) or []:
            for statement in policy.get("Statement", []) if isinstance(policy, dict) else []:
                if statement.get("Resource") == "*":
                    assert all(action.startswith("logs:") for action in statement["Action"]), logical_id


def test_local_stack_uses_the_template_environment(template):
    environment = template.function_environment("ApiFunction")
    assert environment["STATE_MACHINE_ARN"].endswith(":stateMachine:CodegenJobStateMachine")
    assert environment["JOBS_TABLE_NAME"] == "JobsTable"


def test_ruff_is_clean():
    run = subprocess.run([str(BIN / "ruff"), "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_checkov_finds_nothing_unsuppressed():
    """Every finding of the security scan is fixed, or skipped in the template with a written reason."""
    local_checkov = ROOT / ".venv-checkov" / "bin" / "checkov"
    checkov = os.environ.get("CHECKOV_CLI") or (str(local_checkov) if local_checkov.exists() else shutil.which("checkov"))
    assert checkov, "no checkov: run the tests with `make test`, which installs it"
    run = subprocess.run(
        [checkov, "-f", "template.yaml", "--framework", "cloudformation", "--compact", "--skip-download", "-o", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(run.stdout)
    assert report["summary"]["failed"] == 0, [c["check_id"] + " " + c["resource"] for c in report["results"]["failed_checks"]]
    for skipped in report["results"]["skipped_checks"]:
        reason = skipped["check_result"].get("suppress_comment") or ""
        assert len(reason) > 30, f"{skipped['check_id']} on {skipped['resource']} is skipped without a reason"
