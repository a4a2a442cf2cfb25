"""Edits: the repairs of findings as ranges and text (``fix.edits`` in JSON, the servers'
code actions and tool results)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from reportlint import edits, engine, source
from reportlint.diagnostics import Outcome
from reportlint.edits import Edit
from reportlint.resolver import SettingsResolver

from conftest import FIXTURES


def at(line: int, column: int = 1) -> edits.Position:
    return {"line": line, "column": column}


def edit(start: tuple[int, int], end: tuple[int, int], text: str) -> Edit:
    return {"start": at(*start), "end": at(*end), "text": text}


def test_lines_keep_their_endings_as_the_parser_counts_them() -> None:
    assert edits.split("a\r\nb\rc\nd") == ["a\r\n", "b\r", "c\n", "d"]
    assert edits.split("a\n\n") == ["a\n", "\n"]
    assert edits.split("") == []
    # Only CR and LF break lines: a form feed or a line separator is text.
    assert edits.split("a\x0cb\u2028c\n") == ["a\x0cb\u2028c\n"]


def test_between_gives_one_edit_per_run_of_changed_lines() -> None:
    old = "# T\n\n**Status:** done  \n- [X] a\nkept\nlast"
    new = "# T\n\n**Status**: done\n- [x] a\nkept\nlast\n"
    assert edits.between(old, new) == [
        edit((3, 1), (5, 1), "**Status**: done\n- [x] a\n"),
        # The missing final newline: the last line, up to the end of the text.
        edit((6, 1), (6, 5), "last\n")]
    assert edits.apply(old, edits.between(old, new)) == new
    assert edits.between(old, old) == []
    crlf = "a  \r\nb\r\n"
    assert edits.between(crlf, "a\r\nb\r\n") == [edit((1, 1), (2, 1), "a\r\n")]


def test_an_edit_that_would_print_a_credential_is_not_made() -> None:
    token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
    assert edits.between(f"- [X] {token}\nkept\nb \n", f"- [x] {token}\nkept\nb\n") == [
        edit((3, 1), (4, 1), "b\n")]


LINES = edits.split("## Report\n\n**Status**: X\n\n### A\n\ntext\n\n---\n\n**Ready**: Yes\n")


def test_a_section_goes_after_the_text_before_it_and_before_a_closing_footer() -> None:
    # Asked to go before the footer's field (line 11): after `text`, set apart by blank
    # lines, the `---` and the footer after it.
    section = edits.insertion(LINES, 11, "### B\n\nTBD\n", block=True)
    assert section == edit((8, 1), (8, 1), "\n### B\n\nTBD\n")
    assert edits.apply("".join(LINES), [section]) == (
        "## Report\n\n**Status**: X\n\n### A\n\ntext\n\n### B\n\nTBD\n\n---\n\n**Ready**: Yes\n")
    # Before a heading right under the text: blank lines on both sides.
    tight = edits.split("### A\ntext\n### C\n")
    assert edits.insertion(tight, 3, "### B\n", block=True) == edit((3, 1), (3, 1),
                                                                    "\n### B\n\n")


def test_a_section_at_the_end_of_a_text_without_a_final_newline() -> None:
    lines = edits.split("### A\r\ntext")
    inserted = edits.insertion(lines, 3, "### B\n\n- [ ] TBD\n", block=True)
    # In the file's own line endings, after ending its last line.
    assert inserted == edit((2, 5), (2, 5), "\r\n\r\n### B\r\n\r\n- [ ] TBD\r\n")
    assert edits.apply("### A\r\ntext", [inserted]) == \
        "### A\r\ntext\r\n\r\n### B\r\n\r\n- [ ] TBD\r\n"


def test_a_field_goes_on_its_own_line_where_it_is_asked() -> None:
    field = edits.insertion(LINES, 4, "**Updated**: [Date/Time]", block=False)
    assert field == edit((4, 1), (4, 1), "**Updated**: [Date/Time]\n")


def test_apply_makes_a_repeated_edit_once_and_orders_insertions_at_one_place() -> None:
    text = "## R\n\n**Status**: X\n"
    repair = edit((3, 1), (4, 1), "**Status**: Y\n")
    section = edit((4, 1), (4, 1), "\n### Sec\n\nTBD\n")
    deeper = edit((4, 1), (4, 1), "\n#### Sub\n\nTBD\n")
    field = edit((4, 1), (4, 1), "**Updated**: now\n")
    # Given in findings' order (sections first), made in the order the report needs.
    assert edits.apply(text, [section, deeper, repair, field, repair]) == (
        "## R\n\n**Status**: Y\n**Updated**: now\n\n#### Sub\n\nTBD\n\n### Sec\n\nTBD\n")


def test_apply_refuses_overlapping_or_misplaced_edits() -> None:
    text = "a\nb\nc\n"
    with pytest.raises(ValueError, match=r"^edits overlap$"):
        edits.apply(text, [edit((1, 1), (3, 1), "x\n"), edit((2, 1), (2, 2), "y")])
    with pytest.raises(ValueError, match=r"^line 9 is outside the text \(3 lines\)$"):
        edits.apply(text, [edit((9, 1), (9, 1), "x")])
    with pytest.raises(ValueError, match=r"^column 5 is outside line 2 \(1 characters\)$"):
        edits.apply(text, [edit((2, 5), (2, 5), "x")])
    with pytest.raises(ValueError, match=r"^an edit ends before it starts$"):
        edits.apply(text, [edit((3, 1), (1, 1), "x")])
    assert edits.apply(text, [edit((4, 1), (4, 1), "d\n")]) == "a\nb\nc\nd\n"


def test_json_findings_carry_their_edits(run: Callable[..., Result]) -> None:
    found = json.loads(run("check", "--isolated", "--format", "json",
                           FIXTURES / "fix/statuses.md").stdout)
    by_place = {(d["line"], d["code"], d["message"][:30]): d["fix"].get("edits")
                for d in found}
    assert by_place[(3, "RL103", "**Status** is `in_progress`; e")] == [
        edit((3, 1), (4, 1), "- **Status**: IN PROGRESS\n")]
    assert by_place[(1, "RL101", "missing section `Completed Ite")] == [
        edit((5, 1), (5, 1), "\n### Completed Items\n\n- [x] None\n")]
    assert by_place[(1, "RL102", "missing field **Updated** (exp")] == [
        edit((5, 1), (5, 1), "**Updated**: 2025-01-15 09:00\n")]
    # No safe repair of `Done` exists: the allowed values are the hint, not an edit.
    assert by_place[(12, "RL103", "**Status** is `Done`; expected")] is None
    assert all("_insert" not in d["fix"] for d in found)


CASES = sorted(p for p in FIXTURES.rglob("*.md") if "not-reports" not in p.parts)


def _report_of(line: int, outcome: Outcome) -> int:
    """Which of the file's reports holds ``line`` (its place in the file)."""
    return next((n for n, span in enumerate(outcome.reports) if span.line <= line <= span.end_line),
                -1)


def test_every_fixture_repaired_from_its_edits_loses_the_findings_they_repair() -> None:
    """Applying all the edits of all the findings of a file never fails, and what they
    insert is found where it was missing."""
    settings = SettingsResolver(isolated=True, cache_results=False).for_dir(Path.cwd())
    inserted = 0
    for path in CASES:
        item = engine.read(path)
        outcome = engine.check(item, settings)
        changes = [e for d in outcome.diagnostics for e in (d.fix or {}).get("edits", [])]
        if not changes:
            continue
        assert item.data is not None
        decoded = source.decode(item.data)
        assert isinstance(decoded, source.Text)
        repaired = edits.apply(decoded.text, changes)
        # By report (a file may hold several, each missing the same section), in order.
        missing = {(_report_of(d.line, outcome), d.code, d.message.split(" (")[0])
                   for d in outcome.diagnostics if d.code in ("RL101", "RL102")
                   and any(e["start"] == e["end"] for e in (d.fix or {}).get("edits", []))}
        inserted += len(missing)
        after = engine.check(engine.Input(str(path), repaired.encode(), location=path),
                             settings)
        still = {(_report_of(d.line, after), d.code, d.message.split(" (")[0])
                 for d in after.diagnostics}
        assert missing & still == set(), path
    assert inserted > 100
