"""The report model as `reportlint extract` prints it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result
from jsonschema import Draft202012Validator

from conftest import FIXTURES, ROOT, shared


def extract(run: Callable[..., Result], path: Path, *args: str) -> dict[str, Any]:
    result = run("extract", path, *args)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def model_validator() -> Draft202012Validator:
    schema = yaml.safe_load((ROOT / "schemas/model/document.schema.yaml").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_completion_model(run: Callable[..., Result]) -> None:
    doc = extract(run, FIXTURES / "completion/valid/full.md")
    (report,) = doc["reports"]
    assert report["template"] == "completion"
    assert report["title"] == {"text": "Task Completion Report: BE-014 - Refresh token rotation",
                               "label": "Task Completion Report", "task_id": "BE-014",
                               "task_name": "Refresh token rotation", "line": 1}
    assert report["fields"]["status"] == {"name": "Status", "value": "COMPLETED", "line": 3,
                                          "column": 1, "style": "bold"}
    # The footer after the closing rule belongs to the report, not to section 11.
    assert report["fields"]["ready-for-review"]["line"] == 136
    assert "ready-for-review" not in report["sections"]["recommendations-for-next-steps"]["fields"]
    assert list(report["sections"])[:3] == [
        "implementation-summary", "prd-alignment-check", "acceptance-criteria-verification"]
    files = report["sections"]["implementation-summary"]["sections"]["files-changed"]
    assert files["line"] == 22
    assert files["level"] == 4
    assert files["number"] is None
    (table,) = files["tables"]
    assert list(table["columns"]) == ["file", "change-type", "description"]
    assert table["rows"][0] == {"line": 25, "cells": {
        "file": "src/auth/token-rotation.service.ts", "change-type": "Added",
        "description": "Rotation and reuse detection"}}
    tests = report["sections"]["test-coverage-report"]
    assert tests["number"] == "4"
    assert tests["code_blocks"][0]["line"] == 58
    assert tests["code_blocks"][0]["text"].startswith("PASS  src/auth/token-rotation")
    steps = report["sections"]["recommendations-for-next-steps"]
    assert steps["fields"]["for-qa"]["column"] == 4
    assert steps["items"][0] == {"text": "For PM: Schedule the cleanup job for the next sprint",
                                 "line": 130, "depth": 0, "ordered": True}


def test_checkboxes_and_nesting(run: Callable[..., Result]) -> None:
    doc = extract(run, FIXTURES / "acknowledgement/valid/variants.md")
    (report,) = doc["reports"]
    assert report["fields"]["status"]["value"] == "IN PROGRESS"  # **Status:** form
    understanding = report["sections"]["understanding-confirmation"]
    assert understanding["number"] == "1"
    assert understanding["fields"]["prd-reference"]["value"] == "Section 6, FR-040 and NFR-012"
    plan = report["sections"]["execution-plan"]["items"]
    assert [(i["depth"], i["ordered"]) for i in plan] == [(0, True), (1, False), (0, True),
                                                         (0, True)]
    todo = report["sections"]["todowrite-tracking-initialized"]["items"]
    assert [(i["text"], i["checked"]) for i in todo] == [
        ("Storage schema", False), ("Read the existing admin routes", True)]



def test_checkbox_state_is_read_from_the_markdown(run: Callable[..., Result]) -> None:
    text = ("## Progress Update: BE-001 - Login\n\n### Completed Items\n\n"
            "- [x] ticked\n- [X]\tticked after a tab\n- [ ] open\n- plain\n")
    result = run("extract", "-", input=text)
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.output)["reports"]
    items = report["sections"]["completed-items"]["items"]
    assert [(i["text"], i.get("checked")) for i in items] == [
        ("ticked", True), ("ticked after a tab", True), ("open", False), ("plain", None)]

def test_field_value_table_and_front_matter(run: Callable[..., Result]) -> None:
    doc = extract(run, FIXTURES / "completion/valid/variants.md")
    assert doc["front_matter"] == {"line": 1, "end_line": 3, "data": {"reviewer": "pm-agent"}}
    (report,) = doc["reports"]
    assert report["fields"]["started"] == {"name": "Started", "value": "2025-04-01T08:15:00Z",
                                           "line": 10, "column": 1, "style": "table"}
    assert report["fields"]["reviewer"]["style"] == "front-matter"
    assert report["fields"]["reviewer"]["line"] == 2
    assert report["title"]["task_name"] == "CSV bulk import"


def test_task_log_is_split_into_reports(run: Callable[..., Result]) -> None:
    doc = extract(run, FIXTURES / "log/valid/task-log.md")
    spans = [(r["template"], r["line"], r["end_line"]) for r in doc["reports"]]
    assert spans == [("acknowledgement", 5, 22), ("progress", 23, 34), ("progress", 35, 46)]


def test_forced_template_makes_the_file_one_report(run: Callable[..., Result],
                                                   tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Summary\n\n**Status**: DONE\n\n# Files\n\n## Extra\n", encoding="utf-8")
    (report,) = extract(run, path, "--template", "completion")["reports"]
    assert report["template"] == "completion"
    assert report["level"] == 0
    assert report["title"]["text"] == "Summary"
    assert list(report["sections"]) == ["files"]
    assert list(report["sections"]["files"]["sections"]) == ["extra"]


def test_a_forced_report_starts_with_the_file(run: Callable[..., Result],
                                              tmp_path: Path) -> None:
    """Fields before the first heading (`**Task:**`, `**Status:**`, then `### Summary`) are
    the report's; the heading is still its title, and the report's place."""
    path = tmp_path / "wrap-up.md"
    path.write_text("**Task:** DATA-019 nightly ETL\n**Status:** ✅ DONE\n**Progress:** 85%\n\n"
                    "### Summary\n\nLoads orders.\n", encoding="utf-8")
    (report,) = extract(run, path, "--template", "completion")["reports"]
    assert sorted(report["fields"]) == ["progress", "status", "task"]
    assert (report["line"], report["title"]["text"], report["title"]["line"]) == (5, "Summary", 5)
    assert report["paragraphs"][-1] == {"line": 7, "text": "Loads orders."}


def test_a_deep_agent_shaped_heading_does_not_empty_a_forced_read(
        run: Callable[..., Result], tmp_path: Path) -> None:
    """An agent-shaped title opens a report only at `#` or `##`; one at `###` under a plain
    first heading left a forced read with no report at all (an internal error, RL901)."""
    path = tmp_path / "notes.md"
    path.write_text("## Testing\n\nSome text.\n\n"
                    "### Files changed ((## Task Completion Report: BE-1 - x\n", encoding="utf-8")
    (report,) = extract(run, path, "--template", "completion")["reports"]
    assert report["title"]["text"] == "Testing"
    assert list(report["sections"]) == ["files-changed-task-completion-report-be-1-x"]
    result = run("check", "--isolated", "--no-cache", str(path))
    assert "RL901" not in result.output
    assert result.exit_code == 0  # no report title, no report words: not a report


def test_duplicate_sections_are_kept(run: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "dup.md"
    path.write_text("## Progress Update: BE-1 - X\n### Blockers\n### Blockers\n", "utf-8")
    (report,) = extract(run, path)["reports"]
    assert list(report["sections"]) == ["blockers", "blockers~2"]


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*/*/*.md")),
                         ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture_models_match_the_published_model_schema(run: Callable[..., Result],
                                                         path: Path) -> None:
    doc = extract(run, path)
    doc.pop("path")
    model_validator().validate(doc)


def test_real_report_models_match_the_published_model_schema(
        run: Callable[..., Result]) -> None:
    validator = model_validator()
    for path in sorted(shared("corpus", "real").glob("*.md")):
        for template in (None, "completion"):
            doc = extract(run, path, *(["--template", template] if template else []))
            doc.pop("path")
            errors = [e.message for e in validator.iter_errors(doc)]
            assert errors == [], path


def test_field_values_keep_the_spaces_between_inline_pieces(run: Callable[..., Result],
                                                              tmp_path: Path) -> None:
    path = tmp_path / "fields.md"
    path.write_text("## Task Completion Report: BE-001 - X\n\n"
                    "**Files**: `src/a.ts` `src/b.ts`\n**Owner**: **Ann** *and* Bob\n"
                    "Reviewer: `pm` and [qa](https://example.com)\n", "utf-8")
    fields = extract(run, path)["reports"][0]["fields"]
    assert [(f["value"], f["style"], f["line"]) for f in fields.values()] == [
        ("src/a.ts src/b.ts", "bold", 3), ("Ann and Bob", "bold", 4), ("pm and qa", "plain", 5)]


def test_comments_inside_lines_are_collected_with_their_lines(run: Callable[..., Result],
                                                              tmp_path: Path) -> None:
    path = tmp_path / "comments.md"
    path.write_text("## Progress Update: BE-1 - X <!-- h -->\n\n<!-- block\nof two -->\n\n"
                    "Text <!-- p -->\nmore <!-- q\nr --> and <!-- s -->\n\n"
                    "- item\n  <b>bold</b> <!-- t -->\n\n"
                    "| a | b |\n| - | - |\n| x <!-- u --> | `<!-- code -->` |\n", "utf-8")
    doc = extract(run, path)
    assert doc["comments"] == [
        {"line": 1, "text": "<!-- h -->", "inline": True},
        {"line": 3, "text": "<!-- block\nof two -->"},
        {"line": 6, "text": "<!-- p -->", "inline": True},
        {"line": 7, "text": "<!-- q\nr -->", "inline": True},
        {"line": 8, "text": "<!-- s -->", "inline": True},
        {"line": 11, "text": "<!-- t -->", "inline": True},
        {"line": 15, "text": "<!-- u -->", "inline": True}]
    doc.pop("path")
    model_validator().validate(doc)
