"""The lifecycle rules (RL4xx) over a run: a folder of one sprint's reports
(fixtures/lifecycle: task assignments, acknowledgements, progress updates, completion reports
for several tasks) gives the findings of lifecycle.expected beside it; a file alone gives only
what its own reports say; cached results, worker processes, directives, the pull request
description and --now all see the same run-wide findings."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import Result

from reportlint import engine
from reportlint.rules.lifecycle import _history
from reportlint.rules.lifecycle.unverified_criterion import same

from conftest import FIXTURES, ROOT

FOLDER = FIXTURES / "lifecycle"
NOW = ("--now", "2026-12-01")


def lifecycle(run: Callable[..., Result], *args: str) -> list[dict[str, object]]:
    result = run("check", "--format", "json", "--isolated", "--select", "RL4", *NOW, *args)
    assert result.exit_code in (0, 1), result.output + result.stderr
    return [d for d in json.loads(result.stdout) if str(d["code"]).startswith("RL4")]


def _expected() -> list[tuple[str, int, str]]:
    rows = (FOLDER / "lifecycle.expected").read_text("utf-8").split("\n")
    return [(name, int(line), code) for name, line, code in
            (row.split() for row in rows if row.strip())]


def _found(found: list[dict[str, object]]) -> list[tuple[str, int, str]]:
    return [(Path(str(d["path"])).name, int(str(d["line"])), str(d["code"])) for d in found]


def test_the_folder_gives_every_lifecycle_code_at_its_line(run: Callable[..., Result],
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    monkeypatch.chdir(ROOT)
    found = lifecycle(run, "fixtures/lifecycle")
    assert _found(found) == _expected()
    assert {code for _, _, code in _expected()} == {f"RL4{n:02d}" for n in range(1, 11)}


def test_reports_as_agents_write_them_are_traced(run: Callable[..., Result],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A product manager's assignment as PMs write it (a `/droid` line, `#### Task BE-105:
    ...`, the Required Task Fields in a list) is read as the assignment; its criteria are
    traced through a verification table that words them in short, and its `§7.1` is the
    PRD section the acknowledgement must confirm."""
    monkeypatch.chdir(ROOT)
    folder = FIXTURES / "lifecycle-as-written"
    rows = (folder / "lifecycle.expected").read_text("utf-8").split("\n")
    wanted = [(name, int(line), code) for name, line, code in
              (row.split() for row in rows if row.strip())]
    found = lifecycle(run, "fixtures/lifecycle-as-written")
    assert _found(found) == wanted
    assert [d["message"] for d in found if d["code"] == "RL406"] == [
        "acceptance criterion `Every 429 response carries a Retry-After header` of BE-105's "
        "assignment (fixtures/lifecycle-as-written/be-105-assignment.md:12) is not in the "
        "Acceptance Criteria Verification table"]


def test_findings_name_the_earlier_report(run: Callable[..., Result],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    messages = {(Path(str(d["path"])).name, d["line"]): d["message"]
                for d in lifecycle(run, "fixtures/lifecycle")}
    assert messages["be-102-completion.md", 4] == (
        "**Started** `2026-11-07 09:00` of BE-102's completion report is not the "
        "acknowledgement's `2026-11-06 09:00` (fixtures/lifecycle/be-102.md:4)")
    assert messages["be-102-completion.md", 10] == (
        "acceptance criterion `Audit entries cannot be edited or deleted` of BE-102's "
        "assignment (fixtures/lifecycle/tasks.md:30) is not in the Acceptance Criteria "
        "Verification table")
    assert messages["be-102.md", 35] == (
        "progress 40% of BE-102 is less than the 60% of the update before it "
        "(fixtures/lifecycle/be-102.md:20)")
    assert messages["fe-201.md", 37] == (
        "dependency BE-103 is marked `✅ Done`, but its latest report "
        "(fixtures/lifecycle/be-103.md:22) says `BLOCKED`")
    assert messages["fe-201.md", 42] == (
        "handoff to QA-309, a task no report in this run names (the run has QA- task "
        "assignments, not this one)")


# A file alone: only what several reports of one task in that file say.
ALONE = {"be-102-completion.md": [("be-102-completion.md", 22, "RL401")],
         "be-102.md": [("be-102.md", 35, "RL402")],
         "be-104.md": [("be-104.md", 15, "RL410")],
         "qa-301.md": [("qa-301.md", 24, "RL405")]}


@pytest.mark.parametrize("path", sorted(FOLDER.glob("*.md")), ids=lambda p: p.name)
def test_a_file_alone(run: Callable[..., Result], path: Path) -> None:
    assert _found(lifecycle(run, str(path))) == ALONE.get(path.name, [])


def test_a_cached_file_still_gets_the_run_wide_findings(run: Callable[..., Result],
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path) -> None:
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(ROOT)
    completion = "fixtures/lifecycle/be-102-completion.md"
    assert _found(lifecycle(run, completion)) == ALONE["be-102-completion.md"]
    checked: list[str] = []
    real = engine._guarded

    def counted(item: engine.Input, settings: engine.Settings) -> tuple[object, bool]:
        checked.append(Path(item.path).name)
        return real(item, settings)

    monkeypatch.setattr(engine, "_guarded", counted)
    assert _found(lifecycle(run, "fixtures/lifecycle")) == _expected()
    assert "be-102-completion.md" not in checked  # read from the cache, findings and all
    assert checked  # the others were checked
    checked.clear()
    assert _found(lifecycle(run, "fixtures/lifecycle")) == _expected()
    assert checked == []
    # And the reverse: a finding that came from another file goes once that file changes.
    copy = tmp_path / "copy"
    shutil.copytree(FOLDER, copy)
    acknowledgement = copy / "be-102.md"
    acknowledgement.write_text(acknowledgement.read_text("utf-8").replace(
        "**Started**: 2026-11-06 09:00", "**Started**: 2026-11-07 09:00"), "utf-8")
    again = _found(lifecycle(run, str(copy)))
    assert ("be-102-completion.md", 4, "RL403") not in again
    assert ("be-102-completion.md", 10, "RL406") in again


def test_worker_processes_give_the_same_findings(run: Callable[..., Result],
                                                 tmp_path: Path) -> None:
    shutil.copytree(FOLDER, tmp_path / "sprint")
    for n in range(40):  # enough files for the pool (pool._PARALLEL_FROM)
        (tmp_path / "sprint" / f"extra-{n:02d}.md").write_text(
            f"## Progress Update: DO-{n + 1} - Filler\n\n**Status**: IN PROGRESS\n"
            f"**Progress**: 10% complete\n**Updated**: 2026-11-20\n", "utf-8")
    one = lifecycle(run, "--jobs", "1", str(tmp_path / "sprint"))
    two = lifecycle(run, "--jobs", "2", "--no-cache", str(tmp_path / "sprint"))
    assert one == two
    assert _found(one) == _expected()


def test_a_directive_silences_a_lifecycle_finding(run: Callable[..., Result],
                                                  tmp_path: Path) -> None:
    shutil.copytree(FOLDER, tmp_path / "sprint")
    target = tmp_path / "sprint" / "be-102.md"
    text = target.read_text("utf-8").replace(
        "**Progress**: 40% complete",
        "<!-- reportlint-disable-next-line decreasing-progress -->\n**Progress**: 40% complete")
    target.write_text(text, "utf-8")
    result = run("check", "--format", "json", "--isolated", *NOW, str(tmp_path / "sprint"))
    found = json.loads(result.stdout)
    assert not [d for d in found if d["code"] in ("RL402", "RL902")]
    assert [d for d in found if d["code"] == "RL406"]  # the others are still there


def test_ignored_lifecycle_codes_leave_the_run_as_it_was(run: Callable[..., Result]) -> None:
    result = run("check", "--format", "json", "--isolated", "--ignore", "RL4", *NOW,
                 str(FOLDER))
    assert not [d for d in json.loads(result.stdout) if d["code"].startswith("RL4")]


def test_now(run: Callable[..., Result]) -> None:
    assert ("qa-301.md", 24, "RL405") in _found(lifecycle(run, str(FOLDER)))
    result = run("check", "--format", "json", "--isolated", "--select", "RL405",
                 "--now", "2100-01-01", str(FOLDER))
    assert json.loads(result.stdout) == []
    bad = run("check", "--now", "tomorrow", str(FOLDER))
    assert bad.exit_code == 2
    assert "--now" in bad.stderr


def test_the_pull_request_description_is_part_of_the_run(run: Callable[..., Result],
                                                         tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    body = ("## Task Acknowledged: BE-777 - Audit export\n\n**Status**: IN PROGRESS\n"
            "**Started**: 2026-11-10\n")
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 5, "body": body}}), "utf-8")
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    update = tmp_path / "update.md"
    update.write_text("## Progress Update: BE-777 - Audit export\n\n**Status**: IN PROGRESS\n"
                      "**Progress**: 10% complete\n**Updated**: 2026-11-09\n", "utf-8")
    found = lifecycle(run, "--pr-body", str(update))
    assert [(d["line"], d["code"]) for d in found] == [(5, "RL404")]
    assert "pull-request-5-description.md:4" in str(found[0]["message"])


def test_a_hostile_cached_history_is_checked_again() -> None:
    good = {"diagnostics": [], "reports": [], "skipped": False,
            "history": {"facts": [{"task": "BE-1", "kind": "progress", "template": "progress",
                                   "role": "", "name": "", "line": 1, "end_line": 3,
                                   "done": False, "reopened": False,
                                   "progress": [10.0, 2]}],
                        "comments": [], "lines": 3}}
    assert engine._cached("x.md", good) is not None
    for key, value in (("progress", ["ten", 2]), ("kind", "memo"), ("line", 0),
                       ("task", "not a task"), ("criteria", [[1, 2]]),
                       ("dependencies", [["BE-2", "Done"]])):
        bad = json.loads(json.dumps(good))
        bad["history"]["facts"][0][key] = value
        assert engine._cached("x.md", bad) is None, key
    assert engine._cached("x.md", {**good, "history": {"facts": []}}) is None
    assert engine._cached("x.md", {k: v for k, v in good.items() if k != "history"}) is None


@pytest.mark.parametrize(("criterion", "row", "matches"), [
    ("A used refresh token cannot be used again", "A used refresh token can't be used again.",
     True),
    ("Reuse revokes the whole token family", "REUSE REVOKES THE TOKEN FAMILY", True),
    ("Refresh answers in under 100 ms at p95", "Refresh answers under 100 ms (p95)", True),
    ("The log is searchable by user id", "The log can be searched by user id", True),
    ("AC2: Every sign-in is logged", "Every sign-in is logged", True),
    ("A used refresh token cannot be used again", "A used refresh token can be used again",
     False),
    ("Audit entries cannot be edited or deleted", "Every sign-in is logged", False),
    ("Reuse revokes the token family", "Rotation", False),
])
def test_criteria_match_as_a_reader_takes_them(criterion: str, row: str,
                                               matches: bool) -> None:
    assert same(criterion, row) is matches


def test_undated_reports_keep_their_place() -> None:
    facts = [{"task": "BE-1", "kind": kind, "line": line, **extra}
             for kind, line, extra in (
                 ("progress", 1, {"updated": ["2026-11-03", 3]}),
                 ("progress", 10, {}),
                 ("task", 20, {}),
                 ("acknowledgement", 30, {"started": ["2026-11-01", 32]}))]
    ordered = _history.tasks([(0, "a.md", facts)])["BE-1"].reports
    assert [e.fact["line"] for e in ordered] == [20, 30, 1, 10]


def test_the_run_wide_step_is_linear_in_the_reports() -> None:
    """Many tasks (every rule reads its own task's reports once; nothing compares task with
    task) and one task with many updates: seconds, not the minutes a quadratic step takes."""
    import time
    from datetime import date

    from reportlint import runwide
    from reportlint.diagnostics import Outcome

    def fact(task: str, kind: str, line: int, **extra: object) -> dict[str, object]:
        return {"task": task, "kind": kind, "template": kind, "role": "", "name": "",
                "line": line, "end_line": line + 5, "done": kind == "completion",
                "reopened": False, **extra}

    outcomes = []
    for n in range(4000):
        facts = [fact(f"QA-{n}", "task", 1, criteria=[["Reuse is detected", 2]]),
                 fact(f"QA-{n}", "acknowledgement", 10, started=["2026-11-01", 12]),
                 fact(f"QA-{n}", "completion", 20, started=["2026-11-01", 22],
                      completed=["2026-11-02", 23], status=["COMPLETED", 21],
                      verified=[["Reuse is detected", "✅ Pass", 25]], verified_line=24,
                      **{"handoff-to": [f"QA-{n + 1}", 26]}, handoff=[f"QA-{n + 1}"])]
        outcomes.append(Outcome(f"r{n}.md", (), history={"facts": facts, "comments": [],
                                                          "lines": 30}))
    updates = [fact("BE-1", "progress", 1 + 6 * n, progress=[float(n % 100), 3 + 6 * n],
                    updated=[f"2026-11-{1 + n % 28:02d} {n % 24:02d}:00", 4 + 6 * n])
               for n in range(8000)]
    outcomes.append(Outcome("long.md", (), history={"facts": updates, "comments": [],
                                                     "lines": 48000}))
    start = time.process_time()
    found = runwide.findings(outcomes, date(2026, 12, 1))
    assert time.process_time() - start < 10
    assert [f.code for f in found[3999]] == ["RL409"]  # QA-4000 has no report
    assert len(found) == 2
    # The same run as a command runs it: outcomes and facts in the spool, past its first 256.
    from reportlint import engine
    from reportlint.resolver import registry

    settings = [engine.Settings(registry(), cache_results=False)] * len(outcomes)
    start = time.process_time()
    given = list(runwide.added(iter(outcomes), settings, date(2026, 12, 1)))
    assert time.process_time() - start < 20
    assert [d.code for d in given[3999].diagnostics] == ["RL409"]
    assert [o.path for o in given] == [o.path for o in outcomes]
    assert [len(o.diagnostics) for o in given if o.diagnostics] == [len(v) for v in
                                                                     found.values()]


def test_order_across_files_is_told_by_dates_alone(run: Callable[..., Result],
                                                  tmp_path: Path) -> None:
    """A completion report with no **Completed** and an update in another file: nothing
    says which came first (file names do not), so no finding; dated, they are ordered."""
    (tmp_path / "a-completion.md").write_text(
        "## Task Completion Report: BE-5 - Export\n\n**Status**: COMPLETED\n"
        "**Started**: 2026-11-02\n", "utf-8")
    (tmp_path / "b-progress.md").write_text(
        "## Progress Update: BE-5 - Export\n\n**Status**: IN PROGRESS\n"
        "**Progress**: 50% complete\n**Updated**: 2026-11-03\n", "utf-8")
    (tmp_path / "c-progress.md").write_text(
        "## Progress Update: BE-5 - Export\n\n**Status**: IN PROGRESS\n"
        "**Progress**: 40% complete\n", "utf-8")
    assert lifecycle(run, str(tmp_path)) == []
    (tmp_path / "a-completion.md").write_text(
        "## Task Completion Report: BE-5 - Export\n\n**Status**: COMPLETED\n"
        "**Started**: 2026-11-02\n**Completed**: 2026-11-02\n", "utf-8")
    assert _found(lifecycle(run, str(tmp_path))) == [("b-progress.md", 3, "RL401")]


def _git(folder: Path, *args: str) -> str:
    import subprocess

    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com",
                           *args], cwd=folder, check=True, capture_output=True,
                          text=True).stdout.strip()


UPDATE = ("## Progress Update: BE-5 - Export\n\n**Status**: IN PROGRESS\n"
          "**Progress**: {}% complete\n**Updated**: {}\n")
COMPLETION = ("## Task Completion Report: BE-5 - Export\n\n**Status**: COMPLETED\n"
              "**Started**: 2026-11-01\n**Completed**: {}\n")


def test_history_reads_committed_versions_as_earlier_reports(run: Callable[..., Result],
                                                             tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    monkeypatch.chdir(tmp_path)
    _git(tmp_path, "init", "-q")
    update, completion = tmp_path / "update.md", tmp_path / "completion.md"
    update.write_text(UPDATE.format(60, "2026-11-03"), "utf-8")
    completion.write_text(COMPLETION.format("2026-11-05"), "utf-8")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "first")
    first = _git(tmp_path, "rev-parse", "--short=7", "HEAD")
    update.write_text(UPDATE.format(40, "2026-11-04"), "utf-8")
    completion.write_text(COMPLETION.format("2026-11-06"), "utf-8")  # an edit, not a second
    assert lifecycle(run, "update.md") == []
    found = lifecycle(run, "--history", "update.md")
    assert [(d["path"], d["line"], d["code"]) for d in found] == [("update.md", 4, "RL402")]
    assert f"(update.md@{first}:4)" in str(found[0]["message"])
    # The version committed last is the file itself: not an earlier report of it.
    _git(tmp_path, "commit", "-q", "-am", "second")
    assert _found(lifecycle(run, "--history", "update.md")) == [("update.md", 4, "RL402")]
    assert lifecycle(run, "--history", "completion.md") == []
    # Outside a repository there is no history, and no error.
    outside = tmp_path.parent / f"{tmp_path.name}-plain"
    outside.mkdir()
    (outside / "update.md").write_text(UPDATE.format(40, "2026-11-04"), "utf-8")
    assert lifecycle(run, "--history", str(outside / "update.md")) == []


@pytest.mark.parametrize(("value", "parsed", "timed"), [
    ("2025-03-10 09:00", datetime(2025, 3, 10, 9, 0), True),
    ("2025-03-10", datetime(2025, 3, 10), False),
    ("10.03.2026, 09:15 Uhr", datetime(2026, 3, 10, 9, 15), True),  # the day first, with dots
    ("10.03.2026", datetime(2026, 3, 10), False),
    ("31.02.2026", "day is out of range for month", False),
    ("03/10/2026", None, False),  # month or day first: not read
])
def test_dates_reports_give(value: str, parsed: object, timed: bool) -> None:
    from reportlint.rules.review import _dates

    assert _dates.parse(value) == parsed
    assert _dates.has_time(value) is timed
