"""The board's one model: a row per task, built from the outcomes of a run (their facts and
their findings). Every string in it comes from a fact or a diagnostic, so it is already one
line with secrets masked; the renderers still escape it for their own syntax."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any, TypedDict

from reportlint import quote, runwide
from reportlint.diagnostics import Outcome, Severity
from reportlint.rules.lifecycle import _history
from reportlint.rules.lifecycle.unverified_criterion import same

VERSION = 1
STATES = ("blocked", "needs-clarification", "in-progress", "reopened", "assigned",
          "completed")
_PASS = re.compile(r"✅|\b(?:pass(?:ed)?|met|done|verified|yes|ok)\b", re.IGNORECASE)


class Item(TypedDict):
    text: str
    path: str
    line: int


class Finding(TypedDict):
    path: str
    line: int
    code: str
    severity: str
    message: str


class Criteria(TypedDict):
    verified: int
    total: int


class ReportRef(TypedDict):
    kind: str
    path: str
    line: int
    date: str | None


class Row(TypedDict):
    id: str
    name: str
    role: str
    status: str | None
    state: str
    progress: float | None
    started: str | None
    last_update: str | None
    completed: str | None
    blockers: list[Item]
    questions: list[Item]
    criteria: Criteria | None
    handoff: list[str]
    reports: list[ReportRef]
    findings: list[Finding]


class Board(TypedDict):
    version: int
    today: str
    tasks: list[Row]
    totals: dict[str, int]


def _state(latest: _history.Entry | None) -> str:
    if latest is None:
        return "assigned"
    fact = latest.fact
    status = (fact.get("status") or [""])[0].upper()
    if fact["reopened"]:
        return "reopened"
    if fact["done"]:
        return "completed"
    if "BLOCKED" in status:
        return "blocked"
    if "CLARIFICATION" in status:
        return "needs-clarification"
    if re.search(r"\bNOT\s+STARTED\b|\bTO\s*DO\b", status):
        return "assigned"
    return "in-progress"


def _items(entry: _history.Entry, key: str) -> list[Item]:
    return [Item(text=text, path=entry.path, line=line) for text, line in entry.fact.get(key, ())]


def _criteria(task: _history.Task) -> Criteria | None:
    assignment = next((e for e in reversed(task.reports)
                       if e.fact["kind"] == "task" and e.fact.get("criteria")), None)
    completion = next((e for e in reversed(task.reports)
                       if e.fact["kind"] == "completion" and "verified" in e.fact), None)
    passed = [row[0] for row in (completion.fact["verified"] if completion else ())
              if _PASS.search(row[1])]
    if assignment is not None:
        criteria = [c[0] for c in assignment.fact["criteria"]]
        verified = sum(any(same(c, row) for row in passed) for c in criteria)
        return Criteria(verified=verified, total=len(criteria))
    if completion is not None:
        return Criteria(verified=len(passed), total=len(completion.fact["verified"]))
    return None


def _row(task: _history.Task, found: list[Finding]) -> Row:
    work = [e for e in task.reports if e.fact["kind"] != "task"]
    latest = work[-1] if work else None
    named = next((e.fact["name"] for e in reversed(task.reports)
                  if e.fact["kind"] == "task" and e.fact["name"]), None)
    name = named or next((e.fact["name"] for e in reversed(task.reports) if e.fact["name"]), "")
    role = next((e.fact["role"] for e in reversed(work) if e.fact["role"]), "")
    state = _state(latest)
    progress = next((e.fact["progress"][0] for e in reversed(work) if "progress" in e.fact),
                    None)
    if state == "completed":
        progress = 100.0
    started = next((e.fact["started"][0] for e in work if "started" in e.fact), None)
    dated = [e for e in work if e.when is not None]
    last = dated[-1] if dated else None
    last_update = None
    if last is not None:
        key = next(k for k in ("updated", "completed", "started") if k in last.fact)
        last_update = last.fact[key][0]
    completion = next((e for e in reversed(work) if e.fact["kind"] == "completion"), None)
    completed = completion.fact["completed"][0] if completion and "completed" in completion.fact \
        else None
    open_work = state != "completed"
    with_blockers = next((e for e in reversed(work) if "blockers" in e.fact), None)
    with_questions = next((e for e in reversed(work) if "questions" in e.fact), None)
    handoff = list(dict.fromkeys(t for e in work for t in e.fact.get("handoff", ())))
    return Row(
        id=task.id, name=name, role=role,
        status=(latest.fact.get("status") or [None])[0] if latest else None,
        state=state, progress=progress, started=started, last_update=last_update,
        completed=completed,
        blockers=_items(with_blockers, "blockers") if with_blockers and open_work else [],
        questions=_items(with_questions, "questions") if with_questions and open_work else [],
        criteria=_criteria(task), handoff=handoff,
        reports=[ReportRef(kind=e.fact["kind"], path=e.path, line=e.fact["line"],
                           date=e.when.isoformat(sep=" ", timespec="minutes") if e.when and
                           e.timed else e.when.date().isoformat() if e.when else None)
                 for e in task.reports],
        findings=found)


def build(outcomes: Sequence[Outcome], today: date | None = None) -> Board:
    """The board of a run's outcomes (with the lifecycle findings in them): a row per task
    id, in id order, with the findings on that task's reports."""
    grouped = runwide.tasks(outcomes)
    spans: dict[int, list[tuple[int, int, str]]] = {}
    for index, outcome in enumerate(outcomes):
        if outcome.history is not None:
            spans[index] = [(f["line"], f["end_line"], f["task"])
                            for f in outcome.history["facts"]]
    found: dict[str, list[Finding]] = {task: [] for task in grouped}
    for index, outcome in enumerate(outcomes):
        for d in outcome.diagnostics:
            task = next((t for start, end, t in spans.get(index, ())
                         if start <= d.line <= max(end, start)), None)
            if task is not None:
                found[task].append(Finding(path=_path(d.path), line=d.line, code=d.code,
                                           severity=d.severity.value, message=d.message))
    rows = [_row(grouped[task], found[task]) for task in sorted(grouped)]
    for row in rows:
        for ref in row["reports"]:
            ref["path"] = _path(ref["path"])
        for item in (*row["blockers"], *row["questions"]):
            item["path"] = _path(item["path"])
    findings = [f for row in rows for f in row["findings"]]
    totals = {"tasks": len(rows), "findings": len(findings),
              "errors": sum(f["severity"] == Severity.ERROR.value for f in findings),
              **{state: sum(r["state"] == state for r in rows) for state in STATES}}
    return Board(version=VERSION, today=(today or runwide.today()).isoformat(), tasks=rows,
                 totals=totals)


def _path(path: str) -> str:
    return quote.printable(path)


def badness(row: Row) -> tuple[Any, ...]:
    """Sorts the worst tasks first: blocked or waiting on the product manager, then by their
    error and other findings."""
    errors = sum(f["severity"] == Severity.ERROR.value for f in row["findings"])
    waiting = row["state"] in ("blocked", "needs-clarification") or bool(row["blockers"])
    return (not waiting, -errors, -len(row["findings"]), row["id"])
