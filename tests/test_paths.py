"""Which files a run takes and how it shows them: gitignore-style globs with braces,
.gitignore files when walking, --force-exclude, display paths, warnings, --show-files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from reportlint import api, config
from reportlint.paths import GlobError, Globs, expand_braces, matcher

from conftest import FIXTURES

BAD = (FIXTURES / "rules/unfilled-placeholder/bad.md").read_bytes()  # 13 RL201 findings
NOT_A_REPORT = b"# Notes\n\nNothing to see.\n"


@pytest.fixture(autouse=True)
def _no_workspace(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)


def tree(root: Path, files: dict[str, bytes | str]) -> Path:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, "utf-8")
        else:
            path.write_bytes(data)
    return root


def lines(result: Result) -> list[str]:
    return result.stdout.splitlines()


@pytest.mark.parametrize(("pattern", "expanded"), [
    ("docs/{reports,logs}/*.md", ["docs/reports/*.md", "docs/logs/*.md"]),
    ("{a,b}/{c,d}.md", ["a/c.md", "a/d.md", "b/c.md", "b/d.md"]),
    ("{a,{b,c}}.md", ["a.md", "b.md", "c.md"]),  # nested
    ("{,draft-}r.md", ["r.md", "draft-r.md"]),  # an empty alternative
    ("x{a}y.md", ["x{a}y.md"]),  # no comma: not a group
    ("\\{a,b}.md", ["\\{a,b}.md"]),  # escaped
    ("[{,]x.md", ["[{,]x.md"]),  # inside a class
    ("{a,b.md", ["{a,b.md"]),  # unclosed
    ("!{a,b}.md", ["!a.md", "!b.md"]),  # a negation stays in front
])
def test_braces_expand_before_the_glob_is_compiled(pattern: str, expanded: list[str]) -> None:
    assert expand_braces(pattern) == expanded


def test_brace_expansion_is_bounded() -> None:
    with pytest.raises(GlobError, match=r"expands to more than 256 patterns"):
        expand_braces("{a,b}" * 9)


def test_globs_read_like_a_gitignore() -> None:
    match = matcher(["docs/**/*.md", "!docs/drafts/**", "[AB]-*.md", "{notes,logs}/*.md"])
    taken = ["docs/a.md", "docs/x/y/z.md", "A-1.md", "sub/B-2.md", "notes/n.md", "logs/l.md"]
    left = ["docs/drafts/d.md", "C-1.md", "readme.md", "notes/deep/n.md", "x/docs/a.md"]
    assert [p for p in taken + left if match(p)] == taken
    # A pattern without a slash matches at any depth, and a folder's name takes its files.
    assert matcher(["archive"])("docs/archive/old.md")
    assert not matcher(["/archive"])("docs/archive/old.md")


def test_a_negated_key_matches_what_its_glob_does_not() -> None:
    key = Globs.key("!docs/**")
    assert (key.match("docs/a.md"), key.match("notes/a.md")) == (False, True)


def test_glob_regex_keeps_its_name_and_meaning_for_the_action() -> None:
    pattern = config.glob_regex("**/*.md")
    assert pattern.match("a.md")
    assert pattern.match("docs/reports/a.md")
    assert not pattern.match("docs/a.txt")
    assert config.glob_regex("docs/reports/**/*.md").match("docs/reports/2025/a.md")
    assert not config.glob_regex("docs/reports/*.md").match("docs/reports/2025/a.md")


@pytest.mark.parametrize(("glob", "message"), [
    ("!", "`exclude`: invalid glob: Invalid git pattern: '!'"),
    ("[z-a].md", "`exclude`: invalid glob: '[z-a].md': bad character range z-a"),
    ("{a,b}" * 9, "`exclude`: invalid glob: '" + "{a,b}" * 9 + "' expands to more than 256 "
                  "patterns"),
])
def test_a_glob_that_cannot_compile_names_the_file_and_key(
        run: Callable[..., Result], tmp_path: Path, glob: str, message: str) -> None:
    conf = tmp_path / ".reportlint.toml"
    conf.write_text(f"exclude = [{json.dumps(glob)}]\n", "utf-8")
    tree(tmp_path, {"r.md": BAD})
    result = run("check", tmp_path / "r.md")
    assert (result.exit_code, result.stderr) == (
        2, f"error: invalid configuration: {conf}: {message}\n")


def repository(root: Path) -> Path:
    """A repository with ignore rules at every level git reads them from."""
    tree(root, {
        ".git/info/exclude": "local.md\n",
        ".gitignore": "build/\n*.draft.md\n!keep.draft.md\n/top-only.md\n",
        "docs/.gitignore": "private/\n",
        "docs/a.md": BAD, "docs/b.draft.md": BAD, "docs/keep.draft.md": BAD,
        "docs/private/p.md": BAD, "docs/build/gen.md": BAD, "docs/top-only.md": BAD,
        "top-only.md": BAD, "local.md": BAD, "build/out.md": BAD,
        "node_modules/pkg/readme.md": BAD,
    })
    return root


EVERYTHING = ["build/out.md", "docs/a.md", "docs/b.draft.md", "docs/build/gen.md",
              "docs/keep.draft.md", "docs/private/p.md", "docs/top-only.md", "local.md",
              "top-only.md"]
KEPT = ["docs/a.md", "docs/keep.draft.md", "docs/top-only.md"]


def test_gitignore_files_and_info_exclude_are_respected_when_walking(
        run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repository(tmp_path))
    assert lines(run("check", "--show-files")) == KEPT
    assert lines(run("check", "--show-files", ".")) == KEPT
    # node_modules is never walked, ignored or not.
    assert lines(run("check", "--show-files", "--no-respect-gitignore")) == EVERYTHING
    (tmp_path / ".reportlint.toml").write_text("respect-gitignore = false\n", "utf-8")
    assert lines(run("check", "--show-files")) == EVERYTHING
    assert lines(run("check", "--show-files", "--respect-gitignore")) == KEPT


def test_gitignore_of_the_folders_above_applies_to_a_walk_below(
        run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repository(tmp_path) / "docs")
    assert lines(run("check", "--show-files", ".")) == ["a.md", "keep.draft.md", "top-only.md"]
    # A folder named outright is walked even when the rules above it ignore it.
    assert lines(run("check", "--show-files", "build")) == ["build/gen.md"]


def test_a_file_named_outright_is_checked_even_when_gitignored(
        run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repository(tmp_path))
    assert lines(run("check", "--show-files", "local.md", "docs/b.draft.md")) == [
        "local.md", "docs/b.draft.md"]


def test_outside_a_repository_the_tree_own_gitignore_files_apply(
        run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree(tmp_path, {".gitignore": "skip/\n", "skip/s.md": BAD, "r.md": BAD})
    monkeypatch.chdir(tmp_path)
    assert lines(run("check", "--show-files")) == ["r.md"]


def selection_project(root: Path) -> Path:
    return tree(root, {
        ".reportlint.toml": 'include = ["docs/**/*.md"]\nexclude = ["docs/archive/**"]\n',
        "docs/a.md": BAD, "docs/archive/old.md": BAD, "notes/n.md": BAD,
    })


def test_include_and_exclude_decide_what_a_walk_keeps(
        run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(selection_project(tmp_path))
    assert lines(run("check", "--show-files")) == ["docs/a.md"]
    assert lines(run("check", "--show-files", "docs", "notes")) == ["docs/a.md"]


def test_force_exclude_applies_include_and_exclude_to_files_named_outright(
        run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(selection_project(tmp_path))
    named = ["docs/a.md", "docs/archive/old.md", "notes/n.md"]
    assert lines(run("check", "--show-files", *named)) == named
    assert lines(run("check", "--show-files", "--force-exclude", *named)) == ["docs/a.md"]
    forced = run("check", "--force-exclude", "docs/archive/old.md", "notes/n.md")
    assert (forced.exit_code, forced.stdout, forced.stderr) == (
        0, "All checks passed! (0 files checked)\n", "warning: no files to check\n")
    with (tmp_path / ".reportlint.toml").open("a", encoding="utf-8") as handle:
        handle.write("force-exclude = true\n")
    assert lines(run("check", "--show-files", *named)) == ["docs/a.md"]
    assert lines(run("check", "--show-files", "--no-force-exclude", *named)) == named
    # As in ruff, the path standard input stands for is held to them too.
    stdin = run("check", "--show-files", "--stdin-filename", "docs/archive/x.md", "-",
                input=BAD)
    assert stdin.stdout == ""


def test_paths_are_shown_relative_to_the_working_directory(
        run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tree(tmp_path / "repo", {"docs/r.md": BAD})
    outside = tree(tmp_path / "elsewhere", {"o.md": BAD})
    monkeypatch.chdir(project)
    args = ["check", "--isolated", "--select", "RL201", project / "docs/r.md", outside / "o.md"]
    text = run(*args).stdout
    assert text.startswith("docs/r.md:1:21: RL201 ")
    assert f"\n{outside / 'o.md'}:1:21: RL201 " in text  # outside the cwd: absolute
    sarif = json.loads(run(*args, "--format", "sarif").stdout)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in sarif["runs"][0]["results"]}
    assert uris == {"docs/r.md", f"file://{outside / 'o.md'}"}
    github = run(*args, "--format", "github").stdout
    assert github.startswith("::error file=docs/r.md,line=1,col=21,")
    stdin = run("check", "--isolated", "--format", "json", "--stdin-filename",
                project / "docs/x.md", "-", input=BAD)
    assert {d["path"] for d in json.loads(stdin.stdout)} == {"docs/x.md"}


def test_in_github_actions_paths_are_relative_to_the_workspace(
        run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree(tmp_path, {"docs/r.md": BAD})
    monkeypatch.chdir(tmp_path / "docs")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    result = run("check", "--isolated", "--format", "json", "r.md")
    assert {d["path"] for d in json.loads(result.stdout)} == {"docs/r.md"}
    # A workspace the cwd is not inside changes nothing.
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "elsewhere"))
    result = run("check", "--isolated", "--format", "json", "r.md")
    assert {d["path"] for d in json.loads(result.stdout)} == {"r.md"}


def test_a_configured_glob_that_matches_no_file_is_a_warning(
        run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree(tmp_path, {
        "pyproject.toml": '[tool.reportlint]\nselect = ["RL201"]\n'
                          'include = ["docs/**/*.md", "notes/*.md"]\n'
                          'exclude = ["docs/archiv/**", "docs/archive/**"]\n'
                          'reports = ["docs/reports/*.md"]\n'
                          '[tool.reportlint.per-file-templates]\n"docs/acks/*.md" = "task"\n'
                          '[tool.reportlint.per-file-ignores]\n"!docs/**" = ["RL201"]\n',
        "docs/a.md": BAD, "docs/archive/old.md": BAD})
    monkeypatch.chdir(tmp_path)
    result = run("check")
    assert result.exit_code == 1  # unchanged by the warnings
    assert result.stderr == (
        "warning: pyproject.toml: `include`: 'notes/*.md' matches no file\n"
        "warning: pyproject.toml: `exclude`: 'docs/archiv/**' matches no file\n"
        "warning: pyproject.toml: `reports`: 'docs/reports/*.md' matches no file\n"
        "warning: pyproject.toml: `per-file-templates`: 'docs/acks/*.md' matches no file\n"
        "warning: pyproject.toml: `per-file-ignores`: '!docs/**' matches no file\n")
    # Only a walk of the configuration's whole folder can tell: files named (pre-commit, the
    # Action) or a walk of a subfolder say nothing.
    assert run("check", "docs/a.md").stderr == ""
    assert run("check", "docs").stderr == ""


def test_nothing_to_check_is_a_warning_not_a_failure(
        run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree(tmp_path, {"empty/.keep": b"", "notes.txt": b"x"})
    monkeypatch.chdir(tmp_path)
    result = run("check", "--isolated", "empty")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "All checks passed! (0 files checked)\n", "warning: no files to check\n")


def test_show_files_lists_what_would_be_checked_and_checks_nothing(
        run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree(tmp_path, {"b.md": BAD, "a/c.md": BAD, "a/d.txt": BAD})
    monkeypatch.chdir(tmp_path)
    result = run("check", "--isolated", "--show-files", ".", "-", "--stdin-filename", "s.md",
                 input=BAD)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "a/c.md\nb.md\ns.md\n", "")
    missing = run("check", "--isolated", "--show-files", "absent.md", "b.md")
    assert (missing.exit_code, missing.stdout) == (2, "b.md\n")


def test_verbose_lists_the_files_skipped_as_not_reports(
        run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree(tmp_path, {"README.md": NOT_A_REPORT, "r.md": BAD, "CHANGELOG.md": NOT_A_REPORT})
    monkeypatch.chdir(tmp_path)
    result = run("check", "--isolated", "--select", "RL201", "-v", ".")
    assert result.exit_code == 1
    assert result.stderr == ("CHANGELOG.md: skipped: not a report\n"
                             "README.md: skipped: not a report\n")
    assert run("check", "--isolated", ".").stderr == ""


def test_the_api_takes_the_same_choices(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(selection_project(tmp_path))
    options = api.CheckOptions(paths=(Path("docs/archive/old.md"),), force_exclude=True,
                               show_files=True)
    result = api.run(options)
    assert (result.files, result.warnings, result.exit_code) == ((), ("no files to check",), 0)


def test_a_file_name_that_is_not_utf8_is_walked_matched_and_shown(tmp_path: Path) -> None:
    """A name's bytes that are not UTF-8 reach the globs as U+FFFD (the regular expression
    engine refuses the surrogates Python keeps them as) and the output as `\\xNN`."""
    import os
    import subprocess
    import sys

    folder = os.fsencode(tmp_path)
    report = (FIXTURES / "completion" / "invalid" / "run-on-title.md").read_bytes()
    with open(folder + b"/\xfe-report.md", "wb") as handle:
        handle.write(report)
    with open(folder + b"/\xffnotes.md", "wb") as handle:
        handle.write(report)
    (tmp_path / "pyproject.toml").write_text('[tool.reportlint]\nexclude = ["*notes*"]\n',
                                             "utf-8")

    def check(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "reportlint", "check", *args, "."],
                              cwd=tmp_path, capture_output=True, text=True, timeout=60)

    done = check()
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines() == [
        "\\xfe-report.md:1:1: RL108 `Task Completion Report: BE-014 Refresh token rotation` "
        "is not in the template's form; write the title as "
        "`## Task Completion Report: BE-014 - Refresh token rotation`",
        "Found 1 error and 0 warnings in 1 of 1 file."]
    assert check("--format", "json").returncode == 1
