"""--fix and --diff: the expected repairs byte for byte, line endings and BOM kept, idempotent,
atomic (an injected failure leaves the original), permissions and untouched files kept."""

from __future__ import annotations

import codecs
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from reportlint import atomic, engine

from conftest import FIXTURES

CASES = sorted((FIXTURES / "fix").glob("*.md"))


def fixed(path: Path) -> bytes:
    return path.with_suffix(".fixed").read_bytes()


@pytest.mark.parametrize("source", CASES, ids=[p.stem for p in CASES])
@pytest.mark.parametrize("style", ["lf", "crlf", "bom-crlf", "cr"])
def test_fix_output_byte_for_byte(run: Callable[..., Result], tmp_path: Path, source: Path,
                                  style: str) -> None:
    ending = {"lf": b"\n", "crlf": b"\r\n", "bom-crlf": b"\r\n", "cr": b"\r"}[style]
    bom = codecs.BOM_UTF8 if style.startswith("bom") else b""
    target = tmp_path / source.name
    target.write_bytes(bom + source.read_bytes().replace(b"\n", ending))
    result = run("check", "--isolated", "--fix", target)
    assert result.exit_code in (0, 1)
    assert target.read_bytes() == bom + fixed(source).replace(b"\n", ending)
    before = target.stat().st_mtime_ns
    again = run("check", "--isolated", "--fix", target)
    assert target.stat().st_mtime_ns == before  # nothing left to fix: not even rewritten
    assert "Fixed" not in again.stderr


def test_remaining_findings_are_reported(run: Callable[..., Result], tmp_path: Path) -> None:
    target = tmp_path / "s.md"
    target.write_bytes((FIXTURES / "fix/statuses.md").read_bytes())
    result = run("check", "--isolated", "--fix", "--format", "json", "--select", "RL103",
                 target)
    assert result.stderr == "Fixed 2 line(s) in 1 file(s).\n"
    assert [(d["line"], d["message"]) for d in json.loads(result.stdout)] == [
        (12, "**Status** is `Done`; expected one of `IN PROGRESS`, `BLOCKED`, "
             "`NEEDS CLARIFICATION`")]


def test_diff_changes_nothing(run: Callable[..., Result], tmp_path: Path) -> None:
    target = tmp_path / "s.md"
    original = (FIXTURES / "fix/statuses.md").read_bytes()
    target.write_bytes(original)
    result = run("check", "--isolated", "--diff", target)
    assert result.exit_code == 1
    assert target.read_bytes() == original
    assert result.stdout == (
        f"--- {target}\n+++ {target}\n@@ -1,11 +1,11 @@\n"
        " ## Progress Update: BE-031 - Audit log service\n \n"
        "-- **Status**: in_progress\n+- **Status**: IN PROGRESS\n"
        " **Progress**: 20% complete\n \n"
        " ## Task Acknowledged: BE-032 - Next task\n \n"
        "-__Status:__ In Progress\n+__Status__: IN PROGRESS\n"
        " \n ## Progress Update: BE-033 - Unknown status\n \n")
    clean = run("check", "--isolated", "--diff", FIXTURES / "progress/valid/in-progress.md")
    assert clean.exit_code == 0
    assert clean.stdout == ""


def test_untouched_files_keep_their_mtime(run: Callable[..., Result], tmp_path: Path) -> None:
    target = tmp_path / "ok.md"
    target.write_bytes((FIXTURES / "progress/valid/in-progress.md").read_bytes())
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    run("check", "--isolated", "--fix", target)
    assert target.stat().st_mtime_ns == 1_000_000_000


def test_permissions_are_kept(run: Callable[..., Result], tmp_path: Path) -> None:
    target = tmp_path / "s.md"
    target.write_bytes((FIXTURES / "fix/statuses.md").read_bytes())
    target.chmod(0o640)
    run("check", "--isolated", "--fix", target)
    assert target.read_bytes() == fixed(FIXTURES / "fix/statuses.md")
    assert target.stat().st_mode & 0o7777 == 0o640


def test_failure_mid_write_leaves_the_original(run: Callable[..., Result], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "s.md"
    original = (FIXTURES / "fix/statuses.md").read_bytes()
    target.write_bytes(original)

    def broken(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken)
    result = run("check", "--isolated", "--fix", target)
    assert target.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.md"]  # no temporary file left
    assert f"error: cannot write {target}: No space left on device" in result.stderr


def test_file_changed_on_disk_is_left_alone(run: Callable[..., Result], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "s.md"
    target.write_bytes((FIXTURES / "fix/statuses.md").read_bytes())
    real = engine.repair

    def racing(item: engine.Input, settings: engine.Settings) -> engine.Repair | None:
        found = real(item, settings)
        target.write_bytes(b"## Progress Update: BE-1 - edited meanwhile\n")
        return found

    monkeypatch.setattr(engine, "repair", racing)
    result = run("check", "--isolated", "--fix", target)
    assert target.read_bytes() == b"## Progress Update: BE-1 - edited meanwhile\n"
    assert "changed while it was being fixed; left as it is" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.md"]


def test_utf16_files_are_not_rewritten(run: Callable[..., Result], tmp_path: Path) -> None:
    target = tmp_path / "u.md"
    data = codecs.BOM_UTF16_LE + (FIXTURES / "fix/statuses.md").read_text().encode("utf-16-le")
    target.write_bytes(data)
    run("check", "--isolated", "--fix", target)
    assert target.read_bytes() == data


# -- what --fix leaves alone -----------------------------------------------------------

PROTECTED = (
    "---\n"
    "title: kept  \n"
    "---\n"
    "\n"
    "Before the report:\n"
    "\n"
    "```diff\n"
    " context line  \n"
    " \n"
    "-**Status:** old  \n"
    "+- [X] added\n"
    "```\n"
    "\n"
    "    indented code  \n"
    "    - [X] not a checkbox\n"
    "\n"
    "<pre>\n"
    "kept  \n"
    "\n"
    "**Status:** kept\t\n"
    "</pre>\n"
    "\n"
    "<div>\n"
    "- [X] not a list  \n"
    "</div>\n"
    "\n"
    "## Progress Update: BE-031 - Audit log service\n"
    "\n"
    "- **Status**: in_progress\n"
    "**Progress**: 20% complete\n"
    "\n"
    "Three spaces   \n"
    "are a hard break.\n"
    "A tab, then two spaces\t  \n"
    "are one too.\n"
    "A backslash \\ \n"
    "would become one.\n"
    "The end of a paragraph   \n"
    "\n"
    "- [X] done  \n"
    "- item  \n"
    "- item\n"
    "\n"
    "Setext heading with a break  \n"
    "inside   \n"
    "======\n"
    "\n"
    "```\n"
    "a fence in a report  \n"
    "```\n"
)
PROTECTED_FIXED = (
    PROTECTED
    .replace("- **Status**: in_progress\n", "- **Status**: IN PROGRESS\n")
    .replace("The end of a paragraph   \n", "The end of a paragraph\n")
    .replace("- [X] done  \n- item  \n", "- [x] done\n- item\n")
    .replace("inside   \n", "inside\n")
)


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_code_html_front_matter_and_hard_breaks_are_kept(run: Callable[..., Result],
                                                         tmp_path: Path, ending: str) -> None:
    target = tmp_path / "r.md"
    target.write_bytes(PROTECTED.replace("\n", ending).encode("utf-8"))
    result = run("check", "--isolated", "--fix", target)
    assert result.stderr == "Fixed 5 line(s) in 1 file(s).\n"
    assert target.read_bytes().decode("utf-8") == PROTECTED_FIXED.replace("\n", ending)
