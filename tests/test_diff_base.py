"""`--diff-base`: a report's Files Changed table against what git says the branch changed."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

REPORT = """\
## Task Completion Report: BE-014 - Refresh token rotation

#### Files Changed
| File | Change Type | Description |
|------|-------------|-------------|
| `src/auth/service.ts` | Modified | Rotation |
| `src/auth/rotation.ts` | Added | New service |
| `src/auth/invented.ts` | Added | Never written |
| `README.md` | Modified | Docs |
"""


def git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    (root / "src/auth").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    (root / "src/auth/service.ts").write_text("v1\n")
    (root / "README.md").write_text("# x\n")
    (root / "src/auth/invented.ts").write_text("old\n")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "feature")
    (root / "src/auth/service.ts").write_text("v2\n")
    (root / "src/auth/rotation.ts").write_text("new\n")
    (root / "src/db").mkdir()
    (root / "src/db/pool.ts").write_text("unlisted\n")
    (root / "docs").mkdir()
    (root / "docs/report.md").write_text(REPORT)
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "feature")
    monkeypatch.chdir(root)
    return root


def findings(run: Callable[..., Result], *args: str) -> list[tuple[int, str, str]]:
    result = run("check", "--isolated", "--format", "json", "--select", "RL214,RL215", *args)
    return [(d["line"], d["code"], d["message"]) for d in json.loads(result.stdout)]


def test_files_changed_against_the_diff(run: Callable[..., Result], repo: Path) -> None:
    assert findings(run, "--diff-base", "main", "docs/report.md") == [
        (6, "RL215", "`src/db/pool.ts` is changed on this branch (A) but not listed in "
                     "*Files Changed*"),
        (8, "RL214", "`src/auth/invented.ts` is listed as changed, but `git diff main...HEAD` "
                     "does not touch it"),
        (9, "RL214", "`README.md` is listed as changed, but `git diff main...HEAD` does not "
                     "touch it"),
    ]


def test_added_file_that_does_not_exist(run: Callable[..., Result], repo: Path) -> None:
    (repo / "src/auth/rotation.ts").unlink()
    found = findings(run, "--diff-base", "main", "docs/report.md")
    assert (7, "RL214", "`src/auth/rotation.ts` is listed as Added, but it does not exist") \
        in found


def test_without_diff_base_nothing_is_compared(run: Callable[..., Result], repo: Path) -> None:
    assert findings(run, "docs/report.md") == []


@pytest.mark.parametrize(("base", "needle"), [
    ("no-such-branch", "--diff-base no-such-branch:"),
])
def test_bad_base_is_a_usage_error(run: Callable[..., Result], repo: Path, base: str,
                                   needle: str) -> None:
    result = run("check", "--diff-base", base, "docs/report.md")
    assert result.exit_code == 2
    assert needle in result.stderr


def test_outside_a_repository(run: Callable[..., Result], tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.md").write_text(REPORT)
    result = run("check", "--diff-base", "main", "r.md")
    assert result.exit_code == 2
    assert "is not inside a git repository" in result.stderr


def test_staged_changes_count_as_the_branchs(run: Callable[..., Result], repo: Path) -> None:
    """In a pre-commit hook the report and the files it lists are staged, not committed:
    a staged change is the branch's; a change left unstaged is not."""
    (repo / "README.md").write_text("# x\n\nStaged.\n")
    (repo / "src/db/pool.ts").unlink()  # staged as a deletion: changed, so listable
    git(repo, "add", "-A")
    (repo / "src/auth/invented.ts").write_text("changed, never staged\n")
    assert findings(run, "--diff-base", "main", "docs/report.md") == [
        (8, "RL214", "`src/auth/invented.ts` is listed as changed, but `git diff main...HEAD` "
                     "does not touch it"),
    ]


def test_a_base_with_no_common_commit(run: Callable[..., Result], repo: Path) -> None:
    git(repo, "checkout", "-q", "--orphan", "other")
    git(repo, "commit", "-q", "-m", "unrelated")
    result = run("check", "--diff-base", "main", "docs/report.md")
    assert result.exit_code == 2
    assert result.stderr == "error: --diff-base main: no common commit with HEAD\n"


def test_a_base_that_looks_like_an_option(run: Callable[..., Result], repo: Path) -> None:
    result = run("check", "--diff-base=--output=x", "docs/report.md")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --diff-base --output=x: fatal: ")
    assert not (repo / "x").exists()
