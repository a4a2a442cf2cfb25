"""Inline suppression comments, end to end through the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

REPORT = """\
{a}## Progress Update: BE-014 - Refresh token rotation

**Status**: IN PROGRESS
{b}**Progress**: [X]% complete
**Updated**: [Date/Time]

### Completed Items
{c}- [x] [Item 1]
- [ ] [Item 2]
{d}
### In Progress
- [ ] [Current item]
"""


def check(run: Callable[..., Result], tmp_path: Path, **directives: str
          ) -> list[tuple[int, str]]:
    text = REPORT.format(**{k: directives.get(k, "") for k in "abcd"})
    path = tmp_path / "r.md"
    path.write_text(text, "utf-8")
    result = run("check", "--isolated", "--format", "json", path)
    return [(d["line"], d["code"]) for d in json.loads(result.stdout)]


def test_without_directives(run: Callable[..., Result], tmp_path: Path) -> None:
    assert check(run, tmp_path) == [(4, "RL201"), (5, "RL201"), (8, "RL201"), (9, "RL107"),
                                    (9, "RL201"), (12, "RL201")]


@pytest.mark.parametrize(("directives", "expected"), [
    ({"b": "<!-- reportlint-disable-next-line RL201 -->\n"},
     [(6, "RL201"), (9, "RL201"), (10, "RL107"), (10, "RL201"), (13, "RL201")]),
    ({"b": "<!-- reportlint-disable-next-line -->\n"},
     [(6, "RL201"), (9, "RL201"), (10, "RL107"), (10, "RL201"), (13, "RL201")]),
    ({"c": "<!-- reportlint-disable unfilled-placeholder -->\n",
      "d": "<!-- reportlint-enable unfilled-placeholder -->\n"},
     [(4, "RL201"), (5, "RL201"), (10, "RL107"), (14, "RL201")]),
    ({"c": "<!-- reportlint-disable RL1, RL201 -->\n"}, [(4, "RL201"), (5, "RL201")]),
    ({"a": "<!-- reportlint-disable-file RL201 -->\n"}, [(10, "RL107")]),
    ({"a": "<!-- reportlint-disable-file -->\n"}, []),
])
def test_directives(run: Callable[..., Result], tmp_path: Path, directives: dict[str, str],
                    expected: list[tuple[int, str]]) -> None:
    assert check(run, tmp_path, **directives) == expected


@pytest.mark.parametrize(("directives", "line", "message"), [
    ({"a": "<!-- reportlint-disable-file RL212 -->\n"}, 1,
     "`reportlint-disable-file RL212` suppresses nothing; remove it"),
    ({"d": "<!-- reportlint-disable-next-line -->\n"}, 10,
     "`reportlint-disable-next-line` suppresses nothing; remove it"),
    ({"b": "<!-- reportlint-disable-next-line RL201 RL107 -->\n"}, 4,
     "`reportlint-disable-next-line RL107` suppresses nothing; remove it"),
    ({"b": "<!-- reportlint-disable-next-line RL2O1 -->\n"}, 4,
     "`reportlint-disable-next-line` names unknown code 'RL2O1'"),
])
def test_unused_and_unknown_suppressions_are_reported(
        run: Callable[..., Result], tmp_path: Path, directives: dict[str, str], line: int,
        message: str) -> None:
    text = REPORT.format(**{k: directives.get(k, "") for k in "abcd"})
    path = tmp_path / "r.md"
    path.write_text(text, "utf-8")
    found = json.loads(run("check", "--isolated", "--format", "json", path).stdout)
    unused = [(d["line"], d["message"], d["severity"]) for d in found if d["code"] == "RL902"]
    assert unused == [(line, message, "warning")]


def test_directive_in_a_code_block_is_text(run: Callable[..., Result], tmp_path: Path) -> None:
    fenced = "```\n<!-- reportlint-disable-file -->\n```\n"
    assert (4, "RL201") in check(run, tmp_path, d=fenced)
