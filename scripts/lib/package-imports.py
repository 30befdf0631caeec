"""Checks that each target of the package declares exactly the modules its Swift files import:
no import of a module the target does not declare (it would build only while some other target
happens to pull that module in), and no declared dependency nothing imports (it costs build time
and hides what the target really needs).

Usage: swift package dump-package | python3 scripts/lib/package-imports.py
Prints one line per mismatch and exits 1 when there is any.
"""
import glob
import json
import re
import sys

# Modules of the toolchain and the platform, never declared.
SYSTEM = {"Foundation", "FoundationEssentials", "FoundationNetworking", "FoundationXML", "Glibc", "Musl",
          "Darwin", "Dispatch", "XCTest", "Testing", "Synchronization", "_Concurrency"}
# Products that bring a second module a target may import directly (Yams ships libyaml as CYaml,
# whose event API gives the loader line and column of every node).
ALSO_PROVIDES = {"Yams": {"CYaml"}}

IMPORT = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?"
                    r"import\s+(?:(?:struct|class|enum|protocol|func|var|let|typealias)\s+)?([A-Za-z_]\w*)")


def imports_of(path):
    found = set()
    for file in glob.glob(f"{path}/**/*.swift", recursive=True):
        in_string = False
        for line in open(file, encoding="utf-8"):
            # Multi-line string literals hold other languages (Python run by the tests).
            if line.count('"""') % 2 == 1:
                in_string = not in_string
                continue
            if in_string:
                continue
            match = IMPORT.match(line)
            if match:
                found.add(match.group(1))
    return found - SYSTEM


def main():
    package = json.load(sys.stdin)
    problems = []
    for target in package["targets"]:
        if target["type"] in ("system", "binary", "plugin", "macro"):
            continue
        folder = "Tests" if target["type"] == "test" else "Sources"
        imported = imports_of(target.get("path") or f"{folder}/{target['name']}")
        declared = set()
        for dependency in target["dependencies"]:
            name = next(iter(dependency.values()))[0]
            modules = {name.replace("-", "_")} | ALSO_PROVIDES.get(name, set())
            declared |= modules
            if not modules & imported:
                problems.append(f"{target['name']}: declares {name} but imports it nowhere")
        for module in sorted(imported - declared):
            problems.append(f"{target['name']}: imports {module} without declaring it")
    for problem in problems:
        print(problem)
    print(f"package imports: {len(package['targets'])} targets, {len(problems)} mismatches")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
