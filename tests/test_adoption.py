"""Issue #15's conventions, as ruff users expect them: fixable findings marked and counted,
--show-fixes, --fix on standard input, --diff as a patch that applies, json-lines and
reviewdog's rdjson, documentation URLs and fingerprints that survive moved lines, --quiet,
FORCE_COLOR, --statistics as JSON, --output-file into a new folder, `reportlint clean` and the
cache's size bound."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from jsonschema import Draft7Validator

from reportlint import __version__, cache, codes

from conftest import FIXTURES

STATUSES = FIXTURES / "fix/statuses.md"
FULL = FIXTURES / "completion/valid/full.md"
DOCS = f"https://github.com/OWNER/reportlint/blob/v{__version__}/docs/rules.md"
RL103 = ("RL103 [*] **Status** is `in_progress`; expected one of `IN PROGRESS`, `BLOCKED`, "
         "`NEEDS CLARIFICATION`")


@pytest.fixture
def report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """fixtures/fix/statuses.md as `s.md` in a folder of its own, the current one."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    target = tmp_path / "s.md"
    shutil.copy(STATUSES, target)
    return target


# -- fixable findings ------------------------------------------------------------------


@pytest.mark.usefixtures("report")
def test_fixable_findings_are_marked_and_counted(run: Callable[..., Result]) -> None:
    result = run("check", "--isolated", "--select", "RL103", "s.md")
    assert result.exit_code == 1
    assert result.stdout == (
        f"s.md:3:3: {RL103}\n"
        "s.md:8:1: RL103 [*] **Status** is `In Progress`; expected `IN PROGRESS`\n"
        # Spelt as no allowed status: no repair, no mark.
        "s.md:12:1: RL103 **Status** is `Done`; expected one of `IN PROGRESS`, `BLOCKED`, "
        "`NEEDS CLARIFICATION`\n"
        "Found 3 errors and 0 warnings in 1 of 1 file.\n"
        "[*] 2 fixable with `reportlint check --fix`.\n")


@pytest.mark.usefixtures("report")
def test_a_finding_on_a_repaired_line_that_stays_is_not_fixable(
        run: Callable[..., Result], tmp_path: Path) -> None:
    """The trailing space of line 3 is repaired, but the status value stays wrong: the line
    changes, the finding does not go; it is not marked."""
    (tmp_path / "s.md").write_text("## Progress Update: BE-1 - X\n\n**Status**: Done   \n",
                                   "utf-8")
    result = run("check", "--isolated", "--select", "RL103", "--format", "json", "s.md")
    (finding,) = json.loads(result.stdout)
    assert finding["fixable"] is False
    assert finding["fix"]["edits"] == [{"start": {"line": 3, "column": 1},
                                        "end": {"line": 4, "column": 1},
                                        "text": "**Status**: Done\n"}]
    text = run("check", "--isolated", "--select", "RL103", "s.md").stdout
    assert "[*]" not in text
    assert "fixable" not in text


@pytest.mark.usefixtures("report")
def test_json_carries_fixable_and_the_documentation_url(run: Callable[..., Result]) -> None:
    found = json.loads(run("check", "--isolated", "--select", "RL103", "--format", "json",
                           "s.md").stdout)
    assert [(d["line"], d["fixable"], d["url"]) for d in found] == [
        (3, True, f"{DOCS}#rl103-invalid-field-value"),
        (8, True, f"{DOCS}#rl103-invalid-field-value"),
        (12, False, f"{DOCS}#rl103-invalid-field-value")]


def test_documentation_urls_point_at_headings_of_docs_rules() -> None:
    """Every code's URL is an anchor GitHub makes of a heading of docs/rules.md."""
    headings = [line[3:] for line in codes.markdown().splitlines() if line.startswith("## ")]
    anchors = {"-".join(h.lower().split()) for h in headings}
    for entry in codes.CATALOGUE:
        base, _, anchor = codes.url(entry).partition("#")
        assert base == DOCS
        assert anchor in anchors


@pytest.mark.usefixtures("report")
def test_show_fixes_lists_what_was_fixed(run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("check", "--isolated", "--select", "RL103", "--fix", "--show-fixes", "s.md")
    assert result.exit_code == 1
    assert result.stderr == ("Fixed 2 line(s) in 1 file(s).\n"
                             "Fixed 2 findings:\n"
                             "- s.md:\n"
                             "    2 × RL103 (invalid-field-value)\n")
    assert (tmp_path / "s.md").read_bytes() == (FIXTURES / "fix/statuses.fixed").read_bytes()
    again = run("check", "--isolated", "--select", "RL103", "--fix", "--show-fixes", "s.md")
    assert again.stderr == "No findings fixed.\n"


@pytest.mark.usefixtures("report")
def test_show_fixes_with_diff_says_what_would_be_fixed(run: Callable[..., Result]) -> None:
    result = run("check", "--isolated", "--diff", "--show-fixes", "s.md")
    assert result.exit_code == 1
    assert result.stderr == ("Would fix 2 findings:\n- s.md:\n"
                             "    2 × RL103 (invalid-field-value)\n")


def test_fix_of_standard_input_writes_the_repaired_text_to_standard_output(
        run: Callable[..., Result]) -> None:
    result = run("check", "--isolated", "--select", "RL103", "--fix", "-",
                 input=STATUSES.read_bytes())
    assert result.exit_code == 1  # `Done` is still wrong
    assert result.stdout_bytes == (FIXTURES / "fix/statuses.fixed").read_bytes()
    assert result.stderr == (
        "-:12:1: RL103 **Status** is `Done`; expected one of `IN PROGRESS`, `BLOCKED`, "
        "`NEEDS CLARIFICATION`\n"
        "Found 1 error and 0 warnings in 1 of 1 file.\n"
        "Fixed 2 line(s) in 1 file(s).\n")


def test_fix_of_standard_input_with_nothing_to_fix_gives_it_back(
        run: Callable[..., Result]) -> None:
    clean = (FIXTURES / "progress/valid/in-progress.md").read_bytes()
    result = run("check", "--isolated", "--fix", "--stdin-filename", "r.md", "-", input=clean)
    assert result.exit_code == 0
    assert result.stdout_bytes == clean
    assert result.stderr == "All checks passed! (1 file checked)\n"


def test_diff_of_standard_input(run: Callable[..., Result]) -> None:
    result = run("check", "--isolated", "--diff", "--stdin-filename", "r.md", "-",
                 input=STATUSES.read_bytes())
    assert result.exit_code == 1
    assert result.stdout.startswith("--- r.md\n+++ r.md\n@@ -1,11 +1,11 @@\n")
    assert "-- **Status**: in_progress\n+- **Status**: IN PROGRESS\n" in result.stdout


def test_fix_of_standard_input_takes_it_alone(run: Callable[..., Result]) -> None:
    result = run("check", "--isolated", "--fix", "-", STATUSES, input=b"")
    assert result.exit_code == 2
    assert result.stderr == ("error: --fix with `-` takes standard input alone: its repaired "
                             "text goes to standard output\n")


# -- --diff is a patch -----------------------------------------------------------------


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
@pytest.mark.parametrize("tool", ["patch", "git"])
def test_diff_is_a_patch_that_applies(run: Callable[..., Result], tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch, ending: str,
                                      tool: str) -> None:
    """No final newline (a repair of its own), CRLF lines: the patch --diff prints gives,
    applied, what --fix writes."""
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    monkeypatch.chdir(tmp_path)
    text = STATUSES.read_text("utf-8").replace("\n", ending).rstrip("\r\n")  # no last newline
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_bytes(text.encode())
    diff = run("check", "--isolated", "--diff", "a.md").stdout_bytes  # CRLF kept as it is
    assert b"\n\\ No newline at end of file\n" in diff
    (tmp_path / "a.patch").write_bytes(diff)
    command = (["patch", "-p0", "-i", "a.patch"] if tool == "patch"
               else ["git", "apply", "-p0", "--unsafe-paths", "a.patch"])
    if tool == "git":
        subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(command, cwd=tmp_path, check=True, capture_output=True)
    run("check", "--isolated", "--fix", "b.md")
    assert (tmp_path / "a.md").read_bytes() == (tmp_path / "b.md").read_bytes()
    assert (tmp_path / "a.md").read_bytes().endswith(ending.encode())
    assert run("check", "--isolated", "--diff", "a.md").stdout == ""


def test_diff_of_a_final_newline_alone(run: Callable[..., Result], tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.md").write_bytes(b"## Progress Update: BE-1 - X\n\nText")
    result = run("check", "--isolated", "--diff", "r.md")
    assert result.exit_code == 1
    assert result.stdout == ("--- r.md\n+++ r.md\n@@ -1,3 +1,3 @@\n"
                             " ## Progress Update: BE-1 - X\n \n"
                             "-Text\n\\ No newline at end of file\n+Text\n")


# -- json-lines and rdjson -------------------------------------------------------------


@pytest.mark.usefixtures("report")
def test_json_lines_is_json_one_finding_a_line(run: Callable[..., Result]) -> None:
    lines = run("check", "--isolated", "--format", "json-lines", "s.md").stdout.splitlines()
    whole = json.loads(run("check", "--isolated", "--format", "json", "s.md").stdout)
    assert [json.loads(line) for line in lines] == whole
    assert len(lines) == 14


def test_json_lines_of_a_clean_run_is_empty(run: Callable[..., Result]) -> None:
    result = run("check", "--isolated", "--format", "json-lines",
                 FIXTURES / "progress/valid/in-progress.md")
    assert (result.exit_code, result.stdout) == (0, "")


# reviewdog's DiagnosticResult (proto/rdf/jsonschema/DiagnosticResult.jsonschema in the
# reviewdog repository), its documented fields; closed objects, so a misspelt key fails.
_POSITION = {"type": "object", "additionalProperties": False, "required": ["line"],
             "properties": {"line": {"type": "integer", "minimum": 1},
                            "column": {"type": "integer", "minimum": 1}}}
_RANGE = {"type": "object", "additionalProperties": False, "required": ["start"],
          "properties": {"start": _POSITION, "end": _POSITION}}
RDJSON = {
    "type": "object", "additionalProperties": False, "required": ["diagnostics"],
    "properties": {
        "source": {"type": "object", "additionalProperties": False, "required": ["name"],
                   "properties": {"name": {"type": "string"}, "url": {"type": "string"}}},
        "severity": {"enum": ["UNKNOWN_SEVERITY", "ERROR", "WARNING", "INFO"]},
        "diagnostics": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["message", "location"],
            "properties": {
                "message": {"type": "string"},
                "location": {"type": "object", "additionalProperties": False,
                             "required": ["path"],
                             "properties": {"path": {"type": "string"}, "range": _RANGE}},
                "severity": {"enum": ["UNKNOWN_SEVERITY", "ERROR", "WARNING", "INFO"]},
                "code": {"type": "object", "additionalProperties": False,
                         "required": ["value"],
                         "properties": {"value": {"type": "string"},
                                        "url": {"type": "string"}}},
                "suggestions": {"type": "array", "items": {
                    "type": "object", "additionalProperties": False,
                    "required": ["range", "text"],
                    "properties": {"range": _RANGE, "text": {"type": "string"}}}},
                "original_output": {"type": "string"},
            }}},
    },
}


@pytest.mark.usefixtures("report")
def test_rdjson_is_reviewdogs_diagnostic_result(run: Callable[..., Result]) -> None:
    result = run("check", "--isolated", "--format", "rdjson", "s.md")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert [e.message for e in Draft7Validator(RDJSON).iter_errors(log)] == []
    assert log["source"] == {"name": "reportlint", "url": "https://github.com/OWNER/reportlint"}
    first = next(d for d in log["diagnostics"] if d["code"]["value"] == "RL103")
    assert first == {
        "message": RL103.removeprefix("RL103 [*] "),
        # reviewdog counts columns in UTF-8 bytes: only column 1 is known to be the same.
        "location": {"path": "s.md", "range": {"start": {"line": 3}}},
        "severity": "ERROR",
        "code": {"value": "RL103", "url": f"{DOCS}#rl103-invalid-field-value"},
        "suggestions": [{"range": {"start": {"line": 3, "column": 1},
                                   "end": {"line": 4, "column": 1}},
                         "text": "- **Status**: IN PROGRESS\n"}],
    }
    assert len(log["diagnostics"]) == 14


# -- fingerprints that survive moved lines ---------------------------------------------


def _fingerprints(run: Callable[..., Result], name: str) -> dict[str, list[Any]]:
    sarif = json.loads(run("check", "--isolated", "--format", "sarif", name).stdout)
    gitlab = json.loads(run("check", "--isolated", "--format", "gitlab", name).stdout)
    results = sarif["runs"][0]["results"]
    return {
        "sarif": [r["partialFingerprints"]["reportlint/v1"] for r in results],
        "gitlab": [issue["fingerprint"] for issue in gitlab],
        "lines": [r["locations"][0]["physicalLocation"]["region"]["startLine"]
                  for r in results],
    }


def test_fingerprints_survive_lines_inserted_above(run: Callable[..., Result], report: Path,
                                                   tmp_path: Path) -> None:
    before = _fingerprints(run, "s.md")
    report.write_text("<!-- notes -->\n\nA preamble.\n\n" + STATUSES.read_text("utf-8"),
                      "utf-8")
    after = _fingerprints(run, "s.md")
    assert after["lines"] == [line + 4 for line in before["lines"]]
    assert after["sarif"] == before["sarif"]
    assert after["gitlab"] == before["gitlab"]
    assert len(set(before["sarif"])) == len(before["sarif"])  # one per finding
    # Another file, the same findings: other fingerprints.
    shutil.copy(STATUSES, tmp_path / "t.md")
    assert set(_fingerprints(run, "t.md")["sarif"]).isdisjoint(before["sarif"])


def test_fingerprints_change_with_the_line(run: Callable[..., Result], report: Path) -> None:
    before = _fingerprints(run, "s.md")
    report.write_text(STATUSES.read_text("utf-8").replace("in_progress", "in-progress"),
                      "utf-8")
    after = _fingerprints(run, "s.md")
    changed = [i for i, (a, b) in enumerate(zip(before["sarif"], after["sarif"], strict=True))
               if a != b]
    assert [before["lines"][i] for i in changed] == [3]


@pytest.mark.usefixtures("report")
def test_sarif_rules_have_help_uris(run: Callable[..., Result]) -> None:
    sarif = json.loads(run("check", "--isolated", "--format", "sarif", "s.md").stdout)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert [r["helpUri"] for r in rules] == [codes.url(e) for e in codes.CATALOGUE]
    assert rules[0]["helpUri"] == f"{DOCS}#rl001-unreadable-file"


def test_cached_results_keep_fixable_and_fingerprints(run: Callable[..., Result],
                                                      report: Path) -> None:
    first = run("check", "--isolated", "--format", "json", "s.md").stdout
    sarif = _fingerprints(run, "s.md")
    assert run("check", "--isolated", "--format", "json", "s.md").stdout == first
    assert _fingerprints(run, "s.md") == sarif
    fresh = run("check", "--isolated", "--no-cache", "--format", "json", "s.md").stdout
    assert fresh == first


# -- quiet, colour, statistics, output file --------------------------------------------


@pytest.mark.usefixtures("report")
def test_quiet_prints_the_findings_alone(run: Callable[..., Result]) -> None:
    result = run("check", "--isolated", "--select", "RL103", "-q", "s.md")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"s.md:3:3: {RL103}",
        "s.md:8:1: RL103 [*] **Status** is `In Progress`; expected `IN PROGRESS`",
        "s.md:12:1: RL103 **Status** is `Done`; expected one of `IN PROGRESS`, `BLOCKED`, "
        "`NEEDS CLARIFICATION`"]
    fixed = run("check", "--isolated", "--select", "RL103", "-q", "--fix", "s.md")
    assert fixed.stderr == ""  # no "Fixed N line(s)"
    assert fixed.exit_code == 1
    clean = run("check", "--isolated", "--quiet", FIXTURES / "progress/valid/in-progress.md")
    assert (clean.exit_code, clean.stdout) == (0, "")


@pytest.mark.usefixtures("report")
def test_quiet_twice_prints_nothing_but_errors_of_use(run: Callable[..., Result]) -> None:
    result = run("check", "--isolated", "-qq", "s.md", "missing.md")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "error: missing.md: no such file or directory\n"
    assert run("check", "--isolated", "-qq", "s.md").stdout == ""
    assert run("check", "--isolated", "-qq", "s.md").exit_code == 1


def test_quiet_and_verbose_together_are_refused(run: Callable[..., Result]) -> None:
    result = run("check", "-q", "-v", STATUSES)
    assert result.exit_code == 2
    assert result.stderr == "error: --quiet and --verbose cannot be given together\n"


@pytest.mark.usefixtures("report")
@pytest.mark.parametrize(("env", "args", "colored"), [
    ({"FORCE_COLOR": "1"}, (), True),
    ({"FORCE_COLOR": ""}, (), False),
    ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, (), False),
    ({"FORCE_COLOR": "1"}, ("--color", "never"), False),
    ({"NO_COLOR": "1"}, ("--color", "always"), True),
    ({}, (), False),  # not a terminal
])
def test_force_color(run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch,
                     env: dict[str, str], args: tuple[str, ...], colored: bool) -> None:
    for name in ("FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = run("check", "--isolated", "--select", "RL103", *args, "s.md")
    assert ("\x1b[1;31mRL103\x1b[0m \x1b[36m[*]\x1b[0m" in result.stdout) is colored
    assert ("\x1b[" in result.stdout) is colored


@pytest.mark.usefixtures("report")
def test_statistics_as_json(run: Callable[..., Result]) -> None:
    result = run("check", "--isolated", "--select", "RL101,RL103", "--statistics",
                 "--format", "json", "s.md")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {"code": "RL101", "name": "missing-section", "count": 7, "fixable": 0},
        {"code": "RL103", "name": "invalid-field-value", "count": 3, "fixable": 2}]
    lines = run("check", "--isolated", "--select", "RL101,RL103", "--statistics",
                "--format", "json-lines", "s.md").stdout.splitlines()
    assert [json.loads(line) for line in lines] == json.loads(result.stdout)
    text = run("check", "--isolated", "--select", "RL101,RL103", "--statistics", "s.md")
    assert text.stdout == ("    7  RL101  missing-section\n    3  RL103  invalid-field-value\n"
                           "Found 10 errors and 0 warnings in 1 of 1 file.\n")


@pytest.mark.usefixtures("report")
def test_statistics_in_another_format_is_refused(run: Callable[..., Result]) -> None:
    result = run("check", "--isolated", "--statistics", "--format", "sarif", "s.md")
    assert result.exit_code == 2
    assert "--statistics is shown as text or json or json-lines, not as sarif" in result.stderr


@pytest.mark.usefixtures("report")
def test_output_file_in_a_missing_folder(run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("check", "--isolated", "--format", "sarif", "-o", "out/ci/r.sarif", "s.md")
    assert result.exit_code == 1
    assert result.stdout == ""
    log = json.loads((tmp_path / "out/ci/r.sarif").read_text("utf-8"))
    assert log["version"] == "2.1.0"


@pytest.mark.usefixtures("report")
def test_output_file_under_a_file_is_an_error_of_use(run: Callable[..., Result],
                                                     tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x", "utf-8")
    result = run("check", "--isolated", "-o", "plain/r.txt", "s.md")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot write plain/r.txt: ")


@pytest.mark.usefixtures("report")
def test_an_error_while_checking_is_not_told_as_a_failed_write(
        run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    """Text output streams as the results come: an error raised while they are worked out
    (here, reading a file fails in a way no finding covers) is reportlint's own failure,
    never `cannot write` the output it was writing."""
    from reportlint import pool

    def broken(item: object) -> object:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(pool, "_check", broken)
    result = run("check", "--isolated", "--no-cache", "s.md")
    assert result.exit_code == 2
    assert "cannot write" not in result.stderr
    assert result.stderr.startswith("error: reportlint failed (OSError: [Errno 5] "
                                    "Input/output error)")


# -- the cache: clean, and its bound ---------------------------------------------------


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("REPORTLINT_NO_CACHE", raising=False)
    monkeypatch.delenv("REPORTLINT_CACHE_MAX_MB", raising=False)
    return folder


def test_clean_removes_the_cache(run: Callable[..., Result], own_cache: Path) -> None:
    assert run("check", "--isolated", STATUSES, FULL).exit_code == 1
    entries = sorted(own_cache.glob("*/*.json"))
    assert len(entries) >= 2  # the two results (the built-in templates come compiled)
    size = sum(p.stat().st_size for p in entries)
    result = run("clean")
    assert result.exit_code == 0
    assert result.stdout == (f"Removed {len(entries)} cache entries ({size} bytes) from "
                             f"{own_cache}.\n")
    assert not own_cache.exists()
    again = run("clean")
    assert again.stdout == f"Removed 0 cache entries (0 bytes) from {own_cache}.\n"
    assert run("check", "--isolated", STATUSES).exit_code == 1  # a new cache is made


def test_clean_touches_nothing_it_did_not_write(run: Callable[..., Result],
                                                own_cache: Path, tmp_path: Path) -> None:
    run("check", "--isolated", STATUSES)
    mine = own_cache / "notes.txt"
    mine.write_text("keep", "utf-8")
    (own_cache / "results" / "keep.txt").write_text("keep", "utf-8")
    outside = tmp_path / "elsewhere.json"
    outside.write_text("{}", "utf-8")
    (own_cache / "templates").mkdir(exist_ok=True)  # built-in templates need no entry
    (own_cache / "templates" / "link.json").symlink_to(outside)
    result = run("clean")
    assert result.exit_code == 0
    assert mine.read_text("utf-8") == "keep"
    assert (own_cache / "results" / "keep.txt").exists()
    assert outside.read_text("utf-8") == "{}"  # a link is never followed
    assert not (own_cache / "key").exists()


def _entry(folder: Path, name: str, size: int, age: int) -> Path:
    path = folder / "results" / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    os.utime(path, (1_000_000 + age, 1_000_000 + age))
    return path


def test_prune_removes_the_oldest_beyond_the_bound(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    made = [_entry(folder, f"e{i}", 1000, age=i) for i in range(10)]  # e0 the oldest
    assert cache.prune(folder, 20_000) == 0  # within the bound
    assert cache.prune(folder, 0) == 0  # no bound
    assert all(p.exists() for p in made)
    assert cache.prune(folder, 8000) == 4  # down to three quarters of it: 6000 bytes
    assert [p.name for p in made if p.exists()] == [f"e{i}.json" for i in range(4, 10)]
    assert cache.prune(folder, 8000) == 0  # the next writes do not prune at once


def test_prune_leaves_exactly_three_quarters(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    made = [_entry(folder, f"e{i}", 1000, age=i) for i in range(10)]
    assert cache.prune(folder, 9000) == 4  # 10000 > 9000; stop at 6000 <= 6750
    assert [p.name for p in made if p.exists()] == [f"e{i}.json" for i in range(4, 10)]


def test_the_cache_stays_within_its_bound(run: Callable[..., Result], own_cache: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_written", 0)
    run("check", "--isolated", STATUSES)
    old = _entry(own_cache, "0" * 64, 300_000, age=0)  # an old, large entry
    monkeypatch.setenv("REPORTLINT_CACHE_MAX_MB", "0.25")
    monkeypatch.setattr(cache, "_written", 0)  # the next write looks at the size
    run("check", "--isolated", FIXTURES / "progress/valid/in-progress.md")
    assert not old.exists()
    assert sum(p.stat().st_size for p in own_cache.glob("*/*.json")) <= 0.25 * 1024 * 1024


@pytest.mark.parametrize(("given", "expected"), [
    ("", cache.DEFAULT_MAX_MB * 1024 * 1024), ("1", 1024 * 1024), ("0", 0),
    ("lots", cache.DEFAULT_MAX_MB * 1024 * 1024), ("0.5", 512 * 1024)])
def test_the_bound_from_the_environment(monkeypatch: pytest.MonkeyPatch, given: str,
                                        expected: int) -> None:
    monkeypatch.setenv("REPORTLINT_CACHE_MAX_MB", given)
    assert cache.limit() == expected
