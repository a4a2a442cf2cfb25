"""The result cache and parallel workers change speed, never results."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import FIXTURES


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(folder))
    return folder


def corpus(tmp_path: Path, copies: int = 20) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    sources = sorted(FIXTURES.glob("*/*/*.md"))
    for index in range(copies):
        for source in sources:
            shutil.copy(source, folder / f"{index:02d}-{source.parent.parent.name}-{source.name}")
    return folder


def test_second_run_is_served_from_the_cache(run: Callable[..., Result], tmp_path: Path,
                                             cache_dir: Path) -> None:
    folder = corpus(tmp_path, copies=1)
    first = run("check", "--isolated", "--format", "json", folder)
    stored = list((cache_dir / "results").glob("*.json"))
    # One entry per distinct content: copies of a file share theirs.
    assert len(stored) == len({p.read_bytes() for p in folder.iterdir()})
    second = run("check", "--isolated", "--format", "json", folder)
    assert second.stdout == first.stdout
    assert second.exit_code == first.exit_code


def test_cache_follows_content_and_configuration(run: Callable[..., Result], tmp_path: Path,
                                                 cache_dir: Path) -> None:
    report = tmp_path / "r.md"
    report.write_bytes((FIXTURES / "rules/low-coverage/bad.md").read_bytes())
    assert run("check", "--isolated", "--select", "RL208", report).exit_code == 0
    config = tmp_path / "c.toml"
    config.write_text('select = ["RL208"]\n[severity]\nRL208 = "error"\n')
    assert run("check", "--config", config, report).exit_code == 1
    report.write_text("## Progress Update: BE-1 - X\n", "utf-8")
    assert "RL208" not in run("check", "--config", config, report).stdout


def test_no_cache_writes_nothing(run: Callable[..., Result], tmp_path: Path,
                                 cache_dir: Path) -> None:
    run("check", "--isolated", "--no-cache", FIXTURES / "progress/valid")
    assert not (cache_dir / "results").exists()


def test_unwritable_cache_is_ignored(run: Callable[..., Result], tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(blocker / "cache"))
    result = run("check", "--isolated", FIXTURES / "progress/invalid/checkboxes.md")
    assert result.exit_code == 1
    assert "RL107" in result.stdout


def test_jobs_give_the_same_output_in_the_same_order(run: Callable[..., Result],
                                                     tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    serial = run("check", "--isolated", "--no-cache", "--jobs", "1", folder)
    parallel = run("check", "--isolated", "--no-cache", "--jobs", "2", folder)
    assert parallel.stdout == serial.stdout
    assert parallel.exit_code == serial.exit_code == 1
    assert serial.stdout.count("\n") > 100
