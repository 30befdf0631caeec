"""Agreement with checkov on deliberately broken plans.

Applies every mutation of Tests/PlinthGuardrailsTests/Fixtures/plan-mutations.json to its committed
plan fixture, runs checkov's terraform_plan framework once over the unbroken and the broken plans,
and takes, for each broken plan, the checkov failures its unbroken plan does not have. Each such
failure must be caught by the plinth rule the mutation is meant for (per the mapping in
docs/guardrails/checkov.md) or be listed there as a deliberate difference with its reason.

Usage: python3 scripts/lib/checkov-agreement.py WORKDIR
Prints one line per broken plan and exits 1 on any unexplained checkov failure.
"""
import copy
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "Tests/PlinthGuardrailsTests/Fixtures")
TABLE = os.path.join(ROOT, "docs/guardrails/checkov.md")


def resources(module):
    yield from module.get("resources", [])
    for child in module.get("child_modules", []):
        yield from resources(child)


def set_path(values, path, value, remove=False):
    keys = [int(k) if k.isdigit() else k for k in path.split(".")]
    for key in keys[:-1]:
        values = values[key]
    if remove:
        values.pop(keys[-1], None)
    else:
        values[keys[-1]] = value


def mutate(plan, case):
    plan = copy.deepcopy(plan)
    root = plan["planned_values"]["root_module"]
    if "add" in case:
        module = next(m for m in root["child_modules"] if m["address"] == case["add"]["module"])
        module.setdefault("resources", []).append(case["add"]["resource"])
    if "address" in case:
        def strip(module):
            module["resources"] = [r for r in module.get("resources", []) if r["address"] != case["address"]]
            for child in module.get("child_modules", []):
                strip(child)
        if case.get("remove"):
            strip(root)
        for resource in resources(root):
            if resource["address"] != case["address"]:
                continue
            for path, value in case.get("set", {}).items():
                set_path(resource["values"], path, value)
            for path in case.get("unset", []):
                set_path(resource["values"], path, None, remove=True)
    return plan


def table():
    """checkov id -> (plinth rule or None, reason), from the Markdown table."""
    rows = {}
    for line in open(TABLE, encoding="utf-8"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and re.fullmatch(r"CKV2?_AWS_\d+", cells[0]):
            rule = cells[1] if re.fullmatch(r"PL-[A-Z0-9]+-\d{3}", cells[1]) else None
            rows[cells[0]] = (rule, cells[2])
    return rows


def failures(report):
    by_file = {}
    for run in report if isinstance(report, list) else [report]:
        for check in run.get("results", {}).get("failed_checks", []):
            name = os.path.basename(check["file_path"].lstrip("/"))
            by_file.setdefault(name, set()).add((check["check_id"], check["resource"]))
    return by_file


def main():
    work = sys.argv[1]
    os.makedirs(work, exist_ok=True)
    cases = json.load(open(os.path.join(FIXTURES, "plan-mutations.json")))["cases"]
    files = []
    for name in sorted({c["plan"] for c in cases}):
        plan = json.load(open(os.path.join(FIXTURES, "plans", name + ".json")))
        path = os.path.join(work, "base--" + name + ".json")
        json.dump(plan, open(path, "w"))
        files.append(path)
    for case in cases:
        plan = json.load(open(os.path.join(FIXTURES, "plans", case["plan"] + ".json")))
        path = os.path.join(work, "case--" + case["name"] + ".json")
        json.dump(mutate(plan, case), open(path, "w"))
        files.append(path)
    # No plan enrichment: it reports failures against module source files, and the diff against each
    # unbroken plan cancels the inline skips enrichment would honour anyway.
    command = ["checkov", "--framework", "terraform_plan", "--skip-download", "--quiet", "--compact", "-o", "json"]
    for path in files:
        command += ["-f", path]
    run = subprocess.run(command, capture_output=True, text=True)
    report = json.loads(run.stdout) if run.stdout.strip() else []
    found = failures(report)
    mapping = table()
    unexplained = 0
    for case in cases:
        new = found.get("case--" + case["name"] + ".json", set()) - found.get("base--" + case["plan"] + ".json", set())
        notes = []
        for check_id, resource in sorted(new):
            rule, reason = mapping.get(check_id, (None, None))
            if rule == case["rule"]:
                notes.append(f"{check_id}={rule}")
            elif rule is None and reason:
                notes.append(f"{check_id}~difference")
            else:
                unexplained += 1
                notes.append(f"{check_id} UNEXPLAINED on {resource} (table: {rule or 'absent'})")
        print(f"  {case['name']:<30} {case['rule']:<11} checkov: {', '.join(notes) or 'nothing new'}")
    print(f"  {len(cases)} broken plans; {unexplained} checkov failure(s) neither caught by plinth nor listed as a deliberate difference")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
