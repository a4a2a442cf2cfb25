"""Inline suppression comments, end to end through the CLI."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import pairs

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
    # ALL, in any case, is the same as naming no code.
    ({"a": "<!-- reportlint-disable-file ALL -->\n"}, []),
    ({"b": "<!-- reportlint-disable-next-line all -->\n"},
     [(6, "RL201"), (9, "RL201"), (10, "RL107"), (10, "RL201"), (13, "RL201")]),
    # `enable` closes a range that names the same code, however it is written.
    ({"c": "<!-- reportlint-disable unfilled-placeholder -->\n",
      "d": "<!-- reportlint-enable rl201 -->\n"},
     [(4, "RL201"), (5, "RL201"), (10, "RL107"), (14, "RL201")]),
    ({"c": "<!-- reportlint-disable RL201, RL107 -->\n", "d": "<!-- reportlint-enable ALL -->\n"},
     [(4, "RL201"), (5, "RL201"), (14, "RL201")]),
    # ... but not a range that names another selector: RL2 is not RL201.
    ({"c": "<!-- reportlint-disable RL201 -->\n", "d": "<!-- reportlint-enable RL2 -->\n"},
     [(4, "RL201"), (5, "RL201"), (10, "RL107")]),
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
     "`reportlint-disable-next-line`: unknown code or rule name 'RL2O1'; did you mean 'RL201'?"),
    ({"c": "<!-- reportlint-disable RL201 -->\n", "d": "<!-- reportlint-enable unfiled -->\n"},
     11, "`reportlint-enable`: unknown code or rule name 'unfiled'; see `reportlint rules`"),
    # An unknown selector is reported; the directive still silences what the others name.
    ({"b": "<!-- reportlint-disable-next-line RL201, unfiled-placeholder -->\n"}, 4,
     "`reportlint-disable-next-line`: unknown code or rule name 'unfiled-placeholder'; "
     "did you mean 'unfilled-placeholder'?"),
    # `disable-line` was read as `disable` with the code `-line`; a misspelt kind is reported.
    ({"b": "<!-- reportlint-disable-lines RL201 -->\n"}, 4,
     "unknown directive `reportlint-disable-lines`; did you mean `reportlint-disable-line`?"),
    ({"b": "<!-- reportlint-Disable-Next-Line RL201 -->\n"}, 4,
     "unknown directive `reportlint-Disable-Next-Line`; did you mean "
     "`reportlint-disable-next-line`?"),
    ({"b": "<!-- reportlint-ignore RL201 -->\n"}, 4,
     "unknown directive `reportlint-ignore`; known: `reportlint-disable-line`, "
     "`reportlint-disable-next-line`, `reportlint-disable`, `reportlint-enable`, "
     "`reportlint-disable-file`"),
    ({"b": "<!-- reportlint-disable-line RL201 -->\n"}, 4,
     "`reportlint-disable-line` silences only its own line, which holds nothing else; put it "
     "at the end of the line to silence, or use `reportlint-disable-next-line` above it"),
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


SAME_LINE = """\
## Progress Update: BE-014 <!-- reportlint-disable-line RL1 -->

**Status**: IN PROGRESS
**Progress**: [X]% complete <!-- reportlint-disable-line RL201 -->
**Updated**: [Date/Time] <!-- reportlint-disable-line unfilled-placeholder -->

### Completed Items
- [x] [Item 1] <!-- reportlint-disable-line ALL -->
- [ ] [Item 2] <!-- reportlint-disable-line RL107 -->
- [ ] [Item 3]
  and more <!-- a comment
  over two lines --> [Item 4] <!-- reportlint-disable-line RL201 -->

### In Progress
- [ ] [Current item]

### Blockers
| Blocker | Impact | Resolution Needed |
| --- | --- | --- |
| TBD <!-- reportlint-disable-line RL201 --> | High | Waiting |
| TBD | Low | Waiting |
"""


def test_disable_line_silences_its_own_line_only(run: Callable[..., Result],
                                                 tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text(SAME_LINE, "utf-8")
    found = json.loads(run("check", "--isolated", "--format", "json", path).stdout)
    # Line 9 keeps its placeholder, line 10 its checkbox and placeholder (the directive on
    # line 12 is for line 12, after a comment over two lines), line 21 its placeholder.
    assert [(d["line"], d["code"]) for d in found] == [
        (9, "RL201"), (10, "RL107"), (10, "RL201"), (15, "RL201"), (21, "RL201")]
    without = path.with_name("without.md")
    without.write_text(re.sub(r" <!-- reportlint-disable-line [^>]*-->", "", SAME_LINE),
                       "utf-8")
    found = json.loads(run("check", "--isolated", "--format", "json", without).stdout)
    assert [(d["line"], d["code"]) for d in found if d["line"] in (1, 4, 5, 8, 9, 12, 20)] == [
        (1, "RL108"), (4, "RL201"), (5, "RL201"), (8, "RL201"), (9, "RL107"), (9, "RL201"),
        (12, "RL201"), (20, "RL201")]


REFUSED_FILE = ("`reportlint-disable-file` is refused in this run (--no-file-suppressions): the "
                "findings it would hide are reported; silence a line with "
                "`reportlint-disable-line CODE` instead")
REFUSED_RANGE = ("`reportlint-disable` without codes is refused in this run "
                 "(--no-file-suppressions): the findings it would hide are reported; name the "
                 "codes")
UNCLOSED = ("`reportlint-disable {}` is never closed (so it covers the rest of the file) and is "
            "refused in this run (--no-file-suppressions): the findings it would hide are "
            "reported; end the range with `reportlint-enable`")


@pytest.mark.parametrize(("directives", "refused"), [
    ({"a": "<!-- reportlint-disable-file -->\n"}, [(1, REFUSED_FILE)]),
    ({"a": "<!-- reportlint-disable-file RL201 RL107 -->\n"}, [(1, REFUSED_FILE)]),
    ({"c": "<!-- reportlint-disable -->\n"}, [(8, REFUSED_RANGE)]),
    ({"c": "<!-- reportlint-disable all -->\n"}, [(8, REFUSED_RANGE)]),
    ({"c": "<!-- reportlint-disable RL -->\n", "d": "<!-- reportlint-enable -->\n"},
     [(8, REFUSED_RANGE)]),
    ({"c": "<!-- reportlint-disable RL201, RL107 -->\n"}, [(8, UNCLOSED.format("RL201 RL107"))]),
])
def test_no_file_suppressions_refuses_what_would_hide_the_file(
        run: Callable[..., Result], tmp_path: Path, directives: dict[str, str],
        refused: list[tuple[int, str]]) -> None:
    text = REPORT.format(**{k: directives.get(k, "") for k in "abcd"})
    path = tmp_path / "r.md"
    path.write_text(text, "utf-8")
    allowed = pairs(run("check", "--isolated", "--format", "json", path).stdout)
    result = run("check", "--isolated", "--no-file-suppressions", "--format", "json", path)
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    assert [(d["line"], d["message"]) for d in found if d["code"] == "RL903"] == refused
    # Everything the directive would have hidden is reported, as if it were a plain comment.
    plain = check(run, tmp_path, **dict.fromkeys(directives, "<!-- a note -->\n"))
    assert [(d["line"], d["code"]) for d in found if d["code"] != "RL903"] == plain
    assert len(allowed) < len(plain)  # where allowed, the directive hides findings


def test_no_file_suppressions_keeps_the_suppressions_that_name_codes(
        run: Callable[..., Result], tmp_path: Path) -> None:
    text = REPORT.format(a="", b="<!-- reportlint-disable-next-line RL201 -->\n",
                         c="<!-- reportlint-disable RL201, RL107 -->\n",
                         d="<!-- reportlint-enable ALL -->\n")
    path = tmp_path / "r.md"
    path.write_text(text, "utf-8")
    result = run("check", "--isolated", "--no-file-suppressions", "--format", "json", path)
    assert [(d["line"], d["code"]) for d in json.loads(result.stdout)] == [
        (6, "RL201"), (15, "RL201")]


def test_no_file_suppressions_refuses_the_range_left_open(run: Callable[..., Result],
                                                          tmp_path: Path) -> None:
    text = REPORT.format(a="", b="<!-- reportlint-disable RL107 -->\n",
                         c="<!-- reportlint-disable RL201 -->\n",
                         d="<!-- reportlint-enable RL201 -->\n")
    path = tmp_path / "r.md"
    path.write_text(text, "utf-8")
    result = run("check", "--isolated", "--no-file-suppressions", "--format", "json", path)
    found = json.loads(result.stdout)
    assert [(d["line"], d["code"]) for d in found] == [
        (4, "RL903"), (5, "RL201"), (6, "RL201"), (11, "RL107"), (15, "RL201")]
    assert found[0]["message"] == UNCLOSED.format("RL107")
