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

import difflib
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple, get_args

from reportlint import atomic, codes, engine, formats, gitdiff, selectors
from reportlint.diagnostics import Diagnostic, Outcome, Severity
from reportlint.errors import UsageError
from reportlint.event import pull_request_body
from reportlint.pool import Progress, Work, check_all, usable_cores
from reportlint.resolver import SettingsResolver, configured_registry, unknown_template
from reportlint.templates import Template, TemplateProblem, parse_file

__all__ = [
    "EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "CheckOptions", "FixMode", "Rendered",
    "Repaired", "Result", "Summary", "UsageError", "check_templates", "exit_code", "extract",
    "new", "render", "rule_doc", "rules_list", "rules_markdown", "run", "settings_for",
    "templates", "wants_color",
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
    # Called after each file is checked with (files checked, files in all).
    progress: Progress | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        # Callers outside the command line pass lists and strings; keep the value hashable.
        object.__setattr__(self, "paths", tuple(Path(p) for p in self.paths))
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

    path: Path
    lines: int


class Summary(NamedTuple):
    files: int
    errors: int
    warnings: int


class Result:
    """What one check run found.

    Iterate it once for the outcomes, one per file in input order; they are computed as
    they are asked for. ``summary`` and ``exit_code`` are known once every outcome has been
    seen. ``problems`` are the usage problems the run went on after (paths that do not
    exist), worded for ``error: MESSAGE``; ``messages`` are whole lines for standard error
    (a file that could not be fixed, how many lines were fixed); ``diff`` is the unified
    diff of the repairs with ``fix="diff"``, where it takes the place of the findings.
    """

    def __init__(self, outcomes: Iterable[Outcome], *, problems: tuple[str, ...] = (),
                 messages: tuple[str, ...] = (), repairs: tuple[Repaired, ...] = (),
                 diff: str | None = None, exit_zero: bool = False) -> None:
        self.problems = problems
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
    checked."""
    chosen, extended, ignored = (_selectors(group) for group in
                                 (options.select, options.extend_select, options.ignore))
    changes = None
    if options.diff_base is not None:
        found = gitdiff.changes(options.diff_base, Path.cwd())
        if isinstance(found, str):
            raise UsageError(found)
        changes = found
    resolver = SettingsResolver(options.config_file, options.isolated, options.template,
                                chosen, extended, ignored, changes, options.cache)
    resolver.for_dir(Path.cwd())  # a broken configuration or unknown template stops here
    missing = [p for p in options.paths
               if str(p) != "-" and not p.exists() and not p.is_symlink()]
    problems = tuple(f"{path}: no such file or directory" for path in missing)
    try:
        return _run(options, resolver, missing, problems)
    except UsageError as exc:  # stopped later: the missing paths were found first
        raise UsageError(*problems, *exc.messages, param=exc.param) from None


def _selectors(group: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(selectors.split(group))


def _run(options: CheckOptions, resolver: SettingsResolver, missing: list[Path],
         problems: tuple[str, ...]) -> Result:
    body = pull_request_body(options.event_path) if options.pr_body else None
    first: Iterator[Outcome] = iter(())
    if body is not None:
        here = resolver.for_dir(Path.cwd())
        first = (engine.check(item, here) for item in (body,))
    if not options.paths and body is not None:  # the description alone
        return Result(first, problems=problems, exit_zero=options.exit_zero)
    # Every input is resolved before the first is checked: a broken configuration further
    # down stops the run before any output.
    work = list(_inputs(options, missing, resolver))
    repairs: tuple[Repaired, ...] = ()
    messages: tuple[str, ...] = ()
    if options.fix != "none":
        fixed = _repair_all(work, write=options.fix == "fix")
        if options.fix == "diff":
            return Result((), problems=problems, repairs=fixed.repairs, diff=fixed.diff)
        work, repairs, messages = fixed.work, fixed.repairs, fixed.messages
    # A fixed file is checked from the bytes just written, in this process.
    jobs = 1 if options.fix == "fix" else options.jobs or usable_cores()
    outcomes = itertools.chain(first, check_all(work, jobs, options.progress))
    return Result(outcomes, problems=problems, messages=messages, repairs=repairs,
                  exit_zero=options.exit_zero)


def _inputs(options: CheckOptions, missing: list[Path],
            resolver: SettingsResolver) -> Iterator[Work]:
    """What to check, in order: files as paths (read where they are checked), stdin as bytes."""
    if not options.paths:
        base = resolver.for_dir(Path.cwd())
        for path in engine.expand([base.config.root]):
            if base.config.included(path):
                yield path, resolver.for_dir(path.parent)
        return
    unread = options.stdin or b""
    for path in options.paths:
        if path in missing:
            continue
        if str(path) == "-":
            name = options.stdin_filename
            where = Path(name) if name else None
            item = engine.Input(name or "-", unread, location=where)
            unread = b""
            yield item, resolver.for_dir((where or Path("x")).parent)
            continue
        named = not path.is_dir()
        for file in engine.expand([path]):
            file_settings = resolver.for_dir(file.parent)
            if named or not file_settings.config.excluded(file):
                yield file, file_settings


class _Fixed(NamedTuple):
    work: list[Work]  # the files written replaced by their new bytes, for the check after
    repairs: tuple[Repaired, ...]
    messages: tuple[str, ...]
    diff: str


def _repair_all(work: list[Work], write: bool) -> _Fixed:
    """The safe fixes of every file: applied, or with ``write`` false shown as a diff."""
    work = list(work)
    repairs: list[Repaired] = []
    messages: list[str] = []
    diffs: list[str] = []
    for index, (target, file_settings) in enumerate(work):
        if not isinstance(target, Path):
            continue  # standard input and the PR description are not files to rewrite
        item = engine.read(target, file_settings.config.max_file_size)
        found = engine.repair(item, file_settings)
        if found is None:
            continue
        if not write:
            old = found.old.decode("utf-8-sig").splitlines()
            new = found.new.decode("utf-8-sig").splitlines()
            lines = difflib.unified_diff(old, new, str(target), str(target), lineterm="")
            diffs.append("\n".join(lines) + "\n")
        else:
            try:
                atomic.replace(target, found.old, found.new)
            except atomic.Changed:
                messages.append(f"warning: {target} changed while it was being fixed; "
                                "left as it is")
                continue
            except OSError as exc:
                messages.append(f"error: cannot write {target}: {exc.strerror or exc}")
                continue
            work[index] = (engine.Input(str(target), found.new, location=target),
                           file_settings)
        repairs.append(Repaired(target, found.lines))
    if write and repairs:
        messages.append(f"Fixed {sum(r.lines for r in repairs)} line(s) in "
                        f"{len(repairs)} file(s).")
    return _Fixed(work, tuple(repairs), tuple(messages), "".join(diffs))


class Rendered(NamedTuple):
    text: str  # what `reportlint check` writes to standard output or --output-file
    step_summary: str | None  # Markdown for $GITHUB_STEP_SUMMARY, when it was asked for


def render(outcomes: Sequence[Outcome], output_format: str = "text", *,
           color: bool = False, statistics: bool = False,
           step_summary: bool = False) -> Rendered:
    """The outcomes as ``output_format`` (or, with ``statistics``, a count per code), and
    with ``step_summary`` the job summary the github format adds."""
    if output_format not in formats.FORMAT_NAMES:
        raise UsageError(f"unknown format {output_format!r}; known: "
                         f"{', '.join(formats.FORMAT_NAMES)}", param="--format")
    text = (_statistics(outcomes) if statistics
            else formats.render(output_format, outcomes, formats.Style(color)))
    summary = None
    if step_summary and output_format == "github":
        from reportlint.formats import github

        summary = github.step_summary(outcomes)
    return Rendered(text, summary)


def wants_color(choice: str, *, terminal: bool, no_color: bool) -> bool:
    """Whether text output is coloured: ``always``, or ``auto`` on a terminal without
    $NO_COLOR."""
    return choice == "always" or (choice == "auto" and terminal and not no_color)


def _statistics(outcomes: Sequence[Outcome]) -> str:
    counts = Counter(d.code for d in formats.findings(outcomes))
    lines = [f"{n:>5}  {code}  {codes.CODES[code].name}" for code, n in
             sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return "\n".join([*lines, formats.summary(outcomes)]) + "\n"


def extract(source: engine.Input | Path, template: str | None = None
            ) -> dict[str, Any] | Diagnostic:
    """The report model of one file (or input), or the diagnostic that says why there is
    none."""
    registry = configured_registry()
    if template is not None and template not in registry:
        raise UsageError(unknown_template(registry, template), param="--template")
    item = engine.read(source) if isinstance(source, Path) else source
    return engine.extract(item, registry, template)


def settings_for(filename: str | None = None, *, template: str | None = None,
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
