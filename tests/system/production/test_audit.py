"""The offline dependency audit: every known advisory of the pinned stack that
applies to an installed version is triaged, with its source (deploy/audit.py)."""

import yaml

from deploy.audit import FINDINGS, check, installed


def test_every_known_advisory_of_the_installed_stack_is_triaged(capsys):
    findings = yaml.safe_load(FINDINGS.read_text(encoding="utf-8"))["findings"]
    assert check(findings, installed()) == []
    report = capsys.readouterr().out
    assert "APPLIES to keras 2.12.0 -> mitigated" in report


def test_a_finding_without_triage_fails_the_audit():
    finding = {"id": "CVE-0000-0001", "package": "rasa", "affected": "<99", "severity": "high", "source": "x"}
    assert check([finding], installed())
