"""reportlint as plain functions, without click: what a server, the Action or a test calls."""

from __future__ import annotations

import ast
import gc
import json
import shutil
from pathlib import Path

import pytest

from reportlint import api, pool
from reportlint.api import CheckOptions, UsageError
from reportlint.diagnostics import Outcome
from reportlint.paths import display

from conftest import FIXTURES, ROOT

PROGRESS_BAD = FIXTURES / "progress/invalid/checkboxes.md"
VALID = FIXTURES / "progress/valid/in-progress.md"
FOUND = [(4, "RL103"), (9, "RL107"), (12, "RL107")]


def found(outcomes: list[Outcome]) -> list[tuple[int, str]]:
    return [(d.line, d.code) for o in outcomes for d in o.diagnostics]


def test_findings_and_exit_code_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    result = api.run(CheckOptions(paths=(PROGRESS_BAD,), isolated=True))
    with pytest.raises(RuntimeError, match="iterate the result"):
        result.exit_code  # noqa: B018 - not known before the outcomes are seen
    outcomes = list(result)
    assert [o.path for o in outcomes] == ["fixtures/progress/invalid/checkboxes.md"]
    assert found(outcomes) == FOUND
    assert result.summary == api.Summary(files=1, errors=3, warnings=0)
    assert result.exit_code == 1
    assert (result.problems, result.warnings, result.messages, result.diff, result.files) == (
        (), (), (), None, None)
    assert api.render(outcomes).text.endswith("Found 3 errors and 0 warnings in 1 of 1 file.\n")


def test_exit_zero_and_a_clean_file() -> None:
    result = api.run(CheckOptions(paths=(PROGRESS_BAD, VALID), isolated=True, exit_zero=True))
    assert [bool(o.diagnostics) for o in result] == [True, False]
    assert result.exit_code == 0


def test_missing_path_is_a_problem_and_the_rest_is_checked(tmp_path: Path) -> None:
    absent = tmp_path / "absent.md"
    result = api.run(CheckOptions(paths=(absent, PROGRESS_BAD), isolated=True))
    assert result.problems == (f"{absent}: no such file or directory",)
    assert found(list(result)) == FOUND
    assert result.exit_code == 2


def test_bad_config_raises_usage_error_with_the_message(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("selec = 1\n", "utf-8")
    with pytest.raises(UsageError) as raised:
        api.run(CheckOptions(paths=(PROGRESS_BAD,), config_file=config))
    assert raised.value.messages == (
        f"invalid configuration: {config}: `selec`: unknown key; known keys: baseline, evidence, "
        "exclude, extend, extend-select, force-exclude, ignore, include, max-file-seconds, "
        "max-file-size, options, per-file-ignores, per-file-templates, reports, "
        "respect-gitignore, role, select, severity, template-dirs",)
    assert raised.value.param is None


def test_usage_error_keeps_the_missing_paths_found_before_it(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / ".reportlint.toml").write_text('role = "nope"\n', "utf-8")
    (folder / "r.md").write_text("## Progress Update: BE-1 - X\n", "utf-8")
    with pytest.raises(UsageError) as raised:
        api.run(CheckOptions(paths=(tmp_path / "absent.md", folder)))
    assert raised.value.messages == (
        f"{tmp_path / 'absent.md'}: no such file or directory",
        f"invalid configuration: {folder / '.reportlint.toml'}: `role`: unknown role 'nope'; "
        "known: backend, devops, frontend, product-manager, qa")


@pytest.mark.parametrize(("options", "message", "param"), [
    ({"select": ("RLX9",)}, "unknown code or rule name 'RLX9'; see `reportlint rules`",
     "--select"),
    ({"ignore": ("RL2,unfiled-placeholder",)},
     "unknown code or rule name 'unfiled-placeholder'; did you mean 'unfilled-placeholder'?",
     "--ignore"),
    ({"template": "nope"}, "unknown template 'nope'; known: acknowledgement, completion, ",
     None),
    ({"pr_body": True}, "--pr-body needs $GITHUB_EVENT_PATH (set by GitHub Actions)", None),
    ({"fix": "maybe"}, "unknown fix mode 'maybe'; known: none, fix, diff", None),
])
def test_usage_errors(options: dict[str, object], message: str, param: str | None) -> None:
    with pytest.raises(UsageError) as raised:
        api.run(CheckOptions(paths=(VALID,), isolated=True, **options))  # type: ignore[arg-type]
    assert raised.value.message.startswith(message)
    assert raised.value.param == param


def test_diff_mode_returns_the_diff_and_exit_one(tmp_path: Path) -> None:
    target = tmp_path / "s.md"
    original = (FIXTURES / "fix/statuses.md").read_bytes()
    target.write_bytes(original)
    result = api.run(CheckOptions(paths=(target,), isolated=True, fix="diff"))
    assert result.diff is not None
    assert result.diff.startswith(f"--- {target}\n+++ {target}\n@@ -1,11 +1,11 @@\n")
    assert "-- **Status**: in_progress\n+- **Status**: IN PROGRESS\n" in result.diff
    assert result.repairs == (api.Repaired(target, 2),)
    assert list(result) == []  # the diff takes the place of the findings
    assert result.exit_code == 1
    assert target.read_bytes() == original
    clean = api.run(CheckOptions(paths=(VALID,), isolated=True, fix="diff"))
    assert (clean.diff, clean.exit_code) == ("", 0)


def test_fix_mode_writes_and_reports_what_remains(tmp_path: Path) -> None:
    target = tmp_path / "s.md"
    target.write_bytes((FIXTURES / "fix/statuses.md").read_bytes())
    result = api.run(CheckOptions(paths=(target,), isolated=True, fix="fix",
                                  select=("RL103",)))
    assert result.messages == ("Fixed 2 line(s) in 1 file(s).",)
    assert target.read_bytes() == (FIXTURES / "fix/statuses.fixed").read_bytes()
    assert found(list(result)) == [(12, "RL103")]
    assert result.exit_code == 1


def test_stdin_bytes() -> None:
    data = PROGRESS_BAD.read_bytes()
    result = api.run(CheckOptions(paths=("-", "-"), stdin=data,  # type: ignore[arg-type]
                                  stdin_filename="pr.md", isolated=True))
    outcomes = list(result)
    assert [o.path for o in outcomes] == ["pr.md", "pr.md"]
    assert found(outcomes[:1]) == FOUND
    # Read once, as a stream is: the second `-` is empty, and an empty file is no report.
    assert found(outcomes[1:]) == []
    assert outcomes[1].skipped


def test_pull_request_description(tmp_path: Path) -> None:
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7, "body": "no title\n"}}))
    result = api.run(CheckOptions(pr_body=True, event_path=str(event), isolated=True))
    (outcome,) = list(result)
    assert outcome.path == "pull-request-7-description.md"
    # A description a person wrote is no report: nothing to say about it.
    assert (outcome.diagnostics, outcome.skipped) == ((), True)
    event.write_text(json.dumps({"pull_request": {"number": 7, "body": (
        "## Task Completion Report: BE-7 - X\n\n**Status**: COMPLETED\n")}}))
    (outcome,) = list(api.run(CheckOptions(pr_body=True, event_path=str(event), isolated=True)))
    assert not outcome.skipped
    assert "RL101" in [d.code for d in outcome.diagnostics]
    event.write_text("{}")
    with pytest.raises(UsageError, match="the event payload has no pull request"):
        api.run(CheckOptions(pr_body=True, event_path=str(event), isolated=True))


def test_render_decides_the_step_summary_and_statistics() -> None:
    outcomes = list(api.run(CheckOptions(paths=(PROGRESS_BAD,), isolated=True)))
    github = api.render(outcomes, "github", step_summary=True)
    assert github.text.startswith(f"::error file={display(PROGRESS_BAD)},line=4,col=1,")
    assert github.step_summary is not None
    assert github.step_summary.startswith("## reportlint\n\nFound 3 errors")
    assert api.render(outcomes, "text", step_summary=True).step_summary is None
    assert api.render(outcomes, "github").step_summary is None
    assert api.render(outcomes, statistics=True).text == (
        "    2  RL107  wrong-checkbox-state\n    1  RL103  invalid-field-value\n"
        "Found 3 errors and 0 warnings in 1 of 1 file.\n")
    with pytest.raises(UsageError, match="unknown format 'xml'"):
        api.render(outcomes, "xml")


def test_wants_color() -> None:
    assert api.wants_color("always", terminal=False, no_color=True)
    assert api.wants_color("auto", terminal=True, no_color=False)
    assert not api.wants_color("auto", terminal=True, no_color=True)
    assert not api.wants_color("auto", terminal=False, no_color=False)
    assert not api.wants_color("never", terminal=True, no_color=False)


def test_parallel_run_leaves_no_state_behind(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    sources = sorted(FIXTURES.glob("*/*/*.md"))[:40]
    for index, source in enumerate(sources):
        shutil.copy(source, folder / f"{index:02d}.md")
    seen: list[tuple[int, int]] = []
    threshold = gc.get_threshold()
    serial = list(api.run(CheckOptions(paths=(folder,), isolated=True, cache=False, jobs=1)))
    parallel = list(api.run(CheckOptions(paths=(folder,), isolated=True, cache=False, jobs=2,
                                         progress=lambda n, total: seen.append((n, total)))))
    assert parallel == serial
    assert seen == [(n, len(sources)) for n in range(1, len(sources) + 1)]
    assert pool._worker_work == ()  # the parent never holds a run's inputs
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == threshold


def test_plain_functions_of_the_other_commands(tmp_path: Path) -> None:
    assert api.rule_doc("missing-section").startswith(
        "# missing-section (RL101)\n\nDefault severity: error\n\n")
    with pytest.raises(UsageError) as raised:
        api.rule_doc("RL999")
    assert (raised.value.message, raised.value.param) == (
        "unknown code 'RL999'; see `reportlint rules`", "CODE")
    assert [e.code for e in api.rules_list()][:2] == ["RL001", "RL002"]
    assert api.rules_markdown() == (ROOT / "docs/rules.md").read_text("utf-8")
    assert [t.name for t in api.templates()][:2] == ["acknowledgement", "completion"]
    assert api.new("progress", "BE-7", "X").startswith("## Progress Update: BE-7 - X\n")
    with pytest.raises(UsageError, match="unknown template 'nope'"):
        api.new("nope")
    model = api.extract(PROGRESS_BAD)
    assert isinstance(model, dict)
    assert model["path"] == display(PROGRESS_BAD)
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    diagnostic = api.extract(empty)
    assert not isinstance(diagnostic, dict)
    assert diagnostic.code == "RL004"
    broken = tmp_path / "bad.yaml"
    broken.write_text("x-reportlint: {name: bad, title-pattern: '^bad'}\ntype: objekt\n")
    checked = api.check_templates([ROOT / "schemas/progress.yaml", broken])
    assert [type(found).__name__ for _, found in checked] == ["Template", "TemplateProblem"]


def _modules(node: ast.Import | ast.ImportFrom) -> set[str]:
    names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
    return {name.split(".")[0] for name in names}


def _calls_outside_the_cli() -> list[str]:
    """Every import of click, print() call, exit and standard stream use in the package,
    except in the command line itself. The servers (``servers/``) are held to it too: their
    standard input and output are their protocol, which their SDK reads and writes; their own
    code never does (docs/architecture.md)."""
    offences = []
    for path in sorted((ROOT / "src/reportlint").rglob("*.py")):
        if path.name == "cli.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Import | ast.ImportFrom) and "click" in _modules(node):
                offences.append(f"{where}: imports click")
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in ("print", "exit", "quit", "input"):
                offences.append(f"{where}: calls {node.func.id}()")
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and node.value.id == "sys" \
                    and node.attr in ("exit", "stdin", "stdout", "stderr"):
                offences.append(f"{where}: uses sys.{node.attr}")
    return offences


def test_only_the_cli_imports_click_prints_or_exits() -> None:
    assert _calls_outside_the_cli() == []
