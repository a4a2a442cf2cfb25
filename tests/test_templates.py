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
    (HEAD + "properties:\n  a:\n    pattern: '(a)\\1'\n",
     "regular expression at /properties/a/pattern is refused: invalid escape sequence: \\1", 4),
    (HEAD + "properties: [\n", "invalid YAML", 3),
    ("- a list\n", "a template must be a YAML mapping", None),
    ("type: object\n", "missing `x-reportlint: {name: ..., title-pattern: ...}`", None),
    ("x-reportlint: {name: t, title-pattern: '(unclosed'}\n",
     "regular expression at /x-reportlint/title-pattern is refused: missing ): (unclosed", 1),
])
def test_broken_templates_are_refused(tmp_path: Path, text: str, message: str,
                                      line: int | None) -> None:
    problem = load(tmp_path, text)
    assert isinstance(problem, TemplateProblem)
    assert message in problem.message
    assert problem.line == line
    assert str(problem).startswith(str(tmp_path / "t.yaml"))


META = "x-reportlint:\n  name: t\n  title-pattern: '^t'\n"


@pytest.mark.parametrize(("text", "line", "message"), [
    # x-reportlint, at the root only, with these keys and no others.
    (META + "  titel-pattern: '^x'\n", 4,
     "unknown key `titel-pattern` in `x-reportlint` (did you mean `title-pattern`?)"),
    (META + "  colour: red\n", 4, "unknown key `colour` in `x-reportlint`"),
    ("x-reportlint:\n  name: 42\n  title-pattern: '^t'\n", 2,
     "`x-reportlint.name` must be a string, not `42`"),
    (META + "  role: [qa]\n", 4, "`x-reportlint.role` must be a string, not a list"),
    (META + "  task-prefixes: QA\n", 4, "`x-reportlint.task-prefixes` must be a list of strings "
     "(task-id prefixes such as `QA`), not `QA`"),
    (META + "  task-prefixes: [QA,\n    7]\n", 5, "`x-reportlint.task-prefixes` must be a list "
     "of strings (task-id prefixes such as `QA`); item 2 is `7`"),
    ("x-reportlint:\n  name: t\n  title-pattern: 12\n", 3,
     "`x-reportlint.title-pattern` must be a regular expression (a string), not `12`"),
    (META + "  example-title: {a: 1}\n", 4,
     "`x-reportlint.example-title` must be a string, not a mapping"),
    (META + "  placeholders: TBD\n", 4,
     "`x-reportlint.placeholders` must be a list of strings, not `TBD`"),
    ("x-reportlint: {name: t}\n", 1, "missing `x-reportlint: {name: ..., title-pattern: ...}`"),
    (HEAD + "properties:\n  a:\n    x-reportlint: {name: u}\n", 4,
     "unknown keyword `x-reportlint` at /properties/a/x-reportlint"),
    # The keywords of any subschema.
    (HEAD + "properties:\n  a:\n    x-severity: warn\n", 4,
     "`x-severity` at /properties/a/x-severity must be `error` or `warning`, not `warn` "
     "(did you mean `warning`?)"),
    (HEAD + "properties:\n  a:\n    x-severity: 2\n", 4,
     "`x-severity` at /properties/a/x-severity must be `error` or `warning`, not `2`"),
    (HEAD + "properties:\n  a:\n    x-message: 42\n", 4,
     "`x-message` at /properties/a/x-message must be a string, not `42`"),
    (HEAD + "properties:\n  a:\n    x-message: 'step {valu} has no estimate'\n", 4,
     "`x-message` at /properties/a/x-message uses `{valu}`, which reportlint does not fill in; "
     "it fills in only `{value}`, `{text}`, `{section}` and `{task_id}` (did you mean "
     "`{value}`?)"),
    (HEAD + "properties:\n  a:\n    x-message: 'see {0}'\n", 4,
     "`x-message` at /properties/a/x-message uses `{0}`, which reportlint does not fill in; "
     "it fills in only `{value}`, `{text}`, `{section}` and `{task_id}`"),
    (HEAD + "properties:\n  a:\n    x-message: 'value {value!r}'\n", 4,
     "`x-message` at /properties/a/x-message writes `{value!r}`; a placeholder is only its "
     "name, `{value}`"),
    (HEAD + "properties:\n  a:\n    x-message: 'a {brace'\n", 4,
     "`x-message` at /properties/a/x-message is not a valid message (expected '}' before end "
     "of string); write `{{` and `}}` for braces"),
    (HEAD + "properties:\n  a:\n    x-missing-message: 'no {sectoin}'\n", 4,
     "`x-missing-message` at /properties/a/x-missing-message uses `{sectoin}`, which reportlint "
     "does not fill in; it fills in only `{value}`, `{text}`, `{section}` and `{task_id}` "
     "(did you mean `{section}`?)"),
    (HEAD + "properties:\n  a:\n    x-missing-message: [a]\n", 4,
     "`x-missing-message` at /properties/a/x-missing-message must be a string, not a list"),
    (HEAD + "properties:\n  a:\n    x-expected: 5\n", 4,
     "`x-expected` at /properties/a/x-expected must be a string, not `5`"),
    (HEAD + "properties:\n  a:\n    x-example: [1, 2]\n", 4,
     "`x-example` at /properties/a/x-example must be a scalar (a string, number or boolean), "
     "not a list"),
    (HEAD + "properties:\n  a:\n    x-example: 2025-01-15\n", 4,
     "`x-example` at /properties/a/x-example must be a scalar (a string, number or boolean), "
     "not a date (quote it to make it a string)"),
    (HEAD + "properties:\n  a:\n    x-example:\n", 4,
     "`x-example` at /properties/a/x-example must be a scalar (a string, number or boolean), "
     "not an empty value"),
    (HEAD + "properties:\n  a:\n    x-aliases: Done\n", 4,
     "`x-aliases` at /properties/a/x-aliases must be a list of names (strings), not `Done`"),
    (HEAD + "properties:\n  a:\n    x-aliases: [Done, 3]\n", 4,
     "`x-aliases` at /properties/a/x-aliases must be a list of names (strings), not a list"),
    (HEAD + "properties:\n  a:\n    x-aliases: []\n", 4,
     "`x-aliases` at /properties/a/x-aliases must be a list of names (strings), not a list"),
    (HEAD + "properties:\n  a:\n    x-placeholder: 3\n", 4,
     "`x-placeholder` at /properties/a/x-placeholder must be a string, not `3`"),
    (HEAD + "properties:\n  a:\n    x-footer: 'yes'\n", 4,
     "`x-footer` at /properties/a/x-footer must be `true` or `false`, not `yes`"),
    # Found in every kind of subschema, not only under properties.
    (HEAD + "items:\n  anyOf:\n    - x-severity: fatal\n", 4,
     "`x-severity` at /items/anyOf/0/x-severity must be `error` or `warning`, not `fatal`"),
])
def test_reportlint_keywords_values_are_checked(tmp_path: Path, text: str, line: int,
                                                message: str) -> None:
    problem = load(tmp_path, text)
    assert isinstance(problem, TemplateProblem)
    assert (problem.line, problem.message) == (line, message)


def test_reportlint_keywords_good_values_pass(tmp_path: Path) -> None:
    template = load(tmp_path, META + "  role: qa\n  task-prefixes: [QA]\n"
                    "  example-title: 'T: QA-1 - x'\n  placeholders: ['[X]']\n"
                    "properties:\n  a:\n    x-severity: warning\n    x-footer: false\n"
                    "    x-message: '{value} in {section} of {task_id} ({text}), {{literal}}'\n"
                    "    x-missing-message: 'add it to {section}'\n    x-expected: 'a date'\n"
                    "    x-example: 3\n    x-placeholder: TBD\n")
    assert isinstance(template, Template)


def test_bad_keyword_value_fails_template_check_and_check(run: Callable[..., Result],
                                                          tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    path = folder / "standup.yaml"
    path.write_text("x-reportlint: {name: standup, title-pattern: '^standup'}\n"
                    "properties:\n  title:\n    x-severity: warn\n", "utf-8")
    message = ("`x-severity` at /properties/title/x-severity must be `error` or `warning`, not "
               "`warn` (did you mean `warning`?)")
    result = run("template", "check", path)
    assert result.exit_code == 1
    assert result.stdout == f"{path}:4: {message}\n"
    (tmp_path / ".reportlint.toml").write_text('template-dirs = ["templates"]\n', "utf-8")
    (tmp_path / "r.md").write_text("## Standup: BE-1 - x\n", "utf-8")
    result = run("check", tmp_path / "r.md")
    assert result.exit_code == 2
    assert result.stderr == f"error: broken template {path}:4: {message}\n"


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
