#!/usr/bin/env python3
"""Least privilege, checked on the roles CloudFormation will really create.

template.yaml is a SAM template: SAM generates roles for what the template leaves to it
(a function without Role, a schedule's invoke role) and may attach AWS managed policies, which
grant on Resource "*". So the template is first transformed to plain CloudFormation with the SAM
translator (offline), then every IAM role and policy in the result is read. It fails, naming each
offender, when a role has managed policies attached, or an Allow statement has a wildcard action,
NotAction, NotResource, or Resource "*" for an action that IAM can scope to a resource.

usage: python3 infrastructure/check_iam.py [template.yaml]   (needs samtranslator, which cfn-lint installs)
"""

import os
import sys
from pathlib import Path

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse

# Actions with no resource-level permission: "*" is the narrowest resource IAM accepts for them.
UNSCOPABLE_ACTIONS = {
    "dynamodb:ListStreams",  # the DynamoDB stream event source lists the table's streams
    # X-Ray (only if Tracing is turned on): its write actions have no resource types.
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
    "xray:GetSamplingRules",
    "xray:GetSamplingTargets",
}

IAM_TYPES = {"AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy"}


class OfflinePolicyLoader:
    """SAM resolves managed policy names from the map it ships; this loader is only asked for names
    missing there, and instead of calling IAM it knows none: such a name stays as written in
    ManagedPolicyArns, where the check below reports it."""

    def load(self):
        return {}


def transformed(template_path):
    template = yaml_parse(template_path.read_text())
    # The translator accepts only S3 locations for code (sam build/deploy put it there); where the code is
    # does not matter here. CodeUri may be a function's own or the Globals'.
    function_globals = template.get("Globals", {}).get("Function", {})
    if "CodeUri" in function_globals:
        function_globals["CodeUri"] = "s3://bucket/code.zip"
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties", {})
        if resource.get("Type") == "AWS::Serverless::Function" and not str(properties.get("CodeUri", "s3://")).startswith("s3://"):
            properties["CodeUri"] = "s3://bucket/code.zip"
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")  # picks the partition of generated ARNs
    return transform(template, {}, OfflinePolicyLoader())


def as_list(value):
    return value if isinstance(value, list) else [value]


def branches(value):
    """Both outcomes of an Fn::If (SAM passes conditional policies through as one), else the value."""
    if isinstance(value, dict) and "Fn::If" in value:
        for outcome in value["Fn::If"][1:]:
            yield from branches(outcome)
    elif not (isinstance(value, dict) and value.get("Ref") == "AWS::NoValue"):
        yield value


def policy_documents(properties):
    """Permission policies only: a role's trust policy (AssumeRolePolicyDocument) grants nothing."""
    if "PolicyDocument" in properties:
        yield from branches(properties["PolicyDocument"])
    for policy in as_list(properties.get("Policies") or []):
        for each in branches(policy):
            yield from branches(each["PolicyDocument"])


def statements(document):
    return [s for each in as_list(document.get("Statement", [])) for s in branches(each)]


def offences(name, properties):
    for arn in properties.get("ManagedPolicyArns") or []:
        yield f"{name}: managed policy attached: {arn}"
    for document in policy_documents(properties):
        for index, statement in enumerate(statements(document)):
            if statement.get("Effect") != "Allow":
                continue
            where = f"{name}: statement {statement.get('Sid', index)}"
            for key in ("NotAction", "NotResource"):
                if key in statement:
                    yield f"{where}: {key} allows everything not listed"
            actions = [a for a in as_list(statement.get("Action", [])) if isinstance(a, str)]
            for action in actions:
                if "*" in action:
                    yield f"{where}: wildcard action {action}"
            if "*" in as_list(statement.get("Resource", [])):
                scopable = sorted(set(actions) - UNSCOPABLE_ACTIONS)
                if scopable:
                    yield f"{where}: Resource \"*\" for {', '.join(scopable)}"


def main():
    template_path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "template.yaml"
    resources = transformed(template_path)["Resources"]
    iam = {name: r.get("Properties", {}) for name, r in resources.items() if r["Type"] in IAM_TYPES}
    found = [offence for name, properties in iam.items() for offence in offences(name, properties)]
    if found:
        print(f"check_iam: {len(found)} offender(s) in {template_path.name} (after the SAM transform):", file=sys.stderr)
        for offence in found:
            print("  " + offence, file=sys.stderr)
        sys.exit(1)
    read = [s for p in iam.values() for d in policy_documents(p) for s in statements(d)]
    unscoped = sorted({a for s in read if "*" in as_list(s.get("Resource", [])) for a in as_list(s.get("Action", []))})
    print(f"check_iam: {template_path.name} clean after the SAM transform: {len(iam)} IAM resources, {len(read)} statements,"
          f" no managed policies, no wildcard actions, Resource \"*\" only for {', '.join(unscoped) or 'nothing'}")


if __name__ == "__main__":
    main()
