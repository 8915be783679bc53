"""Dependency audit that works offline (`make audit`, and a test in CI).

Checks deploy/audit-findings.yml, the triaged known vulnerabilities of the
pinned stack, against the installed packages: each finding must name a
source and a triage, and the report lists which ones apply to the installed
versions. That proves the triage covers the known advisories; it cannot find
new ones, because no vulnerability database is reachable from the build
machines. With network access, AUDIT_ONLINE=1 also runs pip-audit (in its own
virtualenv, .venv-audit) over the installed packages and fails on any advisory
that is not in the triaged list.
"""

import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Dict, List

import yaml
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
FINDINGS = ROOT / "deploy" / "audit-findings.yml"
PIP_AUDIT_PIN = "pip-audit==2.10.1"
TRIAGES = ("not-affected", "mitigated", "accepted")


def installed() -> Dict[str, str]:
    return {dist.metadata["Name"].lower().replace("_", "-"): dist.version for dist in metadata.distributions()}


def check(findings: List[dict], packages: Dict[str, str]) -> List[str]:
    """Problems with the triage list; prints one line per finding."""
    problems = []
    for finding in findings:
        name = finding["package"].lower()
        version = packages.get(name)
        if not finding.get("source") or not str(finding.get("triage", "")).startswith(TRIAGES):
            problems.append(f"{finding['id']}: needs a source and a triage starting with one of {TRIAGES}")
        if version is None:
            state = "not installed"
        elif Version(version) in SpecifierSet(finding["affected"]):
            state = f"APPLIES to {name} {version} -> {str(finding.get('triage', 'UNTRIAGED')).split(':')[0]}"
        else:
            state = f"fixed in the installed {name} {version}"
        print(f"  {finding['id']:<16} {finding['severity']:<9} {state}")
    return problems


def pip_audit(known: set) -> List[str]:
    venv = ROOT / ".venv-audit"
    if not (venv / "bin" / "pip-audit").exists():
        subprocess.run(["python3", "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", PIP_AUDIT_PIN], check=True)
    frozen = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--exclude-editable"], check=True, capture_output=True, text=True
    ).stdout
    requirements = ROOT / "results" / "audit-requirements.txt"
    requirements.parent.mkdir(exist_ok=True)
    requirements.write_text(frozen)
    result = subprocess.run(
        [str(venv / "bin" / "pip-audit"), "--no-deps", "--disable-pip", "-r", str(requirements), "--format", "json"],
        capture_output=True,
        text=True,
    )
    import json

    report = json.loads(result.stdout or "{}")
    unknown = []
    for dependency in report.get("dependencies", []):
        for vuln in dependency.get("vulns", []):
            ids = {vuln["id"], *vuln.get("aliases", [])}
            if not ids & known:
                unknown.append(f"{dependency['name']} {dependency['version']}: {vuln['id']} is not triaged")
    return unknown


def main() -> int:
    findings = yaml.safe_load(FINDINGS.read_text(encoding="utf-8"))["findings"]
    print(f"Known vulnerabilities of the pinned stack ({FINDINGS.relative_to(ROOT)}):")
    problems = check(findings, installed())
    if os.environ.get("AUDIT_ONLINE") == "1":
        problems += pip_audit({f["id"] for f in findings})
    else:
        print("pip-audit skipped: it needs the online vulnerability database (set AUDIT_ONLINE=1 where reachable).")
    for problem in problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
