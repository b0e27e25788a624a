"""Runs pdfua (PDF/UA-1 machine checks) on each PDF given and fails unless
every one has no error, no warning and no rule that could not run.

    python tests/pdfua_gate.py PDFUA_EXECUTABLE FILE.pdf...

A rule that could not run is a check that did not happen, so it fails the
gate, except where docs/reliability.md shows it to be a fault of pdfua
itself (KNOWN_FAULTS) and tests/pdf.rs makes the same check instead.
"""

import json
import subprocess
import sys

# rule id -> the text of its known failure, from docs/reliability.md
KNOWN_FAULTS = {
    # pdfua 0.1.3 asks a heading's /K for `is_integer` before checking
    # whether it is an array; pikepdf raises ValueError for an array, so the
    # rule stops at the first heading with more than one piece of content.
    # tests/pdf.rs checks that no heading is empty.
    "UA-14-001": "cannot get key '/is_integer' on object of type array",
}


def check(pdfua, path):
    """The problems pdfua finds in the PDF at `path`, as lines of text."""
    run = subprocess.run([pdfua, "check", "--format", "json", path], capture_output=True, text=True)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        return [f"pdfua did not report (exit {run.returncode}): {run.stderr.strip() or run.stdout.strip()}"]
    problems = [
        f"{finding['severity']} {finding['rule_id']} ({finding.get('location', '')}): {finding['message']}"
        for finding in report["findings"]
    ]
    for skipped in report["skipped"]:
        known = KNOWN_FAULTS.get(skipped["rule_id"])
        if known is None or known not in skipped["reason"]:
            problems.append(f"rule {skipped['rule_id']} could not run: {skipped['reason']}")
    summary = report["summary"]
    if summary["rules_run"] == 0:
        problems.append("pdfua ran no rule")
    print(
        f"{path}: {summary['errors']} errors, {summary['warnings']} warnings, "
        f"{summary['rules_run']} rules run, {summary['rules_skipped']} skipped"
    )
    return problems


def main():
    pdfua, paths = sys.argv[1], sys.argv[2:]
    if not paths:
        sys.exit("usage: pdfua_gate.py PDFUA FILE.pdf...")
    failed = False
    for path in paths:
        for problem in check(pdfua, path):
            failed = True
            print(f"  {problem}", file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
