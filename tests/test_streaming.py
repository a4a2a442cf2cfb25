"""Text output streams file by file (memory flat in the number of files) with the same text as
rendering every outcome at the end; the other formats keep what they print; the default
worker count starts no pool for small runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from reportlint import api, formats, pool
from reportlint.cli import cli

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "fixtures").glob("*/*/*.md"))[:40]


def _batch() -> str:
    result = api.run(api.CheckOptions(paths=tuple(Path(f) for f in FILES), isolated=True,
                                      cache=False, jobs=1))
    return api.render(list(result)).text


def test_streamed_text_is_the_rendered_text(monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)
    assert len(FILES) >= 20
    expected = _batch()
    assert "Found" in expected
    runner = CliRunner()
    shown = runner.invoke(cli, ["check", "--isolated", "--no-cache", "--jobs", "1", *FILES])
    assert shown.exit_code == 1
    assert shown.stdout == expected
    out = tmp_path / "out.txt"
    written = runner.invoke(cli, ["check", "--isolated", "--no-cache", "-o", str(out), *FILES])
    assert written.exit_code == 1
    assert out.read_text("utf-8") == expected


def test_formats_that_keep_every_outcome_keep_only_what_they_print(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = api.run(api.CheckOptions(paths=tuple(Path(f) for f in FILES), isolated=True,
                                      cache=False, jobs=1))
    outcomes = list(result)
    assert any(d.fix for o in outcomes for d in o.diagnostics)
    for name in ("sarif", "junit", "gitlab", "github"):
        compact = [formats.compact(o, keep_fix=False) for o in outcomes]
        assert not any(d.fix for o in compact for d in o.diagnostics)
        assert formats.render(name, compact) == formats.render(name, outcomes), name
    assert [formats.compact(o, keep_fix=True) for o in outcomes] == outcomes


@pytest.mark.parametrize(("files", "cores", "jobs"), [
    (1, 2, 1), (100, 2, 1), (499, 2, 1), (500, 2, 2), (10_000, 2, 2), (10_000, 8, 8),
    (1_000, 8, 4), (10_000, 1, 1)])
def test_default_jobs_start_no_pool_for_small_runs(monkeypatch: pytest.MonkeyPatch,
                                                   files: int, cores: int, jobs: int) -> None:
    monkeypatch.setattr(pool, "usable_cores", lambda: cores)
    assert pool.default_jobs(files) == jobs
