"""Where users run reportlint: the real pre-commit, and the GitHub Action's steps run with a
simulated runner (event payload, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT as files)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml

from conftest import FIXTURES, ROOT

pytestmark = pytest.mark.slow

GOOD = FIXTURES / "progress/valid/in-progress.md"
BAD = FIXTURES / "progress/invalid/checkboxes.md"


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True,
                          check=True)
    return done.stdout.strip()


def make_repo(path: Path) -> str:
    """A repository with a base commit; returns the base commit's id."""
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    (path / "README.md").write_text("# Project\n", "utf-8")
    git(path, "add", ".")
    git(path, "commit", "-q", "-m", "base")
    return git(path, "rev-parse", "HEAD")


# -- pre-commit ------------------------------------------------------------------------


def test_pre_commit_try_repo(tmp_path: Path) -> None:
    if shutil.which("pre-commit") is None:
        pytest.fail("pre-commit is not installed: install the test extra")
    repo = tmp_path / "work"
    make_repo(repo)
    shutil.copy(GOOD, repo / "good.md")
    shutil.copy(BAD, repo / "bad.md")
    git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["pre-commit", "try-repo", str(ROOT), "reportlint", "--files",
                               *files], cwd=repo, env=env, capture_output=True, text=True,
                              check=False)

    passed = try_repo("good.md")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    failed = try_repo("good.md", "bad.md")
    assert failed.returncode == 1
    assert "bad.md:4:1: RL103 **Progress** is `150% complete`" in failed.stdout
    assert "bad.md:9:1: RL107" in failed.stdout


def test_pre_commit_file_names_are_never_options(tmp_path: Path) -> None:
    """A staged file named like an option is checked as a file: `-oREADME.md` must not
    write the output over README.md, `--config=x.md` must not reconfigure the check."""
    repo = tmp_path / "work"
    make_repo(repo)
    readme = (repo / "README.md").read_bytes()
    for name in ("-oREADME.md", "--config=x.md"):
        shutil.copy(BAD, repo / name)
    (repo / "x.md").write_text('select = ["RL005"]\n', "utf-8")  # if it were a config
    git(repo, "add", "--", "-oREADME.md", "--config=x.md")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    # --all-files: pre-commit's own parser takes no `--` and no option-like `--files` value.
    done = subprocess.run(["pre-commit", "try-repo", str(ROOT), "reportlint", "--all-files"],
                          cwd=repo, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stdout + done.stderr
    for name in ("-oREADME.md", "--config=x.md"):
        assert f"{name}:4:1: RL103 **Progress** is `150% complete`" in done.stdout
        assert f"{name}:9:1: RL107" in done.stdout
    assert (repo / "README.md").read_bytes() == readme


HOOKS = {hook["id"]: hook for hook in
         yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}
# Each built-in kind of report, its hook's template, and names its `files:` takes or not.
KIND_HOOKS = {
    "reportlint-acknowledgement": ("acknowledgement", [
        "acks/BE-001.md", "docs/acknowledgements/x.md", "reports/BE-001-ack.md",
        "ack/deep/er.md", "Acknowledged/a.md", "007_ba-to-ce-phase2-ack-plan.md"],
        ["backlog.md", "docs/feedback.md", "acks/notes.txt", "README.md", "hackathon/a.md"]),
    "reportlint-progress": ("progress", [
        "progress/BE-1.md", "reports/BE-001-progress-update.md", "Progress_2026.md"],
        ["progressive.md", "docs/progression/a.md", "README.md", "progress/a.txt"]),
    "reportlint-completion": ("completion", [
        "completions/x.md", "reports/tasks-complete.md", "completed/FE-2.md",
        "completion/a.md"],
        ["autocomplete.md", "docs/completeness.md", "CHANGELOG.md", "completions/x.json"]),
}


def test_hook_definition() -> None:
    assert list(HOOKS) == ["reportlint", *KIND_HOOKS]
    hook = HOOKS["reportlint"]
    # --force-exclude: the configuration's exclude counts for staged files; every file name
    # after `--` is a file.
    assert hook["entry"] == "reportlint check --force-exclude --"
    assert hook["types"] == ["markdown"]
    assert "files" not in hook  # the user narrows it


@pytest.mark.parametrize("hook_id", list(KIND_HOOKS))
def test_kind_hooks_force_their_template_on_the_files_they_take(hook_id: str) -> None:
    template, taken, left = KIND_HOOKS[hook_id]
    hook = HOOKS[hook_id]
    assert hook["entry"] == f"reportlint check --force-exclude --template {template} --"
    assert hook["types"] == ["markdown"]
    assert hook["language"] == "python"
    files = re.compile(hook["files"])  # pre-commit searches `files:` with Python's re
    assert [name for name in taken if files.search(name)] == taken
    assert [name for name in left if files.search(name)] == []


def test_kind_hooks_in_a_real_repository(tmp_path: Path) -> None:
    """A repository with a README, a CHANGELOG, docs and reports: each kind's hook checks its
    own folder as its kind, passes on good reports and fails on a bad one."""
    if shutil.which("pre-commit") is None:
        pytest.fail("pre-commit is not installed: install the test extra")
    repo = tmp_path / "work"
    make_repo(repo)
    (repo / "CHANGELOG.md").write_text("# Changelog\n\n## 0.1.0\n\n- First.\n", "utf-8")
    (repo / "docs").mkdir()
    (repo / "docs/guide.md").write_text("# Guide\n\nHow to use it.\n", "utf-8")
    for folder, fixture in (("acks", "acknowledgement/valid/basic.md"),
                            ("progress", "progress/valid/in-progress.md"),
                            ("completions", "completion/valid/full.md")):
        (repo / "docs" / folder).mkdir()
        shutil.copy(FIXTURES / fixture, repo / "docs" / folder / "BE-001.md")
    git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}

    def try_repo(hook_id: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["pre-commit", "try-repo", str(ROOT), hook_id, "--all-files",
                               "--verbose"], cwd=repo, env=env, capture_output=True,
                              text=True, check=False)

    for hook_id in KIND_HOOKS:
        done = try_repo(hook_id)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "All checks passed! (1 file checked)" in done.stdout
    # A completion report in the acknowledgements folder is checked as an acknowledgement.
    shutil.copy(FIXTURES / "completion/valid/full.md", repo / "docs/acks/BE-002.md")
    git(repo, "add", ".")
    failed = try_repo("reportlint-acknowledgement")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert ("docs/acks/BE-002.md:1:1: RL101 missing section `Understanding Confirmation`"
            in failed.stdout)
    assert "docs/acks/BE-002.md:3:1: RL103 **Status** is `COMPLETED`; expected `IN PROGRESS`" \
        in failed.stdout
    assert "Found 4 errors and 0 warnings in 1 of 2 files." in failed.stdout
    assert "README.md" not in failed.stdout
    assert "CHANGELOG.md" not in failed.stdout


def test_pre_commit_adopts_a_repository_with_a_baseline(tmp_path: Path) -> None:
    """Issue #15's scratch repository: README, CHANGELOG, docs and a year of old reports. The
    configuration names a baseline: the generic hook passes on the old reports, fails on a
    new bad one (paths relative to the repository) and fails on a broken configuration."""
    if shutil.which("pre-commit") is None:
        pytest.fail("pre-commit is not installed: install the test extra")
    repo = tmp_path / "work"
    make_repo(repo)
    (repo / "CHANGELOG.md").write_text("# Changelog\n\n## 0.1.0\n\n- First.\n", "utf-8")
    (repo / "docs/reports").mkdir(parents=True)
    (repo / "docs/guide.md").write_text("# Guide\n\nHow to use it.\n", "utf-8")
    shutil.copy(BAD, repo / "docs/reports/BE-001.md")
    shutil.copy(GOOD, repo / "docs/reports/BE-002.md")
    (repo / ".reportlint.toml").write_text('baseline = ".reportlint-baseline.json"\n', "utf-8")
    recorded = subprocess.run([sys.executable, "-m", "reportlint", "baseline", "docs"],
                              cwd=repo, capture_output=True, text=True, check=False)
    assert recorded.returncode == 0, recorded.stderr
    assert recorded.stderr == ("Recorded 3 finding(s) of 1 file(s) in "
                               ".reportlint-baseline.json.\n")
    git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}

    def try_repo() -> subprocess.CompletedProcess[str]:
        return subprocess.run(["pre-commit", "try-repo", str(ROOT), "reportlint", "--all-files",
                               "--verbose"], cwd=repo, env=env, capture_output=True,
                              text=True, check=False)

    passed = try_repo()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    # pre-commit splits the files between processes: each prints its own summary.
    assert "All checks passed!" in passed.stdout
    assert "Found" not in passed.stdout
    shutil.copy(BAD, repo / "docs/reports/BE-003.md")
    git(repo, "add", ".")
    failed = try_repo()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "\ndocs/reports/BE-003.md:4:1: RL103 **Progress** is `150% complete`" in failed.stdout
    assert "\ndocs/reports/BE-003.md:9:1: RL107" in failed.stdout
    assert "BE-001.md:" not in failed.stdout
    assert "Found 3 errors and 0 warnings in 1 of " in failed.stdout
    (repo / ".reportlint.toml").write_text("baseline = [\n", "utf-8")
    git(repo, "add", ".")
    broken = try_repo()
    # pre-commit fails on any non-zero exit; the hook's own is 2, not "findings".
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "- exit code: 2\n" in broken.stdout
    assert "error: invalid configuration: " in broken.stdout


# -- GitHub Action ---------------------------------------------------------------------

_EXPR = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")
ACTION = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))


def evaluate(value: str, context: dict[str, Any]) -> str:
    def lookup(match: re.Match[str]) -> str:
        node: Any = context
        for part in match.group(1).split("."):
            node = node.get(part, "") if isinstance(node, dict) else ""
        return str(node)

    return _EXPR.sub(lookup, value)


# The runner's python3, as on current Linux and macOS images: it makes virtual environments
# but installs nothing into itself. Every call is logged, so a test can tell what was asked.
WRAPPER = """#!/bin/sh
echo "$*" >> '{log}'
if [ "$1" = -m ] && [ "$2" = pip ]; then
  {refusal}
fi
if [ "$1" = -m ] && [ "$2" = venv ]; then
  '{python}' "$@" || exit $?
  # In place of the package index: the new environment sees this test environment's
  # packages (dependencies, hatchling), but not its reportlint, which it must install.
  for dir in "$3"/lib/python*/site-packages; do echo '{purelib}' > "$dir/_index.pth"; done
  exit 0
fi
exec '{python}' "$@"
"""
PEP_668 = 'echo "error: externally-managed-environment" >&2; exit 1'
NO_PIP = 'echo "/usr/bin/python3: No module named pip" >&2; exit 1'


class Runner(NamedTuple):
    bin_dir: Path  # first on PATH: python3
    temp: Path  # RUNNER_TEMP, where the action makes its virtual environment
    log: Path  # every call of the runner's python3


def make_runner(root: Path, refusal: str) -> Runner:
    root.mkdir(parents=True, exist_ok=True)
    runner = Runner(root / "bin", root / "temp", root / "python3.log")
    runner.bin_dir.mkdir()
    runner.temp.mkdir()
    python3 = runner.bin_dir / "python3"
    python3.write_text(WRAPPER.format(log=runner.log, refusal=refusal, python=sys.executable,
                                      purelib=sysconfig.get_paths()["purelib"]), "utf-8")
    python3.chmod(0o755)
    return runner


class Run(NamedTuple):
    code: int
    stdout: str
    outputs: dict[str, str]  # the check step's GITHUB_OUTPUT
    summary: str  # GITHUB_STEP_SUMMARY

    @property
    def commands(self) -> list[str]:
        """The workflow commands printed (annotations and notices)."""
        return [line for line in self.stdout.splitlines() if line.startswith("::")]


def run_action(runner: Runner, repo: Path, inputs: dict[str, str], event: dict[str, Any],
               install: bool = False) -> Run:
    defaults = {k: str(v.get("default", "")) for k, v in ACTION["inputs"].items()}
    context = {"inputs": {**defaults, **inputs},
               "github": {"action_path": str(ROOT), "action_repository": "", "event": event}}
    scratch = Path(tempfile.mkdtemp(dir=runner.temp.parent))
    summary, output = scratch / "summary.md", scratch / "output.txt"
    event_path = scratch / "event.json"
    event_path.write_text(json.dumps(event), "utf-8")
    environment = {
        "PATH": f"{runner.bin_dir}{os.pathsep}{os.environ['PATH']}", "HOME": str(scratch),
        "GITHUB_ACTIONS": "true", "GITHUB_ACTION_PATH": str(ROOT), "RUNNER_OS": "Linux",
        "RUNNER_TEMP": str(runner.temp), "GITHUB_EVENT_PATH": str(event_path),
        "GITHUB_EVENT_NAME": "pull_request" if "pull_request" in event else "push",
        "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(output),
        "GITHUB_WORKSPACE": str(repo),
        "REPORTLINT_CACHE_DIR": os.environ["REPORTLINT_CACHE_DIR"],
        # Offline: the wrapper's index (above) already holds every dependency.
        "PIP_NO_INDEX": "1", "PIP_NO_DEPS": "1", "PIP_NO_BUILD_ISOLATION": "0",
    }
    stdout, code = "", 0
    for step in ACTION["runs"]["steps"]:
        assert "${{" not in step["run"], "untrusted text must not reach a script via ${{ }}"
        if step["name"].startswith("Install") and not install:
            continue
        env = {**environment,
               **{k: evaluate(str(v), context) for k, v in step.get("env", {}).items()}}
        script = step["run"]
        if step["name"].startswith("Install"):
            # Offline, the pinned, hashed files cannot be fetched: the environment's own
            # packages stand in for them (test_edges.py checks the pins and the command).
            script, found = _HASHED_INSTALL.subn("", script)
            assert found == 1
        done = subprocess.run([step.get("shell", "bash"), "-e", "-c", script], cwd=repo,
                              env=env, capture_output=True, text=True, check=False)
        stdout += done.stdout + done.stderr
        code = done.returncode
        if code:
            break
    outputs = dict(line.split("=", 1) for line in output.read_text("utf-8").splitlines()) \
        if output.exists() else {}
    return Run(code, stdout, outputs, summary.read_text("utf-8") if summary.exists() else "")


_HASHED_INSTALL = re.compile(r'"\$venv/bin/python" -m pip install --quiet --require-hashes '
                             r'--no-deps \\\n\s*-r "\$GITHUB_ACTION_PATH/action/constraints.txt"\n')


def install(runner: Runner, tmp: Path) -> Run:
    repo = tmp / "installing"
    make_repo(repo)
    shutil.copy(GOOD, repo / "good.md")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "report")
    return run_action(runner, repo, {"paths": "good.md"}, {}, install=True)


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Runner:
    """A runner whose python3 refuses installs (PEP 668), with the action installed once."""
    root = tmp_path_factory.mktemp("runner")
    made = make_runner(root / "pep668", PEP_668)
    installed = install(made, root)
    assert installed.code == 0, installed.stdout
    return made


def commit(repo: Path, files: dict[str, str | Path | None], message: str) -> str:
    """Writes (text), copies (a Path), links (``"-> target"``) or deletes (None) files."""
    for name, content in files.items():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if content is None:
            target.unlink()
        elif isinstance(content, Path):
            shutil.copy(content, target)
        elif content.startswith("-> "):
            target.symlink_to(content.removeprefix("-> "))
        else:
            target.write_text(content, "utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def pull_request(tmp_path: Path, changes: dict[str, str | Path | None] | None = None,
                 base_files: dict[str, str | Path | None] | None = None,
                 body: str | None = None) -> tuple[Path, dict[str, Any]]:
    """A repository whose pull request adds a good and a bad report (and ``changes``) on a
    base commit holding ``base_files``; and the event of that pull request."""
    repo = tmp_path / "repo"
    make_repo(repo)
    base = commit(repo, base_files or {}, "base")
    commit(repo, {"reports/good.md": GOOD, "reports/bad report.md": BAD,
                  "notes.txt": "not a report\n", **(changes or {})}, "reports")
    description = BAD.read_text("utf-8") if body is None else body
    return repo, {"pull_request": {"number": 5, "body": description, "base": {"sha": base}}}


BAD_ANNOTATIONS = [
    (4, "RL103", "invalid-field-value", "**Progress** is `150%25 complete`; expected "
     "a percentage from 0 to 100, such as `60%25 complete`"),
    (9, "RL107", "wrong-checkbox-state", "item `Rotation service` is not ticked but "
     "is listed under `Completed Items`; tick it (`- [x]`) or move it to "
     "`In Progress`"),
    (12, "RL107", "wrong-checkbox-state", "item `Integration tests` is ticked but is "
     "listed under `In Progress`; move it to `Completed Items`")]


def annotations(name: str, shift: int = 0) -> list[str]:
    return [f"::error file={name},line={line + shift},col=1,title={code} {title}::{message}"
            for line, code, title, message in BAD_ANNOTATIONS]


def stop(message: str) -> str:
    return f"::error title=reportlint::{message}"


def test_action_installs_in_a_virtual_environment_of_its_own(runner: Runner) -> None:
    calls = runner.log.read_text("utf-8").splitlines()
    assert calls == [f"-m venv {runner.temp}/reportlint-venv"]  # never `python3 -m pip`
    refused = subprocess.run([str(runner.bin_dir / "python3"), "-m", "pip", "install", "x"],
                             capture_output=True, text=True, check=False)
    assert (refused.returncode, refused.stderr) == (1, "error: externally-managed-environment\n")
    venv_python = runner.temp / "reportlint-venv/bin/python"
    where = subprocess.run([str(venv_python), "-c", "import reportlint as r; print(r.__file__)"],
                           capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(runner.temp / "reportlint-venv/lib/"))


def test_action_installs_without_a_system_pip(tmp_path: Path) -> None:
    """As on a macOS runner without actions/setup-python: python3 has venv but no pip."""
    runner = make_runner(tmp_path / "macos", NO_PIP)
    done = install(runner, tmp_path)
    assert done.code == 0, done.stdout
    assert done.outputs == {"errors": "0", "warnings": "0", "files": "1", "exit-code": "0"}
    assert "All checks passed! (1 file checked)" in done.stdout


def test_action_refuses_a_version_that_is_not_one(tmp_path: Path) -> None:
    runner = make_runner(tmp_path / "r", PEP_668)
    repo, event = pull_request(tmp_path)
    done = run_action(runner, repo, {"version": "--index-url=https://example.com/simple"},
                      event, install=True)
    assert done.code == 2
    assert done.commands == [stop("version must be a version (0.2.0), a tag or a commit")]
    assert not runner.log.exists()


def test_action_on_a_pull_request(tmp_path: Path, runner: Runner) -> None:
    repo, event = pull_request(tmp_path)
    done = run_action(runner, repo, {"paths": "reports/**/*.md", "check-pr-body": "true",
                                     "sarif-output": "out/reportlint.sarif"}, event)
    assert done.code == 1
    assert done.commands == [*annotations("pull-request-5-description.md"),
                             *annotations("reports/bad report.md")]
    assert done.outputs == {"errors": "6", "warnings": "0", "files": "3", "exit-code": "1"}
    assert "Found 6 errors and 0 warnings in 2 of 3 files." in done.stdout
    assert "| reports/bad report.md | 3 | 0 |" in done.summary
    assert "| pull-request-5-description.md | 3 | 0 |" in done.summary
    # Then the product manager's board of the same reports (docs/board.md).
    board = done.summary.split("## reportlint board\n", 1)[1]
    assert re.findall(r"^\| ([A-Z]+-\d+) \|", board, re.MULTILINE) == ["BE-014"]
    assert len(done.summary.encode("utf-8")) < 1024 * 1024
    log = json.loads((repo / "out/reportlint.sarif").read_text("utf-8"))
    assert [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["ruleId"])
            for r in log["runs"][0]["results"]] == [
        (uri, code) for uri in ("pull-request-5-description.md", "reports/bad%20report.md")
        for code in ("RL103", "RL107", "RL107")]
    # The fingerprints from the line text come through the action's JSON into its SARIF:
    # the same as reportlint's own SARIF gives.
    own = subprocess.run([sys.executable, "-m", "reportlint", "check", "--format", "sarif",
                          "reports/bad report.md"], cwd=repo, capture_output=True, text=True,
                         check=False)
    expected = [r["partialFingerprints"] for r in json.loads(own.stdout)["runs"][0]["results"]]
    assert [r["partialFingerprints"] for r in log["runs"][0]["results"]][3:] == expected


def test_action_passes_on_good_reports_and_fail_on_never(tmp_path: Path,
                                                          runner: Runner) -> None:
    repo, event = pull_request(tmp_path)
    done = run_action(runner, repo, {"paths": "reports/good.md", "check-pr-body": "false"},
                      event)
    assert done.code == 0, done.stdout
    assert done.outputs == {"errors": "0", "warnings": "0", "files": "1", "exit-code": "0"}
    done = run_action(runner, repo, {"fail-on": "never"}, event)
    assert done.code == 0
    assert done.outputs == {"errors": "6", "warnings": "0", "files": "3", "exit-code": "1"}


@pytest.mark.parametrize(("paths", "checked"), [
    ("reports/{good,bad*}.md", ["reports/bad report.md", "reports/good.md"]),
    ("reports/[b]*.md", ["reports/bad report.md"]),
    ("*.md !reports/good.md", ["reports/bad report.md"]),
    ("reports/**", ["reports/bad report.md", "reports/good.md"]),
    ("good.md", ["reports/good.md"]),  # no slash: the name anywhere, as in .gitignore
])
def test_action_paths_are_gitignore_globs_with_braces(tmp_path: Path, runner: Runner,
                                                      paths: str, checked: list[str]) -> None:
    repo, event = pull_request(tmp_path)
    done = run_action(runner, repo, {"paths": paths, "check-pr-body": "false"}, event)
    assert done.outputs["files"] == str(len(checked))
    assert sorted({line.split(",")[0].removeprefix("::error file=")
                   for line in done.commands}) == [c for c in checked if "bad" in c]


def test_action_fails_on_a_glob_that_matches_nothing(tmp_path: Path, runner: Runner) -> None:
    repo, event = pull_request(tmp_path)
    done = run_action(runner, repo, {"paths": "reports/*.md\ndocs/**/*.md"}, event)
    assert done.code == 2
    assert done.commands == [stop("paths: `docs/**/*.md` matches no file of the repository "
                                  "(a typo?)")]
    assert done.outputs == {"errors": "", "warnings": "", "files": "", "exit-code": "2"}


def test_action_passes_when_no_matching_file_changed(tmp_path: Path, runner: Runner) -> None:
    repo, event = pull_request(tmp_path)
    done = run_action(runner, repo, {"paths": "README.md", "check-pr-body": "false"}, event)
    assert done.code == 0
    assert done.commands == ["::notice title=reportlint::no file matching paths changed in "
                             "this pull request; nothing to check"]
    assert done.outputs == {"errors": "0", "warnings": "0", "files": "0", "exit-code": "0"}


def deep_toml() -> str:
    return "[tool.reportlint]\nselect = " + "[" * 100_000 + "]" * 100_000 + "\n"


def deep_template() -> str:
    return ("x-reportlint: {name: progress, title-pattern: '^Progress Update'}\ntype: object\n"
            "properties:\n  a: " + "{not: " * 300 + "{}" + "}" * 300 + "\n")


@pytest.mark.parametrize(("changes", "message"), [
    ({"pyproject.toml": deep_toml()},
     "invalid configuration: {repo}/pyproject.toml: `-`: nested too deeply to read"),
    ({".reportlint.toml": 'template-dirs = ["tpl"]\n', "tpl/progress.yaml": deep_template()},
     "broken template {repo}/tpl/progress.yaml: nested too deeply to check"),
], ids=["toml", "template"])
def test_action_fails_when_reportlint_cannot_check(
        tmp_path: Path, runner: Runner, changes: dict[str, str | Path | None],
        message: str) -> None:
    repo, event = pull_request(tmp_path, changes)
    done = run_action(runner, repo, {"config-from": "head"}, event)
    assert done.code == 2
    assert "Traceback" not in done.stdout
    assert done.commands == [stop(message.format(repo=repo)),
                             stop("reportlint could not check the reports (exit status 2)")]
    assert done.outputs == {"errors": "", "warnings": "", "files": "", "exit-code": "2"}
    # From the base commit (the default), the pull request's files do not configure it.
    done = run_action(runner, repo, {}, event)
    assert done.code == 1
    assert done.outputs["errors"] == "6"


def test_action_on_a_push(tmp_path: Path, runner: Runner) -> None:
    repo, _ = pull_request(tmp_path)
    done = run_action(runner, repo, {"check-pr-body": "true"}, {"ref": "refs/heads/main"})
    assert done.code == 1
    assert done.commands[:2] == [
        "::notice title=reportlint::no base commit (not a pull request, no diff-base): "
        "configuration and templates from the checkout",
        "::notice title=reportlint::not a pull request: no description to check"]
    # Every matching file of the repository; README.md is no report and passes silently.
    assert done.commands[2:] == annotations("reports/bad report.md")
    assert done.outputs == {"errors": "3", "warnings": "0", "files": "3", "exit-code": "1"}


@pytest.mark.parametrize(("body", "checked"), [(BAD.read_text("utf-8"), True),
                                               ("Fixes #12.\n\n## Testing\n\nCI.\n", False),
                                               ("", False)])
def test_action_checks_the_description_when_it_holds_a_report(
        tmp_path: Path, runner: Runner, body: str, checked: bool) -> None:
    repo, event = pull_request(tmp_path, body=body)
    done = run_action(runner, repo, {"paths": "reports/good.md"}, event)
    if checked:
        assert (done.code, done.commands) == (1, annotations("pull-request-5-description.md"))
        assert done.outputs["files"] == "2"
    else:
        assert (done.code, done.commands) == (0, [
            "::notice title=reportlint::the pull request description holds no report; "
            "not checked"])
        assert done.outputs["files"] == "1"


PERMISSIVE = ("x-reportlint: {name: progress, title-pattern: '^Progress Update'}\n"
              "type: object\n")
GATED = {".reportlint.toml": 'template-dirs = ["report-templates"]\n',
         "report-templates/README.md": "Our templates.\n"}


@pytest.mark.parametrize("changes", [
    {".reportlint.toml": 'ignore = ["ALL"]\n'},
    {"reports/.reportlint.toml": 'ignore = ["ALL"]\n'},
    {"report-templates/progress.yaml": PERMISSIVE},
    {"reports/bad report.md": "<!-- reportlint-disable-file -->\n" + BAD.read_text("utf-8")},
    {"reports/bad report.md": "<!-- reportlint-disable RL1 -->\n" + BAD.read_text("utf-8"),
     ".reportlint.toml": 'template-dirs = ["report-templates"]\nignore = ["RL902"]\n'},
], ids=["ignore-all", "nested-ignore-all", "permissive-template", "disable-file",
        "range-and-config"])
def test_the_pull_request_does_not_configure_its_own_gate(
        tmp_path: Path, runner: Runner, changes: dict[str, str | Path | None]) -> None:
    repo, event = pull_request(tmp_path, changes, base_files=GATED)
    inputs = {"paths": "reports/bad*.md", "check-pr-body": "false"}
    done = run_action(runner, repo, inputs, event)
    assert done.code == 1, done.stdout
    assert int(done.outputs["errors"]) >= 3
    # What the inputs guard against: trusting the pull request's own files makes it pass.
    trusting = {**inputs, "config-from": "head", "file-suppressions": "allow"}
    assert run_action(runner, repo, trusting, event).code == 0


def test_the_base_commit_configuration_is_found_as_reportlint_finds_it(
        tmp_path: Path, runner: Runner) -> None:
    """Nested configuration files and template folders of the base commit apply."""
    repo, event = pull_request(tmp_path, {"reports/.reportlint.toml": 'select = ["RL2"]\n'},
                               base_files={**GATED, "reports/.reportlint.toml":
                                           'ignore = ["RL107"]\n'})
    done = run_action(runner, repo, {"paths": "reports/bad*.md", "check-pr-body": "false"},
                      event)
    assert done.commands == annotations("reports/bad report.md")[:1]


def test_file_suppressions_are_refused_by_default(tmp_path: Path, runner: Runner) -> None:
    repo, event = pull_request(tmp_path, {
        "reports/bad report.md": "<!-- reportlint-disable-file -->\n" + BAD.read_text("utf-8")})
    done = run_action(runner, repo, {"paths": "reports/bad*.md", "check-pr-body": "false"},
                      event)
    assert done.code == 1
    assert done.commands == [
        "::error file=reports/bad report.md,line=1,col=1,title=RL903 refused-suppression::"
        "`reportlint-disable-file` is refused in this run (--no-file-suppressions): the "
        "findings it would hide are reported; silence a line with `reportlint-disable-line "
        "CODE` instead", *annotations("reports/bad report.md", shift=1)]
    allowed = run_action(runner, repo, {"paths": "reports/bad*.md", "check-pr-body": "false",
                                        "file-suppressions": "allow"}, event)
    assert (allowed.code, allowed.commands) == (0, [])


def test_action_without_the_base_commit(tmp_path: Path, runner: Runner) -> None:
    repo, event = pull_request(tmp_path)
    event["pull_request"]["base"]["sha"] = "0" * 40  # as in a shallow checkout
    done = run_action(runner, repo, {}, event)
    assert done.code == 2
    assert done.commands == [stop(
        "config-from: base needs the base commit 000000000000, which is not in the checkout: "
        "use actions/checkout with fetch-depth: 0 (or config-from: head, letting the pull "
        "request configure its check)")]
    done = run_action(runner, repo, {"config-from": "head", "check-pr-body": "false"}, event)
    assert done.code == 1
    assert done.commands[0] == (
        "::warning title=reportlint::the base commit 000000000000 is not in the checkout (use "
        "actions/checkout with fetch-depth: 0): checking every matching file, without "
        "--diff-base")
    assert done.outputs["files"] == "3"  # README.md too
    done = run_action(runner, repo, {"diff-base": "no-such-ref"}, event)
    assert done.code == 2
    assert done.commands == [stop("diff-base: no-such-ref is not a commit of the checkout "
                                  "(use actions/checkout with fetch-depth: 0)")]


def test_action_config_from_a_trusted_path(tmp_path: Path, runner: Runner) -> None:
    repo, event = pull_request(tmp_path, {".reportlint.toml": 'ignore = ["ALL"]\n'})
    trusted = tmp_path / "trusted.toml"
    trusted.write_text('ignore = ["RL107"]\n', "utf-8")
    inputs = {"paths": "reports/bad*.md", "check-pr-body": "false"}
    done = run_action(runner, repo, {**inputs, "config-from": str(trusted)}, event)
    assert done.commands == annotations("reports/bad report.md")[:1]
    done = run_action(runner, repo, {**inputs, "config-from": ".reportlint.toml"}, event)
    assert done.code == 2
    assert done.commands == [stop("config-from: .reportlint.toml is a file of the checkout, "
                                  "which the pull request controls; use config-from: base")]


@pytest.mark.parametrize(("args", "result"), [
    ("--ignore 'wrong-checkbox-state'  --select=RL1", 1),
    ("--format text", "args: --format is the action's to set"),
    ("-ofile.json", "args: -o is the action's to set"),
    ("--exit-zero", "args: --exit-zero is the action's to set; use the fail-on input"),
    ("--ignore 'RL1", "args: No closing quotation"),
])
def test_action_args_are_split_as_a_shell_would(tmp_path: Path, runner: Runner, args: str,
                                                result: int | str) -> None:
    repo, event = pull_request(tmp_path)
    done = run_action(runner, repo, {"paths": "reports/bad*.md", "check-pr-body": "false",
                                     "args": args}, event)
    if isinstance(result, int):
        assert (done.code, done.commands) == (1, annotations("reports/bad report.md")[:1])
    else:
        assert (done.code, done.commands) == (2, [stop(result)])


def test_sarif_output_stays_inside_the_workspace_and_off_links(tmp_path: Path,
                                                               runner: Runner) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "kept.sarif").write_text("kept\n", "utf-8")
    repo, event = pull_request(tmp_path, {"results": f"-> {outside}",
                                          "out.sarif": f"-> {outside / 'kept.sarif'}"})
    for target, message in [
        ("results/reportlint.sarif", "sarif-output: results/reportlint.sarif goes through "
         "the symbolic link results; not written"),
        ("out.sarif", "sarif-output: out.sarif goes through the symbolic link out.sarif; not "
         "written"),
        ("../escape.sarif", "sarif-output: ../escape.sarif is outside the workspace"),
    ]:
        done = run_action(runner, repo, {"sarif-output": target}, event)
        assert done.code == 2
        assert done.commands[-1] == stop(message)
        assert done.outputs["exit-code"] == "2"
    assert [p.name for p in outside.iterdir()] == ["kept.sarif"]
    assert (outside / "kept.sarif").read_text("utf-8") == "kept\n"
    assert not (tmp_path / "escape.sarif").exists()


def test_action_does_not_follow_links_to_reports(tmp_path: Path, runner: Runner) -> None:
    repo, event = pull_request(tmp_path, {"reports/link.md": "-> ../README.md"})
    done = run_action(runner, repo, {"paths": "reports/*.md", "check-pr-body": "false"},
                      event)
    assert done.commands[0] == ("::warning title=reportlint::reports/link.md is a symbolic "
                                "link; not followed, not checked")
    assert done.outputs["files"] == "2"


CLAIMING = ("## Task Completion Report: BE-014 - Refresh token rotation\n\n"
            "**Status**: COMPLETED\n\nAll tests pass: 6 passed.\n\n**Coverage**: 95%\n")
ARTEFACTS = ROOT / "fixtures/evidence/artefacts"


@pytest.mark.parametrize(("artefact", "lines"), [
    ("pytest-junit.xml", [3, 5]),
    ("surefire-junit.xml", [3, 5]),
    ("coverage-py.json", [7]),
    ("coverage-py-cobertura.xml", [7]),
    ("jest-lcov.info", [7]),
    ("ruff.sarif", [3]),
])
def test_action_checks_claims_against_the_evidence_input(tmp_path: Path, runner: Runner,
                                                         artefact: str, lines: list[int]
                                                         ) -> None:
    repo, event = pull_request(tmp_path, {"reports/claims.md": CLAIMING})
    results = repo / "build/results"  # written by CI, not tracked
    results.mkdir(parents=True)
    shutil.copy(ARTEFACTS / artefact, results / artefact)
    done = run_action(runner, repo, {"paths": "reports/claims.md", "check-pr-body": "false",
                                     "evidence": "build/results/*"}, event)
    found = [c for c in done.commands if "RL306" in c]
    assert [int(re.search(r",line=(\d+),", c).group(1)) for c in found] == lines, done.stdout
    assert all(c.startswith("::error file=reports/claims.md,") and artefact in c for c in found)
    assert done.code == 1


def test_action_stops_on_evidence_that_is_missing_or_no_known_format(tmp_path: Path,
                                                                      runner: Runner) -> None:
    repo, event = pull_request(tmp_path, {"reports/claims.md": CLAIMING,
                                          "logs/run.txt": "3 passed\n"})
    inputs = {"paths": "reports/claims.md", "check-pr-body": "false"}
    missing = run_action(runner, repo, {**inputs, "evidence": "build/*.xml"}, event)
    assert (missing.code, missing.commands) == (2, [stop(
        "evidence: `build/*.xml` matches no file (did the step that writes the test, "
        "coverage or linter results run?)")])
    unknown = run_action(runner, repo, {**inputs, "evidence": "logs/run.txt"}, event)
    assert unknown.code == 2
    assert "::error title=reportlint::evidence file " in unknown.stdout
    assert ("logs/run.txt: it is text, not JUnit XML, Cobertura XML, coverage.py JSON, LCOV "
            "or SARIF") in unknown.stdout, unknown.stdout


def zizmor(path: Path) -> None:
    if shutil.which("zizmor") is None:
        pytest.fail("zizmor is not installed: install the test extra")
    done = subprocess.run(["zizmor", "--offline", "--no-progress", str(path)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings" in done.stdout + done.stderr


def test_action_passes_zizmor() -> None:
    zizmor(ROOT / "action.yml")


def test_readme_workflow_passes_zizmor(tmp_path: Path) -> None:
    workflow = re.findall(r"```yaml\n(# \.github/workflows/.*?)```",
                          (ROOT / "README.md").read_text("utf-8"), re.DOTALL)[0]
    path = tmp_path / ".github/workflows/reports.yml"
    path.parent.mkdir(parents=True)
    path.write_text(workflow, "utf-8")
    zizmor(path)


def test_action_cross_checks_files_changed_against_the_pull_request(tmp_path: Path,
                                                                    runner: Runner) -> None:
    """diff-base defaults to the pull request's base, with the base commit's configuration."""
    repo, event = pull_request(tmp_path, {
        "reports/BE-014.md": FIXTURES / "completion/valid/full.md",
        "src/auth/token-rotation.service.ts": "export {};\n"}, base_files={
        "src/auth/auth.controller.ts": "export {};\n",
        "src/auth/legacy-refresh.ts": "export {};\n"})
    done = run_action(runner, repo, {"paths": "reports/BE-*.md", "check-pr-body": "false"},
                      event)
    assert done.code == 1
    found = [line.split("::")[1] for line in done.commands]
    # Listed but unchanged by the pull request; changed by it but not listed.
    assert [f for f in found if "RL214" in f] == [
        "error file=reports/BE-014.md,line=26,col=1,title=RL214 unchanged-listed-file",
        "error file=reports/BE-014.md,line=27,col=1,title=RL214 unchanged-listed-file"]
    assert "RL215 unlisted-change::`notes.txt`" in done.stdout
