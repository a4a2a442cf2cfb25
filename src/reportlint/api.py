"""reportlint as plain functions: what the command line, a server or a test calls.

Nothing here prints, reads standard input or exits. A problem of use (a path that does not
exist aside, which is reported and the rest checked) raises :class:`UsageError`, worded as
the command line shows it after ``error:``.

    result = run(CheckOptions(paths=(Path("docs/reports"),)))
    outcomes = list(result)          # once: they are computed as they are asked for
    text = render(outcomes).text     # the same text `reportlint check` prints
    result.exit_code                 # known once the outcomes have all been seen
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, get_args

from reportlint import (
    budget,
    codes,
    engine,
    formats,
    parser,
    paths,
    quote,
    runwide,
    secrets,
    selectors,
)
from reportlint.config import Config
from reportlint.diagnostics import Diagnostic, Outcome, Severity
from reportlint.errors import UsageError
from reportlint.inputs import Inputs
from reportlint.pool import Progress, Work, check_all, default_jobs
from reportlint.resolver import SettingsResolver, configured_registry, unknown_template
from reportlint.templates import Template, TemplateProblem, builtin_dir, parse_file

if TYPE_CHECKING:
    from reportlint import baseline

__all__ = [
    "EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "BaselineRecord", "BoardOutput", "CheckOptions",
    "Cleaned", "FixMode", "Rendered", "Repaired", "Result", "Summary", "UsageError",
    "baseline_path", "board", "check_templates", "clean_cache", "config_keys", "exit_code",
    "extract", "file_settings", "fixes_shown", "holds_report", "new", "record_baseline",
    "render", "rule_doc", "rules_list", "rules_markdown", "run", "settings_for",
    "settings_text", "templates", "wants_color",
]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

# "fix" writes the safe repairs, then checks what remains; "diff" only proposes them.
FixMode = Literal["none", "fix", "diff"]


@dataclass(frozen=True)
class CheckOptions:
    """What to check and how: the options of ``reportlint check`` that decide its results.

    How they are shown (format, colour, output file, statistics) is :func:`render`'s.
    """

    # Files, directories (searched for *.md) or ``-`` for ``stdin``; none: the files the
    # configuration's `include` names under its folder.
    paths: tuple[Path, ...] = ()
    template: str | None = None  # check every report (or the whole file) against this one
    # Codes, prefixes or names, each item possibly a comma-separated list.
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    config_file: Path | None = None
    isolated: bool = False  # ignore every configuration file
    diff_base: str | None = None  # cross-check Files Changed with `git diff REF...HEAD`
    pr_body: bool = False  # also check the pull request description of ``event_path``
    event_path: str | None = None  # the GitHub event payload ($GITHUB_EVENT_PATH)
    # The bytes a path ``-`` stands for; read once, as a stream is: a second ``-`` is empty.
    stdin: bytes | None = None
    stdin_filename: str | None = None  # the path shown (and configuration found) for ``-``
    jobs: int | None = None  # processes; None: the usable cores
    cache: bool = True  # read and write cached results
    fix: FixMode = "none"
    exit_zero: bool = False  # exit 0 even with error findings (usage problems still 2)
    # False: refuse the suppressions that would hide a whole file (RL903), for a gate.
    file_suppressions: bool = True
    # Skip, walking folders, what .gitignore files ignore; None: the configuration's
    # `respect-gitignore` (true unless it says otherwise).
    respect_gitignore: bool | None = None
    # Apply `include`/`exclude` to files named outright too (pre-commit and the Action name
    # every file); None: the configuration's `force-exclude` (false unless it says so).
    force_exclude: bool | None = None
    show_files: bool = False  # list the files that would be checked; check nothing
    baseline: Path | None = None  # drop the findings this baseline file records
    # With no `baseline`: use the one the configuration names (`reportlint baseline` does not).
    configured_baseline: bool = True
    # With `fix`: say which findings each file had repaired (or, with "diff", would have).
    show_fixes: bool = False
    # The day the lifecycle rules take for today (a report dated after it is from the
    # future); None: the day the run starts, in UTC.
    now: date | None = None
    # Read each file's committed versions (git) as earlier reports of its tasks, for the
    # lifecycle rules and the board.
    history: bool = False
    # Files a CI run produced (JUnit, Cobertura, coverage.py JSON, LCOV, SARIF) to check the
    # reports' claims against, besides the configuration's `evidence`.
    evidence: tuple[Path, ...] = ()
    # Compute each finding's exact edits (`fix.edits`): False when the output shows none,
    # which spares a failing file the work of its repairs.
    edits: bool = True
    # Called after each file is checked with (files checked, files in all).
    progress: Progress | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        # Callers outside the command line pass lists and strings; keep the value hashable.
        object.__setattr__(self, "paths", tuple(Path(p) for p in self.paths))
        object.__setattr__(self, "evidence", tuple(Path(p) for p in self.evidence))
        if self.baseline is not None:
            object.__setattr__(self, "baseline", Path(self.baseline))
        for name in ("select", "extend_select", "ignore"):
            value = getattr(self, name)
            object.__setattr__(self, name, (value,) if isinstance(value, str) else tuple(value))
        if self.fix not in get_args(FixMode):
            raise UsageError(f"unknown fix mode {self.fix!r}; known: "
                             f"{', '.join(get_args(FixMode))}")
        if self.jobs is not None and self.jobs < 1:
            raise UsageError(f"jobs must be at least 1, not {self.jobs}", param="--jobs")


@dataclass(frozen=True)
class Repaired:
    """A file ``--fix`` repaired (or, with ``--diff``, would repair)."""

    path: Path | str  # a file, or the display name of standard input
    lines: int
    fixed: tuple[str, ...] = ()  # with `show_fixes`: the codes of the findings it repairs


class Summary(NamedTuple):
    files: int
    errors: int
    warnings: int


class Result:
    """What one check run found.

    Iterate it once for the outcomes, one per file in input order; they are computed as
    they are asked for. ``summary`` and ``exit_code`` are known once every outcome has been
    seen. ``problems`` are the usage problems the run went on after (paths that do not
    exist), worded for ``error: MESSAGE``; ``warnings`` are worded for ``warning: MESSAGE``
    and change no exit code (a configured glob that matches no file, nothing to check);
    ``messages`` are whole lines for standard error
    (a file that could not be fixed, how many lines were fixed); ``diff`` is the unified
    diff of the repairs with ``fix="diff"``, where it takes the place of the findings;
    ``files`` are the display paths of the files that would be checked, with
    ``show_files``, where they take the place of the findings; ``fixed_stdin`` is standard
    input as ``--fix`` repaired it (unchanged when nothing was to repair), for standard
    output, where the findings then give way to it.
    """

    def __init__(self, outcomes: Iterable[Outcome], *, problems: tuple[str, ...] = (),
                 messages: tuple[str, ...] = (), repairs: tuple[Repaired, ...] = (),
                 diff: str | None = None, exit_zero: bool = False,
                 warnings: tuple[str, ...] = (), files: tuple[str, ...] | None = None,
                 fixed_stdin: bytes | None = None) -> None:
        self.problems = problems
        self.fixed_stdin = fixed_stdin
        self.warnings = warnings
        self.files = files
        self.messages = messages
        self.repairs = repairs
        self.diff = diff
        self.exit_zero = exit_zero
        self._outcomes = iter(outcomes)
        self._counts: Counter[str] = Counter()
        self._finished = False

    def __iter__(self) -> Iterator[Outcome]:
        for outcome in self._outcomes:
            self._counts["files"] += 1
            for d in outcome.diagnostics:
                self._counts["errors" if d.severity is Severity.ERROR else "warnings"] += 1
            yield outcome
        self._finished = True

    @property
    def summary(self) -> Summary:
        if not self._finished:
            raise RuntimeError("the outcomes have not all been seen yet; iterate the result")
        return Summary(self._counts["files"], self._counts["errors"], self._counts["warnings"])

    @property
    def exit_code(self) -> int:
        return exit_code(self)


def exit_code(result: Result) -> int:
    """0 no error findings, 1 error findings, 2 a usage problem; with ``fix="diff"``,
    whether there is something to fix."""
    if result.files is not None:
        return EXIT_USAGE if result.problems else EXIT_OK
    if result.diff is not None:
        return EXIT_FINDINGS if result.repairs else EXIT_OK
    if result.problems:
        return EXIT_USAGE
    failed = result.summary.errors > 0
    return EXIT_FINDINGS if failed and not result.exit_zero else EXIT_OK


def run(options: CheckOptions) -> Result:
    """Check what ``options`` name. Raises UsageError for a broken configuration or
    template, an unknown template or code, an unreadable event payload or a failing
    ``git diff``; paths that do not exist are ``problems`` of the result, and the rest is
    checked. Iterating the result raises IncompleteRun (a UsageError) when a worker process
    dies before every file is checked."""
    chosen, extended, ignored = (_selectors(group) for group in
                                 (options.select, options.extend_select, options.ignore))
    changes = None
    if options.diff_base is not None:
        from reportlint import gitdiff  # only for runs with --diff-base

        found = gitdiff.changes(options.diff_base, Path.cwd())
        if isinstance(found, str):
            raise UsageError(found)
        changes = found
    resolver = SettingsResolver(options.config_file, options.isolated, options.template,
                                chosen, extended, ignored, changes, options.cache,
                                options.file_suppressions, options.evidence,
                                options.edits)
    here = resolver.for_dir(Path.cwd())  # a broken configuration or unknown template stops here
    recorded = _load_baseline(options.baseline if options.baseline is not None or
                              not options.configured_baseline else here.config.baseline,
                              configured=options.baseline is None)
    if options.fix == "fix" and any(str(p) == "-" for p in options.paths) and \
            len(options.paths) > 1:
        raise UsageError("--fix with `-` takes standard input alone: its repaired text goes "
                         "to standard output")
    missing = [p for p in options.paths
               if str(p) != "-" and not p.exists() and not p.is_symlink()]
    problems = tuple(f"{path}: no such file or directory" for path in missing)
    try:
        return _run(options, resolver, missing, problems, recorded)
    except UsageError as exc:  # stopped later: the missing paths were found first
        raise UsageError(*problems, *exc.messages, param=exc.param) from None


def _selectors(group: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(selectors.split(group))


def _run(options: CheckOptions, resolver: SettingsResolver, missing: list[Path],
         problems: tuple[str, ...], recorded: baseline.Baseline | None = None) -> Result:
    body = None
    if options.pr_body:
        from reportlint.event import pull_request_body

        body = pull_request_body(options.event_path)
    first: Iterator[Outcome] = iter(())
    leading: list[engine.Settings] = []  # the description's settings, when it is checked
    if body is not None:
        here = resolver.for_dir(Path.cwd())
        first = (engine.check(item, here) for item in (body,))
        leading.append(here)
    if not options.paths and body is not None:  # the description alone
        return Result(_lifecycle(first, leading, options.now), problems=problems,
                      exit_zero=options.exit_zero)
    # Every input is resolved before the first is checked: a broken configuration further
    # down stops the run before any output.
    selection = _select(options, missing, resolver, with_body=body is not None)
    work = selection.work
    warnings = selection.warnings + (_gone(recorded) if recorded is not None else ())
    if options.show_files:
        return Result((), problems=problems, warnings=warnings,
                      files=tuple(_shown(target) for target, _ in work))
    repairs: tuple[Repaired, ...] = ()
    messages: tuple[str, ...] = ()
    if options.fix != "none":
        fixed = _repair_all(work, write=options.fix == "fix", show_fixes=options.show_fixes)
        if options.fix == "diff":
            return Result((), problems=problems, repairs=fixed.repairs, diff=fixed.diff,
                          messages=fixed.messages)
        work, repairs, messages = fixed.work, fixed.repairs, fixed.messages
    # A fixed file is checked from the bytes just written, in this process.
    jobs = 1 if options.fix == "fix" else options.jobs or default_jobs(len(work))
    checked = check_all(work, jobs, options.progress)
    if not options.edits:
        # No output of this run shows a repair hint: the outcomes the run-wide step holds
        # until the last file is checked keep none (a scaffold snippet is most of one).
        checked = (formats.compact(o, keep_fix=False) for o in checked)
    outcomes = _lifecycle(itertools.chain(first, checked),
                          [*leading, *work.all_settings()], options.now,
                          _versions(work) if options.history else ())
    if recorded is not None:
        outcomes = _baselined_after(outcomes, len(leading), work, recorded)
    return Result(outcomes, problems=problems, messages=messages, repairs=repairs,
                  exit_zero=options.exit_zero, warnings=warnings,
                  fixed_stdin=fixed.stdin if options.fix == "fix" else None)


def _lifecycle(outcomes: Iterator[Outcome], settings: list[engine.Settings],
               now: date | None, earlier: Iterable[Outcome] = ()) -> Iterator[Outcome]:
    """The outcomes with the run-wide lifecycle findings added, when a lifecycle rule is
    selected (the outcomes are then all computed before the first is given); ``earlier``
    (with ``--history``, the files' committed versions) take part as earlier reports."""
    if not runwide.wanted(settings):
        return outcomes
    return runwide.added(outcomes, settings, now, earlier)


def _versions(work: Inputs) -> Iterator[Outcome]:
    """The committed versions of each file of the run, checked as the file is (their own
    findings are not reported; their reports are the file's earlier ones), shown as
    ``PATH@COMMIT``."""
    from reportlint import gitdiff  # only for runs with --history

    for target, settings in work:
        location = target if isinstance(target, Path) else target.location
        if location is None:
            continue
        shown = paths.display(location)
        for commit, data in gitdiff.versions(location):
            outcome = engine.check(engine.Input(f"{shown}@{commit[:7]}", data,
                                                location=location), settings)
            if outcome.history is not None:
                for fact in outcome.history["facts"]:
                    fact["version_of"] = shown
                yield outcome


def _baselined_after(outcomes: Iterator[Outcome], skip: int, work: Inputs,
                     recorded: baseline.Baseline) -> Iterator[Outcome]:
    """The first ``skip`` outcomes (the pull request description, no file a baseline names)
    as they are, the rest less what the baseline records."""
    for _ in range(skip):
        yield next(outcomes)
    yield from _baselined(outcomes, work, recorded)


class _Selection(NamedTuple):
    # With the folder being checked each was found in (None for stdin): `--fix` stays inside.
    work: Inputs
    warnings: tuple[str, ...]  # configured globs that matched no file; nothing to check


def _select(options: CheckOptions, missing: list[Path], resolver: SettingsResolver,
            with_body: bool = False) -> _Selection:
    """What to check, in order: files as paths (read where they are checked), stdin as
    bytes; with no paths, the files the configuration's `include` takes under its folder.
    Folders are walked (see :func:`reportlint.paths.walk`) and `include`/`exclude` decide
    what the walk keeps; a file named outright is checked whatever they say, unless
    `force-exclude` is on."""
    usage = _GlobUsage()
    work = Inputs()

    def walked(top: Path) -> None:
        for item in _walked(top, options, resolver, usage):
            work.append(item, top)

    if not options.paths:
        walked(resolver.for_dir(Path.cwd()).config.root)
    unread = options.stdin or b""
    for path in options.paths:
        if path in missing:
            continue
        if str(path) == "-":
            name = options.stdin_filename
            where = Path(name) if name else None
            settings = resolver.for_file(where) if where else resolver.for_dir(Path.cwd())
            if where is None or not _forced_out(options, settings.config, where):
                work.append((engine.Input(paths.display(where) if where else "-", unread,
                                          location=where), settings), None)
            unread = b""
        elif path.is_dir():
            walked(path)
        else:
            settings = resolver.for_file(path)
            if not _forced_out(options, settings.config, path):
                # A file named by itself: the current folder is being checked (its own
                # folder, when it is named outside the current one).
                work.append((path, settings), _home(path))
    warnings = usage.warnings()
    if not work and not with_body:
        warnings += ("no files to check",)
    return _Selection(work, warnings)


def _forced_out(options: CheckOptions, config: Config, path: Path) -> bool:
    """Whether `force-exclude` leaves out a file named outright."""
    forced = config.force_exclude if options.force_exclude is None else options.force_exclude
    return forced and not config.included(path)


def _walked(top: Path, options: CheckOptions, resolver: SettingsResolver,
            usage: _GlobUsage) -> Iterator[Work]:
    config = resolver.for_dir(top).config
    respect = (config.respect_gitignore if options.respect_gitignore is None
               else options.respect_gitignore)
    for file in engine.expand([top], respect_gitignore=respect):
        settings = resolver.for_file(file)
        usage.saw(settings.config, file, top)
        if settings.config.included(file):
            yield file, settings


class _GlobUsage:
    """Which configured globs match some file: for each configuration whose whole folder a
    walk covered, the files it governs, so that a glob matching none of them (a typo, a
    folder since renamed) is worth a warning."""

    def __init__(self) -> None:
        # By configuration file: each glob's patterns no file has matched yet (the files
        # themselves are not kept: a run holds little for each).
        self._left: dict[Path, tuple[Config, list[tuple[str, paths.Globs,
                                                        paths.Unmatched]]]] = {}

    def saw(self, config: Config, file: Path, top: Path) -> None:
        if config.path is None:
            return
        root, walked = Path(os.path.abspath(config.root)), Path(os.path.abspath(top))
        if root == walked or walked in root.parents:
            known = self._left.get(config.path)
            if known is None:
                known = self._left[config.path] = (config, [
                    (key, globs, paths.Unmatched(globs)) for key, globs in config.globs()])
            for _, globs, left in known[1]:
                if left.open:
                    relative = known[0].relative(file, globs.base)
                    if relative is not None:
                        left.see(relative)

    def warnings(self) -> tuple[str, ...]:
        out = []
        for config, pending in self._left.values():
            for key, globs, left in pending:
                out += [f"{paths.display(globs.source or config.path or '.')}: `{key}`: "
                        f"{pattern!r} matches no file" for pattern in left.patterns()]
        return tuple(dict.fromkeys(out))


def _shown(target: engine.Input | Path) -> str:
    return paths.display(target) if isinstance(target, Path) else target.path


def _load_baseline(path: Path | None, configured: bool = False) -> baseline.Baseline | None:
    """The baseline at ``path``; a ``configured`` one (the configuration's `baseline`) that
    does not exist yet is none: `reportlint baseline` has not written it."""
    if path is None or (configured and not path.exists() and not path.is_symlink()):
        return None
    from reportlint import baseline  # only for runs with a baseline

    try:
        return baseline.Baseline.load(path)
    except baseline.BaselineError as exc:
        raise UsageError(str(exc)) from None


def _gone(recorded: baseline.Baseline) -> tuple[str, ...]:
    gone = recorded.gone()
    if not gone:
        return ()
    count = sum(len(recorded.by_file[name]) for name in gone)
    return (f"{paths.display(recorded.path)}: {count} recorded finding(s) of files that no "
            f"longer exist: {', '.join(gone)}; run `reportlint baseline` to drop them",)


def _baselined(outcomes: Iterable[Outcome], work: Sequence[Work],
               recorded: baseline.Baseline) -> Iterator[Outcome]:
    """The outcomes without the findings the baseline records, and with an RL904 at line 1
    of a file for each of its entries that no longer occurs."""
    from reportlint import baseline  # only for runs with a baseline

    for outcome, (target, settings) in zip(outcomes, work, strict=True):
        location = target if isinstance(target, Path) else target.location
        if location is None or not recorded.by_file.get(baseline.key(location,
                                                                      recorded.folder)):
            yield outcome
            continue
        data = target.data if isinstance(target, engine.Input) else _bytes(location)
        new, stale = recorded.split(location, outcome.diagnostics, baseline.lines_of(data))
        config = settings.config
        if stale and config.selected(codes.code_of("stale-baseline-entry")):
            from reportlint.rules.meta import stale_baseline_entry

            shown = paths.display(recorded.path)
            # An entry of a code this run does not check is not known to be stale.
            new += [engine.diagnostic(outcome.path, stale_baseline_entry.finding(
                entry.code, entry.line, entry.message, shown), config)
                for entry in stale if config.selected(entry.code)]
        yield outcome._replace(diagnostics=tuple(sorted(new, key=_at)),
                               skipped=outcome.skipped and not new)


def _at(d: Diagnostic) -> tuple[int, int, str]:
    return d.line, d.column, d.code


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


class BaselineRecord(NamedTuple):
    """What ``reportlint baseline`` writes: the JSON text, and what it holds."""

    text: str
    findings: int
    files: int
    problems: tuple[str, ...]  # paths that do not exist: nothing is to be written
    warnings: tuple[str, ...]


def record_baseline(options: CheckOptions, output: Path) -> BaselineRecord:
    """The findings of the files ``options`` name, as a baseline to write to ``output``
    (paths in it relative to its folder). Standard input and the pull request description
    are not files a baseline can name; ``--fix`` and an earlier baseline do not apply."""
    from reportlint import baseline  # only for runs with a baseline

    result = run(dataclasses.replace(options, paths=tuple(p for p in options.paths
                                                           if str(p) != "-"),
                                     pr_body=False, fix="none", baseline=None,
                                     configured_baseline=False,
                                     show_files=False, exit_zero=True))
    if result.problems:
        return BaselineRecord("", 0, 0, result.problems, result.warnings)
    found = []
    for outcome in result:
        location = paths.absolute(outcome.path)
        if outcome.diagnostics:
            found.append((location, outcome, baseline.lines_of(_bytes(location))))
    text, count = baseline.record(found, output)
    return BaselineRecord(text, count, len(found), (), result.warnings)


def baseline_path(config_file: Path | None = None, isolated: bool = False) -> Path | None:
    """The baseline the current folder's configuration names, if it names one (relative to
    the current folder when it is inside it)."""
    found = SettingsResolver(config_file, isolated).for_dir(Path.cwd()).config.baseline
    if found is None:
        return None
    absolute = Path(os.path.abspath(found))
    here = Path.cwd()
    return absolute.relative_to(here) if absolute.is_relative_to(here) else absolute


def settings_for(path: Path, config_file: Path | None = None,
                 isolated: bool = False) -> dict[str, Any]:
    """The settings that apply to one file, resolved (what ``reportlint config
    --show-settings FILE`` prints), as plain values."""
    resolver = SettingsResolver(config_file, isolated)
    folder = resolver.for_dir(path.parent)
    c = folder.config
    dropped = c.ignored_for(path)
    checked = resolver.for_file(path).config
    return {
        "file": paths.display(path),
        "configuration": paths.display(c.path) if c.path else None,
        "extends": [paths.display(p) for p in c.extends],
        "root": paths.display(c.root),
        "select": list(c.select),
        "extend-select": list(c.extend_select),
        "ignore": list(c.ignore),
        "per-file-ignores": {_key(g): list(found) for g, found in c.per_file_ignores},
        "ignored-here": list(dropped),
        "codes": [code for code in codes.CODES if checked.selected(code)],
        "severity": {code: level.value for code, level in sorted(c.severity.items())},
        "options": {"coverage-minimum": c.options.coverage_minimum,
                    "task-id-pattern": c.options.task_id_pattern.pattern,
                    "extra-placeholder-patterns": [p.pattern
                                                   for p in c.options.extra_placeholders]},
        "include": list(c.include.patterns),
        "exclude": list(c.exclude.patterns),
        "reports": list(c.reports.patterns),
        "per-file-templates": {_key(g): name for g, name in c.per_file_templates},
        "template-dirs": [paths.display(d) for d in c.template_dirs],
        "evidence": [paths.display(Path(p)) for p in c.evidence],
        "role": c.role,
        "max-file-size": c.max_file_size,
        "max-file-seconds": c.max_file_seconds,
        "respect-gitignore": c.respect_gitignore,
        "force-exclude": c.force_exclude,
        "baseline": paths.display(c.baseline) if c.baseline else None,
        "included": c.included(path),
        "template": c.template_for(path),
        "must-be-report": c.must_report(path),
    }


def _key(globs: paths.Globs) -> str:
    return ("!" if globs.negated else "") + globs.patterns[0]


def settings_text(settings: dict[str, Any]) -> str:
    """Settings as TOML: one ``key = value`` line each, tables inline; unset values as
    comments."""
    lines = []
    for name, value in settings.items():
        if value is None:
            lines.append(f"# {name}: not set")
        elif isinstance(value, dict):
            inner = ", ".join(f"{json.dumps(k)} = {json.dumps(v, ensure_ascii=False)}"
                              for k, v in value.items())
            lines.append(f"{name} = {{{(' ' + inner + ' ') if inner else ''}}}")
        else:
            lines.append(f"{name} = {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def config_keys() -> list[tuple[str, str]]:
    """Every configuration key (``options.`` ones by their full name) and its description,
    from the published JSON Schema of the configuration."""
    schema = json.loads((builtin_dir() / "config.schema.json").read_text("utf-8"))
    out = []
    for name, spec in schema["properties"].items():
        out.append((name, spec["description"]))
        for inner, inner_spec in spec.get("properties", {}).items():
            out.append((f"{name}.{inner}", inner_spec["description"]))
    return out


def _home(file: Path) -> Path:
    here = Path.cwd()
    absolute = Path(os.path.abspath(file))
    return here if absolute.is_relative_to(here) else absolute.parent


def _bounds(folder: Path) -> tuple[Path, ...]:
    """The real folders a file found in ``folder`` must lie in for ``--fix`` to replace it,
    every link followed: the folder, and the current folder when ``folder`` is named inside
    it (a folder that is a link leading elsewhere does not take its files out of it)."""
    here = Path.cwd()
    found = [Path(os.path.realpath(folder))]
    if Path(os.path.abspath(folder)).is_relative_to(here):
        found.append(Path(os.path.realpath(here)))
    return tuple(dict.fromkeys(found))


class _Fixed(NamedTuple):
    work: Inputs  # the files written replaced by their new bytes, for the check after
    repairs: tuple[Repaired, ...]
    messages: tuple[str, ...]
    diff: str
    stdin: bytes | None  # standard input repaired, where it was one of the inputs


def _fixed_codes(item: engine.Input, settings: engine.Settings, show: bool) -> tuple[str, ...]:
    """The codes of the findings the repairs of ``item`` remove (for ``show_fixes``)."""
    if not show:
        return ()
    return tuple(d.code for d in engine.check(item, settings).diagnostics if d.fixable)


def _repair_all(given: Inputs, write: bool, show_fixes: bool = False) -> _Fixed:
    """The safe fixes of every file: applied, or with ``write`` false shown as a diff; files
    are written only inside the folder being checked that they were found in. Standard input
    is repaired as text, never written anywhere: ``stdin`` of the result holds it."""
    from reportlint import atomic  # only for --fix and --diff

    work = Inputs()
    repairs: list[Repaired] = []
    messages: list[str] = []
    diffs: list[str] = []
    bounds: dict[Path, tuple[Path, ...]] = {}
    swept: set[Path] = set()
    stdin: bytes | None = None
    for index in range(len(given)):
        target, file_settings = given[index]
        folder = given.folder(index)
        work.append((target, file_settings), folder)
        if isinstance(target, engine.Input):  # standard input (the PR description is not here)
            found = engine.repair(target, file_settings)
            if write:
                stdin = (target.data or b"") if found is None else found.new
            if found is not None:
                if write:
                    work.replace(index, target._replace(data=found.new))
                else:
                    diffs.append(_shown_diff(target.path, found.old.decode("utf-8-sig"),
                                             found.new.decode("utf-8-sig")))
                repairs.append(Repaired(target.path, found.lines,
                                        _fixed_codes(target, file_settings, show_fixes)))
            continue
        if folder is None:
            continue
        if folder not in bounds:
            bounds[folder] = _bounds(folder)
        limits = bounds[folder]
        if write:
            _sweep(target, limits, swept)
        item = engine.read(target, file_settings.config.max_file_size)
        found = engine.repair(item, file_settings)
        if found is None:
            continue
        codes_fixed = _fixed_codes(item, file_settings, show_fixes)
        if not write:
            diffs.append(_shown_diff(target, found.old.decode("utf-8-sig"),
                                     found.new.decode("utf-8-sig")))
        else:
            try:
                atomic.replace(target, found.old, found.new, limits)
            except atomic.Changed:
                messages.append(f"warning: {target} changed while it was being fixed; "
                                "left as it is")
                continue
            except atomic.Refused as exc:
                messages.append(f"warning: {target} {exc}; left as it is")
                continue
            except OSError as exc:
                messages.append(f"error: cannot write {target}: {exc.strerror or exc}")
                continue
            work.replace(index, engine.Input(str(target), found.new, location=target))
        repairs.append(Repaired(target, found.lines, codes_fixed))
    if write and repairs:
        messages.append(f"Fixed {sum(r.lines for r in repairs)} line(s) in "
                        f"{len(repairs)} file(s).")
    if show_fixes:
        messages.append(fixes_shown(repairs, write))
    return _Fixed(work, tuple(repairs), tuple(messages), "".join(diffs), stdin)


def fixes_shown(repairs: Sequence[Repaired], written: bool = True) -> str:
    """What ``--show-fixes`` prints: the findings repaired (or that would be), by file and
    code, as ruff lists them."""
    count = sum(len(r.fixed) for r in repairs)
    if count == 0:
        return "No findings fixed." if written else "No findings would be fixed."
    lines = [f"{'Fixed' if written else 'Would fix'} {count} "
             f"finding{'' if count == 1 else 's'}:"]
    for repair in repairs:
        if not repair.fixed:
            continue
        shown = repair.path if isinstance(repair.path, str) else paths.display(repair.path)
        lines.append(f"- {quote.printable(shown)}:")
        for code, n in sorted(Counter(repair.fixed).items()):
            lines.append(f"    {n} × {code} ({codes.CODES[code].name})")
    return "\n".join(lines)


def _sweep(target: Path, limits: tuple[Path, ...], swept: set[Path]) -> None:
    """Removes what a killed ``--fix`` run left beside ``target``, once per folder, and only
    in folders ``--fix`` may write to."""
    folder = Path(os.path.realpath(target)).parent
    if folder not in swept and all(folder.is_relative_to(b) for b in limits):
        from reportlint import atomic

        swept.add(folder)
        atomic.sweep(folder)


def _shown_diff(target: Path | str, old: str, new: str) -> str:
    """The unified diff of one file's repairs as ``--diff`` shows it, a patch ``patch -p0``
    and ``git apply -p0`` apply: lines keep their endings (CRLF too), a last line without
    one is followed by git's ``\\ No newline at end of file``. Every line has the file's
    secrets masked (the file itself is repaired from its real bytes, so the diff shown may
    not apply where it masks one) and its control characters shown as escapes."""
    import difflib  # only for a diff: not at start-up

    from reportlint import edits

    redact = secrets.Redactor(old, new)
    out = []
    for line in difflib.unified_diff(edits.split(old), edits.split(new), str(target),
                                     str(target)):
        body = line.rstrip("\r\n")
        ending = line[len(body):]
        out.append(quote.printable(redact(body)) + (ending or "\n"))
        if not ending:
            out.append("\\ No newline at end of file\n")
    return "".join(out)


class Rendered(NamedTuple):
    text: str  # what `reportlint check` writes to standard output or --output-file
    step_summary: str | None  # Markdown for $GITHUB_STEP_SUMMARY, when it was asked for


def render(outcomes: Sequence[Outcome], output_format: str = "text", *,
           color: bool = False, statistics: bool = False,
           step_summary: bool = False, quiet: bool = False) -> Rendered:
    """The outcomes as ``output_format`` (or, with ``statistics``, a count per code), and
    with ``step_summary`` the job summary the github format adds. ``quiet``: text output
    is the findings alone, without the summary and the count of fixable ones."""
    text = "".join(rendering(outcomes, output_format, color=color, statistics=statistics,
                             quiet=quiet))
    summary = None
    if step_summary and output_format == "github":
        from reportlint.formats import github

        summary = github.step_summary(outcomes)
    return Rendered(text, summary)


def output_allowed(output_format: str, statistics: bool = False) -> None:
    """Raises UsageError for an unknown format, or one ``statistics`` are not shown as."""
    if output_format not in formats.FORMAT_NAMES:
        raise UsageError(f"unknown format {output_format!r}; known: "
                         f"{', '.join(formats.FORMAT_NAMES)}", param="--format")
    if statistics and output_format not in formats.STATISTICS_FORMATS:
        raise UsageError(f"--statistics is shown as {' or '.join(formats.STATISTICS_FORMATS)}"
                         f", not as {output_format}", param="--format")


def rendering(outcomes: Iterable[Outcome], output_format: str = "text", *,
              color: bool = False, statistics: bool = False,
              quiet: bool = False) -> Iterator[str]:
    """As :func:`render`, the pieces of the text given as ``outcomes`` come (raises
    UsageError for an unknown format, or one ``statistics`` are not shown as, before the
    first outcome is asked for)."""
    output_allowed(output_format, statistics)
    if statistics:
        return iter((formats.statistics(outcomes, output_format),))
    return formats.stream(output_format, outcomes, formats.Style(color, quiet))


def wants_color(choice: str, *, terminal: bool, no_color: bool,
                force_color: bool = False) -> bool:
    """Whether text output is coloured: ``always``; or ``auto`` without $NO_COLOR, on a
    terminal or with $FORCE_COLOR (a CI log that shows colour). NO_COLOR wins over
    FORCE_COLOR, ``--color`` over both."""
    return choice == "always" or (choice == "auto" and not no_color
                                  and (terminal or force_color))


class Cleaned(NamedTuple):
    folder: str
    entries: int
    size: int  # bytes freed


def clean_cache() -> Cleaned:
    """Removes the entries of reportlint's cache and its key (``reportlint clean``)."""
    from reportlint import cache

    entries, size = cache.clean()
    return Cleaned(str(cache.directory()), entries, size)


def extract(source: engine.Input | Path, template: str | None = None
            ) -> dict[str, Any] | Diagnostic:
    """The report model of one file (or input), or the diagnostic that says why there is
    none."""
    registry = configured_registry()
    if template is not None and template not in registry:
        raise UsageError(unknown_template(registry, template), param="--template")
    item = engine.read(source) if isinstance(source, Path) else source
    return engine.extract(item, registry, template)


def holds_report(text: str, config_file: Path | None = None) -> bool:
    """Whether ``text`` (a pull request description) has a heading `check` takes for a report
    title, with the templates and role of the current folder's configuration (or of
    ``config_file``)."""
    settings = SettingsResolver(config_file).for_dir(Path.cwd())
    try:
        return bool(budget.run(lambda: engine.document(text, settings.registry, None,
                                                       settings.config.role)["reports"],
                               settings.config.max_file_seconds))
    except (budget.OverBudget, parser.TooComplex):
        return True  # too costly to tell: the check of it says so (RL008)


def file_settings(filename: str | None = None, *, template: str | None = None,
                 config_file: Path | None = None, isolated: bool = False) -> engine.Settings:
    """The settings :func:`run` checks a file at ``filename`` with (it need not exist): the
    configuration found from its folder, as for ``-`` with ``stdin_filename``; without one,
    the current folder's. What a server needs to repair or read a text it was given
    (``engine.repair``, ``engine.document``). Raises UsageError as :func:`run` does."""
    resolver = SettingsResolver(config_file, isolated, template, cache_results=False)
    resolver.for_dir(Path.cwd())  # as run: a broken configuration here stops everything
    return resolver.for_dir(Path(filename).parent if filename else Path.cwd())


def templates() -> list[Template]:
    """The templates the current folder's configuration uses, by name."""
    registry = configured_registry()
    return [registry[name] for name in registry.names()]


def check_templates(files: Iterable[Path]) -> list[tuple[Path, Template | TemplateProblem]]:
    """Each template file, parsed and validated (YAML, JSON Schema, keywords, references,
    regular expressions): the template, or why it cannot be used."""
    return [(path, parse_file(path)) for path in files]


def new(template: str, task_id: str | None = None, name: str | None = None) -> str:
    """A report skeleton for ``template``, generated from the template itself."""
    from reportlint.scaffold import scaffold

    registry = configured_registry()
    if template not in registry:
        raise UsageError(unknown_template(registry, template), param="TEMPLATE")
    return scaffold(registry[template].shape, task_id, name)


def rules_list() -> list[codes.Code]:
    """Every finding code, in code order."""
    return list(codes.CATALOGUE)


def rules_markdown() -> str:
    """Every code's whole documentation as one Markdown page (docs/rules.md)."""
    return codes.markdown(rules_list())


def rule_doc(code: str) -> str:
    """The documentation of one code (RL101) or name (missing-section)."""
    entry = codes.CODES.get(code.upper()) or codes.by_name(code)
    if entry is None:
        raise UsageError(f"unknown code {code!r}; see `reportlint rules`", param="CODE")
    return (f"# {entry.name} ({entry.code})\n\nDefault severity: {entry.severity.value}\n\n"
            f"{entry.doc}\n")


class BoardOutput(NamedTuple):
    """What ``reportlint board`` writes, and the run's usage problems and warnings."""

    text: str
    problems: tuple[str, ...]
    warnings: tuple[str, ...]


def board(options: CheckOptions, output_format: str = "json",
          max_bytes: int | None = None) -> BoardOutput:
    """The product manager's board of the reports ``options`` name (see docs/board.md), as
    ``json``, ``markdown`` or ``html``: the same run as :func:`run` (repairs, baselines and
    file listings aside), its findings counted on the task of the report they are in;
    Markdown in at most ``max_bytes`` (by default GitHub's step summary limit)."""
    from reportlint import board as boards

    if output_format not in boards.FORMATS:
        raise UsageError(f"unknown board format {output_format!r}; known: "
                         f"{', '.join(boards.FORMATS)}", param="--format")
    result = run(dataclasses.replace(options, fix="none", show_files=False, exit_zero=True))
    outcomes = list(result)
    model = boards.build(outcomes, options.now)
    return BoardOutput(boards.render(model, output_format, max_bytes), result.problems,
                       result.warnings)
