"""docs/templates.md, followed literally: the configuration, the template and the report it
shows work together, and the commands it names say what it says they say."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import ROOT

GUIDE = (ROOT / "docs/templates.md").read_text("utf-8")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    block = {kind: re.findall(rf"```{kind}\n(.*?)```", GUIDE, re.DOTALL)[0]
             for kind in ("toml", "markdown", "yaml")}
    (tmp_path / "pyproject.toml").write_text(block["toml"], "utf-8")
    (tmp_path / "design-report.md").write_text(block["markdown"], "utf-8")
    (tmp_path / "report-templates").mkdir()
    (tmp_path / "report-templates/design-completion.yaml").write_text(block["yaml"], "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_guide_works_as_written(run: Callable[..., Result], project: Path) -> None:
    checked = run("template", "check", "report-templates/design-completion.yaml")
    assert checked.exit_code == 0
    assert "ok: template `design-completion`" in checked.stdout
    result = run("check", "design-report.md")
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "All checks passed! (1 file checked)\n"
    model = json.loads(run("extract", "design-report.md").stdout)
    (report,) = model["reports"]
    assert report["template"] == "design-completion"
    assert list(report["fields"]) == ["status", "figma", "handoff-to"]
    assert list(report["sections"]) == ["screens-delivered", "accessibility-checks"]


def test_the_guides_broken_report_is_caught(run: Callable[..., Result], project: Path) -> None:
    report = project / "design-report.md"
    text = report.read_text("utf-8").replace("| Payment | Final |", "| Payment | Done |")
    report.write_text(text.replace("- [x] Every control", "- [ ] Every control"), "utf-8")
    found = json.loads(run("check", "--format", "json", "design-report.md").stdout)
    assert [(d["line"], d["code"]) for d in found] == [(10, "RL106"), (14, "RL107")]


def test_the_guides_scaffold(run: Callable[..., Result], project: Path) -> None:
    skeleton = run("new", "design-completion", "--task-id", "UX-005", "--name", "Order history")
    assert skeleton.exit_code == 0
    assert skeleton.stdout.startswith("## Design Completion Report: UX-005 - Order history\n")
    found = json.loads(run("check", "--format", "json", "-", input=skeleton.stdout).stdout)
    assert {d["code"] for d in found} == {"RL201"}
