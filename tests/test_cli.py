"""The command line end to end: output formats, exit codes, inputs that are not reports."""

from __future__ import annotations

import codecs
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from reportlint import templates
from reportlint.paths import display

from conftest import FIXTURES, ROOT, pairs

PROGRESS_BAD = FIXTURES / "progress/invalid/checkboxes.md"
VALID = FIXTURES / "progress/valid/in-progress.md"


def test_text_output_is_exact(run: Callable[..., Result],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    result = run("check", PROGRESS_BAD)  # an absolute path, shown relative to the cwd
    path = "fixtures/progress/invalid/checkboxes.md"
    assert result.exit_code == 1
    assert result.stdout == (
        f"{path}:4:1: RL103 **Progress** is `150% complete`; expected a percentage from 0 to "
        "100, such as `60% complete`\n"
        f"{path}:9:1: RL107 item `Rotation service` is not ticked but is listed under "
        "`Completed Items`; tick it (`- [x]`) or move it to `In Progress`\n"
        f"{path}:12:1: RL107 item `Integration tests` is ticked but is listed under "
        "`In Progress`; move it to `Completed Items`\n"
        "Found 3 errors and 0 warnings in 1 of 1 file.\n"
    )


def test_json_output_is_exact(run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch,
                              tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT / "fixtures")
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    result = run("check", "--format", "json", "../fixtures/other/./invalid/no-report.md")
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    # The finding's fingerprint in its file is the one a baseline records for it.
    recorded = tmp_path / "baseline.json"
    done = run("baseline", "-o", recorded, "../fixtures/other/./invalid/no-report.md")
    assert done.exit_code == 0, done.stderr
    assert found[0].pop("fingerprint") == json.loads(recorded.read_text("utf-8"))[
        "findings"][0]["fingerprint"]
    assert found == [{
        "path": "other/invalid/no-report.md", "line": 1, "column": 1,
        "code": "RL005", "name": "no-report", "severity": "error",
        "message": "no report title found (known: `Task Acknowledged`, `Task Completion "
                   "Report`, `DevOps Completion Report`, `Progress Update`, "
                   "`QA Completion Report`, `Task`); start the report with a heading such as "
                   "`## Task Completion Report: BE-001 - Add login endpoint`, or pass "
                   "--template NAME",
        "fixable": False,
        "url": "https://github.com/OWNER/reportlint/blob/v0.1.0/docs/rules.md#rl005-no-report",
    }]


def test_clean_file_exits_zero(run: Callable[..., Result]) -> None:
    result = run("check", VALID)
    assert result.exit_code == 0
    assert result.stdout == "All checks passed! (1 file checked)\n"


def test_warnings_alone_exit_zero(run: Callable[..., Result], tmp_path: Path) -> None:
    text = (FIXTURES / "completion/valid/full.md").read_text("utf-8")
    path = tmp_path / "report.md"
    path.write_text(text.replace("| Added | Rotation", "| Created | Rotation"), "utf-8")
    result = run("check", "--format", "json", path)
    assert [(d["line"], d["code"], d["severity"]) for d in json.loads(result.stdout)] == [
        (25, "RL106", "warning")]
    assert result.exit_code == 0


def test_directory_recurses_into_markdown_files(run: Callable[..., Result]) -> None:
    result = run("check", "--format", "json", FIXTURES / "progress")
    found = {Path(d["path"]).name for d in json.loads(result.stdout)}
    assert found == {p.name for p in (FIXTURES / "progress/invalid").glob("*.md")}
    assert result.exit_code == 1


def test_stdin(run: Callable[..., Result]) -> None:
    data = PROGRESS_BAD.read_bytes()
    result = run("check", "--format", "json", "-", input=data)
    assert pairs(result.stdout) == [(4, "RL103"), (9, "RL107"), (12, "RL107")]
    assert {d["path"] for d in json.loads(result.stdout)} == {"-"}
    named = run("check", "--stdin-filename", "pr.md", "-", input=data)
    assert named.stdout.startswith("pr.md:4:1: RL103")


def test_forced_template(run: Callable[..., Result]) -> None:
    path = FIXTURES / "other/invalid/no-report.md"
    result = run("check", "--format", "json", "--template", "progress", path)
    assert pairs(result.stdout) == [(1, "RL101"), (1, "RL101"), (1, "RL102"), (1, "RL102"),
                                    (1, "RL108"), (3, "RL103")]


@pytest.mark.parametrize(("args", "needle"), [
    (["check", "--no-such-option"], "No such option"),
    (["check", "--template", "nope", "x.md"], "unknown template 'nope'"),
    (["check", "--format", "xml", "x.md"], "Invalid value for '--format'"),
    (["rule", "RL999"], "unknown code 'RL999'"),
    (["frobnicate"], "No such command"),
])
def test_usage_errors_exit_two(run: Callable[..., Result], args: list[str], needle: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert needle in result.stderr


def test_missing_path_is_a_usage_error_but_the_rest_is_checked(
        run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("check", tmp_path / "absent.md", PROGRESS_BAD)
    assert result.exit_code == 2
    assert f"error: {tmp_path / 'absent.md'}: no such file or directory" in result.stderr
    assert f"{display(PROGRESS_BAD)}:4:1: RL103" in result.stdout


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("data", "line", "code", "message"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1, "RL002", "binary file"),
    ("## Progress Update: BE-1 - X\n\nCaf\xe9\n".encode("latin-1"), 3, "RL003",
     "not valid UTF-8: byte 0xe9 at offset 33"),
    (b"line one\r\nline two\r\n\xff", 3, "RL003", "offset 20"),
])
def test_unusable_input_is_a_finding(run: Callable[..., Result], tmp_path: Path, data: bytes,
                                     line: int, code: str, message: str) -> None:
    path = write(tmp_path, "report.md", data)
    result = run("check", "--format", "json", path, VALID)
    (finding,) = json.loads(result.stdout)
    assert (finding["line"], finding["code"]) == (line, code)
    assert message in finding["message"]
    assert result.exit_code == 1


@pytest.mark.parametrize("data", [b"", b"  \n\n\t\n"])
def test_an_empty_file_is_no_report_unless_it_must_be_one(
        run: Callable[..., Result], tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "report.md", data)
    result = run("check", "--isolated", path)
    assert (result.stdout, result.exit_code) == (
        "All checks passed! (0 files checked, 1 skipped as not a report)\n", 0)
    (tmp_path / ".reportlint.toml").write_text('reports = ["*.md"]\n', "utf-8")
    result = run("check", "--format", "json", path)
    (finding,) = json.loads(result.stdout)
    assert (finding["line"], finding["code"], result.exit_code) == (1, "RL004", 1)
    assert "empty file" in finding["message"]


def test_utf16_with_bom_is_read(run: Callable[..., Result], tmp_path: Path) -> None:
    text = PROGRESS_BAD.read_text("utf-8")
    path = write(tmp_path, "utf16.md", codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    result = run("check", "--format", "json", path)
    assert pairs(result.stdout) == [(4, "RL103"), (9, "RL107"), (12, "RL107")]


def test_unreadable_file_is_a_finding_and_others_are_checked(
        run: Callable[..., Result], tmp_path: Path) -> None:
    broken = tmp_path / "broken.md"
    broken.symlink_to(tmp_path / "gone.md")
    result = run("check", "--format", "json", tmp_path, PROGRESS_BAD)
    found = json.loads(result.stdout)
    assert [(Path(d["path"]).name, d["line"], d["code"]) for d in found][:2] == [
        ("broken.md", 1, "RL001"), ("checkboxes.md", 4, "RL103")]
    assert "No such file or directory" in found[0]["message"]
    assert result.exit_code == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied_is_a_finding(run: Callable[..., Result], tmp_path: Path) -> None:
    path = write(tmp_path, "secret.md", b"## Progress Update: BE-1 - X\n")
    path.chmod(0)
    result = run("check", "--format", "json", path)
    assert pairs(result.stdout) == [(1, "RL001")]


def test_broken_builtin_template_is_exit_two(run: Callable[..., Result], tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "bad.yaml").write_text(
        "x-reportlint: {name: bad, title-pattern: '^bad'}\ntype: objekt\n", "utf-8")
    monkeypatch.setattr(templates, "builtin_dir", lambda: tmp_path)
    result = run("check", VALID)
    assert result.exit_code == 2
    assert "bad.yaml:2: invalid JSON Schema at /type" in result.stderr


def test_templates_lists_the_builtins(run: Callable[..., Result]) -> None:
    result = run("templates")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1] == f"{'':<20} title pattern: ^task\\s+acknowledg(?:ed|e?ment)\\b"
    assert lines[2].endswith("schemas/acknowledgement.yaml")
    assert lines[::3] == [
        f"{name:<20} {role:<16} {title}" for name, role, title in [
            ("acknowledgement", "backend", "Task Acknowledged: BE-001 - Add login endpoint"),
            ("completion", "backend", "Task Completion Report: BE-001 - Add login endpoint"),
            ("do-acknowledgement", "devops", "Task Acknowledged: DO-001 - Staging environment"),
            ("do-completion", "devops", "DevOps Completion Report: DO-001 - Staging environment"),
            ("do-progress", "devops", "Progress Update: DO-001 - Staging environment"),
            ("fe-acknowledgement", "frontend", "Task Acknowledged: FE-001 - Checkout page"),
            ("fe-completion", "frontend", "Task Completion Report: FE-001 - Checkout page"),
            ("fe-progress", "frontend", "Progress Update: FE-001 - Checkout page"),
            ("progress", "backend", "Progress Update: BE-001 - Add login endpoint"),
            ("qa-acknowledgement", "qa", "Task Acknowledged: QA-001 - Checkout regression suite"),
            ("qa-completion", "qa", "QA Completion Report: QA-001 - Checkout regression suite"),
            ("qa-progress", "qa", "Progress Update: QA-001 - Checkout regression suite"),
            ("task", "product-manager", "Task: BE-001 - Add login endpoint"),
        ]]



def test_version(run: Callable[..., Result]) -> None:
    from reportlint import __version__

    assert run("--version").stdout == f"reportlint, version {__version__}\n"


def test_extract_of_unusable_input(run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("extract", write(tmp_path, "empty.md", b""))
    assert result.exit_code == 1
    assert "RL004 empty file" in result.stderr
