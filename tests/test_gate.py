"""Fail closed: whatever stops a run outside one file's check is one `error:` line and exit
2, never a traceback and never exit 1 without findings (which a gate would read as findings,
or, counting findings, as a pass)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportlint import api, engine, pool
from reportlint.cli import cli
from reportlint.errors import IncompleteRun, UsageError
from reportlint.resolver import registry

from conftest import FIXTURES

GOOD = FIXTURES / "progress/valid/in-progress.md"
DEEP = 100_000


def nested_toml(path: Path) -> None:
    path.write_text("[tool.reportlint]\nselect = " + "[" * DEEP + "]" * DEEP + "\n", "utf-8")


def nested_template(folder: Path, depth: int = 300) -> None:
    folder.mkdir()
    (folder / "deep.yaml").write_text(
        "x-reportlint: {name: deep, title-pattern: '^Deep'}\ntype: object\nproperties:\n  a: "
        + "{not: " * depth + "{}" + "}" * depth + "\n", "utf-8")


def reportlint(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportlint", *args], cwd=cwd,
                          env={**os.environ, **env}, capture_output=True, text=True,
                          check=False)


def test_deeply_nested_configuration_is_a_usage_error(tmp_path: Path) -> None:
    nested_toml(tmp_path / "pyproject.toml")
    shutil.copy(GOOD, tmp_path / "r.md")
    done = reportlint(tmp_path, "check", "r.md")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (f"error: invalid configuration: {tmp_path / 'pyproject.toml'}: "
                           "`-`: nested too deeply to read\n")


def test_deeply_nested_template_is_a_usage_error(tmp_path: Path) -> None:
    nested_template(tmp_path / "templates")
    (tmp_path / ".reportlint.toml").write_text('template-dirs = ["templates"]\n', "utf-8")
    shutil.copy(GOOD, tmp_path / "r.md")
    done = reportlint(tmp_path, "check", "--no-cache", "r.md")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (f"error: broken template {tmp_path / 'templates/deep.yaml'}: "
                           "nested too deeply to check\n")
    done = reportlint(tmp_path, "template", "check", "templates/deep.yaml")
    assert (done.returncode, done.stdout) == (1, "templates/deep.yaml:1: nested too deeply "
                                                 "to check\n")


def test_any_other_failure_is_one_line_and_exit_2(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(options: api.CheckOptions) -> api.Result:
        raise ValueError("cannot use\nAKIAZ7Q3R5T1U9W2Y4X6")

    monkeypatch.setattr(api, "run", broken)
    monkeypatch.delenv("REPORTLINT_DEBUG", raising=False)
    result = CliRunner().invoke(cli, ["check", str(GOOD)])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: reportlint failed (ValueError: cannot use AKIA…(20 characters)); nothing "
        "was checked to the end. Please report it; REPORTLINT_DEBUG=1 shows the traceback\n")
    monkeypatch.setenv("REPORTLINT_DEBUG", "1")
    result = CliRunner().invoke(cli, ["check", str(GOOD)])
    assert result.exit_code == 2
    assert result.stderr.startswith("Traceback (most recent call last):\n")
    assert result.stderr.endswith("REPORTLINT_DEBUG=1 shows the traceback\n")


def test_click_still_reports_its_own_usage_errors() -> None:
    result = CliRunner().invoke(cli, ["check", "--format", "yaml", str(GOOD)])
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.stderr


def work(count: int) -> list[pool.Work]:
    settings = engine.Settings(registry())
    data = GOOD.read_bytes()
    return [(engine.Input(f"r{index:02d}.md", data), settings) for index in range(count)]


def _killed_on_r35(item: pool.Work) -> object:
    target = item[0]
    if isinstance(target, engine.Input) and target.path == "r35.md":
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer does
    return engine.check(target, item[1])  # type: ignore[arg-type]


@pytest.mark.skipif(sys.platform == "win32", reason="no fork")
def test_a_dead_worker_stops_the_run_naming_the_files_not_checked(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "_check", _killed_on_r35)  # forked workers inherit it
    seen: list[str] = []
    with pytest.raises(IncompleteRun) as raised:
        seen.extend(outcome.path for outcome in pool.check_all(work(40), jobs=2))
    assert isinstance(raised.value, UsageError)
    assert seen == [f"r{index:02d}.md" for index in range(len(seen))]
    assert len(seen) <= 35
    missing = [f"r{index:02d}.md" for index in range(len(seen), 40)]
    shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more"
                                       if len(missing) > 10 else "")
    assert str(raised.value) == (
        "a worker process died (killed by a signal or the out-of-memory killer); "
        f"{len(missing)} file(s) not checked: {shown}")


@pytest.mark.skipif(sys.platform == "win32", reason="no fork")
def test_a_dead_worker_is_exit_2_on_the_command_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for index in range(40):
        shutil.copy(GOOD, tmp_path / f"r{index:02d}.md")
    real = pool._check

    def killed(item: pool.Work) -> object:
        if str(item[0]).endswith("r35.md"):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(item)

    monkeypatch.setattr(pool, "_check", killed)
    result = CliRunner().invoke(cli, ["check", "--isolated", "--no-cache", "--jobs", "2",
                                      str(tmp_path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: a worker process died (killed by a signal or "
                                    "the out-of-memory killer); ")
    assert "r35.md" in result.stderr


@pytest.mark.parametrize(("text", "expected"), [
    (GOOD.read_text("utf-8"), True),
    ("## Summary\n\nFixes the login bug.\n", False),
    ("", False),
    # A heading the templates do not take for a title, however close.
    ("# Progress\n\n**Status**: IN PROGRESS\n", False),
])
def test_holds_report(text: str, expected: bool, tmp_path: Path,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert api.holds_report(text) is expected
