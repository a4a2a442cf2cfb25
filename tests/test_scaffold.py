"""`reportlint new`: skeletons generated from the templates, which the templates accept but for
the placeholders the author must replace."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from click.testing import Result

from reportlint import edits, engine, scaffold, templates

from conftest import FIXTURES

NAMES = templates.builtin()[0].names()


@pytest.mark.parametrize("name", NAMES)
def test_untouched_scaffold_has_only_placeholder_findings(run: Callable[..., Result],
                                                          name: str) -> None:
    skeleton = run("new", name)
    assert skeleton.exit_code == 0
    result = run("check", "--isolated", "--format", "json", "-", input=skeleton.stdout)
    found = json.loads(result.stdout)
    assert found
    assert {d["code"] for d in found} == {"RL201"}
    assert (1, "RL201") in [(d["line"], d["code"]) for d in found]  # the title's placeholders
    extracted = json.loads(run("extract", "-", input=skeleton.stdout).stdout)
    assert [r["template"] for r in extracted["reports"]] == [name]


@pytest.mark.parametrize("name", NAMES)
def test_title_from_options(run: Callable[..., Result], name: str) -> None:
    prefix = {"qa": "QA", "fe": "FE", "do": "DO"}.get(name.split("-")[0], "BE")
    skeleton = run("new", name, "--task-id", f"{prefix}-014", "--name", "Refresh token rotation")
    first = skeleton.stdout.splitlines()[0]
    assert first.endswith(f": {prefix}-014 - Refresh token rotation")
    result = run("check", "--isolated", "--format", "json", "-", input=skeleton.stdout)
    assert all(d["line"] != 1 for d in json.loads(result.stdout))


def test_scaffold_is_exact(run: Callable[..., Result]) -> None:
    skeleton = run("new", "progress", "--task-id", "BE-014", "--name", "Refresh token rotation")
    assert skeleton.stdout == (FIXTURES / "scaffold/progress.md").read_text("utf-8")


def test_unknown_template(run: Callable[..., Result]) -> None:
    result = run("new", "nope")
    assert result.exit_code == 2
    assert "unknown template 'nope'" in result.stderr


# What the unfilled snippets held: `TBD`, `[X]%`, `QA-XXX`, `[Date/Time]`.
_LEFTOVER = re.compile(r"TBD|XXX|\[X|\[Date")


def _filled(name: str) -> str:
    template = templates.builtin()[0][name]
    prefix = (template.shape.keyword("x-reportlint") or {}).get("task-prefixes", ["BE"])[0]
    return scaffold.scaffold(template.shape, f"{prefix}-014", "Refresh token rotation",
                             fill=True)


def _findings(text: str) -> list[engine.Diagnostic]:
    settings = engine.Settings(templates.builtin()[0], cache_results=False)
    return list(engine.check(engine.Input("r.md", text.encode()), settings).diagnostics)


def _without(text: str, part: str) -> str:
    """``text`` less one of its parts: a field's line, or a section down to the next heading
    of its level or above (or the closing ``---``)."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.rstrip("\n") == part)
    if not part.startswith("#"):
        return "".join(lines[:start] + lines[start + 1:])
    level = len(part) - len(part.lstrip("#"))
    end = next((i for i in range(start + 1, len(lines))
                if lines[i].startswith("---") or (lines[i].startswith("#") and len(
                    lines[i]) - len(lines[i].lstrip("#")) <= level)), len(lines))
    return "".join(lines[:start] + lines[end:])


@pytest.mark.parametrize("name", NAMES)
def test_a_filled_scaffold_has_no_findings(name: str) -> None:
    text = _filled(name)
    assert _findings(text) == []
    assert _LEFTOVER.search(text) is None


@pytest.mark.parametrize("name", NAMES)
def test_every_snippet_inserted_raises_nothing_new(name: str) -> None:
    """Each field and section of the template taken out of a filled report, then put back
    by the edits of the findings that say it is missing: the report is clean again."""
    text = _filled(name)
    parts = [line.rstrip("\n") for line in text.splitlines()[1:]
             if line.startswith(("#", "**"))]
    inserted = required = 0
    for part in parts:
        broken = _without(text, part)
        found = _findings(broken)
        if not found:
            continue  # an optional part
        required += 1
        repairs = [edit for d in found for edit in (d.fix or {}).get("edits", ())]
        snippets = [d.fix["snippet"] for d in found if d.fix and "snippet" in d.fix]
        for snippet in snippets:
            assert _LEFTOVER.search(snippet) is None, snippet
        if not repairs:
            continue  # a part whose place is not certain: the finding names it, no edit
        inserted += 1
        repaired = edits.apply(broken, repairs)
        assert [(d.line, d.code, d.message) for d in _findings(repaired)] == [], (part,
                                                                                  repaired)
    assert inserted >= required - 2 > 0, f"only {inserted} of {required} parts were inserted"
