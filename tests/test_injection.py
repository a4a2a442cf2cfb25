"""A hostile report cannot act on a terminal, a CI log or the job summary through reportlint's
output: no control character but the format's own line breaks, no line of its own (a
workflow command), no Markdown or HTML structure in the step summary, every message bounded."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import Result
from markdown_it import MarkdownIt

from reportlint import quote

ANSI = "\x1b[2J\x1b[1;1H"  # clear the screen, move the cursor
CLIPBOARD = "\x1b]52;c;ZWNobyBwd25lZA==\x07"  # OSC 52: write the clipboard
LINK = "\x1b]8;;https://evil.example/\x1b\\click here\x1b]8;;\x1b\\"  # OSC 8 hyperlink
BIDI = "\u202etxt.exe\u202c and \u2066hidden\u2069"
C1 = "\x9b2J\x9d0;title\x9c"  # 8-bit CSI and OSC
INVISIBLE = "zero\u200bwidth\ufeff"
# A code span holding a backtick, so that the message quoting it has markup outside its own.
MARKUP = "``x` </details><img src=x onerror=alert(1)> | cell | [l](https://e) **b** `y``"
HOSTILE = (
    "# Progress Update: BE-1 - Hostile " + ANSI + "\n\n"
    "**Status**: " + CLIPBOARD + MARKUP + "\n**Progress**: 50% complete\n"
    "**Updated**: 2025-01-15 09:00\n\n"
    # A setext heading whose text spans two lines: the second starts a workflow command.
    "Completed Items\n::error file=x::pwned\n---------------\n\n- [x] Done\n\n"
    "#### Skipped " + LINK + " " + BIDI + "\n\n"
    "### Twice " + C1 + " " + INVISIBLE + " | `a|b`\n\n- [ ] a\n\n"
    "### Twice " + C1 + " " + INVISIBLE + " | `a|b`\n\n- [ ] b\n\n"
    "### " + "A" * 10_000 + "\n\n### " + "A" * 10_000 + "\n\n"
    "### In Progress\n\n- [ ] Rotation " + ANSI + "\n\n"
    "### Blockers (if any)\n\nNone.\n\n### Questions for PM\n\nNone.\n")
# Any control or invisible character; each format's own line breaks are allowed apart.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u00ad\u180e\u200b-\u200f\u2028-\u202e"
                    "\u2060-\u2064\u2066-\u2069\ufeff]")
FORMATS = ["text", "json", "sarif", "github", "junit", "gitlab"]


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.md"
    path.write_text(HOSTILE, "utf-8")
    return path


def findings(run: Callable[..., Result], path: Path) -> list[dict[str, object]]:
    found: list[dict[str, object]] = json.loads(
        run("check", "--isolated", "--format", "json", path).stdout)
    return found


def test_the_hostile_report_reaches_the_quoting_findings(run: Callable[..., Result],
                                                         hostile: Path) -> None:
    found = findings(run, hostile)
    messages = {str(d["message"]) for d in found}
    # The findings that quote headings and values, each one line with the controls out.
    assert ("missing section `Completed Items`; is `Completed Items ::error file=x::pwned` on "
            "line 7 meant to be it?") in messages
    assert ("heading level jumps from 2 to 4 at `Skipped click here txt.exe and hidden`; use "
            "`###`") in messages
    assert "section `Twice zerowidth | a|b` appears again (first on line 15); merge the two" \
        in messages
    assert f"section `{'A' * 59}…` appears again (first on line 23); merge the two" in messages
    assert ("**Status** is `x` </details><img src=x onerror=alert(1)> | cell | [l](http…`; "
            "expected one of `IN PROGRESS`, `BLOCKED`, `NEEDS CLARIFICATION`") in messages
    assert all(len(m) <= quote.MESSAGE_MAX for m in messages)
    assert {"RL101", "RL103", "RL211", "RL213"} <= {d["code"] for d in found}


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_is_safe_on_its_own(run: Callable[..., Result], hostile: Path,
                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         name: str) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run("check", "--isolated", "--format", name, hostile)
    assert result.exit_code == 1
    out = result.stdout
    assert UNSAFE.findall(out) == []
    lines = out.splitlines()
    count = len(findings(run, hostile))
    if name == "text":
        assert [line for line in lines if not line.startswith(str(hostile))] == [lines[-1]]
        assert not any(line.startswith("::") for line in lines)
    elif name == "github":
        commands = [line for line in lines if line.startswith("::")]
        assert len(commands) == count == len(lines) - 1
        assert all(re.match(rf"::(error|warning) file={re.escape(str(hostile))},line=\d+,",
                            line) for line in commands)
        assert UNSAFE.findall(summary.read_text("utf-8")) == []
    elif name == "junit":
        ElementTree.fromstring(out)
    else:
        json.loads(out)


def test_the_step_summary_keeps_its_structure(run: Callable[..., Result], hostile: Path,
                                              tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run("check", "--isolated", "--format", "github", hostile)
    html = MarkdownIt("commonmark").enable("table").render(summary.read_text("utf-8"))
    count = len(findings(run, hostile))
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL)
    assert len(rows) == 2 + 1 + count  # two headers, the file's row, one row a finding
    assert all(row.count("<td") == 4 for row in rows[3:])
    for tag in ("<img", "</details>", "<a ", "<strong>", "<em>"):
        assert tag not in html
    assert "&lt;/details&gt;&lt;img src=x onerror=alert(1)&gt;" in html  # shown, not obeyed


def test_diff_and_extract_show_controls_as_escapes(run: Callable[..., Result],
                                                   tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text("## Progress Update: BE-1 - X\n\n- [x] " + ANSI + CLIPBOARD + C1 + BIDI
                    + " \n", "utf-8")
    diff = run("check", "--isolated", "--diff", path).stdout
    assert UNSAFE.findall(diff) == []
    assert "\\x1b[2J\\x1b[1;1H\\x1b]52;c;ZWNobyBwd25lZA==\\x07\\x9b2J" in diff
    extracted = run("extract", path).stdout
    assert UNSAFE.findall(extracted) == []
    item = json.loads(extracted)["reports"][0]["items"][0]["text"]
    assert item == "\x1b[2J\x1b[1;1H" + CLIPBOARD + C1 + BIDI  # the model keeps the text


def test_paths_with_controls_are_shown_as_escapes(run: Callable[..., Result],
                                                  tmp_path: Path) -> None:
    folder = tmp_path / "a\x1b]52;c;eA==\x07\n::error file=x::pwned"
    folder.mkdir()
    path = folder / "r.md"
    path.write_text("## Progress Update: BE-1 - X\n\n**Status**: WAITING\n", "utf-8")
    for name in FORMATS:
        out = run("check", "--isolated", "--select", "RL103", "--format", name, path).stdout
        assert UNSAFE.findall(out) == [], name
        assert not any(line.startswith("::error file=x") for line in out.splitlines()), name
    text = run("check", "--isolated", "--select", "RL103", path).stdout
    assert "a\\x1b]52;c;eA==\\x07\\x0a::error file=x::pwned/r.md:3:1: RL103" in text


@pytest.mark.parametrize(("raw", "shown"), [
    ("a\x1b[31mred\x1b[0m b", "ared b"),
    ("\x1b]8;;https://x\x07link\x1b]8;;\x07", "link"),
    ("\x1b]52;c;ZWNobw==\x1b\\after", "after"),
    ("tab\tand\nline\r\nbreak\u2028sep", "tab and line break sep"),
    ("nul\x00bel\x07del\x7fc1\x85\x9b", "nul\ufffdbel\ufffddel\ufffdc1 "),
    ("\u202eevil\u202c \u2066iso\u2069 zw\u200bj\u200dx", "evil iso zwjx"),
    ("x" * 100, "x" * 59 + "…"),
])
def test_quote(raw: str, shown: str) -> None:
    assert quote.quote(raw) == shown.strip()
