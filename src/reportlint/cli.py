"""The command line. The only module that imports click, prints or exits."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from reportlint import __version__, codes, engine, formats
from reportlint.diagnostics import Diagnostic, Severity
from reportlint.templates import Registry, builtin

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _registry() -> Registry:
    registry, problems = builtin()
    if problems:
        for problem in problems:
            click.echo(f"error: broken template {problem}", err=True)
        sys.exit(EXIT_USAGE)
    return registry


def _template_option(registry: Registry, template: str | None) -> None:
    if template is not None and template not in registry:
        raise click.BadParameter(
            f"unknown template {template!r}; known: {', '.join(registry.names())}",
            param_hint="--template")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="reportlint")
def cli() -> None:
    """Lint the Markdown reports AI coding agents write: Task Acknowledged, Progress Update,
    Task Completion Report."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@click.option("--format", "output_format", type=click.Choice(sorted(formats.FORMATS)),
              default="text", show_default=True, help="Output format.")
@click.option("--template", metavar="NAME",
              help="Check every report (or the whole file) against this template.")
@click.option("--stdin-filename", metavar="PATH",
              help="The path to show for input read from `-`.")
def check(paths: tuple[Path, ...], output_format: str, template: str | None,
          stdin_filename: str | None) -> None:
    """Check reports. PATHS are files, directories (searched for *.md) or - for stdin;
    the default is the current directory."""
    registry = _registry()
    _template_option(registry, template)
    missing = [p for p in paths if str(p) != "-" and not p.exists() and not p.is_symlink()]
    for path in missing:
        click.echo(f"error: {path}: no such file or directory", err=True)
    wanted = [p for p in paths if p not in missing] if paths else [Path(".")]
    diagnostics: list[Diagnostic] = []
    files = 0
    for path in wanted:
        if str(path) == "-":
            items = [engine.Input(stdin_filename or "-", sys.stdin.buffer.read())]
        else:
            items = [engine.read(p) for p in engine.expand([path])]
        for item in items:
            files += 1
            diagnostics.extend(engine.check(item, registry, template))
    click.echo(formats.FORMATS[output_format](diagnostics, files), nl=False)
    if missing:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FINDINGS if any(d.severity is Severity.ERROR for d in diagnostics)
             else EXIT_OK)


@cli.command()
@click.argument("path", type=click.Path(path_type=Path, allow_dash=True, exists=True))
@click.option("--template", metavar="NAME",
              help="Treat every report (or the whole file) as this template.")
def extract(path: Path, template: str | None) -> None:
    """Print the report model of PATH as JSON: what templates validate."""
    registry = _registry()
    _template_option(registry, template)
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
    """List the templates and the report titles they recognise."""
    registry = _registry()
    for name in registry.names():
        entry = registry[name]
        click.echo(f"{name:<16} {entry.meta.get('role', '-'):<10} {entry.example_title}")


@cli.command(name="rule")
@click.argument("code")
def rule(code: str) -> None:
    """Print the documentation of one code (RL101) or name (missing-section)."""
    entry = codes.CODES.get(code.upper()) or codes.by_name(code)
    if entry is None:
        raise click.BadParameter(f"unknown code {code!r}; see `reportlint rules`",
                                 param_hint="CODE")
    click.echo(f"# {entry.name} ({entry.code})\n\nDefault severity: {entry.severity.value}\n")
    click.echo(entry.doc)


@cli.command(name="rules")
def rules() -> None:
    """List every code: code, name, default severity, summary."""
    for entry in codes.CODES.values():
        click.echo(f"{entry.code}  {entry.name:<24} {entry.severity.value:<8} {entry.summary}")


def main() -> None:
    cli(prog_name="reportlint")
