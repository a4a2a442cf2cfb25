"""Real agent reports (../shared/corpus/real) never crash reportlint, under any template."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from reportlint import api, model

from conftest import SHARED, shared

REAL = sorted((SHARED / "corpus/real").glob("*.md"))


@pytest.mark.parametrize("template", [None, "acknowledgement", "progress", "completion"])
def test_real_reports_never_crash(run: Callable[..., Result], template: str | None) -> None:
    folder = shared("corpus", "real")
    args = ["check", "--format", "json", folder]
    if template:
        args[1:1] = ["--template", template]
    result = run(*args)
    assert result.exit_code == 1  # these reports only half follow the templates
    findings = json.loads(result.stdout)
    assert [d for d in findings if d["code"] == "RL901"] == []
    lines = {p.name: model.line_count(p.read_text("utf-8")) for p in folder.glob("*.md")}
    for finding in findings:
        assert 1 <= finding["line"] <= lines[Path(finding["path"]).name], finding
    assert {Path(d["path"]).name for d in findings} == set(lines)


def test_real_reports_are_reports_or_read_as_reports(run: Callable[..., Result]) -> None:
    """Every real report is checked beyond RL005: by its title, a template's or one in the
    shape agents write, or (no title) by its words, with RL005 saying what to write."""
    if not REAL:
        pytest.skip("../shared/corpus/real is absent")
    result = run("check", "--isolated", "--format", "json", *REAL)
    findings = json.loads(result.stdout)
    no_report = {Path(d["path"]).name for d in findings if d["code"] == "RL005"}
    outcomes = list(api.run(api.CheckOptions(paths=tuple(REAL), isolated=True, cache=False)))
    # None is passed over as not a report; each is checked as one report or more.
    assert [o.path for o in outcomes if o.skipped or not o.reports] == []
    # Report-like: no title of the template's, read by their words.
    assert no_report == {
        "001_webrana-pm-progress-report-id.md", "004_webrana-handover-phase4.md",
        "005_webrana-pm-project-progress-report.md", "006_gyanverse-gsd-phase5-summary.md",
        "007_bqxml-ba-to-ce-phase2-ack-plan.md", "008_bqxml-ba-to-ce-progress-report.md",
        "009_bqxml-qa-to-ce-tasks-complete.md", "010_bqxml-ba-to-ce-issue-report.md",
        "013_minerva-be001-nestjs-setup-ko.md", "015_bqxml-ba-to-ce-gap-remediation-ack.md",
        "021_contextd-autoclaude-qa-report-rejected.md",
        "026_bqxml-qa-to-ce-eurusd-directive-ack.md",
        "028_neurallace-closeplan-autogen-completion.md",
        "029_precious-benson-ack-plus-completion.md",
        "032_smartpermit-session-handoff-two-agents.md",
        "033_bqxml-qa-to-ce-gbpusd-delay-alert.md",
    }
