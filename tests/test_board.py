"""`reportlint board`: the JSON (exactly, and against its schema), the Markdown (exactly, and
cut to the step summary's limit with the worst tasks first) and the HTML (escaped,
self-contained) of fixtures/lifecycle; secrets masked in all three. The HTML in a real
browser is tests/test_board_browser.py.

After an intended change of the board, regenerate the expected outputs with

    python tests/test_board.py
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner, Result

from reportlint.board import markdown
from reportlint.board.model import Board, Row
from reportlint.cli import cli

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "fixtures" / "lifecycle"
SCHEMA = ROOT / "src" / "reportlint" / "board" / "board.schema.json"
EXPECTED = {"json": FOLDER / "board.expected.json",
            "markdown": FOLDER / "board.expected.markdown"}
ARGS = ("board", "--isolated", "--no-cache", "--now", "2026-12-01", "fixtures/lifecycle")


def board(run: Callable[..., Result], output_format: str, *args: str) -> str:
    result = run(*ARGS, "--format", output_format, *args)
    assert result.exit_code == 0, result.output + result.stderr
    return result.stdout


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("output_format", sorted(EXPECTED))
def test_the_board_of_the_fixture_folder(run: Callable[..., Result],
                                         output_format: str) -> None:
    assert board(run, output_format) == EXPECTED[output_format].read_text("utf-8"), (
        "the board changed: read the difference, then run `python tests/test_board.py`")


def test_the_json_follows_its_schema(run: Callable[..., Result]) -> None:
    schema = json.loads(SCHEMA.read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    found = json.loads(board(run, "json"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()
                                    ).validate(found)
    rows = {row["id"]: row for row in found["tasks"]}
    assert list(rows) == ["BE-101", "BE-102", "BE-103", "BE-104", "FE-201", "QA-301"]
    assert rows["BE-103"]["state"] == "blocked"
    assert [b["text"] for b in rows["BE-103"]["blockers"]] == [
        'No Redis in staging <script>alert("blocker")</script>']
    assert rows["BE-101"]["criteria"] == {"verified": 3, "total": 3}
    assert rows["BE-102"]["criteria"] == {"verified": 2, "total": 3}
    assert rows["FE-201"]["handoff"] == ["QA-309"]
    assert {f["code"] for f in rows["FE-201"]["findings"]} >= {"RL404", "RL407", "RL408",
                                                               "RL409"}


def test_the_html_escapes_every_report_string(run: Callable[..., Result]) -> None:
    page = board(run, "html")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;blocker&quot;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert page.count("<script>") == 1  # the board's own
    # Nothing is fetched: no URL in an attribute, and a policy that forbids it.
    assert not re.search(r"""(?:src|href)=["']?(?:https?:|//)""", page)
    assert "default-src 'none'" in page
    assert '<a href="#findings-FE-201">' in page
    assert 'id="findings-FE-201"' in page


def test_the_output_file(run: Callable[..., Result], tmp_path: Path) -> None:
    target = tmp_path / "board.html"
    result = run(*ARGS, "--format", "html", "--output-file", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert target.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_usage_problems(run: Callable[..., Result]) -> None:
    assert run("board", "--format", "pdf", "fixtures/lifecycle").exit_code == 2
    missing = run("board", "--isolated", "no/such/folder")
    assert missing.exit_code == 2
    assert "no/such/folder: no such file or directory" in missing.stderr


TOKEN = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"


def test_secrets_are_masked_in_every_format(run: Callable[..., Result],
                                            tmp_path: Path) -> None:
    report = tmp_path / "leak.md"
    report.write_text("## Progress Update: BE-900 - Leaky\n\n**Status**: BLOCKED\n"
                      "**Progress**: 10% complete\n**Updated**: 2026-11-01\n\n"
                      "### Blockers (if any)\n| Blocker | Impact | Resolution Needed |\n"
                      f"|---|---|---|\n| CI token {TOKEN} expired | x | y |\n\n"
                      f"### Questions for PM\n1. May I rotate {TOKEN}?\n", "utf-8")
    for output_format in ("json", "markdown", "html"):
        result = run("board", "--isolated", "--no-cache", "--format", output_format,
                     str(report))
        assert result.exit_code == 0
        assert TOKEN not in result.stdout, output_format
        assert TOKEN[4:] not in result.stdout, output_format
        assert "ghp_" in result.stdout  # masked, not dropped


def _row(n: int, state: str, findings: int) -> Row:
    return Row(id=f"BE-{n}", name="x" * 100, role="backend", status=state.upper(),
               state=state, progress=50.0, started=None, last_update=None, completed=None,
               blockers=[{"text": "blocked " * 20, "path": "a.md", "line": 1}]
               if state == "blocked" else [],
               questions=[], criteria=None, handoff=[], reports=[],
               findings=[{"path": "a.md", "line": 1, "code": "RL101", "severity": "error",
                          "message": "m" * 150}] * findings)


def test_the_markdown_keeps_under_the_summary_limit_with_the_worst_first() -> None:
    rows = [_row(n, "blocked" if n % 50 == 0 else "in-progress", n % 7)
            for n in range(1, 6001)]
    model = Board(version=1, today="2026-12-01", tasks=rows,
                  totals={"tasks": len(rows), "findings": 0, "errors": 0, "blocked": 0,
                          "needs-clarification": 0, "in-progress": 0, "reopened": 0,
                          "assigned": 0, "completed": 0})
    text = markdown.render(model)
    assert len(text.encode("utf-8")) <= 1024 * 1024
    shown = re.findall(r"^\| (BE-\d+) \|", text, re.MULTILINE)
    assert 0 < len(shown) < len(rows)
    blocked = [f"BE-{n}" for n in range(50, 6001, 50)]
    assert sorted(shown[:len(blocked)]) == sorted(blocked)  # the waiting tasks first
    errors = [int(n[3:]) % 7 for n in shown[len(blocked):]]
    assert errors == sorted(errors, reverse=True)  # then those with most findings
    assert f"{len(rows) - len(shown)} of {len(rows)} task(s) left out" in text
    small = markdown.render(Board(**{**model, "tasks": rows[:3]}))
    assert "left out" not in small


def _regenerate() -> None:
    import os

    os.chdir(ROOT)
    for output_format, path in EXPECTED.items():
        result = CliRunner().invoke(cli, [*ARGS, "--format", output_format])
        path.write_text(result.stdout, "utf-8")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    _regenerate()
    sys.exit(0)
