"""Real agent reports (../shared/corpus/real) never crash reportlint, under any template."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from reportlint import model

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


def test_real_reports_with_a_title_are_recognised(run: Callable[..., Result]) -> None:
    if not REAL:
        pytest.skip("../shared/corpus/real is absent")
    result = run("check", "--format", "json", *REAL)
    no_report = {Path(d["path"]).name for d in json.loads(result.stdout) if d["code"] == "RL005"}
    recognised = {p.name for p in REAL} - no_report
    assert recognised == {
        "018_karimastore-task011-completion.md",
        "019_kbgp-rtp-org-001-completion-deploy.md",
        "020_zotify-jules-phase5-search-cleanup.md",
        "022_unicorn-sleep-mode-progress-update.md",
        "024_guardkit-kartlog-task-pl-002-completion.md",
    }
