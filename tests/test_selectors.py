"""The selector grammar: the same text is accepted or refused, with the same words, by the
command line, the configuration and suppression comments; and ruff's precedence."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from reportlint import config, selectors

REPORT = """\
{file}
## Progress Update: BE-014 - Refresh token rotation

**Status**: IN PROGRESS
**Progress**: [X]% complete
**Updated**: 2025-03-11

### Completed Items
- [ ] Rotation service

### In Progress
- [ ] Token store
"""
FOUND = [(5, "RL201"), (9, "RL107")]  # what REPORT has without a directive

# Every accepted list selects RL201 or RL107 (or both), so as a suppression it is used.
ACCEPTED = ["ALL", "all", "RL201", "rl201", "RL2", "RL20", "RL", "unfilled-placeholder",
            "Unfilled-Placeholder", "RL201,RL107", "RL201, RL107", "RL201 RL107",
            "unfilled-placeholder ,, RL1"]
REFUSED = [
    ("RL299", "unknown code 'RL299'; see `reportlint rules`"),
    ("RL7", "no code starts with 'RL7'; see `reportlint rules`"),
    ("RL9999", "unknown code 'RL9999': a code is RL and three digits"),
    ("RL2O1", "unknown code or rule name 'RL2O1'; did you mean 'RL201'?"),
    ("unfiled-placeholder",
     "unknown code or rule name 'unfiled-placeholder'; did you mean 'unfilled-placeholder'?"),
    ("RL107, unfiled-placeholder",
     "unknown code or rule name 'unfiled-placeholder'; did you mean 'unfilled-placeholder'?"),
    ("al", "unknown code or rule name 'al'; did you mean 'ALL'?"),
    ("nonsense", "unknown code or rule name 'nonsense'; see `reportlint rules`"),
    ("-line", "unknown code or rule name '-line'; see `reportlint rules`"),
]
LISTS = [(text, None) for text in ACCEPTED] + REFUSED


def report(tmp_path: Path, directive: str = "") -> Path:
    path = tmp_path / "r.md"
    path.write_text(REPORT.format(file=directive), "utf-8")
    return path


def found(result: Result) -> list[tuple[int, str, str]]:
    return [(d["line"], d["code"], d["message"]) for d in json.loads(result.stdout)]


@pytest.mark.parametrize(("text", "error"), LISTS)
def test_parse(text: str, error: str | None) -> None:
    if error is None:
        assert selectors.parse_all(text)
    else:
        with pytest.raises(selectors.UnknownSelector) as raised:
            selectors.parse_all(text)
        assert str(raised.value) == error


@pytest.mark.parametrize("option", ["--select", "--extend-select", "--ignore"])
@pytest.mark.parametrize(("text", "error"), LISTS)
def test_command_line(run: Callable[..., Result], tmp_path: Path, option: str, text: str,
                      error: str | None) -> None:
    result = run("check", "--isolated", option, text, report(tmp_path))
    if error is None:
        assert result.exit_code in (0, 1), result.output
    else:
        assert result.exit_code == 2
        assert f"Invalid value for '{option}': {error}" in result.stderr
        assert result.stdout == ""


@pytest.mark.parametrize("key", ["select", "extend-select", "ignore", "severity"])
@pytest.mark.parametrize(("text", "error"), LISTS)
def test_configuration(run: Callable[..., Result], tmp_path: Path, key: str, text: str,
                       error: str | None) -> None:
    toml = tmp_path / ".reportlint.toml"
    where = f"severity.{text}" if key == "severity" else key
    toml.write_text(f'[severity]\n{json.dumps(text)} = "warning"\n' if key == "severity"
                    else f"{key} = [{json.dumps(text)}]\n", "utf-8")
    result = run("check", report(tmp_path))
    if error is None:
        assert result.exit_code in (0, 1), result.output
    else:
        assert result.exit_code == 2
        assert result.stderr == f"error: invalid configuration: {toml}: `{where}`: {error}\n"


@pytest.mark.parametrize(("text", "error"), LISTS)
def test_suppression(run: Callable[..., Result], tmp_path: Path, text: str,
                     error: str | None) -> None:
    result = run("check", "--isolated", "--format", "json",
                 report(tmp_path, f"<!-- reportlint-disable-file {text} -->"))
    unused = [(line, message) for line, code, message in found(result) if code == "RL902"]
    if error is None:
        assert unused == []
        assert {(line, code) for line, code, _ in found(result)} < set(FOUND)
    else:
        assert unused == [(1, f"`reportlint-disable-file`: {error}")]


def test_configuration_list_is_split_like_the_command_line(tmp_path: Path) -> None:
    loaded = config.from_table({"select": "RL2, RL107", "ignore": ["RL201 RL202", "RL203"]},
                               None, tmp_path)
    assert isinstance(loaded, config.Config)
    assert (loaded.select, loaded.ignore) == (("RL2", "RL107"), ("RL201", "RL202", "RL203"))


@pytest.mark.parametrize(("select", "ignore", "code", "chosen"), [
    (["ALL"], [], "RL201", True),
    ([], [], "RL201", False),
    (["rl2"], [], "RL201", True),
    (["ALL"], ["RL2"], "RL201", False),
    (["ALL"], ["RL2"], "RL107", True),
    (["RL201"], ["RL2"], "RL201", True),  # --ignore RL2 --select RL201
    (["RL2"], ["RL201"], "RL201", False),
    (["RL20"], ["RL2"], "RL201", True),  # a longer prefix is more specific
    (["RL2"], ["RL20"], "RL201", False),
    (["RL"], ["ALL"], "RL201", True),
    (["unfilled-placeholder"], ["RL20"], "RL201", True),  # a name is as specific as its code
    (["RL20"], ["unfilled-placeholder"], "RL201", False),
    (["RL201"], ["unfilled-placeholder"], "RL201", False),  # a tie: ignore wins
    (["unfilled-placeholder"], ["RL201"], "RL201", False),
    (["ALL"], ["ALL"], "RL201", False),
    (["RL2"], ["RL2"], "RL201", False),
])
def test_most_specific_selector_wins(select: list[str], ignore: list[str], code: str,
                                     chosen: bool) -> None:
    assert selectors.selected(code, select, ignore) is chosen
    assert config.Config(select=tuple(select), ignore=tuple(ignore)).selected(code) is chosen


@pytest.mark.parametrize(("configured", "args", "codes"), [
    ("", ["--ignore", "RL2", "--select", "RL201"], ["RL201"]),
    ("", ["--ignore", "RL2", "--extend-select", "unfilled-placeholder"], ["RL107", "RL201"]),
    ("", ["--select", "RL2", "--ignore", "unfilled-placeholder"], []),
    ("", ["--select", "ALL", "--ignore", "RL"], []),
    # With RL201 ignored, the placeholder value is reported as a wrong value instead.
    ('ignore = ["RL2"]\n', [], ["RL103", "RL107"]),
    ('ignore = ["RL2"]\n', ["--select", "RL201"], ["RL201"]),
    ('ignore = ["RL201"]\n', ["--select", "RL2"], []),  # the file's code beats the prefix
])
def test_precedence_end_to_end(run: Callable[..., Result], tmp_path: Path, configured: str,
                               args: list[str], codes: list[str]) -> None:
    (tmp_path / ".reportlint.toml").write_text(configured, "utf-8")
    result = run("check", "--format", "json", *args, report(tmp_path))
    assert sorted({code for _, code, _ in found(result)}) == codes


@pytest.mark.parametrize(("table", "severities"), [
    ({"RL2": "warning"}, {"RL201": "warning", "RL107": "error"}),
    ({"RL2": "warning", "RL201": "error"}, {"RL201": "error", "RL107": "error"}),
    ({"ALL": "warning", "RL107": "error"}, {"RL201": "warning", "RL107": "error"}),
    ({"all": "warning", "unfilled-placeholder": "error"}, {"RL201": "error",
                                                           "RL107": "warning"}),
])
def test_severity_keys_are_selectors(run: Callable[..., Result], tmp_path: Path,
                                     table: dict[str, str], severities: dict[str, str]) -> None:
    lines = "".join(f'{json.dumps(key)} = "{level}"\n' for key, level in table.items())
    (tmp_path / ".reportlint.toml").write_text(f"[severity]\n{lines}", "utf-8")
    result = run("check", "--format", "json", report(tmp_path))
    assert {d["code"]: d["severity"] for d in json.loads(result.stdout)} == severities
