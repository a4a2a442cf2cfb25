"""The command line. The only module that imports click, prints or exits."""

from __future__ import annotations

import gc
import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import click

from reportlint import __version__, codes, config, engine, formats, gitdiff, rules, selectors
from reportlint.diagnostics import Diagnostic, Outcome, Severity
from reportlint.templates import Registry, TemplateProblem, with_folders

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _fail(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_USAGE)


class _Settings:
    """Settings per configuration file, found by walking up from each checked file."""

    def __init__(self, config_file: Path | None, isolated: bool, template: str | None,
                 select: tuple[str, ...], extend_select: tuple[str, ...],
                 ignore: tuple[str, ...], changes: gitdiff.Changes | None = None,
                 cache_results: bool = True) -> None:
        self.config_file = config_file
        self.changes = changes
        self.cache_results = cache_results
        self.isolated = isolated
        self.template = template
        self.select, self.extend_select, self.ignore = select, extend_select, ignore
        self._by_file: dict[Path | None, engine.Settings] = {}
        self._by_dir: dict[Path, Path | None] = {}
        self._seen: dict[Path, engine.Settings] = {}

    def _config_path(self, directory: Path) -> Path | None:
        if self.isolated:
            return None
        if self.config_file is not None:
            return self.config_file
        if directory not in self._by_dir:
            self._by_dir[directory] = config.find(directory)
        return self._by_dir[directory]

    def for_dir(self, directory: Path) -> engine.Settings:
        known = self._seen.get(directory)
        if known is not None:  # most files share a folder: skip resolving it again
            return known
        path = self._config_path(Path(os.path.abspath(directory)))
        if path not in self._by_file:
            self._by_file[path] = self._build(path)
        self._seen[directory] = self._by_file[path]
        return self._by_file[path]

    def _build(self, path: Path | None) -> engine.Settings:
        loaded = config.load(path) if path is not None else config.Config(root=Path.cwd())
        if isinstance(loaded, config.ConfigProblem):
            _fail(f"invalid configuration: {loaded}")
        loaded = loaded._replace(
            select=self.select or loaded.select,
            extend_select=loaded.extend_select + self.extend_select,
            ignore=loaded.ignore + self.ignore,
        )
        registry = _registry(loaded.template_dirs)
        wanted = [self.template] if self.template else []
        wanted += [name for _, name in loaded.per_file_templates]
        for name in wanted:
            if name not in registry:
                _fail(_unknown_template(registry, name))
        if loaded.role is not None and loaded.role not in registry.roles():
            _fail(f"invalid configuration: {loaded.path}: `role`: unknown role "
                  f"{loaded.role!r}; known: {', '.join(sorted(registry.roles()))}")
        return engine.Settings(registry, loaded, self.template, self.changes,
                               self.cache_results)


def _unknown_template(registry: Registry, name: str) -> str:
    return f"unknown template {name!r}; known: {', '.join(registry.names())}"


def _configured_registry() -> Registry:
    """The templates the configuration of the current folder uses (built-ins and its
    `template-dirs`), for the commands that are not about one file."""
    return _Settings(None, False, None, (), (), ()).for_dir(Path.cwd()).registry


def _registry(folders: tuple[Path, ...] = ()) -> Registry:
    registry, problems = with_folders(folders)
    if problems:
        for problem in problems:
            click.echo(f"error: broken template {problem}", err=True)
        sys.exit(EXIT_USAGE)
    return registry


def _selectors(_ctx: click.Context, _param: click.Parameter,
               value: tuple[str, ...]) -> tuple[str, ...]:
    """An option's selectors, split and checked as the configuration and suppression
    comments are (click names the option in its message)."""
    try:
        selectors.parse_all(value)
    except selectors.UnknownSelector as exc:
        raise click.BadParameter(str(exc)) from None
    return tuple(selectors.split(value))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="reportlint")
def cli() -> None:
    """Lint the Markdown reports AI coding agents write: Task Acknowledged, Progress Update,
    Task Completion Report."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@click.option("--format", "output_format", type=click.Choice(formats.FORMAT_NAMES),
              default="text", show_default=True,
              help="Output format: text, json, sarif (code scanning), github (workflow "
                   "commands and step summary), junit, gitlab (Code Quality).")
@click.option("--output-file", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the output to this file instead of standard output.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Colour text output (auto: on a terminal, unless "
                                      "NO_COLOR is set).")
@click.option("--template", metavar="NAME",
              help="Check every report (or the whole file) against this template.")
@click.option("--diff-base", metavar="REF",
              help="Check Files Changed tables against `git diff REF...HEAD`.")
@click.option("--pr-body", is_flag=True,
              help="Also check the pull request description from $GITHUB_EVENT_PATH.")
@click.option("--stdin-filename", metavar="PATH",
              help="The path to show (and find configuration from) for input read from `-`.")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False,
                                                         exists=True),
              help="Use this configuration file instead of discovering one.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--select", multiple=True, metavar="CODES", callback=_selectors,
              help="Codes, prefixes (RL2) or names to check; replaces the configuration's.")
@click.option("--extend-select", multiple=True, metavar="CODES", callback=_selectors,
              help="Codes, prefixes or names to check in addition.")
@click.option("--ignore", multiple=True, metavar="CODES", callback=_selectors,
              help="Codes, prefixes or names not to check.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Check files in this many processes (default: the usable cores).")
@click.option("--no-cache", is_flag=True,
              help="Neither read nor write cached results (kept in $REPORTLINT_CACHE_DIR, "
                   "else ~/.cache/reportlint).")
@click.option("--fix", is_flag=True,
              help="Apply the safe repairs (status spelling, field and checkbox syntax, "
                   "trailing white space, final newline), then report what remains.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Show the repairs --fix would make as a diff; change nothing.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are errors.")
@click.option("--statistics", is_flag=True, help="Print how many findings each code has.")
def check(paths: tuple[Path, ...], output_format: str, output_file: Path | None, color: str,
          template: str | None, diff_base: str | None, pr_body: bool,
          stdin_filename: str | None,
          config_file: Path | None, isolated: bool, select: tuple[str, ...],
          extend_select: tuple[str, ...], ignore: tuple[str, ...], jobs: int | None,
          no_cache: bool, fix: bool, show_diff: bool, exit_zero: bool,
          statistics: bool) -> None:
    """Check reports. PATHS are files, directories (searched for *.md) or - for stdin; with
    none, the files the configuration's `include` names under its folder (all *.md)."""
    changes = None
    if diff_base is not None:
        found = gitdiff.changes(diff_base, Path.cwd())
        if isinstance(found, str):
            _fail(found)
        changes = found
    settings = _Settings(config_file, isolated, template, select, extend_select, ignore, changes,
                         not no_cache)
    settings.for_dir(Path.cwd())  # a broken configuration or unknown template stops here
    missing = [p for p in paths if str(p) != "-" and not p.exists() and not p.is_symlink()]
    for path in missing:
        click.echo(f"error: {path}: no such file or directory", err=True)
    body = _pull_request_body() if pr_body else None
    outcomes: list[Outcome] = []
    if body is not None:
        outcomes.append(engine.check(body, settings.for_dir(Path.cwd())))
    if paths or body is None:
        work = list(_inputs(paths, missing, settings, stdin_filename))
        if fix or show_diff:
            repaired = _repair_all(work, write=not show_diff)
            if show_diff:
                sys.exit(EXIT_FINDINGS if repaired else EXIT_OK)
        outcomes.extend(_run(work, settings, 1 if fix else jobs or _usable_cores()))
    style = formats.Style(color == "always" or (
        color == "auto" and output_file is None and "NO_COLOR" not in os.environ
        and sys.stdout.isatty()))
    rendered = (_statistics(outcomes) if statistics
                else formats.render(output_format, outcomes, style))
    _write(rendered, output_file, style.color)
    if output_format == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        from reportlint.formats import github

        _append(Path(os.environ["GITHUB_STEP_SUMMARY"]), github.step_summary(outcomes))
    if missing:
        sys.exit(EXIT_USAGE)
    failed = any(d.severity is Severity.ERROR for d in formats.findings(outcomes))
    sys.exit(EXIT_FINDINGS if failed and not exit_zero else EXIT_OK)


def _write(text: str, path: Path | None, color: bool = False) -> None:
    if path is None:
        # click strips colour when stdout is not a terminal; --color always means always.
        click.echo(text, nl=False, color=color or None)
        return
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write {path}: {exc.strerror or exc}")


def _append(path: Path, text: str) -> None:
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        _fail(f"cannot write the step summary {path}: {exc.strerror or exc}")


def _pull_request_body() -> engine.Input:
    """The pull request description of the GitHub event being handled, as an input."""
    event_path = os.environ.get("GITHUB_EVENT_PATH")
    if not event_path:
        _fail("--pr-body needs $GITHUB_EVENT_PATH (set by GitHub Actions)")
    try:
        event = json.loads(Path(event_path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        _fail(f"cannot read the event payload {event_path}: {exc}")
    pull = event.get("pull_request") if isinstance(event, dict) else None
    if not isinstance(pull, dict):
        _fail("--pr-body: the event payload has no pull request (run it on pull_request "
              "events)")
    body = pull.get("body")
    number = pull.get("number", "?")
    text = body if isinstance(body, str) else ""
    return engine.Input(f"pull-request-{number}-description.md", text.encode("utf-8"))


Work = tuple["engine.Input | Path", engine.Settings]


def _inputs(paths: tuple[Path, ...], missing: list[Path], settings: _Settings,
            stdin_filename: str | None) -> Iterator[Work]:
    """What to check, in order: files as paths (read where they are checked), stdin as bytes."""
    if not paths:
        base = settings.for_dir(Path.cwd())
        for path in engine.expand([base.config.root]):
            if base.config.included(path):
                yield path, settings.for_dir(path.parent)
        return
    for path in paths:
        if path in missing:
            continue
        if str(path) == "-":
            shown = stdin_filename or "-"
            where = Path(stdin_filename) if stdin_filename else None
            item = engine.Input(shown, sys.stdin.buffer.read(), location=where)
            yield item, settings.for_dir((where or Path("x")).parent)
            continue
        named = not path.is_dir()
        for file in engine.expand([path]):
            file_settings = settings.for_dir(file.parent)
            if named or not file_settings.config.excluded(file):
                yield file, file_settings


def _repair_all(work: list[Work], write: bool) -> int:
    """Apply (or, with ``write`` false, print as a diff) the safe fixes of every file, and
    replace each file's entry in ``work`` by its repaired bytes, for the check that follows.
    Returns how many files were (or would be) repaired."""
    import difflib

    from reportlint import atomic

    files = lines = 0
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
            diff = difflib.unified_diff(old, new, str(target), str(target), lineterm="")
            click.echo("\n".join(diff))
        else:
            try:
                atomic.replace(target, found.old, found.new)
            except atomic.Changed:
                click.echo(f"warning: {target} changed while it was being fixed; left as it is",
                           err=True)
                continue
            except OSError as exc:
                click.echo(f"error: cannot write {target}: {exc.strerror or exc}", err=True)
                continue
            work[index] = (engine.Input(str(target), found.new, location=target),
                           file_settings)
        files += 1
        lines += found.lines
    if write and files:
        click.echo(f"Fixed {lines} line(s) in {files} file(s).", err=True)
    return files


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_WORK: list[Work] = []


def _check_one(index: int) -> Outcome:
    target, file_settings = _WORK[index]
    limit = file_settings.config.max_file_size
    item = engine.read(target, limit) if isinstance(target, Path) else target
    return engine.check(item, file_settings)


def _run(work: list[Work], settings: _Settings, jobs: int) -> Iterator[Outcome]:
    """Outcomes in input order; files are spread over processes when there are enough."""
    global _WORK
    _WORK = work
    progress = _Progress(len(work))
    # Everything loaded so far lives as long as the process: keep the collector off it, and
    # let it run less often over the short-lived parse trees.
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)
    # Below a few dozen files, starting processes costs more than it saves.
    if jobs > 1 and len(work) >= 32 and sys.platform != "win32":
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork")  # workers inherit the settings
        with ProcessPoolExecutor(jobs, mp_context=context) as pool:
            chunk = max(1, min(64, len(work) // (jobs * 8)))
            for outcome in pool.map(_check_one, range(len(work)), chunksize=chunk):
                progress.step()
                yield outcome
    else:
        for index in range(len(work)):
            progress.step()
            yield _check_one(index)
    progress.done()


class _Progress:
    """A one-line count on stderr for long runs, only when stderr is a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.count = 0
        self.shown = total >= 200 and sys.stderr.isatty()

    def step(self) -> None:
        self.count += 1
        if self.shown and (self.count % 25 == 0 or self.count == self.total):
            click.echo(f"\rreportlint: {self.count}/{self.total} files", err=True, nl=False)

    def done(self) -> None:
        if self.shown:
            click.echo("\r\x1b[2K", err=True, nl=False)


def _statistics(outcomes: list[Outcome]) -> str:
    counts = Counter(d.code for d in formats.findings(outcomes))
    lines = [f"{n:>5}  {code}  {codes.CODES[code].name}" for code, n in
             sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return "\n".join([*lines, formats.summary(outcomes)]) + "\n"


@cli.command()
@click.argument("path", type=click.Path(path_type=Path, allow_dash=True, exists=True))
@click.option("--template", metavar="NAME",
              help="Treat every report (or the whole file) as this template.")
def extract(path: Path, template: str | None) -> None:
    """Print the report model of PATH as JSON: what templates validate."""
    registry = _configured_registry()
    if template is not None and template not in registry:
        raise click.BadParameter(_unknown_template(registry, template), param_hint="--template")
    item = (engine.Input("-", sys.stdin.buffer.read()) if str(path) == "-"
            else engine.read(path))
    result = engine.extract(item, registry, template)
    if isinstance(result, Diagnostic):
        click.echo(f"{result.path}:{result.line}:{result.column}: {result.code} "
                   f"{result.message}", err=True)
        sys.exit(EXIT_FINDINGS)
    click.echo(json.dumps(result, indent=2, ensure_ascii=False))


@cli.command()
def templates() -> None:
    """List the templates: name, role, an example title, the title pattern and the file."""
    registry = _configured_registry()
    for name in registry.names():
        entry = registry[name]
        click.echo(f"{name:<20} {entry.meta.get('role', '-'):<16} {entry.example_title}")
        click.echo(f"{'':<20} title pattern: {entry.title_pattern.pattern}")
        click.echo(f"{'':<20} source: {entry.path}")


@cli.group(name="template")
def template_group() -> None:
    """Work on templates."""


@template_group.command(name="check")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(path_type=Path, exists=True, dir_okay=False))
def template_check(files: tuple[Path, ...]) -> None:
    """Validate template FILES: YAML, JSON Schema, keywords, references, regular expressions.
    Exit 1 when one is broken."""
    from reportlint.templates import parse_file

    broken = 0
    for path in files:
        found = parse_file(path)
        if isinstance(found, TemplateProblem):
            broken += 1
            click.echo(f"{path}:{found.line or 1}: {found.message}")
        else:
            click.echo(f"{path}: ok: template `{found.name}`, titles matching "
                       f"`{found.title_pattern.pattern}`")
    sys.exit(EXIT_FINDINGS if broken else EXIT_OK)


@cli.command()
@click.argument("template")
@click.option("--task-id", metavar="ID", help="The task id for the title (e.g. BE-014).")
@click.option("--name", metavar="NAME", help="The task name for the title.")
def new(template: str, task_id: str | None, name: str | None) -> None:
    """Print a report skeleton for TEMPLATE, generated from the template itself."""
    from reportlint.scaffold import scaffold

    registry = _configured_registry()
    if template not in registry:
        raise click.BadParameter(_unknown_template(registry, template), param_hint="TEMPLATE")
    click.echo(scaffold(registry[template].schema, task_id, name), nl=False)


@cli.command(name="rule")
@click.argument("code")
def rule(code: str) -> None:
    """Print the documentation of one code (RL101) or name (missing-section)."""
    rules.load()
    entry = codes.CODES.get(code.upper()) or codes.by_name(code)
    if entry is None:
        raise click.BadParameter(f"unknown code {code!r}; see `reportlint rules`",
                                 param_hint="CODE")
    click.echo(f"# {entry.name} ({entry.code})\n\nDefault severity: {entry.severity.value}\n")
    click.echo(entry.doc)


@cli.command(name="rules")
@click.option("--markdown", is_flag=True,
              help="Print every code's whole documentation as Markdown (docs/rules.md).")
def list_rules(markdown: bool) -> None:
    """List every code: code, name, default severity, summary."""
    rules.load()
    entries = sorted(codes.CODES.values(), key=lambda e: e.code)
    if markdown:
        click.echo(codes.markdown(entries), nl=False)
        return
    for entry in entries:
        click.echo(f"{entry.code}  {entry.name:<24} {entry.severity.value:<8} {entry.summary}")


def main() -> None:
    cli(prog_name="reportlint")
