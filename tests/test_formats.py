"""Output formats byte for byte, SARIF against its schema, escaping, PR descriptions."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import Result
from jsonschema import Draft4Validator

from reportlint.paths import display

from conftest import FIXTURES, ROOT, shared

INPUTS = ["fixtures/progress/invalid/checkboxes.md", "fixtures/rules/low-coverage/bad.md",
          "fixtures/log/valid/task-log.md"]
FORMATS = ["text", "json", "json-lines", "github", "junit", "gitlab", "sarif", "rdjson"]


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@pytest.mark.usefixtures("at_root")
@pytest.mark.parametrize("name", FORMATS)
def test_format_is_byte_for_byte(run: Callable[..., Result], name: str) -> None:
    result = run("check", "--isolated", "--format", name, *INPUTS)
    assert result.exit_code == 1
    assert result.stdout == (FIXTURES / f"formats/expected.{name}").read_text("utf-8")


@pytest.mark.usefixtures("at_root")
def test_sarif_validates_against_the_official_schema(run: Callable[..., Result]) -> None:
    schema = json.loads(shared("schemas", "sarif-schema-2.1.0.json").read_text("utf-8"))
    log = json.loads(run("check", "--isolated", "--format", "sarif", *INPUTS).stdout)
    errors = [e.message for e in Draft4Validator(schema).iter_errors(log)]
    assert errors == []
    (sarif_run,) = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} >= {"RL101", "RL201", "RL210", "RL902"}
    for result in sarif_run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1


def test_sarif_uris(tmp_path: Path) -> None:
    from reportlint.formats.sarif import uri

    assert uri("docs/reports/a b.md") == "docs/reports/a%20b.md"
    assert uri("./r.md") == "r.md"
    assert uri("/abs/r#1.md") == "file:///abs/r%231.md"


def test_github_commands_cannot_be_injected(run: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "x,y:z\n::error file=evil.md::pwned"
    folder.mkdir()
    path = folder / "r.md"
    path.write_text("## Progress Update: BE-1 - X\n\n**Status**: %0A::warning::injected\n",
                    "utf-8")
    result = run("check", "--isolated", "--format", "github", "--select", "RL103", path)
    lines = result.stdout.splitlines()
    assert len(lines) == 2  # one command and the summary: nothing was smuggled in
    command = lines[0]
    assert command.startswith("::error file=")
    assert "%0A%3A%3Aerror file=evil.md%3A%3Apwned" in command
    assert ",line=3,col=1,title=RL103 invalid-field-value::" in command
    assert command.endswith("**Status** is `%250A::warning::injected`; expected one of "
                            "`IN PROGRESS`, `BLOCKED`, `NEEDS CLARIFICATION`")


def test_step_summary_carries_every_finding(run: Callable[..., Result], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", "utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    report = FIXTURES / "rules/unfilled-placeholder/bad.md"
    result = run("check", "--isolated", "--format", "github", report)
    text = summary.read_text("utf-8")
    assert text.startswith("earlier step\n## reportlint\n")
    rows = [line for line in text.splitlines() if line.startswith("| ") and "RL" in line]
    assert len(rows) == result.stdout.count("::error") == 13
    assert f"| {display(report)} | 13 | 0 |" in text
    assert "| 19 | RL201 | error | unfilled placeholder `[What I need]`: replace it with the " \
           "real value |" in text


def test_junit_is_xml_with_a_case_per_report(run: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text("## Progress Update: BE-1 - X\x01\n\n**Status**: WAITING\x0b\n", "utf-8")
    root = ElementTree.fromstring(run("check", "--isolated", "--format", "junit",
                                      path, FIXTURES / "other/invalid/no-report.md").stdout)
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == ["Progress Update: BE-1 - X\ufffd (line 1)",
                                              "Work summary: login endpoint (line 1)"]
    assert root.get("tests") == "2"
    assert root.get("failures") == "2"


@pytest.mark.parametrize(("args", "env", "escape"), [
    (["--color", "always"], {}, True),
    (["--color", "never"], {}, False),
    ([], {}, False),  # not a terminal
    (["--color", "auto"], {"NO_COLOR": "1"}, False),
])
def test_colour(run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, args: list[str],
                env: dict[str, str], escape: bool) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = run("check", "--isolated", *args, FIXTURES / "progress/invalid/checkboxes.md")
    assert ("\x1b[" in result.stdout) is escape


def test_output_file(run: Callable[..., Result], tmp_path: Path) -> None:
    target = tmp_path / "out.sarif"
    result = run("check", "--isolated", "--format", "sarif", "-o", target,
                 FIXTURES / "progress/invalid/checkboxes.md")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert json.loads(target.read_text("utf-8"))["version"] == "2.1.0"


def event(tmp_path: Path, payload: object, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "event.json"
    path.write_text(json.dumps(payload), "utf-8")
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(path))


def test_pr_body_is_checked_like_a_file(run: Callable[..., Result], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    body = (FIXTURES / "progress/invalid/checkboxes.md").read_text("utf-8")
    event(tmp_path, {"pull_request": {"number": 42, "body": body.replace("\n", "\r\n")}},
          monkeypatch)
    result = run("check", "--isolated", "--format", "json", "--pr-body")
    found = json.loads(result.stdout)
    assert [(d["path"], d["line"], d["code"]) for d in found] == [
        ("pull-request-42-description.md", 4, "RL103"),
        ("pull-request-42-description.md", 9, "RL107"),
        ("pull-request-42-description.md", 12, "RL107")]
    assert result.exit_code == 1
    both = run("check", "--isolated", "--format", "json", "--pr-body",
               FIXTURES / "progress/valid/in-progress.md")
    assert len(json.loads(both.stdout)) == 3


@pytest.mark.parametrize(("payload", "needle"), [
    (None, "--pr-body needs $GITHUB_EVENT_PATH"),
    ({"push": {}}, "the event payload has no pull request"),
    ("not json", "cannot read the event payload"),
])
def test_pr_body_without_a_pull_request(run: Callable[..., Result], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch, payload: object,
                                        needle: str) -> None:
    monkeypatch.delenv("GITHUB_EVENT_PATH", raising=False)
    if payload == "not json":
        (tmp_path / "e.json").write_text("{", "utf-8")
        monkeypatch.setenv("GITHUB_EVENT_PATH", str(tmp_path / "e.json"))
    elif payload is not None:
        event(tmp_path, payload, monkeypatch)
    result = run("check", "--pr-body")
    assert result.exit_code == 2
    assert needle in result.stderr


def test_empty_pr_body(run: Callable[..., Result], tmp_path: Path,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    event(tmp_path, {"pull_request": {"number": 7, "body": None}}, monkeypatch)
    result = run("check", "--isolated", "--format", "json", "--pr-body")
    # An empty description is no report: nothing to say, exit 0.
    assert (json.loads(result.stdout), result.exit_code) == ([], 0)


SECRETS = ["Sup3rS3cretPw", "AKIAYSHVJY65YZQUVVQL", "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
           "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"]


@pytest.mark.parametrize("name", FORMATS)
def test_secrets_never_reach_any_output(run: Callable[..., Result], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    report = tmp_path / "r.md"
    text = (FIXTURES / "rules/leaked-secret/bad.md").read_text("utf-8")
    # The same secrets where other findings quote them: a field value and a title.
    report.write_text(text.replace("Refresh token rotation", "AKIAYSHVJY65YZQUVVQL") +
                      "\n**Status**: ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789\n", "utf-8")
    result = run("check", "--isolated", "--format", name, report)
    written = result.stdout + (summary.read_text("utf-8") if summary.exists() else "")
    assert "RL210" in written or "leaked" in written
    for secret in SECRETS:
        assert secret not in written


def test_json_carries_repair_hints(run: Callable[..., Result]) -> None:
    found = json.loads(run("check", "--isolated", "--format", "json",
                           FIXTURES / "progress/invalid/wrong-status.md",
                           FIXTURES / "completion/invalid/tables.md").stdout)
    fixes = {(Path(d["path"]).name, d["line"], d["code"]): d.get("fix") for d in found}
    assert fixes[("wrong-status.md", 1, "RL101")] == {
        "expected_order": ["Completed Items", "In Progress", "Blockers (if any)",
                           "Questions for PM"],
        "insert_after": "Completed Items",
        "snippet": "### In Progress\n\n- [ ] None\n",
        # Where it goes: after the section it follows, set apart by blank lines.
        "edits": [{"start": {"line": 8, "column": 1}, "end": {"line": 8, "column": 1},
                   "text": "\n### In Progress\n\n- [ ] None\n"}]}
    assert fixes[("wrong-status.md", 1, "RL102")] == {
        "snippet": "**Updated**: 2025-01-15 09:00",
        "edits": [{"start": {"line": 5, "column": 1}, "end": {"line": 5, "column": 1},
                   "text": "**Updated**: 2025-01-15 09:00\n"}]}
    assert fixes[("wrong-status.md", 3, "RL103")] == {
        "expected": ["IN PROGRESS", "BLOCKED", "NEEDS CLARIFICATION"]}
    assert fixes[("tables.md", 23, "RL105")] == {
        "expected_columns": ["File", "Change Type", "Description"],
        "snippet": "| File | Change Type | Description |"}
    assert fixes[("tables.md", 40, "RL104")] == {
        "snippet": "| Criteria | Status | Evidence |\n|---|---|---|\n| None | None | None |\n"}
