"""What a run holds for each of its files is small and fixed: its inputs as their paths'
bytes, its lifecycle entries as columns, its lifecycle findings on disk past a few hundred,
its output written as the outcomes come (or, for a format written whole, kept in a temporary
file); and each of those gives what the plain version gives."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import tracemalloc
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportlint import api, engine, formats, paths, pool, runwide
from reportlint.cli import cli
from reportlint.diagnostics import Finding, Outcome
from reportlint.errors import IncompleteRun
from reportlint.inputs import Inputs
from reportlint.resolver import SettingsResolver
from reportlint.rules.lifecycle import _history
from reportlint.spool import Spool

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "fixtures").glob("*/*/*.md"))[:40]


def _settings() -> engine.Settings:
    return SettingsResolver(None, True).for_dir(ROOT)


def test_inputs_give_back_what_was_put_in_order() -> None:
    first, second = _settings(), _settings()
    given: list[tuple[engine.Input | Path, engine.Settings, Path | None]] = [
        (Path("reports/a.md"), first, Path("reports")),
             (engine.Input("-", b"# x\n"), second, None),
             (Path("/abs/é b/c.md"), first, Path("/abs")),
             (Path(os.fsdecode(b"odd-\xff.md")), second, Path("."))]
    inputs = Inputs()
    for target, settings, folder in given:
        inputs.append((target, settings), folder)
    assert len(inputs) == 4
    assert list(inputs) == [(t, s) for t, s, _ in given]
    assert [inputs.folder(i) for i in range(4)] == [f for _, _, f in given]
    assert list(inputs.all_settings()) == [s for _, s, _ in given]
    assert inputs[-1] == inputs[3]
    assert inputs[1:3] == [inputs[1], inputs[2]]
    with pytest.raises(IndexError):
        inputs[4]
    repaired = engine.Input("reports/a.md", b"fixed", location=Path("reports/a.md"))
    inputs.replace(0, repaired)
    assert inputs[0] == (repaired, first)
    assert inputs[2][0] == Path("/abs/é b/c.md")


def test_a_run_holds_few_bytes_a_file_for_its_inputs() -> None:
    settings = _settings()
    inputs = Inputs()
    for index in range(10_000):
        inputs.append((Path(f"/tmp/run/reports/report-{index:05d}.md"), settings),
                      Path("/tmp/run"))
    assert len(inputs) == 10_000
    assert inputs[9_999] == (Path("/tmp/run/reports/report-09999.md"), settings)
    # No Python object a file: what grows with the files is buffers of bytes and numbers.
    kept = vars(inputs)
    assert all(len(value) < 5 for value in kept.values()
               if isinstance(value, list | dict | tuple | set))
    held = sum(sys.getsizeof(value) for value in kept.values())
    assert held / 10_000 < 80  # the path's 33 bytes and the numbers; a Path is about 500


def _old_walk(top: Path) -> list[Path]:
    """The walk as it was: os.walk, then every path sorted (no .gitignore)."""
    found: list[Path] = []
    for root, dirs, files in os.walk(top):
        dirs[:] = [d for d in sorted(dirs) if d not in paths.SKIP_DIRS]
        found.extend(Path(root, n) for n in files if n.lower().endswith(".md"))
    return sorted(found)


def test_the_walk_gives_the_files_in_sorted_order_without_sorting_them_all(
        tmp_path: Path) -> None:
    rng = random.Random(7)
    names = ["a", "a-b", "a.md", "a0", "B", "b.MD", "z", "_x", "a b", ".hidden", "é",
             "node_modules"]
    for _ in range(300):
        depth = rng.randint(0, 3)
        folder = tmp_path.joinpath(*(rng.choice(names) + "d" * rng.randint(0, 1)
                                     for _ in range(depth)))
        if any(p.is_file() for p in [folder, *folder.parents] if p != tmp_path and
               tmp_path in p.parents):
            continue
        folder.mkdir(parents=True, exist_ok=True)
        name = rng.choice(names) + rng.choice([".md", ".MD", ".txt", ""])
        target = folder / name
        if not target.exists():
            target.write_text("x")
    if sys.platform != "win32":
        (tmp_path / "linked").symlink_to(tmp_path / "a", target_is_directory=True)
        (tmp_path / "link.md").symlink_to(tmp_path / "gone.md")  # dangling: still a file
    walked = list(paths.walk(tmp_path, respect_gitignore=False))
    assert len(walked) > 50
    assert walked == _old_walk(tmp_path)


def test_lifecycle_entries_made_from_columns_are_the_facts_read() -> None:
    facts = [
        {"task": "BE-1", "kind": "completion", "line": 300, "completed": ["2025-03-02 10:00", 5]},
        {"task": "BE-1", "kind": "task", "line": 4},
        {"task": "BE-2", "kind": "progress", "line": 1, "updated": ["2025-03-01", 2]},
        {"task": "BE-1", "kind": "acknowledgement", "line": 9, "started": ["2025-03-01", 3]},
    ]
    held = _history.tasks([(0, "a.md", facts[:2]), (5, "b.md", facts[2:])])
    spool = Spool(held=1)
    for fact in facts:
        spool.put(fact)
    spooled = _history.tasks([(0, "a.md", facts[:2]), (5, "b.md", facts[2:])], spool,
                             ["a.md", "b.md"].__getitem__)
    for grouped in (held, spooled):
        assert list(grouped) == ["BE-1", "BE-2"]
        shown = [(e.path, e.order, e.kind, e.line, e.when, e.timed, e.fact)
                 for e in grouped["BE-1"].reports]
        assert [s[:4] for s in shown] == [("a.md", 0, "task", 4), ("b.md", 5, "acknowledgement", 9),
                                          ("a.md", 0, "completion", 300)]
        assert shown[2][4:6] == (_history.parsed(["2025-03-02 10:00", 5]) or (None,))[:2]
        assert [s[6] for s in shown] == [facts[1], facts[3], facts[0]]
        assert grouped["BE-1"].has("task")
        assert not grouped["BE-2"].has("task")
    # A spooled task's entries are made when read, and kept while it is held.
    task = spooled["BE-1"]
    assert task.reports[0] is not task.reports[0]
    task.hold()
    assert task.reports[0] is task.reports[0]
    task.release()
    assert held["BE-1"].reports[0] is held["BE-1"].reports[0]
    spool.close()


def test_lifecycle_findings_wait_on_disk_and_come_back_by_outcome() -> None:
    with Spool(held=2) as spool:
        found = runwide._Found(spool, 4)
        marks = [(2, Finding("RL401", 3, "a")), (0, Finding("RL402", 1, "b")),
                 (2, Finding("RL403", 1, "c")), (9, Finding("RL404", 1, "earlier version")),
                 (3, Finding("RL405", 7, "d")), (2, Finding("RL406", 2, "e"))]
        for index, finding in marks:
            found.add(index, finding)
        assert len(spool) == 5  # the earlier version's is not kept
        for index in range(4):
            assert found.of(index) == [f for i, f in marks if i == index]


def _outcomes() -> list[Outcome]:
    result = api.run(api.CheckOptions(paths=tuple(ROOT / f for f in FILES), isolated=True,
                                      cache=False, jobs=1, edits=True))
    return list(result)


@pytest.mark.parametrize("name", [n for n in formats.FORMAT_NAMES if n != "junit"])
def test_every_format_but_junit_writes_a_file_s_findings_before_the_next_is_checked(
        name: str) -> None:
    outcomes = _outcomes()
    first = next(i for i, o in enumerate(outcomes) if o.diagnostics)
    given = 0

    def each() -> Iterator[Outcome]:
        nonlocal given
        for outcome in outcomes:
            given += 1
            yield outcome

    text = ""
    seen_at = None
    for piece in formats.stream(name, each()):
        text += piece
        if seen_at is None and str(outcomes[first].diagnostics[0].line) in text and \
                outcomes[first].diagnostics[0].code in text:
            seen_at = given
    assert seen_at is not None
    assert seen_at <= first + 2 < len(outcomes)
    assert text == formats.render(name, outcomes)


def test_junit_cases_waiting_on_disk_are_the_cases_held(monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    outcomes = _outcomes() * 3
    in_memory = formats.render("junit", outcomes)
    real = tempfile.SpooledTemporaryFile

    def on_disk(*args: object, **kwargs: object) -> object:
        kwargs["max_size"] = 1  # past the first case
        return real(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(tempfile, "SpooledTemporaryFile", on_disk)
    assert formats.render("junit", outcomes) == in_memory
    assert in_memory.count("<testcase ") == int(in_memory.split('tests="')[1].split('"')[0])


@pytest.mark.parametrize("document", [
    formats.ITEMS, {"a": 1, "b": formats.ITEMS}, {"runs": [{"x": {"y": 2}, "r": formats.ITEMS}]},
    {"before": formats.ITEMS, "after": {"k": [1, 2]}}])
@pytest.mark.parametrize("items", [[], [1], [{"m": "a\nb\u200b\u2028", "l": [1, {"z": []}]},
                                            "é", None, [[]]]])
def test_json_written_as_it_comes_is_the_json_of_the_whole(document: object,
                                                           items: list[object]) -> None:
    whole = json.loads(json.dumps(document).replace(json.dumps(formats.ITEMS),
                                                    json.dumps(items)))
    assert "".join(formats.dumps_around(document, iter(items))) == formats.dumps(whole)


@pytest.mark.parametrize("name", ["json", "sarif", "junit", "gitlab", "github"])
def test_a_run_stopped_by_an_error_writes_no_half_document(
        name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)
    real = pool.check_all

    def stopped(work: object, jobs: int, progress: object = None) -> Iterator[Outcome]:
        for count, outcome in enumerate(real(work, jobs, progress)):  # type: ignore[arg-type]
            if count == 5:
                raise IncompleteRun("a worker process died; 35 file(s) not checked: r05.md")
            yield outcome

    monkeypatch.setattr(api, "check_all", stopped)
    out = tmp_path / "out" / f"report.{name}"
    for extra in ([], ["-o", str(out)]):
        result = CliRunner().invoke(cli, ["check", "--isolated", "--no-cache", "--format",
                                          name, *extra, *FILES])
        assert result.exit_code == 2, result.output
        assert result.stdout == ""
        assert result.stderr == ("error: a worker process died; 35 file(s) not checked: "
                                 "r05.md\n")
    assert not out.exists()


def test_machine_output_to_a_file_is_the_output_shown(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)
    for name in ("json", "sarif", "junit"):
        shown = CliRunner().invoke(cli, ["check", "--isolated", "--no-cache", "--format",
                                         name, *FILES])
        out = tmp_path / f"report.{name}"
        written = CliRunner().invoke(cli, ["check", "--isolated", "--no-cache", "--format",
                                           name, "-o", str(out), *FILES])
        assert shown.exit_code == written.exit_code == 1
        assert written.stdout == ""
        assert out.read_text("utf-8") == shown.stdout
        assert shown.stdout == formats.render(name, list(api.run(api.CheckOptions(
            paths=tuple(Path(f) for f in FILES), isolated=True, cache=False, jobs=1,
            edits=name in formats.FIX_FORMATS))))


class _Full:
    """A temporary file on a full disk: every write fails."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def write(self, text: str) -> int:
        raise OSError(28, "No space left on device")

    def seek(self, place: int) -> int:
        return 0

    def read(self, size: int = -1) -> str:
        return ""

    def close(self) -> None:
        pass

    def __enter__(self) -> _Full:
        return self

    def __exit__(self, *args: object) -> None:
        pass


@pytest.mark.parametrize(("name", "told"), [
    ("junit", "cannot keep the JUnit cases in a temporary file (No space left on device); "
              "free space in the temporary folder (TMPDIR)"),
    ("json", "cannot keep the output in a temporary file (No space left on device); free "
             "space in the temporary folder (TMPDIR)")])
def test_a_full_temporary_folder_is_said_as_such(name: str, told: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(tempfile, "SpooledTemporaryFile", _Full)
    result = CliRunner().invoke(cli, ["check", "--isolated", "--no-cache", "--format", name,
                                      *FILES])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"error: {told}\n"
    # Printing nothing (-qq), the run needs no temporary file for its output: its exit code
    # is the findings'.
    if name == "json":
        quiet = CliRunner().invoke(cli, ["check", "--isolated", "--no-cache", "--format",
                                         name, "-qq", *FILES])
        assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (1, "", "")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_failing_write_of_a_machine_format_is_said_as_such() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "reportlint", "check", "--isolated",
                               "--no-cache", "--format", "sarif", *FILES], cwd=ROOT,
                              stdout=full, stderr=subprocess.PIPE, text=True, check=False)
    assert done.returncode == 2
    assert done.stderr == "error: cannot write standard output: No space left on device\n"


def test_fix_of_standard_input_gives_the_text_and_writes_the_findings_to_the_file(
        tmp_path: Path) -> None:
    given = (ROOT / "fixtures" / "fix" / "statuses.md").read_bytes()
    out = tmp_path / "findings" / "out.txt"
    result = CliRunner().invoke(cli, ["check", "--isolated", "--no-cache", "--fix", "-",
                                      "-o", str(out)], input=given)
    fixed = CliRunner().invoke(cli, ["check", "--isolated", "--no-cache", "--fix", "-"],
                               input=given)
    assert result.stdout == fixed.stdout != given.decode("utf-8")
    assert result.stdout.startswith("## ")
    assert result.stderr == "Fixed 2 line(s) in 1 file(s).\n"
    assert fixed.stderr == out.read_text("utf-8") + result.stderr
    assert result.exit_code == fixed.exit_code


def test_dependency_lookups_of_a_spooled_run_make_one_entry_each(
        monkeypatch: pytest.MonkeyPatch) -> None:
    made = 0
    real = _history.Reports.entry

    def counted(self: _history.Reports, number: int) -> _history.Entry:
        nonlocal made
        made += 1
        return real(self, number)

    monkeypatch.setattr(_history.Reports, "entry", counted)
    count = 60
    facts = [{"task": "CORE-1", "kind": "progress", "line": 1, "status": ["IN PROGRESS", 3],
              "updated": [f"2025-03-{day % 27 + 1:02d}", 2]} for day in range(count)]
    facts += [{"task": f"BE-{n}", "kind": "completion", "line": 1, "status": ["COMPLETED", 3],
               "completed": ["2025-03-28", 2], "dependencies": [["CORE-1", "Done", 9]]}
              for n in range(count)]
    spool = Spool(held=1)
    for fact in facts:
        spool.put(fact)
    grouped = _history.tasks([(i, f"r{i}.md", [fact]) for i, fact in enumerate(facts)], spool,
                             lambda file: f"r{file}.md")
    run = _history.Run.of(grouped, date(2026, 1, 1))
    for task in grouped.values():
        task.hold()
        for other in task.reports:
            found = run.state_at("CORE-1", other)
            assert found is not None
            assert found.kind == "progress"
        task.release()
    assert made < 4 * len(facts)  # each task's own once, one a lookup: not one per report
    spool.close()


def test_the_selection_keeps_no_path_for_a_configuration_s_globs_at_its_peak(
        tmp_path: Path) -> None:
    (tmp_path / ".reportlint.toml").write_text('exclude = ["drafts/**", "never/**"]\n',
                                               "utf-8")
    reports = tmp_path / "reports"
    reports.mkdir()
    for index in range(3_000):
        (reports / f"report-{index:05d}.md").write_text("# x\n", "utf-8")
    options = api.CheckOptions(paths=(tmp_path,), cache=False)
    resolver = SettingsResolver(None, False)
    api._select(options, [], resolver)  # what is loaded once (templates, modules)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        selection = api._select(options, [], resolver)
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    assert len(selection.work) == 3_000
    assert [w.split(": ", 1)[1] for w in selection.warnings] == [
        "`exclude`: 'drafts/**' matches no file", "`exclude`: 'never/**' matches no file"]
    assert peak / 3_000 < 150  # a Path kept for each file until the end: about 500
