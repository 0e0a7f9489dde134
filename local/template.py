"""Read template.yaml (CloudFormation tags included) and resolve its intrinsics for the local stack."""

import re
from pathlib import Path
from typing import Any

from cfn_tools import load_yaml

ROOT = Path(__file__).resolve().parent.parent
ACCOUNT = "123456789012"
REGION = "us-east-1"


class LocalTemplate:
    """The template with parameter overrides, and local physical names for its resources."""

    def __init__(self, path: Path = ROOT / "template.yaml", overrides: dict[str, str] | None = None):
        self.document = load_yaml(path.read_text())
        self.resources: dict[str, dict] = self.document["Resources"]
        self.parameters = {name: str(spec.get("Default", "")) for name, spec in self.document.get("Parameters", {}).items()}
        unknown = set(overrides or {}) - set(self.parameters)
        if unknown:
            raise ValueError(f"unknown template parameters: {sorted(unknown)}")
        self.parameters.update(overrides or {})
        for name, spec in self.document.get("Parameters", {}).items():
            allowed = [str(v) for v in spec.get("AllowedValues", [])]
            if allowed and self.parameters[name] not in allowed:
                raise ValueError(f"parameter {name}={self.parameters[name]!r} is not one of {allowed}")

    def of_type(self, resource_type: str) -> dict[str, dict]:
        return {name: r for name, r in self.resources.items() if r["Type"] == resource_type}

    # ---- physical names and attributes of resources, as the local stack creates them
    def physical_name(self, logical_id: str) -> str:
        resource_type = self.resources[logical_id]["Type"]
        if resource_type == "AWS::S3::Bucket":
            return f"codegen-local-{logical_id.lower()}"
        if resource_type == "AWS::Serverless::StateMachine":
            return f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:{logical_id}"
        return logical_id

    def attribute(self, logical_id: str, name: str) -> str:
        resource_type = self.resources[logical_id]["Type"]
        if name == "Arn" and resource_type == "AWS::Serverless::Function":
            return f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{logical_id}"
        if name == "Arn" and resource_type == "AWS::DynamoDB::Table":
            return f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{logical_id}"
        if name == "Arn" and resource_type == "AWS::S3::Bucket":
            return f"arn:aws:s3:::{self.physical_name(logical_id)}"
        if name == "Name":
            return logical_id
        raise KeyError(f"local stack cannot resolve !GetAtt {logical_id}.{name}")

    # ---- intrinsic functions
    def resolve(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            ((key, arg),) = value.items()
            if key == "Ref":
                return self._ref(arg)
            if key == "Fn::GetAtt":
                logical_id, name = arg if isinstance(arg, list) else arg.split(".", 1)
                return self.attribute(logical_id, name)
            if key == "Fn::Sub":
                return self._sub(arg)
        return {k: self.resolve(v) for k, v in value.items()}

    def _ref(self, name: str) -> str:
        pseudo = {"AWS::Region": REGION, "AWS::AccountId": ACCOUNT, "AWS::Partition": "aws", "AWS::StackName": "codegen-local"}
        if name in pseudo:
            return pseudo[name]
        if name in self.parameters:
            return self.parameters[name]
        return self.physical_name(name)

    def _sub(self, text: str) -> str:
        def replace(match: re.Match) -> str:
            name = match.group(1)
            if "." in name:
                return self.attribute(*name.split(".", 1))
            return self._ref(name)

        return re.sub(r"\$\{([^}!]+)\}", replace, text)

    # ---- functions
    def function_environment(self, logical_id: str) -> dict[str, str]:
        """Globals' variables plus the function's own, resolved."""
        merged = dict(self.document.get("Globals", {}).get("Function", {}).get("Environment", {}).get("Variables", {}))
        own = self.resources[logical_id]["Properties"].get("Environment", {}).get("Variables", {})
        merged.update(own)
        return {k: str(self.resolve(v)) for k, v in merged.items()}

    def state_machine_definition(self, logical_id: str) -> str:
        properties = self.resources[logical_id]["Properties"]
        definition = (ROOT / properties["DefinitionUri"]).read_text()
        substitutions = {k: str(self.resolve(v)) for k, v in properties.get("DefinitionSubstitutions", {}).items()}
        missing = sorted(set(re.findall(r"\$\{(\w+)\}", definition)) - set(substitutions))
        if missing:
            raise ValueError(f"{properties['DefinitionUri']} uses undefined substitutions {missing}")
        return re.sub(r"\$\{(\w+)\}", lambda m: substitutions[m.group(1)], definition)
