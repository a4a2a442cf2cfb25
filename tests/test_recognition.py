"""How files are recognised: titles in agents' words, report statuses in their spellings, and
the three kinds of Markdown file measured on every corpus (the classifier's figures)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from reportlint import api, recognition

from conftest import FIXTURES, SHARED, shared

NOT_REPORTS = sorted((FIXTURES / "not-reports").glob("*.md"))


@pytest.mark.parametrize(("heading", "kind", "task", "name"), [
    ("BE-009 Completion Report: Dashboard", "completion", "BE-009", "Dashboard"),
    ("FE-001 Development Progress Update", "progress", "FE-001", "Development"),
    ("Task B10: Unit Tests for Auth Service - Completion Summary", "completion", "B10",
     "Unit Tests for Auth Service"),
    ("Task B8 - User Authentication Endpoints - Completion Summary", "completion", "B8",
     "User Authentication Endpoints"),
    ("Implementation Result for Issue SCRUM-301", "completion", "SCRUM-301", ""),
    ("BE-011: Message Status Tracking - Completion Summary ✅ COMPLETE", "completion", "BE-011",
     "Message Status Tracking"),
    ("BE-005 RBAC Implementation - Development Status & Continuity Guide", "progress",
     "BE-005", "RBAC Implementation"),
    ("QA-003 Acknowledgment: Checkout regression suite", "acknowledgement", "QA-003",
     "Checkout regression suite"),
])
def test_agent_titles(heading: str, kind: str, task: str, name: str) -> None:
    assert recognition.agent_title(heading) == recognition.AgentTitle(kind, task, name)


@pytest.mark.parametrize("heading", [
    "ISSUE-BA-003: Missing Progress Logging",  # a task id, but no report kind
    "Release v2.0 (BE-101, BE-102) - Completed",
    "Sprint 14 planning: BE-014 status",
    "BE-001: NestJS setup",
    "Completion Summary",  # the words, but no task id
])
def test_headings_that_are_no_agent_title(heading: str) -> None:
    assert recognition.agent_title(heading) is None


@pytest.mark.parametrize(("title", "message"), [
    ("## Task Completion Report — BE-012",
     "`Task Completion Report — BE-012` is not in the template's form; write the title as "
     "`## Task Completion Report: BE-012 - Task name`"),
    ("## Task Completion Report: BE-012 Login API",
     "`Task Completion Report: BE-012 Login API` is not in the template's form; write the "
     "title as `## Task Completion Report: BE-012 - Login API`"),
    ("## Progress Update - week 3",
     "the title has no task id; write it as `Progress Update: BE-001 - week 3`"),
    ("## Progress Update: week 3",
     "the title has no task id; write it as `Progress Update: BE-001 - week 3`"),
    ("## Task Completion Report: Login API",
     "the title has no task id; write it as `Task Completion Report: BE-001 - Login API`"),
])
def test_the_title_to_write_keeps_what_the_title_says(title: str, message: str) -> None:
    from reportlint import engine
    from reportlint.resolver import registry

    settings = engine.Settings(registry(), cache_results=False)
    text = f"{title}\n\n**Status**: COMPLETED\n"
    outcome = engine.check(engine.Input("r.md", text.encode()), settings)
    assert [d.message for d in outcome.diagnostics if d.code == "RL108"] == [message]


@pytest.mark.parametrize(("value", "title", "claimed"), [
    ("COMPLETED", "", True),
    ("✅ COMPLETE", "", True),
    ("Done", "", True),
    ("✅ **Completed**", "", True),
    ("ALL TASKS COMPLETE - Monitoring Mode Active", "", True),
    ("Phase 4 COMPLETE ✅", "Handover Document: Phase 4 VPS Management", True),
    ("Phase 1 COMPLETE - Foundation Laid ✅", "BE-005 RBAC Implementation", False),
    ("✅ READY FOR DEPLOYMENT", "", True),
    ("selesai", "", True),
    ("완료", "", True),
    ("IN PROGRESS", "", False),
    ("Not complete", "", False),
    ("2/3 P0 tasks complete, 1/3 in progress", "", False),
    ("⚠️ Done with known failures", "", False),  # the status owns up to what is not done
    ("Complete except the CSV export", "", False),
    ("Done, but not merged", "", False),
    ("Partially complete", "", False),
    ("Done with 2 open issues", "", False),
    ("Done ✅ (all criteria met)", "", True),
])
def test_claims_of_completion(value: str, title: str, claimed: bool) -> None:
    assert recognition.claims_completion(value, title) is claimed


@pytest.mark.parametrize(("text", "claims"), [
    ("# ✅ DONE — FE-088 Onboarding widget\n", [("status", 1)]),
    ("# FE-133 — Form components (Completed)\n", [("status", 1)]),
    ("# ✅ DONE with known issues — FE-089 Tour\n", []),  # the title owns up
    ("# FE-133 — Form components (Completed)\n\n**Status**: IN PROGRESS\n", []),  # the field's
    ("# Done\n\n**Status**: ✅ Done\n**Ready for Review**: ✅ Yes\n",
     [("status", 3), ("ready", 4)]),
    ("# Login API\n", []),
])
def test_what_claims_a_report_is_finished(text: str, claims: list[tuple[str, int]]) -> None:
    from reportlint import engine, templates

    registry = templates.builtin()[0]
    report = engine.document(text, registry, registry.names()[0])["reports"][0]
    assert [(kind, line) for kind, _, line in recognition.finished(report)] == claims


@pytest.mark.parametrize(("value", "allowed", "canonical"), [
    ("✅ Done", ["COMPLETED"], "COMPLETED"),
    ("in_progress", ["IN PROGRESS", "BLOCKED", "NEEDS CLARIFICATION"], "IN PROGRESS"),
    ("On hold", ["IN PROGRESS", "BLOCKED", "NEEDS CLARIFICATION"], "BLOCKED"),
    ("sedang berjalan", ["IN PROGRESS", "BLOCKED"], "IN PROGRESS"),
    ("Running", ["IN PROGRESS", "BLOCKED"], None),  # no one status it surely means
    ("Done", ["IN PROGRESS"], None),  # not a status this template allows
    ("ALL TASKS COMPLETE", ["COMPLETED"], "COMPLETED"),
    ("All work is done", ["COMPLETED"], "COMPLETED"),
    ("Phase 4 COMPLETE", ["COMPLETED"], None),  # a phase's claim, not the report's status
])
def test_canonical_statuses(value: str, allowed: list[str], canonical: str | None) -> None:
    words = recognition.vocabulary({})
    assert recognition.canonical_status(value, allowed, words) == canonical


def test_a_template_adds_its_own_status_words() -> None:
    words = recognition.vocabulary({"COMPLETED": ["Fertig"]})
    assert recognition.canonical_status("fertig", ["COMPLETED"], words) == "COMPLETED"


@pytest.mark.parametrize(("text", "unfit"), [
    ("# Webrana Cloud - Project Progress Report\n\n**Generated:** 2025-11-30\n",
     "a project's progress report"),
    ("# Laporan Progress WeBrana Cloud Platform\n\n**Tanggal:** 2025-12-04\n",
     "a project's progress report"),
    ("# BA Issue Report: Known Issues, Errors, and Gaps\n\n**From**: Build Agent\n",
     "an issue report"),
    # A project's report about one task is a task's report; a task's progress is one too.
    ("# Platform Progress Report: BE-014\n", None),
    ("# Project X\n\n**Task ID**: BE-014\n", None),
    ("# BA Progress Report: Phase 1.5 Near Completion\n", None),
    ("# Product Completion Summary\n", None),
])
def test_reports_no_template_is_for(text: str, unfit: str | None) -> None:
    from reportlint import engine, templates

    registry = templates.builtin()[0]
    whole = engine.document(text, registry, registry.names()[0])
    assert recognition.unfit(whole["reports"][0]) == unfit


def _no_report(run: Callable[..., Result], tmp_path: Path, text: str) -> list[dict[str, Any]]:
    """The RL005 findings of a file holding ``text``, as JSON."""
    report = tmp_path / "report.md"
    report.write_text(text, "utf-8")
    found: list[dict[str, Any]] = json.loads(
        run("check", "--isolated", "--format", "json", "--select", "RL005", report).stdout)
    return found


def test_a_report_no_template_is_for_is_told_so(run: Callable[..., Result],
                                                tmp_path: Path) -> None:
    found = _no_report(run, tmp_path, "# Webrana Cloud - Project Progress Report\n\n"
                       "**Status**: In progress\n\n## Next Steps\n\n- Billing\n")
    assert [(d["line"], d["message"].split("; ", 1)[1]) for d in found] == [
        (1, "this reads as a project's progress report, which no template is for: pass "
            "--template NAME if one fits, or leave the file out with `exclude`")]


def test_the_title_to_write_takes_the_task_from_the_fields(run: Callable[..., Result],
                                                          tmp_path: Path) -> None:
    (finding,) = _no_report(run, tmp_path, "**Task:** DATA-019 nightly ETL for `orders_fact`\n"
                            "**Status:** ✅ DONE\n\n### Summary\n\nLoads orders.\n")
    assert finding["line"] == 4
    assert "start the report with a heading such as `## Task Completion Report: DATA-019 - " \
           "nightly ETL for orders_fact`" in finding["message"]


def _documents() -> Iterator[tuple[str, bytes]]:
    examples = json.loads(shared("corpus", "commonmark", "commonmark.json").read_text("utf-8"))
    for example in examples:
        yield f"commonmark example {example['example']}", example["markdown"].encode("utf-8")
    for folder in ("commonmark", "markdownlint-tests"):
        for path in sorted((SHARED / "corpus" / folder).glob("*.md")):
            yield f"{folder}/{path.name}", path.read_bytes()


def _verdicts(paths: list[Path]) -> dict[str, str]:
    outcomes = api.run(api.CheckOptions(paths=tuple(paths), isolated=True, cache=False))
    return {Path(o.path).name: "not a report" if o.skipped else
            "report-like" if any(d.code == "RL005" for d in o.diagnostics) else "report"
            for o in outcomes}


def test_ordinary_repository_documents_are_no_reports() -> None:
    verdicts = _verdicts(NOT_REPORTS)
    assert len(verdicts) >= 45
    assert {name: v for name, v in verdicts.items() if v != "not a report"} == {}


def test_every_real_report_is_a_report_or_report_like() -> None:
    folder = shared("corpus", "real")
    verdicts = _verdicts(sorted(folder.glob("*.md")))
    assert len(verdicts) == 28
    assert [name for name, v in verdicts.items() if v == "not a report"] == []


WILD = FIXTURES / "reports-in-the-wild"


def test_reports_as_agents_write_them_are_checked() -> None:
    """55 reports written the ways agents write them (other languages, no title, a title in
    the agent's words, fields in a table, front matter), each with the verdict it gets, the
    ones still missed included: a change that reads one more of them as a report, or one
    fewer, changes this table (`verdicts.tsv`) on purpose."""
    rows = [line.split("\t") for line in
            (WILD / "verdicts.tsv").read_text("utf-8").splitlines()[1:]]
    wanted = {name: verdict for name, verdict, _ in rows}
    got = {name: "missed" if verdict == "not a report" else verdict
           for name, verdict in _verdicts(sorted(WILD.glob("*.md"))).items()}
    assert got == wanted
    assert sum(v != "missed" for v in wanted.values()) >= 48


@pytest.mark.slow
def test_no_corpus_document_is_read_as_a_report(run: Callable[..., Result],
                                                 tmp_path: Path) -> None:
    names = []
    for index, (_, data) in enumerate(_documents()):
        (tmp_path / f"{index:04d}.md").write_bytes(data)
        names.append(tmp_path / f"{index:04d}.md")
    verdicts = _verdicts(names)
    assert len(verdicts) > 1000
    assert {name: v for name, v in verdicts.items() if v != "not a report"} == {}


def test_a_file_that_must_be_a_report_is_one_or_an_error(run: Callable[..., Result],
                                                        tmp_path: Path) -> None:
    (tmp_path / "docs/reports").mkdir(parents=True)
    readme = tmp_path / "README.md"
    readme.write_text("# Project\n\nHow to build it.\n", "utf-8")
    stray = tmp_path / "docs/reports/notes.md"
    stray.write_text("# Notes\n\nSome notes.\n", "utf-8")
    (tmp_path / ".reportlint.toml").write_text('reports = ["docs/reports/**"]\n', "utf-8")
    result = run("check", "--format", "json", readme, stray)
    assert [(Path(d["path"]).name, d["line"], d["code"]) for d in json.loads(result.stdout)] == [
        ("notes.md", 1, "RL005")]
    assert result.exit_code == 1
