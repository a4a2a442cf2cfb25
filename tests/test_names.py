from __future__ import annotations

import pytest

from reportlint import names


@pytest.mark.parametrize(("heading", "key"), [
    ("3. Acceptance Criteria Verification", "acceptance-criteria-verification"),
    ("3) Acceptance criteria verification", "acceptance-criteria-verification"),
    ("1.2 Architecture Design", "architecture-design"),
    ("b. Search UI", "search-ui"),
    ("Clarification Questions (if any)", "clarification-questions"),
    ("6. API Documentation (if applicable)", "api-documentation"),
    ("✅ ACKNOWLEDGMENTS", "acknowledgments"),
    ("📦  Implementation   Summary ✅", "implementation-summary"),
    ("Known Issues / Technical Debt", "known-issues-technical-debt"),
    ("New/Modified Endpoints", "new-modified-endpoints"),
    ("A Section", "a-section"),
    ("2024 Roadmap", "2024-roadmap"),
    ("작업 개요", "작업-개요"),
    ("", ""),
])
def test_key(heading: str, key: str) -> None:
    assert names.key(heading) == key


@pytest.mark.parametrize(("title", "label", "task_id", "task_name"), [
    ("Task Completion Report: BE-001 - Login", "Task Completion Report", "BE-001", "Login"),
    ("Task Acknowledged: [BE-XXX] - [Task Name]", "Task Acknowledged", "[BE-XXX]", "[Task Name]"),
    ("Task Acknowledged: BE-001 – Login — v2", "Task Acknowledged", "BE-001", "Login — v2"),
    ("Task Completion Report: BE-001: Login", "Task Completion Report", "BE-001", "Login"),
    ("TASK COMPLETION REPORT: RTP-ORG-001", "TASK COMPLETION REPORT", "RTP-ORG-001", None),
    ("Progress Update: Qwen2.5-7B Integration", "Progress Update", None, "Qwen2.5-7B Integration"),
    ("✅ Progress Update: BE-002 - Search", "Progress Update", "BE-002", "Search"),
    ("Progress Update:", "Progress Update", None, None),
    ("Weekly notes", None, None, "Weekly notes"),
    ("BE-011: Message Status Tracking", None, "BE-011", "Message Status Tracking"),
    ("RTP-ORG-001: Deploy", None, "RTP-ORG-001", "Deploy"),
])
def test_split_title(title: str, label: str | None, task_id: str | None,
                     task_name: str | None) -> None:
    assert names.split_title(title) == names.Title(label, task_id, task_name)


@pytest.mark.parametrize(("heading", "task_id", "name"), [
    ("BE-011: Message Status Tracking - Completion Summary", "BE-011",
     "Message Status Tracking - Completion Summary"),
    ("BE-009 Completion Evidence: Create Dashboard", "BE-009", "Create Dashboard"),
    ("BE-005 RBAC Implementation - Status", "BE-005", "RBAC Implementation - Status"),
    ("Progress Update: QA-2 - Suite", "QA-2", "Suite"),
    ("Session Handoff", None, ""),
    ("Release 2025-01", None, ""),
])
def test_task_in(heading: str, task_id: str | None, name: str) -> None:
    assert names.task_in(heading) == (task_id, name)


@pytest.mark.parametrize(("line", "text"), [
    ("## Work summary ##", "Work summary"), ("# C#", "C#"), ("### Done", "Done"),
    ("# #", ""), ("Setext title", "Setext title"), ("  #  Spaced  #  ", "Spaced"),
])
def test_atx_text(line: str, text: str) -> None:
    assert names.atx_text(line) == text


@pytest.mark.parametrize(("aliases", "texts", "found"), [
    # A renamed heading or label keeps the alias's words, whatever decoration it adds.
    (["Completion Date", "Date Completed"], ["Task ID", "Date Completed"], 1),
    (["Code Quality", "QA"], ["QA Handoff", "Code Quality - VERIFIED"], 1),
    (["Created Files"], ["Created Files - ALL DELIVERED"], 0),
    (["What Needs to Be Done"], ["📋 What Needs to Be Done (Phases 2-6)"], 0),
    (["Last Updated"], ["Last Updated:"], 0),
    (["Final Status"], ["Final Status"], 0),
    # The best named text wins, then the earlier alias.
    (["Next Steps", "Next Tasks"], ["Next Priority Tasks", "Next Steps"], 1),
    # Two alias words allow as many others (`Current Status and Next Steps`); one, none.
    (["Next Steps"], ["Current Status and Next Steps:"], 0),
    (["Overview"], ["Task Overview"], None),
    (["Results"], ["Test Results Summary"], None),
    # Word endings, not five letters: `Complexity` is no `Completed On`.
    (["Completed On"], ["Complexity"], None),
    (["Completion Date"], ["Completed By"], None),
    # Numbers are not names: `Issue 1: ...` is not the `Limitations` alias.
    (["Known Issues"], ["Issue 1: Auth0 Module Caching"], None),
    ([], ["Anything"], None),
])
def test_aliased(aliases: list[str], texts: list[str], found: int | None) -> None:
    assert names.aliased(aliases, texts) == found


def test_a_one_word_alias_away_from_its_place_only_as_a_heading_label() -> None:
    texts = ["Results", "🔄 NEEDED - Multi-Service Integration Tests", "Issue 1 - Caching"]
    assert names.aliased(["Results"], texts, weak=False) is None
    assert names.aliased(["Needed"], texts, weak=False) == 1
    assert names.aliased(["Issue"], texts, weak=False) is None
    assert names.aliased(["Results"], texts) == 0


def test_a_heading_must_be_mostly_the_alias() -> None:
    assert names.aliased(["Current Status"], ["Current Status and Next Steps"]) == 0
    assert names.aliased(["Current Status"], ["Current Status and Next Steps"],
                         least=0.5) is None
    assert names.aliased(["Final Status"], ["Final Status"], least=0.5) == 0
    assert names.aliased(["Completed On"], ["3. Completion"], least=0.99) == 0
    assert names.aliased(["Completed On"], ["3. Completion"], least=0.99,
                         words_at_least=2) is None


@pytest.mark.parametrize(("name", "found"), [
    ("BE-012 Login API", ("BE-012", "Login API")),
    ("RTP-ORG-001  Org model", ("RTP-ORG-001", "Org model")),
    ("BE-012", None),  # an id alone is read by split_title
    ("BE-012: Login API", None),  # a separator: split_title's
    ("Login API for BE-012", None),
    ("be-012 Login API", None),
    ("BE-12a Login", None),
    ("UTF-8 Filename Handling", None),  # standards have the shape of an id
    ("SHA-256 Checksums", None),
    ("COVID-19 Dashboard", None),
])
def test_leading_task_id(name: str, found: tuple[str, str] | None) -> None:
    assert names.leading_task_id(name) == found


@pytest.mark.parametrize(("title", "found"), [
    ("Progress Update — FE-031 Checkout Form", ("FE-031", "Checkout Form")),
    ("Task Completion Report - BE-012 - Login API", ("BE-012", "Login API")),
    ("Task Completion Report – BE-012: Login API", ("BE-012", "Login API")),
    ("Progress Update - week 3", None),
    ("BE-012 - Login API", None),  # no label before the dash
    ("Progress Update — FE-031", ("FE-031", "")),  # no name: the id is still read
    ("Task Completion Report — BE-012  ", ("BE-012", "")),
    ("Progress Update — FE-031: Checkout Form", ("FE-031", "Checkout Form")),
    ("Progress Update" + " " * 5000 + "x", None),
])
def test_dashed_title(title: str, found: tuple[str, str] | None) -> None:
    assert names.dashed_title(title) == found


@pytest.mark.parametrize(("title", "found"), [
    ("Progress Update - week 3", ("Progress Update", "week 3")),
    ("✅ Task Completion Report — Login API", ("Task Completion Report", "Login API")),
    ("Weekly Status Report – Sprint 14", ("Weekly Status Report", "Sprint 14")),
    ("Login - Task Completion Report", None),  # the label is not before the dash
    ("Progress Update: week 3", None),  # a colon: split_title's
    ("Release notes - 2.0", None),  # not a report's label
    ("Progress Update" + " " * 5000 + "- x", None),
])
def test_dashed_name(title: str, found: tuple[str, str] | None) -> None:
    assert names.dashed_name(title) == found
