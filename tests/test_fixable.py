"""Which findings are marked fixable (``[*]``) is read from the repairs themselves: a finding
on a line a repair changed is fixable when that repair names its code (``fixes.RESOLVES``).
This compares that with what a check of the repaired text says (the finding is gone from its
line), on every fixture, the real corpus (as itself and as each template) and a generated
drifted corpus: the rule the check uses must never mark a finding that stays, nor leave one
unmarked that goes."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from reportlint import edits, engine
from reportlint.resolver import registry

from conftest import FIXTURES, ROOT

REAL = ROOT.parent / "shared" / "corpus" / "real"


def _settings(template: str | None = None) -> engine.Settings:
    return engine.Settings(registry(), template=template, cache_results=False)


def _verdicts(path: Path, data: bytes, settings: engine.Settings
              ) -> Iterator[tuple[int, str, bool, bool]]:
    """(line, code, marked fixable, gone after the repair) for each finding of the file."""
    item = engine.Input(str(path), data)
    outcome = engine.check(item, settings)
    repaired = engine.repair(item, settings)
    after: Counter[tuple[str, int]] = Counter()
    changed: set[int] = set()
    if repaired is not None:
        again = engine.check(engine.Input(str(path), repaired.new), settings)
        after.update((d.code, d.line) for d in again.diagnostics)
        old, new = edits.split(data.decode("utf-8")), edits.split(repaired.new.decode("utf-8"))
        assert len(old) == len(new)  # the repairs change lines in place
        changed = {n for n, (a, b) in enumerate(zip(old, new, strict=True), 1)
                   if a.rstrip() != b.rstrip()}
    for d in outcome.diagnostics:
        if d.code.startswith("RL4"):
            continue  # run-wide findings are never marked
        place = (d.code, d.line)
        gone = d.line in changed and after[place] == 0
        if after[place]:
            after[place] -= 1
        yield d.line, d.code, d.fixable, gone


def _cases() -> Iterator[tuple[str, Path, str | None]]:
    for path in sorted(FIXTURES.rglob("*.md")):
        yield path.relative_to(ROOT).as_posix(), path, None
    if REAL.is_dir():
        for path in sorted(REAL.glob("*.md")):
            for template in (None, "acknowledgement", "progress", "completion"):
                yield f"real/{path.name}@{template}", path, template


def test_the_real_corpus_is_here() -> None:
    if not REAL.is_dir():
        pytest.skip(f"{REAL} is absent: the real corpus's cases are not compared")


@pytest.mark.parametrize(("name", "path", "template"), list(_cases()),
                         ids=[name for name, _, _ in _cases()])
def test_marked_fixable_exactly_when_the_repair_removes_the_finding(
        name: str, path: Path, template: str | None) -> None:
    wrong = [(line, code, marked) for line, code, marked, gone
             in _verdicts(path, path.read_bytes(), _settings(template)) if marked != gone]
    assert wrong == []


def test_on_a_drifted_corpus(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "bench" / "gen_corpus.py"), str(tmp_path),
                    "--count", "300", "--seed", "3"], check=True, capture_output=True)
    settings = _settings()
    wrong, marked = [], 0
    for path in sorted(tmp_path.glob("*.md")):
        for line, code, fixable, gone in _verdicts(path, path.read_bytes(), settings):
            marked += fixable
            if fixable != gone:
                wrong.append((path.name, line, code, fixable))
    assert wrong == []
    assert marked > 50  # the corpus has status spellings and demotions to repair
