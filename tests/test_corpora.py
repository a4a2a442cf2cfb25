"""Whole corpora through the checker under every built-in template: every CommonMark spec
example, every markdownlint test document, every real report. No internal error, every line
inside its file, and no hang (each document has a generous alarm, which only a hang trips)."""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from reportlint import engine, model, quote, templates
from reportlint.config import Config

from conftest import SHARED, shared

pytestmark = pytest.mark.slow

MESSAGE_LIMIT = quote.MESSAGE_MAX  # what the engine enforces; README states it


def documents(corpus: str) -> Iterator[tuple[str, bytes]]:
    if corpus == "commonmark":
        examples = json.loads(shared("corpus", "commonmark", "commonmark.json").read_text())
        for example in examples:
            yield f"example {example['example']}", example["markdown"].encode("utf-8")
        for path in sorted((SHARED / "corpus/commonmark").glob("*.md")):
            yield path.name, path.read_bytes()
    else:
        folder = shared("corpus", corpus)
        for path in sorted(folder.glob("*.md")):
            yield path.name, path.read_bytes()


class _Hang(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Hang


@pytest.mark.parametrize("corpus", ["commonmark", "markdownlint-tests", "real"])
def test_corpus_under_every_template(corpus: str, tmp_path: Path) -> None:
    registry, problems = templates.builtin()
    assert problems == []
    previous = signal.signal(signal.SIGALRM, _alarm)
    checked = 0
    try:
        for name, data in documents(corpus):
            lines = model.line_count(data.decode("utf-8", "replace")) or 1
            for template in (None, *registry.names()):
                settings = engine.Settings(registry, Config(root=tmp_path), template)
                signal.alarm(20)
                try:
                    outcome = engine.check(engine.Input(name, data), settings)
                except _Hang:
                    pytest.fail(f"{corpus}/{name} under {template}: no result in 20 s")
                finally:
                    signal.alarm(0)
                for d in outcome.diagnostics:
                    assert d.code != "RL901", (corpus, name, template, d.message)
                    assert 1 <= d.line <= max(lines, 1), (corpus, name, d)
                    assert len(d.message) <= MESSAGE_LIMIT, (corpus, name, d.message)
                checked += 1
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert checked >= 4 * 28
