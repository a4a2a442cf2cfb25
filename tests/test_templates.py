"""Templates are input too: broken ones are refused with a message naming file and place."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from reportlint import templates
from reportlint.templates import Template, TemplateProblem

HEAD = "x-reportlint: {name: t, title-pattern: '^t'}\n"


def load(tmp_path: Path, text: str) -> Template | TemplateProblem:
    path = tmp_path / "t.yaml"
    path.write_text(text, "utf-8")
    return templates.load_file(path)


@pytest.mark.parametrize(("text", "message", "line"), [
    (HEAD + "properties: {a: {$ref: 'https://example.com/s.json'}}\n",
     "`$ref: https://example.com/s.json` at /properties/a points outside the template", 2),
    (HEAD + "properties: {a: {$ref: 'other.yaml#/x'}}\n", "points outside the template", 2),
    (HEAD + "properties: {a: {$ref: '/etc/passwd'}}\n", "`$ref: /etc/passwd` at /properties/a",
     2),
    (HEAD + "properties: {a: {$ref: 'file:///etc/passwd'}}\n", "points outside the template",
     2),
    (HEAD + "type: objekt\n", "invalid JSON Schema at /type", 2),
    (HEAD + "properties:\n  fields:\n    requried: [status]\n",
     "unknown keyword `requried` at /properties/fields/requried (did you mean `required`?)", 4),
    (HEAD + "properties:\n  a:\n    x-mesage: hi\n",
     "unknown keyword `x-mesage` at /properties/a/x-mesage (did you mean `x-message`?)", 4),
    (HEAD + "properties:\n  a:\n    pattern: '(a+)+'\n",
     "regular expression at /properties/a/pattern is refused", 4),
    (HEAD + "properties: [\n", "invalid YAML", 3),
    ("- a list\n", "a template must be a YAML mapping", None),
    ("type: object\n", "missing `x-reportlint: {name: ..., title-pattern: ...}`", None),
    ("x-reportlint: {name: t, title-pattern: '(unclosed'}\n", "not a valid regex", None),
])
def test_broken_templates_are_refused(tmp_path: Path, text: str, message: str,
                                      line: int | None) -> None:
    problem = load(tmp_path, text)
    assert isinstance(problem, TemplateProblem)
    assert message in problem.message
    assert problem.line == line
    assert str(problem).startswith(str(tmp_path / "t.yaml"))


def test_builtin_templates_load(tmp_path: Path) -> None:
    registry, problems = templates.builtin()
    assert problems == []
    assert registry.names() == ["acknowledgement", "completion", "do-acknowledgement",
                                "do-completion", "do-progress", "fe-acknowledgement",
                                "fe-completion", "fe-progress", "progress",
                                "qa-acknowledgement", "qa-completion", "qa-progress", "task"]
    assert registry.classify("✅ Task Completion Report: BE-1 - X") == "completion"
    assert registry.classify("TASK ACKNOWLEDGED: BE-1") == "acknowledgement"
    assert registry.classify("Progress update: BE-1 - X") == "progress"
    assert registry.classify("Weekly progress") is None


def test_local_refs_work(tmp_path: Path) -> None:
    template = load(tmp_path, HEAD + "$defs: {s: {type: object}}\n$ref: '#/$defs/s'\n")
    assert isinstance(template, Template)


def test_template_check_command(run: Callable[..., Result], tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(HEAD + "properties: {fields: {required: [status]}}\n", "utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(HEAD + "properties:\n  fields:\n    requried: [status]\n", "utf-8")
    result = run("template", "check", good, bad)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{good}: ok: template `t`, titles matching `^t`",
        f"{bad}:4: unknown keyword `requried` at /properties/fields/requried (did you mean "
        "`required`?)",
    ]
    assert run("template", "check", good).exit_code == 0


def test_builtin_templates_pass_template_check(run: Callable[..., Result]) -> None:
    result = run("template", "check", *sorted(templates.builtin_dir().glob("*.yaml")))
    assert result.exit_code == 0, result.stdout


@pytest.mark.parametrize(("heading", "role", "template"), [
    ("Task Acknowledged: QA-009 - Suite", None, "qa-acknowledgement"),
    ("Task Acknowledged: [QA-XXX] - [Task Name]", None, "qa-acknowledgement"),
    ("Task Acknowledged: BE-014 - Rotation", None, "acknowledgement"),
    ("Task Acknowledged: FE-021 - Retry", None, "fe-acknowledgement"),
    ("Task Completion Report: FE-021 - Retry", None, "fe-completion"),
    ("Task Acknowledged: DO-004 - Deploy", None, "do-acknowledgement"),
    ("DevOps Completion Report: DO-004 - Deploy", None, "do-completion"),
    ("Task Acknowledged: UX-004 - Screens", None, "acknowledgement"),
    ("Task Acknowledged: Rotation", None, "acknowledgement"),
    ("Progress Update: qa-9 - lower case", None, "qa-progress"),
    ("Progress Update: BE-014 - Rotation", "qa", "qa-progress"),
    ("QA Completion Report: QA-009 - Suite", None, "qa-completion"),
    ("Task Completion Report: QA-009 - Suite", None, "completion"),
])
def test_role_from_task_id_prefix(heading: str, role: str | None, template: str) -> None:
    assert templates.builtin()[0].classify(heading, role) == template


def test_role_from_configuration(run: Callable[..., Result], tmp_path: Path) -> None:
    report = tmp_path / "r.md"
    report.write_text("## Progress Update: BE-014 - Rotation\n", "utf-8")
    (tmp_path / ".reportlint.toml").write_text('role = "qa"\n', "utf-8")
    found = run("check", "--format", "json", report).stdout
    assert "Test Execution Status" in found
    (tmp_path / ".reportlint.toml").write_text('role = "designer"\n', "utf-8")
    result = run("check", report)
    assert result.exit_code == 2
    assert ("`role`: unknown role 'designer'; known: backend, devops, frontend, "
            "product-manager, qa" in result.stderr)


@pytest.mark.parametrize(("heading", "role", "title"), [
    # First headings of real reports that use no template title (../shared/corpus/real).
    ("BE-011: Message Status Tracking - Completion Summary", None,
     "Task Completion Report: BE-011 - Message Status Tracking"),
    ("BE-009 Completion Evidence: Create Dashboard and Analytics Features", None,
     "Task Completion Report: BE-009 - Create Dashboard and Analytics Features"),
    ("BE-005 RBAC Implementation - Development Status & Continuity Guide", None,
     "Progress Update: BE-005 - RBAC Implementation"),
    ("BE-15: Integration Test Suite - Implementation Status", None,
     "Progress Update: BE-15 - Integration Test Suite"),
    ("BA Progress Report: Phase 1.5 Near Completion", None,
     "Progress Update: BE-001 - Add login endpoint"),
    ("QA Tasks Complete Report", None, "QA Completion Report: QA-001 - Checkout regression suite"),
    ("FE-002: Retry banner - Done", None, "Task Completion Report: FE-002 - Retry banner"),
    ("DO-004: Staging - status", "devops", "Progress Update: DO-004 - Staging"),
    ("Work summary", None, "Task Completion Report: BE-001 - Add login endpoint"),
    ("Session Handoff", None, "Task Acknowledged: BE-001 - Add login endpoint"),
    (None, None, "Task Acknowledged: BE-001 - Add login endpoint"),
])
def test_title_suggested_for_a_heading_that_is_not_one(heading: str | None, role: str | None,
                                                        title: str) -> None:
    registry = templates.builtin()[0]
    assert registry.suggest_title(heading, role) == title
    if heading and any(c.isdigit() for c in title.split(":")[1]):
        assert registry.classify(title, role) is not None
