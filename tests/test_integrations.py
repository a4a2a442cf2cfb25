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
from pathlib import Path
from typing import Any

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


def test_hook_definition() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "reportlint"
    assert hook["entry"] == "reportlint check --"  # every file name after it is a file
    assert hook["types"] == ["markdown"]


# -- GitHub Action ---------------------------------------------------------------------

_EXPR = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")


def evaluate(value: str, context: dict[str, Any]) -> str:
    def lookup(match: re.Match[str]) -> str:
        node: Any = context
        for part in match.group(1).split("."):
            node = node.get(part, "") if isinstance(node, dict) else ""
        return str(node)

    return _EXPR.sub(lookup, value)


def runner_python(tmp_path: Path) -> Path:
    """A fresh virtual environment standing in for the runner's python3: it sees this test
    environment's packages (dependencies, hatchling) but has no reportlint of its own."""
    venv = tmp_path / "runner"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    purelib = subprocess.run([str(venv / "bin/python"), "-c",
                              "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    Path(purelib, "_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv / "bin"


def run_action(tmp_path: Path, repo: Path, inputs: dict[str, str], event: dict[str, Any],
               bin_dir: Path) -> tuple[int, str, Path, Path]:
    action = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    defaults = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
    context = {"inputs": {**defaults, **inputs},
               "github": {"action_path": str(ROOT), "event": event}}
    summary, output = tmp_path / "summary.md", tmp_path / "output.txt"
    event_path = tmp_path / "event.json"
    event_path.write_text(json.dumps(event), "utf-8")
    runner = {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "HOME": str(tmp_path),
        "GITHUB_ACTIONS": "true", "GITHUB_ACTION_PATH": str(ROOT),
        "GITHUB_EVENT_PATH": str(event_path), "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(output), "GITHUB_WORKSPACE": str(repo),
        # Offline: the test environment already holds every dependency.
        "PIP_NO_INDEX": "1", "PIP_NO_DEPS": "1", "PIP_NO_BUILD_ISOLATION": "0",
    }
    stdout, code = "", 0
    for step in action["runs"]["steps"]:
        assert "${{" not in step["run"], "untrusted text must not reach a script via ${{ }}"
        env = {**runner, **{k: evaluate(str(v), context) for k, v in step.get("env", {}).items()}}
        done = subprocess.run([step.get("shell", "bash"), "-e", "-c", step["run"]], cwd=repo,
                              env=env, capture_output=True, text=True, check=False)
        stdout += done.stdout
        code = done.returncode
        if code:
            break
    return code, stdout, summary, output


@pytest.fixture(scope="module")
def bin_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return runner_python(tmp_path_factory.mktemp("runner"))


def pull_request(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    repo = tmp_path / "repo"
    base = make_repo(repo)
    (repo / "reports").mkdir()
    shutil.copy(GOOD, repo / "reports/good.md")
    shutil.copy(BAD, repo / "reports/bad report.md")
    (repo / "notes.txt").write_text("not a report\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "reports")
    body = BAD.read_text("utf-8")
    return repo, {"pull_request": {"number": 5, "body": body, "base": {"sha": base}}}


def test_action_on_a_pull_request(tmp_path: Path, bin_dir: Path) -> None:
    repo, event = pull_request(tmp_path)
    sarif = tmp_path / "out.sarif"
    code, stdout, summary, output = run_action(
        tmp_path, repo, {"paths": "reports/**/*.md", "check-pr-body": "true",
                         "sarif-output": str(sarif)}, event, bin_dir)
    assert code == 1
    annotations = [line for line in stdout.splitlines() if line.startswith("::")]
    assert annotations == [
        f"::error file={name},line={line},col=1,title={code}"
        f" {title}::{message}"
        for name in ("pull-request-5-description.md", "reports/bad report.md")
        for line, code, title, message in (
            (4, "RL103", "invalid-field-value", "**Progress** is `150%25 complete`; expected "
             "a percentage from 0 to 100, such as `60%25 complete`"),
            (9, "RL107", "wrong-checkbox-state", "item `Rotation service` is not ticked but "
             "is listed under `Completed Items`; tick it (`- [x]`) or move it to "
             "`In Progress`"),
            (12, "RL107", "wrong-checkbox-state", "item `Integration tests` is ticked but is "
             "listed under `In Progress`; move it to `Completed Items`"))]
    assert output.read_text("utf-8") == "errors=6\nwarnings=0\n"
    text = summary.read_text("utf-8")
    assert "| reports/bad report.md | 3 | 0 |" in text
    assert "| pull-request-5-description.md | 3 | 0 |" in text
    log = json.loads(sarif.read_text("utf-8"))
    assert len(log["runs"][0]["results"]) == 6


def test_action_passes_on_good_reports_and_fail_on_never(tmp_path: Path, bin_dir: Path) -> None:
    repo, event = pull_request(tmp_path)
    code, stdout, _, output = run_action(tmp_path, repo, {"paths": "reports/good.md"}, event,
                                         bin_dir)
    assert code == 0, stdout
    assert output.read_text("utf-8") == "errors=0\nwarnings=0\n"
    code, _, _, output = run_action(tmp_path, repo, {"fail-on": "never"}, event, bin_dir)
    assert code == 0
    assert output.read_text("utf-8").endswith("errors=3\nwarnings=0\n")


def test_action_with_nothing_to_check(tmp_path: Path, bin_dir: Path) -> None:
    repo, event = pull_request(tmp_path)
    code, stdout, _, output = run_action(tmp_path, repo, {"paths": "docs/**/*.md"}, event,
                                         bin_dir)
    assert code == 0
    assert "no report files changed" in stdout
    assert output.read_text("utf-8") == "errors=0\nwarnings=0\n"


def test_action_passes_zizmor() -> None:
    if shutil.which("zizmor") is None:
        pytest.fail("zizmor is not installed: install the test extra")
    done = subprocess.run(["zizmor", "--offline", "--no-progress", str(ROOT / "action.yml")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings" in done.stdout + done.stderr
