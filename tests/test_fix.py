"""--fix and --diff: the expected repairs byte for byte, line endings and BOM kept, idempotent,
atomic (an injected failure leaves the original), permissions and untouched files kept."""

from __future__ import annotations

import codecs
import json
import os
import re
import time
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


# -- symbolic links --------------------------------------------------------------------

def _statuses(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((FIXTURES / "fix/statuses.md").read_bytes())
    return path


def test_a_link_inside_the_checked_folder_edits_its_target(
        run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = _statuses(tmp_path / "notes/real.md")
    link = tmp_path / "reports/link.md"
    link.parent.mkdir()
    link.symlink_to("../notes/real.md")
    monkeypatch.chdir(tmp_path)
    result = run("check", "--isolated", "--fix", "reports/link.md")
    assert result.stderr == "Fixed 2 line(s) in 1 file(s).\n"
    assert link.is_symlink()
    assert os.readlink(link) == "../notes/real.md"
    assert real.read_bytes() == fixed(FIXTURES / "fix/statuses.md")
    assert sorted(p.name for p in real.parent.iterdir()) == ["real.md"]


@pytest.mark.parametrize("named", ["file", "folder"])
def test_a_link_leading_out_of_the_checked_folder_is_left_alone(
        run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        named: str) -> None:
    real = _statuses(tmp_path / "outside/real.md")
    work = tmp_path / "work"
    link = work / "reports/link.md"
    link.parent.mkdir(parents=True)
    link.symlink_to(real)
    monkeypatch.chdir(work)
    result = run("check", "--isolated", "--fix", "--select", "RL103",
                 "reports/link.md" if named == "file" else "reports")
    bound = work if named == "file" else work / "reports"
    assert result.stderr == (f"warning: reports/link.md resolves to {real}, outside the "
                             f"folder being checked ({bound}); left as it is\n")
    assert real.read_bytes() == (FIXTURES / "fix/statuses.md").read_bytes()
    assert link.is_symlink()
    assert "reports/link.md:3:3: RL103 [*] **Status** is `in_progress`" in result.stdout  # as it is


def test_a_linked_folder_does_not_lead_out_of_the_current_folder(
        run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = _statuses(tmp_path / "outside/real.md")
    work = tmp_path / "work"
    work.mkdir()
    (work / "reports").symlink_to(real.parent, target_is_directory=True)
    monkeypatch.chdir(work)
    for named in ("reports", "reports/real.md"):
        result = run("check", "--isolated", "--fix", named)
        assert result.stderr == (f"warning: reports/real.md resolves to {real}, outside the "
                                 f"folder being checked ({work}); left as it is\n")
        assert real.read_bytes() == (FIXTURES / "fix/statuses.md").read_bytes()


# -- modes, owners, links --------------------------------------------------------------

def test_read_only_files_are_left_alone(run: Callable[..., Result], tmp_path: Path) -> None:
    target = _statuses(tmp_path / "s.md")
    target.chmod(0o444)
    result = run("check", "--isolated", "--fix", "--select", "RL103", target)
    assert result.stderr == f"warning: {target} is read-only (mode 0444); left as it is\n"
    assert target.read_bytes() == (FIXTURES / "fix/statuses.md").read_bytes()
    assert target.stat().st_mode & 0o7777 == 0o444
    assert result.exit_code == 1  # the findings of the file as it is


@pytest.mark.parametrize(("before", "after"), [(0o4755, 0o755), (0o2775, 0o775),
                                               (0o1644, 0o644), (0o6640, 0o640)],
                         ids=["setuid", "setgid", "sticky", "both"])
def test_setuid_setgid_and_sticky_bits_are_not_copied(run: Callable[..., Result],
                                                      tmp_path: Path, before: int,
                                                      after: int) -> None:
    target = _statuses(tmp_path / "s.md")
    target.chmod(before)
    run("check", "--isolated", "--fix", target)
    assert target.read_bytes() == fixed(FIXTURES / "fix/statuses.md")
    assert target.stat().st_mode & 0o7777 == after


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_a_root_run_keeps_the_owner_and_group(run: Callable[..., Result],
                                              tmp_path: Path) -> None:
    target = _statuses(tmp_path / "s.md")
    os.chown(target, 12345, 23456)
    run("check", "--isolated", "--fix", target)
    assert target.read_bytes() == fixed(FIXTURES / "fix/statuses.md")
    assert (target.stat().st_uid, target.stat().st_gid) == (12345, 23456)


def test_an_owner_that_cannot_be_kept_leaves_the_file_alone(
        run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = _statuses(tmp_path / "s.md")
    info = target.stat()
    real_stat = os.lstat

    def other_owner(path: object, *args: object, **kwargs: object) -> os.stat_result:
        found = real_stat(path, *args, **kwargs)  # type: ignore[arg-type]
        if Path(str(path)) != target:
            return found
        values = list(found)
        values[4], values[5] = info.st_uid + 1, info.st_gid + 1
        return os.stat_result(values)

    def refused(fd: int, uid: int, gid: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "lstat", other_owner)
    monkeypatch.setattr(atomic.os, "fchown", refused)
    result = run("check", "--isolated", "--fix", target)
    assert result.stderr == (f"warning: {target} cannot be given back its owner and group "
                             f"(uid {info.st_uid + 1}, gid {info.st_gid + 1}): Operation not "
                             "permitted; left as it is\n")
    assert target.read_bytes() == (FIXTURES / "fix/statuses.md").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.md"]


def test_hard_linked_files_are_left_alone(run: Callable[..., Result], tmp_path: Path) -> None:
    target = _statuses(tmp_path / "s.md")
    os.link(target, tmp_path / "other-name.txt")
    result = run("check", "--isolated", "--fix", target)
    assert result.stderr == (f"warning: {target} has 2 hard links, which replacing it would "
                             "separate; left as it is\n")
    assert target.read_bytes() == (FIXTURES / "fix/statuses.md").read_bytes()


def test_a_file_replaced_by_a_fifo_meanwhile_is_left_alone(
        run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        no_hang: None) -> None:
    target = _statuses(tmp_path / "s.md")
    real = engine.repair

    def racing(item: engine.Input, settings: engine.Settings) -> engine.Repair | None:
        found = real(item, settings)
        target.unlink()
        os.mkfifo(target)
        return found

    monkeypatch.setattr(engine, "repair", racing)
    result = run("check", "--isolated", "--fix", target)
    assert result.stderr.startswith(f"warning: {target} changed while it was being fixed; "
                                    "left as it is\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.md"]


# -- temporary files -------------------------------------------------------------------

def test_temporary_files_have_one_name_pattern(run: Callable[..., Result], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    target = _statuses(tmp_path / "s.md")
    seen: list[str] = []
    real = atomic.os.replace

    def watched(source: str, destination: str) -> None:
        seen.append(str(source))
        real(source, destination)

    monkeypatch.setattr(atomic.os, "replace", watched)
    run("check", "--isolated", "--fix", target)
    (name,) = seen
    assert Path(name).parent == tmp_path
    assert re.fullmatch(r"\.reportlint-tmp-[0-9a-f]{16}", Path(name).name), name


def test_stale_temporary_files_are_removed_by_the_next_run(run: Callable[..., Result],
                                                           tmp_path: Path) -> None:
    target = tmp_path / "ok.md"
    target.write_bytes((FIXTURES / "progress/valid/in-progress.md").read_bytes())
    stale, fresh = tmp_path / ".reportlint-tmp-0123456789abcdef", tmp_path / (
        ".reportlint-tmp-fedcba9876543210")
    other = tmp_path / ".reportlint-tmp-notes"
    link = tmp_path / ".reportlint-tmp-00000000000000ff"
    for path in (stale, fresh, other):
        path.write_text("half a report")
    link.symlink_to(target)
    old = time.time() - 120
    for path in (stale, other):
        os.utime(path, (old, old))
    os.utime(link, (old, old), follow_symlinks=False)
    result = run("check", "--isolated", "--fix", target)
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in (fresh, link, other, target))
    run("check", "--isolated", target)  # without --fix nothing is removed
    assert fresh.exists()


def test_sections_at_the_title_level_are_demoted_in_the_diff(run: Callable[..., Result],
                                                             tmp_path: Path) -> None:
    target = tmp_path / "t.md"
    original = (FIXTURES / "fix/title-level.md").read_bytes()
    target.write_bytes(original)
    result = run("check", "--isolated", "--diff", target)
    assert result.exit_code == 1
    assert target.read_bytes() == original
    assert result.stdout == (
        f"--- {target}\n+++ {target}\n@@ -4,17 +4,17 @@\n"
        " **Progress**: 40% complete\n **Updated**: 2025-03-10 15:00\n \n"
        "-## Completed Items\n+### Completed Items\n - [x] Migration\n \n"
        "-### Notes\n-> #### Quoted heading, inside a quote\n"
        "+#### Notes\n+> ##### Quoted heading, inside a quote\n \n"
        " ```markdown\n ## A heading in a code block stays\n ```\n \n"
        "-## In Progress\n+### In Progress\n - [ ] Service\n \n"
        " ## Progress Update: BE-015 - Session expiry\n")


def test_the_demotion_is_the_edits_of_the_section_at_title_level_finding(
        run: Callable[..., Result], tmp_path: Path) -> None:
    target = tmp_path / "t.md"
    target.write_bytes((FIXTURES / "fix/title-level.md").read_bytes())
    result = run("check", "--isolated", "--format", "json", "--select", "RL216", target)
    found = [(d["line"], d.get("fix")) for d in json.loads(result.stdout)]

    def line(n: int, text: str) -> dict[str, object]:
        return {"start": {"line": n, "column": 1}, "end": {"line": n + 1, "column": 1},
                "text": text}

    assert found == [
        (7, {"edits": [line(7, "### Completed Items\n"),
                       {"start": {"line": 10, "column": 1}, "end": {"line": 12, "column": 1},
                        "text": "#### Notes\n> ##### Quoted heading, inside a quote\n"},
                       line(17, "### In Progress\n")]}),
        (26, None),  # a `######` sub-section cannot go lower: not fixed
        (36, None),  # a setext heading: not fixed
    ]


def test_no_demotion_where_section_at_title_level_is_off(run: Callable[..., Result],
                                                         tmp_path: Path) -> None:
    target = tmp_path / "t.md"
    original = (FIXTURES / "fix/title-level.md").read_bytes()
    target.write_bytes(original)
    result = run("check", "--isolated", "--ignore", "RL216", "--diff", target)
    assert result.exit_code == 0
    assert result.stdout == ""
    run("check", "--isolated", "--ignore", "RL216", "--fix", target)
    assert target.read_bytes() == original
