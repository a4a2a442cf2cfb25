"""The GitHub Action's check step: choose the report files, run reportlint once, report.

Runs in the action's own virtual environment (see action.yml), so it can import reportlint,
pathspec and bracex. Reads only its environment (INPUT_*, the runner's GITHUB_* and
RUNNER_TEMP variables) and the event payload. reportlint runs as a separate process with
``--format json``; this script reads the findings from that file, never from annotation text,
renders the annotations, the job summary and SARIF from them with reportlint's own formats,
and fails closed: any exit status but 0, or 1 with error findings, fails the step.

Exit status: 0 pass, 1 findings (per ``fail-on``), 2 nothing could be checked as asked.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import bracex
import pathspec

from reportlint import api, formats
from reportlint.diagnostics import Diagnostic, Outcome, Severity
from reportlint.formats import github
from reportlint.formats.github import escape_data

CONFIG_NAMES = (".reportlint.toml", "pyproject.toml")  # reportlint.config.FILENAMES
# Options that decide what the action itself reads back, or that have an input of their own.
OWN_OPTIONS = {"--format": "", "--output-file": "", "-o": "", "--exit-zero": "fail-on",
               "--fix": "", "--diff": "", "--statistics": "", "--config": "config",
               "--pr-body": "check-pr-body", "--quiet": "", "-q": "", "-qq": "",
               "--show-files": "", "--show-fixes": "",
               "--evidence": "evidence"}


class Stop(Exception):
    """The inputs or the checkout do not allow the check asked for: exit 2 with a message."""


class Inputs(NamedTuple):
    paths: list[str]
    template: str
    config: str
    config_from: str
    file_suppressions: bool
    args: list[str]
    diff_base: str
    evidence: list[str]
    pr_body: str
    fail_on: str
    sarif: str


def _choice(env: Mapping[str, str], name: str, default: str, allowed: Sequence[str]) -> str:
    value = env.get(f"INPUT_{name.upper().replace('-', '_')}", "").strip().lower() or default
    if value not in allowed:
        raise Stop(f"{name} must be {', '.join(allowed[:-1])} or {allowed[-1]}, not {value!r}")
    return value


def read_inputs(env: Mapping[str, str]) -> Inputs:
    try:
        args = shlex.split(env.get("INPUT_ARGS", ""))
    except ValueError as exc:
        raise Stop(f"args: {exc}") from None
    for arg in args:
        name = arg.split("=", 1)[0]
        name = "-o" if name.startswith("-o") and not name.startswith("--") else name
        if name in OWN_OPTIONS:
            instead = OWN_OPTIONS[name]
            raise Stop(f"args: {name} is the action's to set" +
                       (f"; use the {instead} input" if instead else ""))
    suppressions = _choice(env, "file-suppressions", "refuse", ("allow", "refuse"))
    config_from = env.get("INPUT_CONFIG_FROM", "").strip() or "base"
    return Inputs(
        paths=env.get("INPUT_PATHS", "").split() or ["**/*.md"],
        template=env.get("INPUT_TEMPLATE", "").strip(),
        config=env.get("INPUT_CONFIG", "").strip(),
        config_from=config_from.lower() if config_from.lower() in ("base", "head")
        else config_from,
        file_suppressions=suppressions == "allow",
        args=args,
        diff_base=env.get("INPUT_DIFF_BASE", "").strip(),
        evidence=env.get("INPUT_EVIDENCE", "").split(),
        pr_body=_choice(env, "check-pr-body", "auto", ("auto", "true", "false")),
        fail_on=_choice(env, "fail-on", "error", ("error", "warning", "never")),
        sarif=env.get("INPUT_SARIF_OUTPUT", "").strip(),
    )


def git(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                          check=False)


def _names(output: str) -> list[str]:
    return [name for name in output.split("\0") if name]


def tracked_files() -> dict[str, bool]:
    """Every file of the checkout's index (relative to the current folder), and whether it
    is a regular file (not a symbolic link or a submodule)."""
    done = git("ls-files", "-s", "-z")
    if done.returncode != 0:
        raise Stop(f"the workspace is not a git checkout: {done.stderr.strip()}")
    files = {}
    for entry in _names(done.stdout):
        meta, _, name = entry.partition("\t")
        files[name] = meta.split()[0] in ("100644", "100755")
    return files


def changed_files(base: str) -> list[str]:
    """Files the branch adds, copies, modifies or renames since its merge base with
    ``base``."""
    done = git("diff", "--name-only", "--relative", "-z", "--diff-filter=ACMR",
               f"{base}...HEAD")
    if done.returncode != 0:
        raise Stop(f"git diff {base}...HEAD failed: {done.stderr.strip()}")
    return _names(done.stdout)


def has_commit(ref: str) -> bool:
    return git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode == 0


def path_spec(globs: Sequence[str]) -> pathspec.PathSpec:
    """gitignore-style globs (``**``, ``[ab]``, ``!`` to leave out), with braces expanded
    first (``{a,b}``, which gitignore does not have)."""
    return pathspec.GitIgnoreSpec.from_lines(
        [one for glob in globs for one in bracex.expand(glob, limit=1000)])


def select(tracked: Mapping[str, bool], candidates: Sequence[str], globs: Sequence[str]
           ) -> tuple[list[str], list[str], list[str]]:
    """The candidates the globs match (regular files only); the positive globs that match
    no file of the repository at all; the matching symbolic links, which are not followed."""
    spec = path_spec(globs)
    empty = []
    for glob in globs:
        alone = path_spec([glob])
        if not glob.startswith("!") and not any(map(alone.match_file, tracked)):
            empty.append(glob)
    chosen = [name for name in candidates if spec.match_file(name)]
    links = [name for name in chosen if not tracked.get(name, True)]
    return [name for name in chosen if tracked.get(name, True) and Path(name).is_file()], \
        empty, links


# -- configuration from the base commit -------------------------------------------------------


def _toml(data: bytes) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        loaded: dict[str, Any] = tomllib.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):
        return {}  # reportlint reads it again, and says what is wrong with it
    return loaded


def _template_dirs(name: str, data: bytes) -> list[str]:
    table = _toml(data)
    tool = table.get("tool", {})
    section = tool.get("reportlint", {}) if isinstance(tool, dict) else {}
    if Path(name).name == ".reportlint.toml" and "reportlint" not in (
            tool if isinstance(tool, dict) else {}):
        section = table
    dirs = section.get("template-dirs", []) if isinstance(section, dict) else []
    dirs = [dirs] if isinstance(dirs, str) else dirs
    return [d for d in dirs if isinstance(d, str)] if isinstance(dirs, list) else []


def materialise_base(base: str, mirror: Path, config: str) -> None:
    """The base commit's configuration files (every `.reportlint.toml` and `pyproject.toml`,
    so that discovery finds the same nearest one) and the template folders they name, written
    under ``mirror`` at their paths in the repository."""
    listed = git("ls-tree", "-r", "-z", "--name-only", "--full-tree", base)
    if listed.returncode != 0:
        raise Stop(f"cannot list the base commit {base[:12]}: {listed.stderr.strip()}")
    prefix = git("rev-parse", "--show-prefix").stdout.strip()  # the workspace in the repo
    names = [n for n in _names(listed.stdout) if n.startswith(prefix)]
    wanted = [n for n in names if Path(n).name in CONFIG_NAMES]
    if config and prefix + config not in names:
        raise Stop(f"config: {config} is not in the base commit {base[:12]}")
    for name in dict.fromkeys([*wanted, *([prefix + config] if config else [])]):
        data = _blob(base, name)
        _write(mirror / name.removeprefix(prefix), data)
        for folder in _template_dirs(name, data):
            inside = os.path.normpath(str(Path(name).parent / folder))
            if any(entry.startswith(inside + "/") for entry in names):
                (mirror / inside.removeprefix(prefix)).mkdir(parents=True, exist_ok=True)
            for entry in names:
                parent, _, leaf = entry.rpartition("/")
                if parent == inside and leaf.endswith((".yaml", ".yml")):
                    _write(mirror / entry.removeprefix(prefix), _blob(base, entry))


def _blob(base: str, name: str) -> bytes:
    done = subprocess.run(["git", "show", f"{base}:{name}"], capture_output=True,
                          check=False, cwd=_toplevel())
    if done.returncode != 0:
        raise Stop(f"cannot read {name} from the base commit: "
                   f"{done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def _toplevel() -> Path:
    return Path(git("rev-parse", "--show-toplevel").stdout.strip())


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


# -- output -----------------------------------------------------------------------------------


def annotate(kind: str, message: str) -> None:
    print(f"::{kind} title=reportlint::{escape_data(message)}", flush=True)


def safe_target(raw: str, workspace: Path) -> Path:
    """Where ``sarif-output`` may be written: inside the workspace, through no symbolic link
    (the checkout is the pull request's: a link committed there could point anywhere)."""
    path = Path(os.path.normpath(workspace / raw))
    try:
        relative = path.relative_to(workspace)
    except ValueError:
        raise Stop(f"sarif-output: {raw} is outside the workspace") from None
    if not relative.parts:
        raise Stop(f"sarif-output: {raw} is the workspace itself")
    here = workspace
    for part in relative.parts:
        here = here / part
        if here.is_symlink():
            raise Stop(f"sarif-output: {relative.as_posix()} goes through the symbolic link "
                       f"{here.relative_to(workspace).as_posix()}; not written")
    return path


def write_new(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    with os.fdopen(os.open(path, flags, 0o644), "w", encoding="utf-8") as handle:
        handle.write(text)


def outcomes_from(findings: list[dict[str, Any]], inputs: Sequence[str]) -> list[Outcome]:
    """reportlint's JSON findings as outcomes, one per input checked, in input order."""
    by_path: dict[str, list[Diagnostic]] = {name: [] for name in inputs}
    for d in findings:
        by_path.setdefault(d["path"], []).append(Diagnostic(
            d["path"], d["line"], d["column"], d["code"], d["name"], Severity(d["severity"]),
            d["message"], d.get("fix"), d.get("fixable") is True,
            d.get("fingerprint") if isinstance(d.get("fingerprint"), str) else ""))
    return [Outcome(path, tuple(found)) for path, found in by_path.items()]


class Outputs:
    """The step's outputs, written whatever happens: counts empty when unknown."""

    def __init__(self) -> None:
        self.values = {"errors": "", "warnings": "", "files": "", "exit-code": "2"}

    def write(self) -> None:
        path = os.environ.get("GITHUB_OUTPUT")
        if path:
            with open(path, "a", encoding="utf-8") as handle:
                handle.writelines(f"{k}={v}\n" for k, v in self.values.items())


# -- the check --------------------------------------------------------------------------------


def evidence_files(globs: Sequence[str], workspace: Path) -> list[str]:
    """The files the evidence input's globs name (relative to the workspace; CI's results
    are seldom tracked, so the folder is globbed, not git's index), as absolute paths: the
    check may run from the base commit's mirror. A glob matching no file stops the check:
    the results it was to be checked against are missing."""
    found: list[str] = []
    for pattern in globs:
        matched = sorted(str(p) for p in workspace.glob(pattern) if p.is_file()) \
            if pattern and not Path(pattern).is_absolute() else \
            [pattern] if Path(pattern).is_file() else []
        if not matched:
            raise Stop(f"evidence: `{pattern}` matches no file (did the step that writes the "
                       "test, coverage or linter results run?)")
        found += [m for m in matched if m not in found]
    return found


@contextmanager
def folder(path: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def check(env: Mapping[str, str], outputs: Outputs, scratch: Path) -> int:
    inputs = read_inputs(env)
    workspace = Path(env.get("GITHUB_WORKSPACE") or Path.cwd()).resolve()
    os.chdir(workspace)
    event_path = env.get("GITHUB_EVENT_PATH", "")
    try:
        event = json.loads(Path(event_path).read_text("utf-8")) if event_path else {}
    except (OSError, ValueError) as exc:
        raise Stop(f"cannot read the event payload {event_path}: {exc}") from None
    pull = event.get("pull_request") if isinstance(event, dict) else None
    pull = pull if isinstance(pull, dict) else None

    base = inputs.diff_base
    if base and not has_commit(base):
        raise Stop(f"diff-base: {base} is not a commit of the checkout (use actions/checkout "
                   "with fetch-depth: 0)")
    if not base and pull is not None:
        base = str((pull.get("base") or {}).get("sha") or "")
        if base and not has_commit(base):
            if inputs.config_from == "base":
                raise Stop(f"config-from: base needs the base commit {base[:12]}, which is "
                           "not in the checkout: use actions/checkout with fetch-depth: 0 (or "
                           "config-from: head, letting the pull request configure its check)")
            annotate("warning", f"the base commit {base[:12]} is not in the checkout (use "
                     "actions/checkout with fetch-depth: 0): checking every matching file, "
                     "without --diff-base")
            base = ""

    tracked = tracked_files()
    candidates = changed_files(base) if base else list(tracked)
    files, empty, links = select(tracked, candidates, inputs.paths)
    if empty:
        raise Stop("paths: " + ", ".join(f"`{g}`" for g in empty) +
                   " matches no file of the repository (a typo?)")
    for name in links:
        annotate("warning", f"{name} is a symbolic link; not followed, not checked")
    evidence = evidence_files(inputs.evidence, workspace)

    config_args: list[str] = []
    run_dir = workspace
    git_env: dict[str, str] = {}
    if inputs.config_from == "base" and base:
        mirror = scratch / "base"
        materialise_base(base, mirror, inputs.config)
        for name in files:  # the reports are the pull request's own: linked, not copied
            (mirror / name).parent.mkdir(parents=True, exist_ok=True)
            (mirror / name).symlink_to(workspace / name)
        run_dir = mirror
        # --diff-base asks git from where reportlint runs: point it at the checkout.
        git_env = {"GIT_DIR": git("rev-parse", "--absolute-git-dir").stdout.strip(),
                   "GIT_WORK_TREE": str(_toplevel())}
        if inputs.config:
            config_args = ["--config", inputs.config]
    elif inputs.config_from not in ("base", "head"):
        config_file = Path(inputs.config_from).expanduser()
        if inputs.config:
            raise Stop("give either config or config-from: PATH, not both")
        if not config_file.is_file():
            raise Stop(f"config-from: {inputs.config_from} is not a file")
        if git("ls-files", "--error-unmatch", str(config_file)).returncode == 0:
            raise Stop(f"config-from: {inputs.config_from} is a file of the checkout, which "
                       "the pull request controls; use config-from: base")
        config_args = ["--config", str(config_file.resolve())]
    else:
        if inputs.config_from == "base":
            annotate("notice", "no base commit (not a pull request, no diff-base): "
                     "configuration and templates from the checkout")
        if inputs.config:
            config_args = ["--config", inputs.config]

    with_body = False
    body_name = ""
    if inputs.pr_body != "false":
        if pull is None:
            annotate("notice", "not a pull request: no description to check")
        elif inputs.pr_body == "true" or _holds_report(pull, run_dir, config_args):
            with_body = True
            body_name = f"pull-request-{pull.get('number', '?')}-description.md"
        else:
            annotate("notice", "the pull request description holds no report; not checked")

    if not files and not with_body:
        where = "in this pull request" if base else "in the repository"
        annotate("notice", f"no file matching paths changed {where}; nothing to check")
        outputs.values.update(errors="0", warnings="0", files="0", **{"exit-code": "0"})
        return 0

    json_out = scratch / "findings.json"
    command = [sys.executable, "-m", "reportlint", "check", "--format", "json",
               "--output-file", str(json_out), *config_args]
    command += ["--template", inputs.template] if inputs.template else []
    command += ["--diff-base", base] if base else []
    command += ["--pr-body"] if with_body else []
    command += [] if inputs.file_suppressions else ["--no-file-suppressions"]
    command += [arg for name in evidence for arg in ("--evidence", name)]
    command += [*inputs.args, "--", *files]
    done = subprocess.run(command, cwd=run_dir, env={**os.environ, **git_env},
                          capture_output=True, text=True, check=False)
    for line in done.stderr.splitlines():
        if line.startswith("error: "):
            annotate("error", line.removeprefix("error: "))
        else:
            print(line, file=sys.stderr)
    if done.returncode not in (0, 1):
        why = (f"killed by signal {-done.returncode}" if done.returncode < 0
               else f"exit status {done.returncode}")
        raise Stop(f"reportlint could not check the reports ({why})")
    try:
        findings = json.loads(json_out.read_text("utf-8"))
        outcomes = outcomes_from(findings, [*([body_name] if with_body else []), *files])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise Stop(f"reportlint exited {done.returncode} without readable findings "
                   f"({type(exc).__name__}: {exc})") from None
    diagnostics = [d for o in outcomes for d in o.diagnostics]
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    if (done.returncode == 1) != (errors > 0):
        raise Stop(f"reportlint exited {done.returncode} but reported {errors} error(s): "
                   "its result cannot be trusted")
    outputs.values.update(errors=str(errors), warnings=str(warnings), files=str(len(outcomes)),
                          **{"exit-code": str(done.returncode)})

    sys.stdout.write(formats.render("github", outcomes))
    summary = env.get("GITHUB_STEP_SUMMARY")
    if summary:
        written = github.step_summary(outcomes)
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(written)
        board = _board(command, files, scratch, run_dir, {**os.environ, **git_env},
                       SUMMARY_LIMIT - len(written.encode("utf-8")))
        if board:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write("\n" + board)
    if inputs.sarif:
        write_new(safe_target(inputs.sarif, workspace), formats.render("sarif", outcomes))
    if inputs.fail_on == "never":
        return 0
    return 1 if errors or (inputs.fail_on == "warning" and warnings) else 0


# GitHub's limit on what one step writes to its job summary, less a margin.
SUMMARY_LIMIT = 1024 * 1024 - 4096
# The options of the check that `reportlint board` shares (it reads the same reports, with
# the same codes, so that its counts are the check's).
_BOARD_SHARES = ("--config", "--template", "--select", "--extend-select", "--ignore")


def _board(check: list[str], files: list[str], scratch: Path, run_dir: Path,
           env: Mapping[str, str], limit: int) -> str:
    """The product manager's board of the reports just checked (docs/board.md), in at most
    ``limit`` bytes, for the job summary; empty when no report names a task or the board
    cannot be made (a warning says so: the check's result stands)."""
    if limit < 2048:
        return ""
    shared: list[str] = []
    options = check[check.index("json") + 1:check.index("--")]
    index = 0
    while index < len(options):
        option = options[index]
        name = option.split("=", 1)[0]
        if name == "--pr-body":
            shared.append(option)
        elif name in _BOARD_SHARES:
            shared.append(option)
            if "=" not in option and index + 1 < len(options):
                shared.append(options[index + 1])
                index += 1
        index += 1
    target = scratch / "board.md"
    command = [sys.executable, "-m", "reportlint", "board", "--format", "markdown",
               "--max-bytes", str(limit), "--output-file", str(target), *shared, "--",
               *files]
    done = subprocess.run(command, cwd=run_dir, env=env, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        annotate("warning", "the task board could not be made for the job summary "
                 f"(exit status {done.returncode})")
        return ""
    text = target.read_text("utf-8")
    return text if "\n| task |" in text else ""


def _holds_report(pull: Mapping[str, Any], run_dir: Path, config_args: list[str]) -> bool:
    """check-pr-body auto: whether the description has a report title, by the templates the
    check will use; when that cannot be told (a broken configuration), the check decides."""
    body = pull.get("body")
    config = Path(config_args[1]) if config_args else None
    try:
        with folder(run_dir):
            return api.holds_report(body if isinstance(body, str) else "", config)
    except api.UsageError:
        return True


def main() -> int:
    outputs = Outputs()
    scratch = Path(tempfile.mkdtemp(prefix="reportlint-", dir=os.environ.get("RUNNER_TEMP")))
    try:
        code = check(os.environ, outputs, scratch)
    except Stop as exc:
        annotate("error", str(exc))
        code = 2
    except Exception as exc:  # noqa: BLE001 - fail closed, with what went wrong
        traceback.print_exc()
        annotate("error", f"the action failed ({type(exc).__name__}); see the log")
        code = 2
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if code == 2:
        outputs.values["exit-code"] = "2"
    outputs.write()
    return code


if __name__ == "__main__":
    sys.exit(main())
