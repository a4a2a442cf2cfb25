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


def test_extend_merges_a_shared_file_under_this_one(run: Callable[..., Result],
                                                    tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared/templates").mkdir()
    (tmp_path / "shared/templates/standup.yaml").write_text(
        "x-reportlint: {name: standup, role: any, title-pattern: '^standup\\b'}\n"
        "type: object\nproperties:\n  fields:\n    required: [mood]\n"
        "    properties: {mood: {title: Mood}}\n")
    (tmp_path / "shared/reportlint.toml").write_text(
        'select = ["RL1", "RL2"]\nignore = ["RL212"]\ntemplate-dirs = ["templates"]\n'
        '[severity]\nRL201 = "warning"\nRL208 = "error"\n'
        '[options]\ncoverage-minimum = 70\n')
    report = project(tmp_path, '[tool.reportlint]\nextend = "shared/reportlint.toml"\n'
                               'ignore = ["RL1"]\n[tool.reportlint.severity]\nRL201 = "error"\n'
                               '[tool.reportlint.options]\ntask-id-pattern = "^BE-\\\\d+$"\n')
    result = run("config", "--show-settings", report, "--format", "json")
    settings = json.loads(result.stdout)
    assert settings["configuration"] == str(tmp_path / "pyproject.toml")
    assert settings["extends"] == [str(tmp_path / "shared/reportlint.toml")]
    assert (settings["select"], settings["ignore"]) == (["RL1", "RL2"], ["RL212", "RL1"])
    assert settings["severity"] == {"RL201": "error", "RL208": "error"}
    assert settings["options"]["coverage-minimum"] == 70
    assert settings["options"]["task-id-pattern"] == "^BE-\\d+$"
    # Folders are relative to the file that names them.
    assert settings["template-dirs"] == [str(tmp_path / "shared/templates")]
    (tmp_path / "standup.md").write_text("## Standup: BE-1 - Monday\n\nAll good.\n")
    assert codes_in(run("check", "--format", "json", "--extend-select", "RL102",
                        tmp_path / "standup.md")) == ["RL102"]


def test_a_nested_configuration_replaces_its_parent_unless_it_extends_it(
        run: Callable[..., Result], tmp_path: Path) -> None:
    report = project(tmp_path, '[tool.reportlint]\nselect = ["RL201"]\n'
                               '[tool.reportlint.severity]\nRL201 = "warning"\n')
    (tmp_path / "reports/.reportlint.toml").write_text('ignore = ["RL208"]\n')
    assert run("check", report).exit_code == 1  # the nearest alone: RL201 is an error again
    (tmp_path / "reports/.reportlint.toml").write_text(
        'extend = "../pyproject.toml"\nignore = ["RL208"]\n')
    result = run("check", report)
    assert result.exit_code == 0
    assert result.stdout.endswith("Found 0 errors and 13 warnings in 1 of 1 file.\n")


@pytest.mark.parametrize(("files", "message"), [
    ({"a.toml": 'extend = "b.toml"\n', "b.toml": 'extend = "a.toml"\n'},
     "{b}: `extend`: the files extend each other in a cycle: {a} -> {b} -> {a}"),
    ({"a.toml": 'extend = "a.toml"\n'},
     "{a}: `extend`: the files extend each other in a cycle: {a} -> {a}"),
    ({"a.toml": 'extend = "gone.toml"\n'}, "{a}: `extend`: {gone}: no such file"),
    ({"a.toml": "extend = 1\n"},
     "{a}: `extend`: expected the path of a configuration file, got 1"),
    ({"a.toml": 'extend = "b.toml"\n', "b.toml": 'selekt = ["RL201"]\n'},
     "{b}: `selekt`: unknown key; known keys:"),
])
def test_a_broken_extend_names_the_file_and_key(run: Callable[..., Result], tmp_path: Path,
                                                files: dict[str, str], message: str) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    result = run("check", "--config", tmp_path / "a.toml", PLACEHOLDERS)
    assert result.exit_code == 2
    wanted = message.format(a=tmp_path / "a.toml", b=tmp_path / "b.toml",
                            gone=tmp_path / "gone.toml")
    assert result.stderr.startswith(f"error: invalid configuration: {wanted}")


def test_per_file_ignores_drop_codes_whatever_selects_them(run: Callable[..., Result],
                                                           tmp_path: Path) -> None:
    report = project(tmp_path, '[tool.reportlint]\nselect = ["RL201", "RL207"]\n'
                               '[tool.reportlint.per-file-ignores]\n'
                               '"reports/{old,report}.md" = ["RL2"]\n'
                               '"!reports/**" = ["RL207"]\n')
    assert codes_in(run("check", "--format", "json", report)) == []
    other = tmp_path / "elsewhere.md"
    other.write_bytes(PLACEHOLDERS.read_bytes())
    assert codes_in(run("check", "--format", "json", other)) == ["RL201"]


@pytest.mark.parametrize(("config", "needle"), [
    ('[tool.reportlint.per-file-ignores]\n"*.md" = ["RL2O1"]\n',
     "`per-file-ignores.*.md`: unknown code or rule name 'RL2O1'; did you mean 'RL201'?"),
    ('[tool.reportlint.per-file-ignores]\n"*.md" = 1\n',
     "`per-file-ignores.*.md`: expected a list of codes or rule names"),
    ('[tool.reportlint]\nper-file-ignores = ["RL201"]\n',
     '`per-file-ignores`: expected a table of glob = ["RL201", ...]'),
    ('[tool.reportlint.per-file-templates]\n"[z-a]" = "task"\n',
     "`per-file-templates.[z-a]`: invalid glob: '[z-a]': bad character range z-a"),
    ('[tool.reportlint]\nforce-exclude = "yes"\n', "`force-exclude`: expected true or false, "
                                                   "got 'yes'"),
    ('[tool.reportlint]\nrespect-gitignore = 0\n', "`respect-gitignore`: expected true or "
                                                   "false, got 0"),
])
def test_bad_new_keys_name_the_file_and_key(run: Callable[..., Result], tmp_path: Path,
                                            config: str, needle: str) -> None:
    report = project(tmp_path, config)
    result = run("check", report)
    assert result.exit_code == 2
    assert f"error: invalid configuration: {tmp_path / 'pyproject.toml'}: {needle}" \
        in result.stderr


def test_show_settings_prints_what_one_file_gets(run: Callable[..., Result], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path, '[tool.reportlint]\nselect = ["RL20"]\nignore = ["RL203", "RL204", '
                      '"RL205", "RL206", "RL207", "RL208", "RL209"]\n'
                      'reports = ["reports/*.md"]\n'
                      '[tool.reportlint.per-file-ignores]\n"reports/*" = ["RL202"]\n'
                      '[tool.reportlint.per-file-templates]\n"reports/*.md" = "progress"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    result = run("config", "--show-settings", "reports/report.md")
    assert (result.exit_code, result.stdout) == (0, """\
file = "reports/report.md"
configuration = "pyproject.toml"
extends = []
root = "."
select = ["RL20"]
extend-select = []
ignore = ["RL203", "RL204", "RL205", "RL206", "RL207", "RL208", "RL209"]
per-file-ignores = { "reports/*" = ["RL202"] }
ignored-here = ["RL202"]
codes = ["RL201"]
severity = {}
{OPTIONS}
include = ["**/*.md"]
exclude = []
reports = ["reports/*.md"]
per-file-templates = { "reports/*.md" = "progress" }
template-dirs = []
evidence = []
# role: not set
max-file-size = 5242880
max-file-seconds = 10.0
respect-gitignore = true
force-exclude = false
# baseline: not set
included = true
template = "progress"
must-be-report = true
""".replace("{OPTIONS}", 'options = { "coverage-minimum" = 80.0, "task-id-pattern" = '
                      '"^[A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*-\\\\d+$", '
                      '"extra-placeholder-patterns" = [] }'))


def test_config_lists_every_key_with_its_description(run: Callable[..., Result]) -> None:
    from reportlint import config

    listed = [line.split()[0] for line in run("config").stdout.splitlines()]
    assert sorted(listed) == sorted([*config._KEYS,
                                     *(f"options.{k}" for k in config._OPTION_KEYS)])
