"""The cache under attack: entries reportlint did not write, or that are not files it can
read safely, are never served; --no-cache uses no cache at all. Each case plants something
where a check will look, then checks that the findings are the real ones."""

from __future__ import annotations

import json
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from reportlint import cache, engine, templates
from reportlint.config import Config

from conftest import FIXTURES

BAD = FIXTURES / "progress/invalid/checkboxes.md"
CLEAN = FIXTURES / "progress/valid/in-progress.md"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(folder))
    return folder


def settings() -> engine.Settings:
    return engine.Settings(templates.builtin()[0], Config(root=Path.cwd()))


def codes(path: Path) -> list[str]:
    item = engine.read(path)
    return [d.code for d in engine.check(item, settings()).diagnostics]


def entry_of(path: Path) -> str:
    """The name of the results entry a check of ``path`` reads."""
    chosen = settings()
    return cache.key(chosen.fingerprint, "", "", path.read_bytes())


PASSED = {"diagnostics": [], "reports": [["Progress Update: BE-1 - X", 1, 20]],
          "skipped": False}


def planted(cache_dir: Path, kind: str, name: str, content: bytes) -> Path:
    (cache_dir / kind).mkdir(parents=True, exist_ok=True)
    path = cache_dir / kind / f"{name}.json"
    path.write_bytes(content)
    return path


def test_a_planted_passing_result_is_not_served(cache_dir: Path) -> None:
    real = codes(BAD)
    assert "RL107" in real
    shutil.rmtree(cache_dir / "results")
    planted(cache_dir, "results", entry_of(BAD), json.dumps(PASSED).encode())
    assert codes(BAD) == real
    # Nor with a seal that is not the cache's own.
    planted(cache_dir, "results", entry_of(BAD), b"0" * 64 + b"\n" + json.dumps(PASSED).encode())
    assert codes(BAD) == real


def test_a_sealed_entry_moved_to_another_name_is_not_served(cache_dir: Path) -> None:
    bad_findings = codes(BAD)
    assert codes(CLEAN) == []
    clean_entry = cache_dir / "results" / f"{entry_of(CLEAN)}.json"
    bad_entry = cache_dir / "results" / f"{entry_of(BAD)}.json"
    bad_entry.write_bytes(clean_entry.read_bytes())  # a clean file's result, for the bad one
    assert codes(BAD) == bad_findings


def test_an_altered_entry_is_not_served(cache_dir: Path) -> None:
    bad_findings = codes(BAD)
    entry = cache_dir / "results" / f"{entry_of(BAD)}.json"
    seal, _, payload = entry.read_bytes().partition(b"\n")
    emptied = json.dumps({**json.loads(payload), "diagnostics": []}).encode()
    entry.write_bytes(seal + b"\n" + emptied)
    assert codes(BAD) == bad_findings


@pytest.mark.parametrize("value", [
    [], {"diagnostics": "x", "reports": [], "skipped": False},
    {"diagnostics": [{"line": 1}], "reports": [], "skipped": False},
    {"diagnostics": [{"line": True, "column": 1, "code": "RL107", "name": "wrong-checkbox-state",
                      "severity": "error", "message": "m"}], "reports": [], "skipped": False},
    {"diagnostics": [{"line": 1, "column": 1, "code": "RL999", "name": "x",
                      "severity": "error", "message": "m"}], "reports": [], "skipped": False},
    {"diagnostics": [{"line": 1, "column": 1, "code": "RL107", "name": "missing-section",
                      "severity": "error", "message": "m"}], "reports": [], "skipped": False},
    {"diagnostics": [], "reports": [["t", 0, 1]], "skipped": False},
    {"diagnostics": [], "reports": [], "skipped": "yes"},
    {"diagnostics": [], "reports": [], "skipped": False, "more": 1},
])
def test_a_sealed_entry_of_the_wrong_shape_is_checked_again(cache_dir: Path,
                                                            value: object) -> None:
    """Sealed with the cache's own key (as an older reportlint might have written it): still
    not used unless it is what the engine stores, and never a traceback."""
    bad_findings = codes(BAD)
    cache.put("results", entry_of(BAD), value)
    assert codes(BAD) == bad_findings


@pytest.mark.parametrize("kind", ["not JSON", "empty", "a folder", "a link to /dev/zero",
                                  "a FIFO", "over the size cap"])
@pytest.mark.usefixtures("no_hang")
def test_entries_that_are_not_small_regular_files_are_not_read(cache_dir: Path,
                                                               kind: str) -> None:
    bad_findings = codes(BAD)
    entry = cache_dir / "results" / f"{entry_of(BAD)}.json"
    entry.unlink()
    if kind == "not JSON":
        entry.write_bytes(b"\xff\x00{")
    elif kind == "empty":
        entry.write_bytes(b"")
    elif kind == "a folder":
        entry.mkdir()
    elif kind == "a link to /dev/zero":
        entry.symlink_to("/dev/zero")
    elif kind == "a FIFO":
        os.mkfifo(entry)
    else:
        with entry.open("wb") as out:
            out.truncate(cache.MAX_ENTRY + 1)
    assert codes(BAD) == bad_findings


def test_a_cache_others_can_write_to_is_not_used(cache_dir: Path) -> None:
    bad_findings = codes(BAD)
    entry = cache_dir / "results" / f"{entry_of(BAD)}.json"
    cache.put("results", entry_of(BAD), PASSED)  # sealed, as a local attacker could not
    cache_dir.chmod(0o777)
    cache._secrets.clear()
    try:
        assert entry.exists()
        assert codes(BAD) == bad_findings
        codes(CLEAN)
        assert not (cache_dir / "results" / f"{entry_of(CLEAN)}.json").exists()
    finally:
        cache_dir.chmod(0o700)
        cache._secrets.clear()


def test_a_key_others_can_read_is_not_used(cache_dir: Path) -> None:
    codes(CLEAN)
    cache.put("results", entry_of(BAD), PASSED)
    (cache_dir / "key").chmod(0o644)
    cache._secrets.clear()
    try:
        assert "RL107" in codes(BAD)
    finally:
        cache._secrets.clear()


def test_the_key_is_made_once_and_kept_private(cache_dir: Path) -> None:
    codes(CLEAN)
    key = cache_dir / "key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    before = key.read_bytes()
    cache._secrets.clear()
    codes(BAD)
    assert key.read_bytes() == before
    assert not list(cache_dir.glob(".tmp-*"))


def test_an_edited_template_is_read_again_whatever_its_size_and_time(
        run: Callable[..., Result], tmp_path: Path, cache_dir: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    template = folder / "standup.yaml"
    template.write_text("x-reportlint: {name: standup, title-pattern: '^Standup'}\n"
                        "required: [fields]\n", "utf-8")
    config = tmp_path / "c.toml"
    config.write_text('template-dirs = ["templates"]\n', "utf-8")
    report = tmp_path / "r.md"
    report.write_text("## Standup: BE-1 - x\n\ntext\n", "utf-8")
    first = run("check", "--config", config, "--template", "standup", report)
    assert first.exit_code == 0
    info = template.stat()
    # The same size, the same time: only the content says the template changed.
    template.write_text("x-reportlint: {name: standup, title-pattern: '^Standup'}\n"
                        "required: [zields]\n", "utf-8")
    os.utime(template, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert template.stat().st_size == info.st_size
    for args in ((), ("--no-cache",)):
        again = run("check", "--config", config, "--template", "standup", *args, report)
        assert again.exit_code == 1, args
        assert "RL1" in again.stdout


def test_no_cache_uses_no_cache_at_all(run: Callable[..., Result], cache_dir: Path) -> None:
    result = run("check", "--isolated", "--no-cache", BAD)
    assert result.exit_code == 1
    assert not cache_dir.exists()


def test_a_sealed_template_entry_is_still_compiled_by_re2(tmp_path: Path,
                                                         cache_dir: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "t.yaml").write_text("x-reportlint: {name: t, title-pattern: '^standup'}\n",
                                   "utf-8")
    data = (folder / "t.yaml").read_bytes()
    cache.put("templates", cache.key(data),
              {"x-reportlint": {"name": "t", "title-pattern": "(a)\\1"}})
    loaded = templates.load_file(folder / "t.yaml")
    assert isinstance(loaded, templates.Template)
    assert loaded.title_pattern.pattern == "^standup"


def test_the_code_stamp_follows_content_not_size_and_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "reportlint"
    package.mkdir()
    module = package / "engine.py"
    module.write_text("A = 1\n", "utf-8")
    monkeypatch.setattr(cache, "__file__", str(package / "cache.py"))
    monkeypatch.setattr(cache, "_STAMP", None)
    first = cache._code_stamp()
    info = module.stat()
    module.write_text("A = 2\n", "utf-8")
    os.utime(module, ns=(info.st_atime_ns, info.st_mtime_ns))
    monkeypatch.setattr(cache, "_STAMP", None)
    assert cache._code_stamp() != first
