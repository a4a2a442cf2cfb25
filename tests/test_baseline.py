"""`reportlint baseline` and `check --baseline`: old findings recorded, only new ones fail."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from reportlint import api
from reportlint.baseline import Baseline, fingerprints
from reportlint.diagnostics import Diagnostic, Severity

from conftest import FIXTURES

OLD = {
    "docs/reports/BE-001.md": FIXTURES / "rules/unfilled-placeholder/bad.md",
    "docs/reports/BE-002.md": FIXTURES / "progress/invalid/checkboxes.md",
    "docs/reports/BE-003.md": FIXTURES / "rules/low-coverage/bad.md",
}
NEW_BAD = (FIXTURES / "rules/invalid-date/bad.md").read_bytes()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository of old reports with findings, adopting reportlint."""
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    for name, source in OLD.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(source.read_bytes())
    (tmp_path / ".reportlint.toml").write_text('extend-select = ["RL904"]\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def codes_of(result: Result) -> list[tuple[str, int, str]]:
    return [(d["path"], d["line"], d["code"]) for d in json.loads(result.stdout)]


def test_only_new_findings_fail_once_the_old_ones_are_recorded(
        run: Callable[..., Result], repo: Path) -> None:
    before = run("check", "--format", "json")
    assert before.exit_code == 1
    recorded = run("baseline")
    total = len(json.loads(before.stdout))
    assert (recorded.exit_code, recorded.stdout, recorded.stderr) == (
        0, "", f"Recorded {total} finding(s) of 3 file(s) in .reportlint-baseline.json.\n")
    data = json.loads((repo / ".reportlint-baseline.json").read_text("utf-8"))
    assert {e["path"] for e in data["findings"]} == set(OLD)
    clean = run("check", "--baseline", ".reportlint-baseline.json")
    assert (clean.exit_code, clean.stdout) == (0, "All checks passed! (3 files checked)\n")

    (repo / "docs/reports/BE-004.md").write_bytes(NEW_BAD)
    new = run("check", "--format", "json", "--baseline", ".reportlint-baseline.json")
    assert new.exit_code == 1
    assert {path for path, _, _ in codes_of(new)} == {"docs/reports/BE-004.md"}
    alone = run("check", "--format", "json", "--isolated", "docs/reports/BE-004.md")
    assert codes_of(new) == codes_of(alone)


def test_findings_stay_recorded_when_lines_move(run: Callable[..., Result], repo: Path) -> None:
    run("baseline")
    report = repo / "docs/reports/BE-001.md"
    text = report.read_text("utf-8")
    report.write_text(text.replace("\n\n", "\n\nA new paragraph.\n\n", 3), "utf-8")
    moved = run("check", "--format", "json", "--isolated", report)
    assert moved.exit_code == 1  # the findings are still there, on other lines
    result = run("check", "--baseline", ".reportlint-baseline.json")
    assert (result.exit_code, result.stdout) == (0, "All checks passed! (3 files checked)\n")


def test_a_fixed_finding_is_a_stale_entry_and_a_gone_file_a_warning(
        run: Callable[..., Result], repo: Path) -> None:
    run("baseline")
    report = repo / "docs/reports/BE-003.md"
    before = json.loads(run("check", "--format", "json", report).stdout)
    assert [(d["line"], d["code"]) for d in before if d["code"] == "RL208"] == [
        (7, "RL208"), (13, "RL208")]
    report.write_text(report.read_text("utf-8").replace("62%", "91%"), "utf-8")
    (repo / "docs/reports/BE-002.md").unlink()
    result = run("check", "--baseline", ".reportlint-baseline.json")
    assert result.exit_code == 0  # RL904 is a warning
    assert result.stdout == (
        "docs/reports/BE-003.md:1:1: RL904 .reportlint-baseline.json records RL208 on line 7 "
        "(\"unit-test coverage is 62%, under the 80% minimum\"), which no longer occurs; run "
        "`reportlint baseline` to drop it\n"
        "Found 0 errors and 1 warning in 1 of 2 files.\n")
    assert result.stderr == (
        "warning: .reportlint-baseline.json: 3 recorded finding(s) of files that no longer "
        "exist: docs/reports/BE-002.md; run `reportlint baseline` to drop them\n")
    # Entries of codes a run does not check are not known to be stale.
    narrow = run("check", "--baseline", ".reportlint-baseline.json", "--select", "RL201,RL904",
                 "docs/reports/BE-003.md")
    assert (narrow.exit_code, narrow.stdout) == (0, "All checks passed! (1 file checked)\n")


def test_paths_in_a_baseline_are_relative_to_its_folder(
        run: Callable[..., Result], repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run("baseline", "-o", "ci/baseline.json")
    data = json.loads((repo / "ci/baseline.json").read_text("utf-8"))
    assert {e["path"] for e in data["findings"]} == {f"../{name}" for name in OLD}
    monkeypatch.chdir(repo / "docs")
    result = run("check", "--baseline", "../ci/baseline.json", "reports")
    assert (result.exit_code, result.stdout) == (0, "All checks passed! (3 files checked)\n")


def test_equal_findings_are_told_apart_by_their_order() -> None:
    def rl201(line: int) -> Diagnostic:
        return Diagnostic("r.md", line, 1, "RL201", "unfilled-placeholder", Severity.ERROR,
                          "unfilled placeholder `TBD`: replace it with the real value")

    lines = ["TBD", "", "TBD", "TBD"]
    two = fingerprints([rl201(1), rl201(3)], lines)
    three = fingerprints([rl201(1), rl201(3), rl201(4)], lines)
    assert len(set(three)) == 3
    assert three[:2] == two
    # Line numbers in a message do not count: they move with the text.
    moved = Diagnostic("r.md", 2, 1, "RL211", "duplicate-section", Severity.WARNING,
                       "section `Notes` repeats the one on line 7; merge the two")
    shifted = moved._replace(line=5, message=moved.message.replace("7", "10"))
    assert fingerprints([moved], ["", "## Notes"]) == \
        fingerprints([shifted], ["", "", "", "", "## Notes"])


def test_a_secret_never_reaches_the_baseline(run: Callable[..., Result], repo: Path) -> None:
    secret = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
    (repo / "docs/reports/BE-005.md").write_text(
        f"## Progress Update: BE-005 - Tokens\n\n**Token**: {secret}\n", "utf-8")
    run("baseline")
    text = (repo / ".reportlint-baseline.json").read_text("utf-8")
    assert "RL210" in text
    assert secret[4:12] not in text


@pytest.mark.parametrize(("content", "message"), [
    ("{", "error: the baseline bad.json is not JSON: Expecting property name enclosed in "
          "double quotes: line 1 column 2 (char 1)\n"),
    ('{"version": 2, "findings": []}',
     "error: the baseline bad.json is not a reportlint baseline (version 1, with a list of "
     "findings); make a new one with `reportlint baseline`\n"),
    ('{"version": 1, "findings": [{"path": "a.md"}]}',
     "error: the baseline bad.json: finding 1 needs a path, a code and a fingerprint\n"),
    (None, "error: cannot read the baseline bad.json: No such file or directory\n"),
])
def test_a_corrupt_baseline_is_a_usage_error(run: Callable[..., Result], repo: Path,
                                             content: str | None, message: str) -> None:
    if content is not None:
        (repo / "bad.json").write_text(content, "utf-8")
    result = run("check", "--baseline", "bad.json")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_baseline_with_a_missing_path_writes_nothing(run: Callable[..., Result],
                                                     repo: Path) -> None:
    result = run("baseline", "absent.md", "docs")
    assert (result.exit_code, result.stderr) == (
        2, "error: absent.md: no such file or directory\n")
    assert not (repo / ".reportlint-baseline.json").exists()


def test_the_api_records_and_applies_a_baseline(repo: Path) -> None:
    output = repo / "b.json"
    record = api.record_baseline(api.CheckOptions(), output)
    assert (record.files, record.problems) == (3, ())
    output.write_text(record.text, "utf-8")
    assert len(Baseline.load(output).by_file) == 3
    result = api.run(api.CheckOptions(baseline=output))
    assert [o.diagnostics for o in result] == [(), (), ()]
    assert result.exit_code == 0


def test_the_configuration_names_the_baseline(run: Callable[..., Result], repo: Path) -> None:
    """`baseline = "..."`: `reportlint baseline` writes it and `check` uses it, with no
    option: what a pre-commit hook (which takes no options) and the Action need."""
    (repo / ".reportlint.toml").write_text(
        'extend-select = ["RL904"]\nbaseline = "ci/reportlint-baseline.json"\n', "utf-8")
    (repo / "ci").mkdir()
    assert run("check").exit_code == 1  # not written yet: no baseline, every finding
    recorded = run("baseline")
    assert recorded.exit_code == 0
    assert recorded.stderr.endswith(" in ci/reportlint-baseline.json.\n")
    assert not (repo / ".reportlint-baseline.json").exists()
    clean = run("check")
    assert (clean.exit_code, clean.stdout) == (0, "All checks passed! (3 files checked)\n")
    (repo / "docs/reports/BE-004.md").write_bytes(NEW_BAD)
    new = run("check", "--format", "json", "docs/reports")
    assert new.exit_code == 1
    assert {path for path, _, _ in codes_of(new)} == {"docs/reports/BE-004.md"}
    # From a folder below, the configuration's folder is where the path is read from.
    (repo / "docs/reports/BE-004.md").unlink()
    inside = run("check", "--format", "json", "docs/reports/BE-001.md")
    assert (inside.exit_code, inside.stdout) == (0, "[]\n")
    # --baseline takes its place; --isolated drops it.
    assert run("check", "--isolated", "docs/reports/BE-001.md").exit_code == 1
    settings = json.loads(run("config", "--show-settings", "docs/reports/BE-001.md",
                              "--format", "json").stdout)
    assert settings["baseline"] == "ci/reportlint-baseline.json"


@pytest.mark.parametrize("value", ["1", '""', "[\"a\"]"])
def test_a_bad_baseline_setting_names_its_file_and_key(run: Callable[..., Result], repo: Path,
                                                       value: str) -> None:
    (repo / ".reportlint.toml").write_text(f"baseline = {value}\n", "utf-8")
    result = run("check")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert ".reportlint.toml" in result.stderr
    assert "`baseline`: expected the path of a baseline file such as " in result.stderr
