"""Property-based tests: generated report-like Markdown and arbitrary bytes never break the
checker, findings stay inside the file, results are deterministic and do not depend on the
line-ending style. For longer runs, see "Fuzzing" in the README."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint import cache, engine, model, templates
from reportlint.config import Config


@pytest.fixture(autouse=True, scope="module")
def _uncached() -> Iterator[None]:
    """Every example is really checked (twice, for determinism), not read from the cache."""
    cache.disable("results")
    yield
    cache.enable("results")


# Longer runs: REPORTLINT_FUZZ_EXAMPLES=20000 pytest tests/test_properties.py
RUNS = int(os.environ.get("REPORTLINT_FUZZ_EXAMPLES", "0"))
REGISTRY, _ = templates.builtin()
SETTINGS = engine.Settings(REGISTRY, Config(root=Path.cwd()))
FORCED = engine.Settings(REGISTRY, Config(root=Path.cwd()), "completion")

words = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"),
                max_size=30)
titles = st.sampled_from(["Task Acknowledged", "Progress Update", "Task Completion Report",
                          "TASK COMPLETION REPORT", "✅ Progress update", "Notes"])
ids = st.sampled_from(["BE-001", "[BE-XXX]", "be_1", "", "RTP-ORG-001", "X"])
statuses = st.sampled_from(["IN PROGRESS", "COMPLETED", "BLOCKED", "Done", "✅ COMPLETED", ""])
fields = st.builds(lambda k, v, bold: f"**{k}**: {v}" if bold else f"{k}: {v}",
                   st.sampled_from(["Status", "Started", "Progress", "Ready for Review",
                                    "Handoff to", "Updated", "Completed"]),
                   st.one_of(statuses, words, st.sampled_from(["2025-02-30", "60%", "✅ Yes"])),
                   st.booleans())
cells = st.lists(st.one_of(words, st.sampled_from(["-", "❌ Fail", "✅", "`a|b`", "Added"])),
                 min_size=1, max_size=5)
tables = st.builds(lambda head, rows: "\n".join(
    ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    + ["| " + " | ".join(r) + " |" for r in rows]), cells, st.lists(cells, max_size=6))
items = st.builds(lambda box, text: f"- [{box}] {text}" if box is not None else f"1. {text}",
                  st.sampled_from([" ", "x", "X", None]), words)
blocks = st.one_of(fields, tables, items, words, st.just("---"),
                   st.builds(lambda lang, body: f"```{lang}\n{body}\n```",
                             st.sampled_from(["", "text", "json"]), words),
                   st.just("<!-- reportlint-disable-next-line RL201 -->"),
                   st.builds(lambda n, t: "#" * n + " " + t, st.integers(1, 6),
                             st.one_of(words, st.sampled_from(
                                 ["Completed Items", "In Progress", "Files Changed",
                                  "3. Acceptance Criteria Verification", "Blockers (if any)"]))))
reports = st.builds(
    lambda level, title, task, name, body: "#" * level + f" {title}: {task} - {name}\n\n"
    + "\n\n".join(body) + "\n",
    st.integers(1, 3), titles, ids, words, st.lists(blocks, max_size=25))
documents = st.lists(reports, min_size=1, max_size=3).map("\n".join)


def outcome(data: bytes, forced: bool = False) -> engine.Outcome:
    return engine.check(engine.Input("r.md", data), FORCED if forced else SETTINGS)


def assert_sound(data: bytes, result: engine.Outcome) -> None:
    text = data.decode("utf-8", "replace")
    last = max(model.line_count(text), 1)
    for d in result.diagnostics:
        assert d.code != "RL901", d.message
        assert 1 <= d.line <= last, d


@settings(max_examples=RUNS or 150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.booleans())
def test_generated_reports(document: str, forced: bool) -> None:
    data = document.encode("utf-8")
    first = outcome(data, forced)
    assert_sound(data, first)
    assert outcome(data, forced) == first  # deterministic
    crlf = outcome(document.replace("\n", "\r\n").encode("utf-8"), forced)
    assert [(d.line, d.code) for d in crlf.diagnostics] == [
        (d.line, d.code) for d in first.diagnostics]


@settings(max_examples=RUNS or 200, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    assert_sound(data, outcome(data))


@settings(max_examples=RUNS or 100, deadline=None)
@given(st.text(max_size=1500))
def test_arbitrary_text(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    assert_sound(data, outcome(data, forced=True))


def _shape(doc: dict[str, Any]) -> list[object]:
    """A model with the values --fix may change set aside: sections, their lines and the
    counts of what they hold, field names, table columns."""
    out: list[object] = []

    def visit(node: dict[str, Any]) -> None:
        out.append((sorted(node["fields"]), [list(t["columns"]) for t in node["tables"]],
                    len(node["code_blocks"])))
        for key, child in node["sections"].items():
            out.append((key, child["line"]))
            visit(child)

    for report in doc["reports"]:
        out.append((report["template"], report["line"], report["end_line"]))
        visit(report)
    return out


@settings(max_examples=RUNS or 150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.sampled_from(["\n", "\r\n", "\r"]), st.booleans())
def test_fix_is_idempotent_and_keeps_the_model(document: str, ending: str, bom: bool) -> None:
    data = (b"\xef\xbb\xbf" if bom else b"") + document.replace("\n", ending).encode("utf-8")
    once = engine.repair(engine.Input("r.md", data), SETTINGS)
    if once is None:
        return
    assert once.new.startswith(b"\xef\xbb\xbf") == bom
    assert engine.repair(engine.Input("r.md", once.new), SETTINGS) is None  # twice == once
    before = engine.document(data.decode("utf-8-sig"), REGISTRY, None)
    after = engine.document(once.new.decode("utf-8-sig"), REGISTRY, None)
    assert _shape(after) == _shape(before)
