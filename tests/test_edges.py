"""Smaller holes, each once a traceback, a wrong code or a setting ignored: front matter
values PyYAML cannot build, UTF-32, file names that are not UTF-8, `$ref`s that cannot work,
severity overrides of the input codes, the cache's temporary files, hashed pins."""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from reportlint import cache

from conftest import FIXTURES, ROOT, pairs

PROGRESS_BAD = FIXTURES / "progress/invalid/checkboxes.md"
BODY = (FIXTURES / "progress/valid/in-progress.md").read_text("utf-8")


def front(run: Callable[..., Result], tmp_path: Path, matter: str) -> list[dict[str, object]]:
    path = tmp_path / "r.md"
    path.write_text(f"---\n{matter}---\n\n{BODY}", "utf-8")
    result = run("check", "--isolated", "--format", "json", path)
    assert result.exit_code in (0, 1)
    return list(json.loads(result.stdout))


def test_a_date_that_cannot_exist_in_front_matter_is_rl205(run: Callable[..., Result],
                                                           tmp_path: Path) -> None:
    found = front(run, tmp_path, "started: 2025-02-30 10:00\n")
    assert [(d["line"], d["code"], d["message"]) for d in found] == [
        (2, "RL205", "**started** `2025-02-30 10:00` is not a real date (day is out of range "
         "for month)")]


def test_an_integer_too_long_to_read_in_front_matter_is_rl006(run: Callable[..., Result],
                                                              tmp_path: Path) -> None:
    found = front(run, tmp_path, "count: " + "9" * 5000 + "\n")
    assert [(d["line"], d["code"], d["message"]) for d in found] == [
        (2, "RL006", "invalid YAML front matter: an integer of 5,000 characters is too long "
         "to read")]
    assert front(run, tmp_path, "count: " + "9" * 4000 + "\n") == []


@pytest.mark.parametrize(("bom", "encoding"), [(codecs.BOM_UTF32_LE, "utf-32-le"),
                                               (codecs.BOM_UTF32_BE, "utf-32-be")])
def test_utf32_with_bom_is_read(run: Callable[..., Result], tmp_path: Path, bom: bytes,
                                encoding: str) -> None:
    path = tmp_path / "r.md"
    path.write_bytes(bom + PROGRESS_BAD.read_text("utf-8").encode(encoding))
    result = run("check", "--format", "json", path)
    assert pairs(result.stdout) == [(4, "RL103"), (9, "RL107"), (12, "RL107")]
    before = path.read_bytes()
    assert run("check", "--fix", path).exit_code == 1
    assert path.read_bytes() == before  # never rewritten as UTF-8


def test_invalid_utf32_names_utf32(run: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_bytes(codecs.BOM_UTF32_LE + b"#\x00\x00\x00\x00\xd8\x00\x00")
    result = run("check", "--format", "json", path)
    assert [(d["code"], d["message"]) for d in json.loads(result.stdout)] == [
        ("RL003", "not valid UTF-32 at byte 8: code point in surrogate code point range"
                  "(0xd800, 0xe000)")]


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "gitlab", "github",
                                           "junit"])
def test_file_names_that_are_not_utf8_reach_every_output(
        run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        output_format: str) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    name = os.fsdecode(b"r\xff.md")
    (folder / name).write_bytes(PROGRESS_BAD.read_bytes())
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    out = tmp_path / "out"
    result = run("check", "--isolated", "--format", output_format, "-o", out, folder)
    assert result.exit_code == 1, result.stderr
    written = out.read_bytes().decode("utf-8")  # valid UTF-8, whatever the name
    if output_format in ("json", "gitlab", "sarif"):
        written = "\n".join(strings(json.loads(written)))
    assert ("r%5Cxff.md" if output_format == "sarif" else "r\\xff.md") in written
    if output_format == "github":
        # Markdown escapes the name's backslash in the summary's table.
        assert "/r\\\\xff.md | 3 | 0 |" in summary.read_text("utf-8")


def strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return [value] if isinstance(value, str) else []


def template_check(run: Callable[..., Result], tmp_path: Path, body: str) -> Result:
    path = tmp_path / "t.yaml"
    path.write_text("x-reportlint: {name: t, title-pattern: '^Standup'}\n" + body, "utf-8")
    return run("template", "check", path)


@pytest.mark.parametrize(("body", "message"), [
    ("type: object\nproperties:\n  fields: {$ref: '#/$defs/nothing'}\n",
     "4: `$ref: #/$defs/nothing` at /properties/fields points to nothing in the template"),
    ("type: object\nproperties:\n  fields: {$ref: '#/properties/fields'}\n",
     "4: `$ref: #/properties/fields` at /properties/fields leads back to itself without "
     "going into a field, section or item of the report: checking a report would never end"),
    ("$ref: '#'\n", "2: `$ref: #` at / leads back to itself without going into a field, "
     "section or item of the report: checking a report would never end"),
    ("$defs:\n  a: {allOf: [{$ref: '#/$defs/b'}]}\n  b: {not: {$ref: '#/$defs/a'}}\n"
     "$ref: '#/$defs/a'\n",
     "3: `$ref: #/$defs/b` at /$defs/a/allOf/0 leads back to itself without going into a "
     "field, section or item of the report: checking a report would never end"),
])
def test_refs_that_cannot_work_fail_the_template_check(
        run: Callable[..., Result], tmp_path: Path, body: str, message: str) -> None:
    result = template_check(run, tmp_path, body)
    assert result.exit_code == 1
    assert result.stdout == f"{tmp_path / 't.yaml'}:{message}\n"


def test_recursive_refs_through_the_report_are_fine(run: Callable[..., Result],
                                                    tmp_path: Path) -> None:
    result = template_check(run, tmp_path, (
        "$defs:\n  section: {type: object, properties: {sections: {type: object, "
        "additionalProperties: {$ref: '#/$defs/section'}}}}\n"
        "properties:\n  sections: {additionalProperties: {$ref: '#/$defs/section'}}\n"))
    assert result.exit_code == 0, result.stdout
    (tmp_path / "c.toml").write_text('template-dirs = ["."]\n', "utf-8")
    (tmp_path / "r.md").write_text("## Standup: BE-1 - x\n\n### A\n\n#### B\n", "utf-8")
    checked = run("check", "--config", tmp_path / "c.toml", tmp_path / "r.md")
    assert checked.exit_code == 0, checked.stdout


def test_severity_overrides_apply_to_the_input_codes(run: Callable[..., Result],
                                                     tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "binary.md").write_bytes(b"\x00\x01")
    (tmp_path / "latin1.md").write_bytes("Café".encode("latin-1"))
    (tmp_path / "large.md").write_bytes(b"## Progress Update: BE-1 - x\n" * 100)
    (tmp_path / "gone.md").symlink_to(tmp_path / "nowhere.md")
    config = tmp_path / "c.toml"
    config.write_text('reports = ["*.md"]\nmax-file-size = 1000\n[severity]\n'
                      'RL001 = "warning"\nRL002 = "warning"\nRL003 = "warning"\n'
                      'RL004 = "warning"\nRL007 = "warning"\n', "utf-8")
    result = run("check", "--config", config, "--format", "json", tmp_path)
    found = json.loads(result.stdout)
    assert sorted((Path(d["path"]).name, d["code"], d["severity"]) for d in found) == [
        ("binary.md", "RL002", "warning"), ("empty.md", "RL004", "warning"),
        ("gone.md", "RL001", "warning"), ("large.md", "RL007", "warning"),
        ("latin1.md", "RL003", "warning")]
    assert result.exit_code == 0


def test_cache_temporary_files_are_removed_when_a_write_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))

    def broken(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.os, "replace", broken)
    cache.put("results", "k", {"a": 1})
    assert [p.name for p in (tmp_path / "results").iterdir()] == []
    assert cache.get("results", "k") is None


def test_the_actions_pins_carry_hashes() -> None:
    """Every pin of action/constraints.txt names the files of its release by their SHA-256,
    and the action installs them in pip's hash-checking mode (it refuses any other file)."""
    text = (ROOT / "action/constraints.txt").read_text("utf-8")
    pins = [r for r in re.split(r"(?<!\\)\n", text) if r.strip() and not r.startswith("#")]
    names = set()
    for pin in pins:
        head = re.match(r"^([A-Za-z0-9_.-]+)==[0-9][^ ;]*(?: ; python_version [<>=]+ "
                        r'"3\.\d+")? \\\n', pin)
        assert head, pin
        names.add(head.group(1).lower())
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", pin), pin
    # Every runtime dependency, those of the action's extra and the build backend: the
    # action installs with --no-deps, so a dependency missing here is missing there.
    from packaging.requirements import Requirement

    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    wanted = [*project["project"]["dependencies"],
              *project["project"]["optional-dependencies"]["action"],
              *project["build-system"]["requires"]]
    assert {Requirement(r).name.lower() for r in wanted} - names == set()
    action = (ROOT / "action.yml").read_text("utf-8")
    assert ('--require-hashes --no-deps \\\n          -r "$GITHUB_ACTION_PATH/action/'
            'constraints.txt"') in action
    assert '--no-deps --no-build-isolation "$source"' in action


def test_a_description_too_costly_to_read_is_left_to_the_check(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    from reportlint import api

    monkeypatch.chdir(tmp_path)
    assert api.holds_report("## Notes\n\n" + "**a**:" * 900_000) is True
    assert api.holds_report("## Notes\n\ntext\n") is False
