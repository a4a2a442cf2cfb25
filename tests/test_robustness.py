"""Inputs that must give a clean diagnostic or a clean pass: never a traceback, never a hang.

Each input class of issue #7 has a named test here; the whole-corpus and property-based runs
are in test_corpora.py and test_properties.py.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from conftest import FIXTURES


def check(run: Callable[..., Result], *args: object) -> tuple[list[dict[str, object]], Result]:
    result = run("check", "--isolated", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    found: list[dict[str, object]] = json.loads(result.stdout)
    assert not [d for d in found if d["code"] == "RL901"], found
    return found, result


def test_report_over_the_size_limit(run: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    line = "| `src/file.ts` | Added | A row of a very long table |\n"
    path.write_text("## Progress Update: BE-1 - X\n" + line * (10_500_000 // len(line)), "utf-8")
    found, _ = check(run, path)
    assert [(d["line"], d["code"]) for d in found] == [(1, "RL007")]
    assert "over the 5,242,880-byte limit" in str(found[0]["message"])


def test_size_limit_is_configurable(run: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_bytes((FIXTURES / "progress/valid/in-progress.md").read_bytes())
    config = tmp_path / "c.toml"
    config.write_text('max-file-size = "100 B"\n')
    result = run("check", "--config", config, "--format", "json", path)
    assert [d["code"] for d in json.loads(result.stdout)] == ["RL007"]
    config.write_text('max-file-size = "1 KiB"\n')
    assert run("check", "--config", config, path).exit_code == 0
    config.write_text('max-file-size = "huge"\n')
    bad = run("check", "--config", config, path)
    assert bad.exit_code == 2
    assert "`max-file-size`: expected a size" in bad.stderr


def test_stdin_over_the_size_limit(run: Callable[..., Result], tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("max-file-size = 10\n")
    result = run("check", "--config", config, "--format", "json", "-",
                 input=b"## Progress Update: BE-1 - X\n")
    assert [d["code"] for d in json.loads(result.stdout)] == ["RL007"]


@pytest.mark.parametrize("marker", ["> ", "- ", "1. ", "* > "])
def test_twenty_thousand_nested_markers(run: Callable[..., Result], tmp_path: Path,
                                        marker: str) -> None:
    path = tmp_path / "deep.md"
    path.write_text("## Progress Update: BE-1 - X\n\n" + marker * 20_000 + "deep\n", "utf-8")
    found, _ = check(run, path)
    assert all(1 <= int(str(d["line"])) <= 3 for d in found)


@pytest.mark.slow
def test_forty_thousand_row_table(run: Callable[..., Result], tmp_path: Path) -> None:
    text = (FIXTURES / "completion/valid/full.md").read_text("utf-8")
    rows = "".join(f"| `src/f{i}.ts` | Added | d |\n" for i in range(40_000))
    path = tmp_path / "big.md"
    path.write_text(text.replace("| `src/auth/legacy-refresh.ts` | Deleted | Replaced by the "
                                 "rotation service |\n", rows + "| `x.ts` | Created | y |\n"),
                    "utf-8")
    found, _ = check(run, path)
    assert [(d["line"], d["code"]) for d in found] == [(40_027, "RL106")]


@pytest.mark.parametrize(("front", "message"), [
    ("a: &a [1, 1]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n", "aliases (*name) are not "
     "allowed in front matter"),
    ("- just\n- a list\n", "front matter is a YAML list, not a mapping of keys"),
    ("status: [COMPLETED\n", "invalid YAML front matter"),
    ("42\n", "front matter is a YAML int, not a mapping of keys"),
])
def test_front_matter(run: Callable[..., Result], tmp_path: Path, front: str,
                      message: str) -> None:
    path = tmp_path / "r.md"
    body = (FIXTURES / "progress/valid/in-progress.md").read_text("utf-8")
    path.write_text(f"---\n{front}---\n\n{body}", "utf-8")
    found, _ = check(run, path)
    assert [d["code"] for d in found] == ["RL006"]
    assert message in str(found[0]["message"])


def test_mixed_line_endings_keep_lines_exact(run: Callable[..., Result],
                                             tmp_path: Path) -> None:
    source = (FIXTURES / "progress/invalid/checkboxes.md").read_text("utf-8").split("\n")
    endings = ["\r\n", "\n", "\r"]
    mixed = "".join(line + endings[i % 3] for i, line in enumerate(source[:-1]))
    path = tmp_path / "mixed.md"
    path.write_bytes(mixed.encode("utf-8"))
    found, _ = check(run, path)
    assert [(d["line"], d["code"]) for d in found] == [(4, "RL103"), (9, "RL107"),
                                                       (12, "RL107")]


def test_symlink_loops_and_unreadable_entries(run: Callable[..., Result],
                                              tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "self.md").symlink_to(folder / "self.md")
    (folder / "loop").symlink_to(folder)  # a folder loop: never followed
    (folder / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    (folder / "ok.md").write_bytes((FIXTURES / "progress/valid/in-progress.md").read_bytes())
    found, result = check(run, folder)
    assert sorted((Path(str(d["path"])).name, d["code"]) for d in found) == [
        ("dangling.md", "RL001"), ("self.md", "RL001")]
    assert "Too many levels of symbolic links" in result.stdout
    assert result.exit_code == 1


def test_paths_with_spaces_and_non_ascii_names(run: Callable[..., Result],
                                               tmp_path: Path) -> None:
    folder = tmp_path / "rapports d'équipe"
    folder.mkdir()
    path = folder / "tâche BE-014 ✓.md"
    path.write_bytes((FIXTURES / "progress/invalid/checkboxes.md").read_bytes())
    result = run("check", "--isolated", folder)
    assert f"{path}:4:1: RL103" in result.stdout
    assert result.exit_code == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_in_a_walk(run: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "secret.md").write_text("x")
    (tmp_path / "secret.md").chmod(0)
    found, _ = check(run, tmp_path)
    assert [d["code"] for d in found] == ["RL001"]


def _standup(tmp_path: Path, place: str, pattern: str) -> Path:
    """A project whose template (``place="template"``, on the title's text) or configuration
    option ``place`` holds ``pattern``, selecting only the code that the pattern decides."""
    templates = tmp_path / "templates"
    templates.mkdir(exist_ok=True)
    value = pattern if place == "template" else ""
    (templates / "t.yaml").write_text(
        "x-reportlint: {name: standup, title-pattern: '^standup'}\n"
        f"properties: {{title: {{properties: {{text: {{pattern: '{value}'}}}}}}}}\n", "utf-8")
    code = {"template": "RL108", "task-id-pattern": "RL207"}.get(place, "RL201")
    option = "" if place == "template" else f"{place} = ['{pattern}']\n"
    if place == "task-id-pattern":
        option = f"{place} = '{pattern}'\n"
    (tmp_path / ".reportlint.toml").write_text(
        f'template-dirs = ["templates"]\nselect = ["{code}"]\n[options]\n{option}', "utf-8")
    return tmp_path / "r.md"


@pytest.mark.parametrize("place", ["template", "task-id-pattern", "extra-placeholder-patterns"])
@pytest.mark.parametrize(("pattern", "unit"), [
    ("(a|a)*b", "a"), ("(a+)+$", "a"), ("(\\w+\\s?)*$", "a"), ("(x+x+)+y", "x")])
def test_catastrophic_regexes_run_in_linear_time(run: Callable[..., Result], tmp_path: Path,
                                                 place: str, pattern: str, unit: str) -> None:
    """Each is the classic exponential case for a backtracking engine (stdlib `re` needs
    seconds for 25 characters); RE2 reads a 200,000-character title in one pass. The alarm
    is generous: it only keeps a regression from hanging the suite."""
    from test_saferegex import deadline

    report = _standup(tmp_path, place, pattern)
    matches = pattern == "(\\w+\\s?)*$"  # matches the empty string at the end
    expected = {"template": [] if matches else [(1, "RL108")],
                "task-id-pattern": [] if matches else [(1, "RL207")],
                "extra-placeholder-patterns": [(1, "RL201")] if matches else []}[place]
    for length in (10, 200_000):
        report.write_text(f"## Standup: {unit * length}! - x\n", "utf-8")
        with deadline(60):
            result = run("check", "--no-cache", "--format", "json", report)
        assert sorted({(d["line"], d["code"]) for d in json.loads(result.stdout)}) == expected


@pytest.mark.parametrize("place", ["template", "task-id-pattern", "extra-placeholder-patterns"])
def test_patterns_re2_cannot_run_are_refused(run: Callable[..., Result], tmp_path: Path,
                                             place: str) -> None:
    report = _standup(tmp_path, place, "(a)\\1")
    report.write_text("## Standup: BE-1 - x\n", "utf-8")
    result = run("check", report)
    assert result.exit_code == 2
    reason = ("invalid escape sequence: \\1 (reportlint matches patterns with RE2, which never "
              "takes more than linear time but has no look-around, backreferences, possessive "
              "repeats or atomic groups)")
    if place == "template":
        assert result.stderr == (
            f"error: broken template {tmp_path / 'templates/t.yaml'}:2: regular expression at "
            f"/properties/title/properties/text/pattern is refused: {reason}\n")
    else:
        assert f"`options.{place}`: '(a)\\\\1' is not a valid regular expression: {reason}" \
            in result.stderr
        assert str(tmp_path / ".reportlint.toml") in result.stderr


@pytest.fixture
def special(tmp_path: Path) -> Iterator[dict[str, Path]]:
    """A FIFO, a listening UNIX socket and a character device, each named like a report."""
    fifo, sock = tmp_path / "pipe.md", tmp_path / "socket.md"
    os.mkfifo(fifo)
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock))
    server.listen()
    device = tmp_path / "null.md"
    device.symlink_to("/dev/null")
    yield {"a FIFO": fifo, "a socket": sock, "a character device": device}
    server.close()


def test_special_files_named_on_the_command_line_are_findings(
        run: Callable[..., Result], special: dict[str, Path], no_hang: None) -> None:
    for fix in ((), ("--fix",)):
        found, result = check(run, *fix, *special.values(),
                              FIXTURES / "progress/valid/in-progress.md")
        assert [(d["path"], d["line"], d["code"], d["message"]) for d in found] == [
            (str(path), 1, "RL001", f"cannot read file: not a regular file ({kind})")
            for kind, path in special.items()]
        assert result.exit_code == 1


def test_special_files_in_a_walked_folder_are_skipped(
        run: Callable[..., Result], tmp_path: Path, special: dict[str, Path],
        no_hang: None) -> None:
    (tmp_path / "ok.md").write_bytes((FIXTURES / "progress/valid/in-progress.md").read_bytes())
    for fix in ((), ("--fix",)):
        found, result = check(run, *fix, tmp_path)
        assert found == []
        assert result.exit_code == 0


def test_a_fifo_that_looked_like_a_file_does_not_hang(
        run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        no_hang: None) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    regular = os.stat(FIXTURES / "progress/valid/in-progress.md")
    real = os.stat

    def lying(path: object, *args: object, **kwargs: object) -> os.stat_result:
        # The FIFO took the place of a file between the check and the open.
        return regular if str(path) == str(fifo) else real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", lying)
    found, _ = check(run, fifo)
    assert [(d["code"], d["message"]) for d in found] == [
        ("RL001", "cannot read file: not a regular file (a FIFO)")]
