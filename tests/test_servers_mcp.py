"""`reportlint mcp` end to end: the MCP Python SDK's own client drives the server, started as a
subprocess over standard input and output, as an agent's client would."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("mcp", reason="the MCP server needs reportlint[mcp]")

from mcp import Client
from mcp.client.stdio import StdioServerParameters, stdio_client

from reportlint import api, edits
from reportlint.servers import mcp as server

from conftest import ROOT

BAD = """\
## Progress Update: BE-031 - Audit log service

**Status**: in_progress
**Progress**: 20% complete

### Completed Items

- [x] Schema migration
"""
TOKEN = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
TIMEOUT = 90  # seconds for a whole scenario


def run(root: Path, scenario: Callable[[Client], Awaitable[None]]) -> None:
    parameters = StdioServerParameters(
        command=sys.executable, args=["-m", "reportlint", "mcp"], cwd=str(root),
        env={**os.environ, "REPORTLINT_CACHE_DIR": str(root / ".cache")})

    async def main() -> None:
        # The transport itself, not its parameters: what every 2.x client accepts.
        async with Client(stdio_client(parameters), read_timeout_seconds=30) as client:
            await scenario(client)
    asyncio.run(asyncio.wait_for(main(), TIMEOUT))


async def call(client: Client, tool: str, **arguments: Any) -> dict[str, Any]:
    result = await client.call_tool(tool, arguments)
    assert not result.is_error, result.content
    assert isinstance(result.structured_content, dict)
    # The same result as text, for clients that read only that.
    first = result.content[0]
    assert json.loads(getattr(first, "text", "")) == result.structured_content
    return result.structured_content


async def refused(client: Client, tool: str, **arguments: Any) -> str:
    result = await client.call_tool(tool, arguments)
    assert result.is_error
    text = getattr(result.content[0], "text", "")
    assert isinstance(text, str)
    return text


def pairs(result: dict[str, Any]) -> list[tuple[int, str]]:
    return [(f["line"], f["code"]) for f in result["findings"]]


@pytest.mark.slow
def test_every_tool_resource_and_prompt(tmp_path: Path) -> None:
    async def scenario(client: Client) -> None:
        tools = {t.name: t for t in (await client.list_tools()).tools}
        assert sorted(tools) == ["check_report", "explain_code", "fix_report",
                                 "list_templates", "new_report"]
        for tool in tools.values():
            assert tool.input_schema["type"] == "object"
            assert tool.output_schema is not None
            assert tool.output_schema["type"] == "object"
            assert tool.description
        assert tools["check_report"].input_schema["required"] == ["text"]

        checked = await call(client, "check_report", text=BAD)
        assert (checked["verdict"], checked["errors"], checked["warnings"]) == ("fail", 3, 0)
        assert pairs(checked) == [(1, "RL101"), (1, "RL102"), (3, "RL103")]
        assert checked["summary"] == "Found 3 errors and 0 warnings in 1 of 1 file."
        assert checked["reports"] == [
            {"title": "Progress Update: BE-031 - Audit log service", "line": 1, "end_line": 8}]
        status = checked["findings"][2]
        assert status["fix"]["expected"] == ["IN PROGRESS", "BLOCKED", "NEEDS CLARIFICATION"]
        assert status["fix"]["edits"] == [{"start": {"line": 3, "column": 1},
                                           "end": {"line": 4, "column": 1},
                                           "text": "**Status**: IN PROGRESS\n"}]

        fixed = await call(client, "fix_report", text=BAD)
        assert fixed["changed_lines"] == 1
        assert fixed["text"] == BAD.replace("in_progress", "IN PROGRESS")
        assert pairs(fixed["remaining"]) == [(1, "RL101"), (1, "RL102")]
        assert fixed["remaining"]["verdict"] == "fail"

        made = await call(client, "new_report", template="progress", task_id="BE-7", name="X")
        assert made == {"template": "progress", "text": api.new("progress", "BE-7", "X")}
        assert made["text"].startswith("## Progress Update: BE-7 - X\n")

        for code in ("RL101", "missing-section"):
            explained = await call(client, "explain_code", code=code)
            assert (explained["code"], explained["name"], explained["severity"]) == (
                "RL101", "missing-section", "error")
            assert explained["documentation"] == api.rule_doc("RL101")

        listed = await call(client, "list_templates")
        progress = next(t for t in listed["templates"] if t["name"] == "progress")
        assert progress == {
            "name": "progress", "title": "Progress Update", "role": "backend",
            "example_title": "Progress Update: BE-001 - Add login endpoint",
            "schema_uri": "reportlint://templates/progress/schema",
            "scaffold_uri": "reportlint://templates/progress/scaffold"}
        assert [t["name"] for t in listed["templates"]] == [t.name for t in api.templates()]

        uris = {str(r.uri) for r in (await client.list_resources()).resources}
        assert {"reportlint://templates/progress/schema",
                "reportlint://templates/progress/scaffold"} <= uris
        assert len(uris) == 2 * len(listed["templates"])
        schema = await client.read_resource("reportlint://templates/progress/schema")
        assert json.loads(getattr(schema.contents[0], "text", ""))["title"] == "Progress Update"
        skeleton = await client.read_resource("reportlint://templates/progress/scaffold")
        assert getattr(skeleton.contents[0], "text", "") == api.new("progress")

        prompts = [p.name for p in (await client.list_prompts()).prompts]
        assert prompts == ["write_report"]
        prompt = await client.get_prompt("write_report", {"template": "progress",
                                                          "task_id": "BE-7"})
        text = getattr(prompt.messages[0].content, "text", "")
        assert text == f"Write a `progress` report for BE-7.\n\n{server.GUIDE}"

    run(tmp_path, scenario)


@pytest.mark.slow
def test_bad_input_is_a_tool_error_and_the_server_goes_on(tmp_path: Path) -> None:
    (tmp_path / "strict").mkdir()
    (tmp_path / "strict/.reportlint.toml").write_text("max-file-size = 100\n")
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken/.reportlint.toml").write_text("select = 3\n")

    async def scenario(client: Client) -> None:
        not_a_report = await refused(client, "check_report", text='{"status": "done"}\n')
        assert not_a_report == (
            "Error executing tool check_report: the text is not a report: no heading reads as "
            "a report title (Task Acknowledged, Task Completion Report, DevOps Completion "
            "Report, Progress Update, QA Completion Report, Task), such as `## Progress "
            "Update: BE-001 - Add login endpoint`; pass `template` to check it against a "
            "template anyway")
        huge = await refused(client, "check_report", text=BAD + "x" * (6 * 1024 * 1024))
        assert huge.endswith(f"the text is {len(BAD) + 6 * 1024 * 1024} bytes, over the limit "
                             "of 5242880 (`max-file-size` in the configuration); a report is "
                             "far smaller")
        small = await refused(client, "fix_report", text=BAD,
                              path=str(tmp_path / "strict/BE-031.md"))
        assert small.endswith(f"the text is {len(BAD)} bytes, over the limit of 100 "
                              "(`max-file-size` in the configuration); a report is far smaller")
        broken = await refused(client, "check_report", text=BAD,
                               path=str(tmp_path / "broken/BE-031.md"))
        assert "invalid configuration" in broken
        unknown = await refused(client, "check_report", text=BAD, template="nope")
        assert unknown.endswith("unknown template 'nope'; known: acknowledgement, completion, "
                                "do-acknowledgement, do-completion, do-progress, "
                                "fe-acknowledgement, fe-completion, fe-progress, progress, "
                                "qa-acknowledgement, qa-completion, qa-progress, task")
        assert (await refused(client, "new_report", template="nope")).endswith(
            "unknown template 'nope'; known: acknowledgement, completion, do-acknowledgement, "
            "do-completion, do-progress, fe-acknowledgement, fe-completion, fe-progress, "
            "progress, qa-acknowledgement, qa-completion, qa-progress, task")
        assert (await refused(client, "explain_code", code="RL999")).endswith(
            "unknown code 'RL999'; see `reportlint rules`")
        for blank in ("", "  \n\n"):
            assert (await refused(client, "check_report", text=blank)).endswith(
                ": the text is empty; send the whole report")
        assert (await refused(client, "check_report", text="## x\x00\x01\x02")).endswith(
            ": the text cannot be checked: binary file (contains NUL bytes); a report must be "
            "Markdown text (RL002)")
        for wrong in ({"text": 5}, {}, {"text": BAD, "template": ["progress"]}):
            invalid = await refused(client, "check_report", **wrong)
            assert invalid.startswith(
                "Error executing tool check_report: 1 validation error for "
                "check_reportArguments\n"), invalid
        # A whole file against a template it was not written for is checked, not refused.
        forced = await call(client, "check_report", text="Some notes.\n", template="progress")
        assert forced["verdict"] == "fail"
        # Still serving.
        assert len((await client.list_tools()).tools) == 5

    run(tmp_path, scenario)


@pytest.mark.slow
def test_a_bad_report_repaired_from_the_hints_passes(tmp_path: Path) -> None:
    """The agent's loop the prompt describes: check, fix, apply the edits (writing the real
    values over the snippets' examples and `None`), check again."""
    async def scenario(client: Client) -> None:
        path = str(tmp_path / "BE-031-progress.md")
        first = await call(client, "check_report", text=BAD, path=path)
        assert first["verdict"] == "fail"
        fixed = await call(client, "fix_report", text=BAD, path=path)
        text = fixed["text"]
        remaining = fixed["remaining"]
        changes = [dict(e, text=e["text"].replace("None", "Audit log writer")
                        .replace("2025-01-15 09:00", "2025-01-15 10:00"))
                   for f in remaining["findings"] for e in (f["fix"] or {}).get("edits", [])]
        assert len(changes) == len(remaining["findings"]) == 2
        text = edits.apply(text, changes)
        assert text == (
            "## Progress Update: BE-031 - Audit log service\n\n**Status**: IN PROGRESS\n"
            "**Progress**: 20% complete\n**Updated**: 2025-01-15 10:00\n\n"
            "### Completed Items\n\n- [x] Schema migration\n\n"
            "### In Progress\n\n- [ ] Audit log writer\n")
        final = await call(client, "check_report", text=text, path=path)
        assert (final["verdict"], final["errors"], final["findings"]) == ("pass", 0, [])

    run(tmp_path, scenario)


@pytest.mark.slow
def test_a_credential_is_never_sent_back(tmp_path: Path) -> None:
    leaky = BAD.replace("- [x] Schema migration", f"- [x] Schema migration, token {TOKEN}")

    async def scenario(client: Client) -> None:
        for tool in ("check_report", "fix_report"):
            result = await client.call_tool(tool, {"text": leaky})
            assert not result.is_error
            assert TOKEN not in json.dumps(result.structured_content)
            assert all(TOKEN not in getattr(c, "text", "") for c in result.content)
        fixed = await call(client, "fix_report", text=leaky)
        assert fixed["text"] is None
        assert "RL210" in [f["code"] for f in fixed["remaining"]["findings"]]

    run(tmp_path, scenario)


def test_the_guide_in_the_docs_is_the_prompt() -> None:
    assert server.GUIDE in (ROOT / "docs/servers.md").read_text("utf-8")


CLAIMING = """\
## Task Completion Report: BE-014 - Refresh token rotation

**Status**: COMPLETED

All tests pass: 6 passed.
"""


def test_check_report_checks_claims_against_evidence_files(tmp_path: Path) -> None:
    junit = ROOT / "fixtures/evidence/artefacts/pytest-junit.xml"
    (tmp_path / "run.txt").write_text("6 passed\n", "utf-8")

    async def scenario(client: Client) -> None:
        alone = await call(client, "check_report", text=CLAIMING)
        assert "RL306" not in [code for _, code in pairs(alone)]
        checked = await call(client, "check_report", text=CLAIMING, evidence=[str(junit)])
        found = [f for f in checked["findings"] if f["code"] == "RL306"]
        assert [f["line"] for f in found] == [3, 5]
        assert checked["verdict"] == "fail"
        assert found[1]["message"] == (
            "the report says `All tests pass` and `6 passed`, but pytest-junit.xml has 6 "
            "tests: 3 passed, 1 failed, 0 errors, 2 skipped (failed: test_div_wrong)")
        unknown = await refused(client, "check_report", text=CLAIMING, evidence=["run.txt"])
        assert unknown.endswith("evidence file run.txt: it is text, not JUnit XML, Cobertura "
                                "XML, coverage.py JSON, LCOV or SARIF")

    run(tmp_path, scenario)
