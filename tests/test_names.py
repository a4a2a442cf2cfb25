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
