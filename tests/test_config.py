"""Configuration end to end through the CLI: discovery, precedence, every key, bad values."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import FIXTURES

PLACEHOLDERS = FIXTURES / "rules/unfilled-placeholder/bad.md"
COVERAGE = FIXTURES / "rules/low-coverage/bad.md"


def codes_in(result: Result) -> list[str]:
    return sorted({d["code"] for d in json.loads(result.stdout)})


def project(tmp_path: Path, config: str, name: str = "pyproject.toml",
            report: Path = PLACEHOLDERS) -> Path:
    (tmp_path / name).write_text(config, "utf-8")
    reports = tmp_path / "reports"
    reports.mkdir(exist_ok=True)
    (reports / "report.md").write_bytes(report.read_bytes())
    return reports / "report.md"


def test_pyproject_ignore_and_nearest_config_wins(run: Callable[..., Result],
                                                  tmp_path: Path) -> None:
    report = project(tmp_path, '[tool.reportlint]\nignore = ["RL201"]\n')
    assert "RL201" not in codes_in(run("check", "--format", "json", report))
    (tmp_path / "reports/.reportlint.toml").write_text('select = ["unfilled-placeholder"]\n')
    assert codes_in(run("check", "--format", "json", report)) == ["RL201"]


def test_pyproject_without_table_is_skipped(run: Callable[..., Result], tmp_path: Path) -> None:
    report = project(tmp_path, '[tool.reportlint]\nselect = ["RL201"]\n')
    (tmp_path / "reports/pyproject.toml").write_text('[project]\nname = "x"\n')
    assert codes_in(run("check", "--format", "json", report)) == ["RL201"]


def test_config_option_and_isolated(run: Callable[..., Result], tmp_path: Path) -> None:
    report = project(tmp_path, '[tool.reportlint]\nselect = ["RL201"]\n')
    other = tmp_path / "other.toml"
    other.write_text('select = ["RL2"]\nignore = ["unfilled-placeholder"]\n')
    assert codes_in(run("check", "--format", "json", "--config", other, report)) == []
    assert codes_in(run("check", "--format", "json", "--isolated", report)) == ["RL201"]


def test_command_line_selection(run: Callable[..., Result]) -> None:
    args = ["check", "--format", "json", "--isolated", FIXTURES / "progress/invalid/checkboxes.md"]
    assert codes_in(run(*args)) == ["RL103", "RL107"]
    assert codes_in(run(*args, "--select", "RL2")) == []
    assert codes_in(run(*args, "--select", "RL1", "--ignore", "RL103")) == ["RL107"]
    assert codes_in(run(*args, "--select", "RL2", "--extend-select", "RL107")) == ["RL107"]
    # The most specific selector wins, as in ruff.
    assert codes_in(run(*args, "--ignore", "RL1", "--select", "RL103")) == ["RL103"]


def test_placeholder_is_reported_instead_of_the_value_it_breaks(
        run: Callable[..., Result]) -> None:
    args = ["check", "--format", "json", "--isolated", PLACEHOLDERS]
    assert codes_in(run(*args, "--select", "RL103")) == ["RL103"]
    assert codes_in(run(*args, "--select", "RL103,RL201")) == ["RL201"]


def test_exit_zero_and_statistics(run: Callable[..., Result]) -> None:
    result = run("check", "--isolated", "--exit-zero", "--statistics", "--select", "RL201",
                 PLACEHOLDERS)
    assert result.exit_code == 0
    assert result.stdout == ("   13  RL201  unfilled-placeholder\n"
                             "Found 13 errors and 0 warnings in 1 of 1 file.\n")


def test_severity_override_and_options(run: Callable[..., Result], tmp_path: Path) -> None:
    report = project(tmp_path, '[tool.reportlint]\nselect = ["RL208"]\n', report=COVERAGE)
    assert run("check", report).exit_code == 0  # a warning does not fail
    (tmp_path / "pyproject.toml").write_text(
        '[tool.reportlint]\nselect = ["RL208"]\n'
        '[tool.reportlint.severity]\nlow-coverage = "error"\n')
    assert run("check", report).exit_code == 1
    (tmp_path / "pyproject.toml").write_text(
        '[tool.reportlint]\nselect = ["RL208"]\n[tool.reportlint.options]\ncoverage-minimum = 60\n')
    result = run("check", "--format", "json", report)
    assert json.loads(result.stdout) == []
    (tmp_path / "pyproject.toml").write_text(
        '[tool.reportlint]\nselect = ["RL208"]\n[tool.reportlint.options]\ncoverage-minimum = 70\n')
    result = run("check", "--format", "json", report)
    assert [(d["line"], d["message"]) for d in json.loads(result.stdout)] == [
        (7, "unit-test coverage is 62%, under the 70% minimum")]


def test_task_id_pattern_and_extra_placeholders(run: Callable[..., Result],
                                                tmp_path: Path) -> None:
    report = tmp_path / "r.md"
    report.write_text("## Progress Update: TICKET_42 - Login\n\nStatus: ??FILL-ME??\n", "utf-8")
    config = tmp_path / ".reportlint.toml"
    config.write_text('select = ["RL201", "RL207"]\n[options]\n'
                      "task-id-pattern = '^TICKET_\\d+$'\n"
                      "extra-placeholder-patterns = ['\\?\\?FILL-ME\\?\\?']\n")
    result = run("check", "--format", "json", report)
    assert [(d["line"], d["code"]) for d in json.loads(result.stdout)] == [(3, "RL201")]


def test_include_exclude_when_no_paths(run: Callable[..., Result], tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.reportlint]\nselect = ["RL201"]\ninclude = ["reports/**/*.md"]\n'
        'exclude = ["reports/archive/**"]\n')
    for name in ("reports/a.md", "reports/archive/old.md", "notes/b.md"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(PLACEHOLDERS.read_bytes())
    monkeypatch.chdir(tmp_path / "notes")
    result = run("check", "--format", "json")
    assert {d["path"] for d in json.loads(result.stdout)} == {str(tmp_path / "reports/a.md")}
    # Exclusion applies to what a directory walk finds, not to a file named outright.
    named = run("check", "--format", "json", tmp_path / "reports/archive/old.md",
                tmp_path / "reports")
    assert {Path(d["path"]).name for d in json.loads(named.stdout)} == {"old.md", "a.md"}


def test_per_file_templates_and_template_dirs(run: Callable[..., Result],
                                              tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/standup.yaml").write_text(
        "x-reportlint: {name: standup, role: any, title-pattern: '^standup\\b'}\n"
        "type: object\nproperties:\n  fields:\n    required: [mood]\n"
        "    properties: {mood: {title: Mood}}\n")
    (tmp_path / ".reportlint.toml").write_text(
        'select = ["RL1"]\ntemplate-dirs = ["templates"]\n'
        '[per-file-templates]\n"forced/*.md" = "standup"\n')
    (tmp_path / "forced").mkdir()
    (tmp_path / "forced/notes.md").write_text("# Monday\n\nAll good.\n")
    (tmp_path / "standup.md").write_text("## Standup: BE-1 - Monday\n\n**Mood**: fine\n")
    result = run("check", "--format", "json", tmp_path / "forced/notes.md",
                 tmp_path / "standup.md")
    assert [(Path(d["path"]).name, d["line"], d["code"], d["message"])
            for d in json.loads(result.stdout)] == [
        ("notes.md", 1, "RL102", "missing field **Mood**")]


@pytest.mark.parametrize(("config", "needle"), [
    ('[tool.reportlint]\nselekt = ["RL201"]\n', "`selekt`: unknown key"),
    ('[tool.reportlint]\nselect = "RL2O1"\n',
     "`select`: unknown code or rule name 'RL2O1'; did you mean 'RL201'?"),
    ('[tool.reportlint]\nselect = [1]\n', "`select`: expected a list of codes"),
    ('[tool.reportlint.severity]\nRL201 = "fatal"\n',
     "`severity.RL201`: expected \"error\" or \"warning\", got 'fatal'"),
    ('[tool.reportlint.severity]\nRL999 = "error"\n',
     "`severity.RL999`: unknown code 'RL999'; see `reportlint rules`"),
    ('[tool.reportlint.severity]\nlow-coverag = "error"\n',
     "`severity.low-coverag`: unknown code or rule name 'low-coverag'; did you mean "
     "'low-coverage'?"),
    ('[tool.reportlint.severity]\nRL201 = "error"\nunfilled-placeholder = "warning"\n',
     "`severity.unfilled-placeholder`: makes RL201 'warning' but `severity.RL201` makes it "
     "'error'"),
    ('[tool.reportlint.options]\ncoverage-minimum = 150\n',
     "`options.coverage-minimum`: expected a number from 0 to 100, got 150"),
    ("[tool.reportlint.options]\ntask-id-pattern = '(['\n",
     "`options.task-id-pattern`: '([' is not a valid regular expression"),
    ('[tool.reportlint.options]\nmystery = 1\n', "`options.mystery`: unknown option"),
    ('[tool.reportlint]\ntemplate-dirs = ["nope"]\n', "`template-dirs`:"),
    ('[tool.reportlint.per-file-templates]\n"*.md" = "nope"\n', "unknown template 'nope'"),
    ('[tool.reportlint\n', "invalid TOML"),
])
def test_bad_configuration_is_a_usage_error(run: Callable[..., Result], tmp_path: Path,
                                            config: str, needle: str) -> None:
    report = project(tmp_path, config)
    result = run("check", report)
    assert result.exit_code == 2
    assert needle in result.stderr
    if "TOML" not in needle and "template 'nope'" not in needle:
        assert str(tmp_path / "pyproject.toml") in result.stderr


def test_bad_command_line_selector(run: Callable[..., Result]) -> None:
    result = run("check", "--select", "RL7", PLACEHOLDERS)
    assert result.exit_code == 2
    assert "Invalid value for '--select': no code starts with 'RL7'; see `reportlint rules`" \
        in result.stderr
