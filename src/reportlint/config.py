"""Configuration: ``[tool.reportlint]`` in pyproject.toml or a ``.reportlint.toml``, found by
walking up from each checked file (nearest wins; one that says ``extend = "../other.toml"``
is merged over that file, as in ruff). The only module that reads TOML."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from reportlint import codes, saferegex, selectors
from reportlint.diagnostics import Severity
from reportlint.paths import GlobError, Globs
from reportlint.rules.base import Options


def _toml() -> Any:
    """The TOML reader, imported only when there is a configuration file to read."""
    if sys.version_info >= (3, 11):
        import tomllib

        return tomllib
    import tomli  # pragma: no cover - Python 3.10

    return tomli  # pragma: no cover

FILENAMES = (".reportlint.toml", "pyproject.toml")
_KEYS = {"select", "ignore", "extend-select", "severity", "options", "include", "exclude",
         "template-dirs", "per-file-templates", "max-file-size", "max-file-seconds", "role",
         "reports", "extend", "per-file-ignores", "respect-gitignore", "force-exclude",
         "baseline", "evidence"}
_UNITS = {"": 1, "b": 1, "kb": 1000, "kib": 1024, "mb": 1000**2, "mib": 1024**2,
          "gb": 1000**3, "gib": 1024**3}
_OPTION_KEYS = {"coverage-minimum", "task-id-pattern", "extra-placeholder-patterns"}


class Config(NamedTuple):
    """A configuration, as read from a file (``path``) whose folder is ``root``; relative
    folders and globs in it are relative to the folder of the file that sets them (``root``,
    or that of a file it extends)."""

    path: Path | None = None
    root: Path = Path()
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = {}
    options: Options = Options()
    include: Globs = Globs(("**/*.md",))
    exclude: Globs = Globs(())
    template_dirs: tuple[Path, ...] = ()
    per_file_templates: tuple[tuple[Globs, str], ...] = ()
    max_file_size: int = 5 * 1024 * 1024
    max_file_seconds: float = 10.0  # processor time for one file's check (RL008 past it)
    role: str | None = None  # prefer this role's templates, whatever the task-id prefix
    reports: Globs = Globs(())  # files that must be reports
    # Codes (each selector expanded to every code it names) not reported in matching files.
    per_file_ignores: tuple[tuple[Globs, tuple[str, ...]], ...] = ()
    respect_gitignore: bool = True  # a folder walk skips what .gitignore files ignore
    force_exclude: bool = False  # include/exclude apply to files named outright too
    extends: tuple[Path, ...] = ()  # the files merged under this one, nearest first
    # The baseline `check` leaves recorded findings out by, and `reportlint baseline` writes
    # (relative to the folder of the file that names it); None: none unless one is given.
    baseline: Path | None = None
    # Files (or globs) of a CI run's results to check reports' claims against, as absolute
    # patterns: relative to the folder of the file that sets them.
    evidence: tuple[str, ...] = ()

    def selected(self, code: str) -> bool:
        """ruff's rule (see :mod:`reportlint.selectors`): the most specific selector wins;
        ``ignore`` wins a tie."""
        return selectors.selected(code, self.select + self.extend_select, self.ignore)

    def severity_of(self, code: str, default: Severity) -> Severity:
        return self.severity.get(code, default)

    def template_for(self, path: Path) -> str | None:
        """The template the configuration assigns to a file, if any (the first key that
        matches)."""
        for globs, template in self.per_file_templates:
            if self._matches(globs, path):
                return template
        return None

    def ignored_for(self, path: Path) -> tuple[str, ...]:
        """The codes `per-file-ignores` drops for this file."""
        return tuple(dict.fromkeys(code for globs, found in self.per_file_ignores
                                   if self._matches(globs, path) for code in found))

    def relative(self, path: Path, base: Path | None = None) -> str | None:
        """``path`` relative to ``base`` (default: this configuration's folder), or None when
        it is outside. Symbolic links are not resolved: a link loop is the reader's problem
        to report."""
        try:
            return Path(os.path.abspath(path)).relative_to(
                os.path.abspath(base or self.root)).as_posix()
        except ValueError:
            return None

    def _matches(self, globs: Globs, path: Path) -> bool:
        relative = self.relative(path, globs.base)
        return relative is not None and globs.match(relative)

    def must_report(self, path: Path | None) -> bool:
        """Whether the file is one the configuration says must be a report (`reports`)."""
        return path is not None and bool(self.reports.patterns) and \
            self._matches(self.reports, path)

    def excluded(self, path: Path) -> bool:
        return bool(self.exclude.patterns) and self._matches(self.exclude, path)

    def included(self, path: Path) -> bool:
        """Whether `include` takes the file and `exclude` does not; a file outside the
        folder `include` is relative to is not the configuration's to leave out."""
        relative = self.relative(path, self.include.base)
        return (relative is None or self.include.match(relative)) and not self.excluded(path)

    def globs(self) -> Iterator[tuple[str, Globs]]:
        """Every glob a configuration file set, by key, for the run to say which match no
        file (the built-in `include` is not one)."""
        for key, value in (("include", self.include), ("exclude", self.exclude),
                           ("reports", self.reports)):
            if value.source is not None:
                yield key, value
        for globs, _ in self.per_file_templates:
            yield "per-file-templates", globs
        for globs, _ in self.per_file_ignores:
            yield "per-file-ignores", globs


class ConfigProblem(NamedTuple):
    """A configuration reportlint cannot use; it stops with exit code 2."""

    path: Path | None
    key: str
    message: str

    def __str__(self) -> str:
        where = str(self.path) if self.path else "command line"
        return f"{where}: `{self.key}`: {self.message}"


def glob_regex(pattern: str) -> Globs:
    """One glob, compiled: ``glob_regex(g).match(relative_path)`` is whether it matches
    (gitignore syntax and ``{a,b}``, see :mod:`reportlint.paths`). Kept for action/run.py;
    :func:`reportlint.paths.matcher` takes a whole list."""
    return Globs.compiled([pattern])


def find(directory: Path) -> Path | None:
    """The nearest configuration file at or above ``directory``."""
    for folder in (directory, *directory.parents):
        for name in FILENAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_table(candidate)):
                return candidate
    return None


def _has_table(pyproject: Path) -> bool:
    """Whether a pyproject.toml configures reportlint; one that cannot be read counts, so
    that the problem is reported rather than the file silently skipped."""
    try:
        data = _toml().loads(pyproject.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, RecursionError, _toml().TOMLDecodeError):
        return True
    return isinstance(data.get("tool", {}).get("reportlint"), dict)


def load(path: Path, _chain: tuple[Path, ...] = ()) -> Config | ConfigProblem:
    """The configuration in ``path``, merged over the file it extends (and so on up)."""
    table = _table(path)
    if isinstance(table, ConfigProblem):
        return table
    parent: Config | None = None
    if "extend" in table:
        found = _extended(table["extend"], path, _chain)
        if isinstance(found, ConfigProblem):
            return found
        parent = found
    return from_table(table, path, base=parent)


def _table(path: Path) -> dict[str, Any] | ConfigProblem:
    try:
        data = _toml().loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return ConfigProblem(path, "-", f"cannot read: {exc}")
    except _toml().TOMLDecodeError as exc:
        return ConfigProblem(path, "-", f"invalid TOML: {exc}")
    except RecursionError:  # the TOML readers recurse once per nested array or table
        return ConfigProblem(path, "-", "nested too deeply to read")
    table = data.get("tool", {}).get("reportlint", {}) if path.name == "pyproject.toml" \
        else data.get("tool", {}).get("reportlint", data)
    if not isinstance(table, dict):
        return ConfigProblem(path, "tool.reportlint", "expected a table")
    return table


def _extended(value: Any, path: Path, chain: tuple[Path, ...]) -> Config | ConfigProblem:
    """The configuration ``extend = value`` in ``path`` names, relative to ``path``'s folder;
    a file that extends itself, directly or through others, is refused."""
    if not isinstance(value, str) or not value:
        return ConfigProblem(path, "extend", "expected the path of a configuration file, "
                             f"got {value!r}")
    target = Path(os.path.abspath(path.parent / value))
    chain = (*chain, Path(os.path.abspath(path)))
    if target in chain:
        cycle = " -> ".join(str(p) for p in (*chain, target))
        return ConfigProblem(path, "extend", f"the files extend each other in a cycle: {cycle}")
    if not target.is_file():
        return ConfigProblem(path, "extend", f"{target}: no such file")
    return load(target, chain)


def from_table(table: Mapping[str, Any], path: Path | None, root: Path | None = None,
               base: Config | None = None) -> Config | ConfigProblem:
    """The configuration a table says, over ``base`` (the file it extends) when there is one:
    a key the table sets replaces the base's, but `ignore` and `extend-select` add to it and
    the tables (`severity`, `options`, `per-file-templates`, `per-file-ignores`) merge, the
    table's entries first."""
    root = root or (path.parent if path else Path.cwd())
    for key in table:
        if key not in _KEYS:
            return ConfigProblem(path, key, f"unknown key; known keys: {', '.join(sorted(_KEYS))}")
    values: dict[str, Any] = {}
    if base is not None:
        values = base._asdict()
        values["extends"] = (*([base.path] if base.path else []), *base.extends)
    values.update(path=path, root=root)
    for key in ("select", "ignore", "extend-select"):
        if key in table:
            items = _strings(table[key])
            if items is None:
                return ConfigProblem(path, key, "expected a list of codes or rule names")
            try:
                selectors.parse_all(items)
            except selectors.UnknownSelector as exc:
                return ConfigProblem(path, key, str(exc))
            field = key.replace("-", "_")
            given = tuple(selectors.split(items))
            values[field] = given if key == "select" or base is None else values[field] + given
    for key in ("include", "exclude", "reports"):
        if key in table:
            items = _strings(table[key])
            if items is None:
                return ConfigProblem(path, key, "expected a list of glob patterns")
            globs = _globs(items, root, path, key)
            if isinstance(globs, ConfigProblem):
                return globs
            values[key] = globs
    if "evidence" in table:
        items = _strings(table["evidence"])
        if items is None or not all(items):
            return ConfigProblem(path, "evidence", "expected a list of files or glob patterns "
                                 "of test, coverage or linter results")
        values["evidence"] = tuple(os.path.join(root, item) for item in items)
    if "template-dirs" in table:
        items = _strings(table["template-dirs"])
        if items is None:
            return ConfigProblem(path, "template-dirs", "expected a list of folders")
        dirs = tuple(root / d for d in items)
        missing = [d for d in dirs if not d.is_dir()]
        if missing:
            return ConfigProblem(path, "template-dirs", f"{missing[0]} is not a folder")
        values["template_dirs"] = dirs
    for key, parse in (("per-file-templates", _per_file_templates),
                       ("per-file-ignores", _per_file_ignores)):
        if key in table:
            entries = parse(table[key], root, path)
            if isinstance(entries, ConfigProblem):
                return entries
            field = key.replace("-", "_")
            values[field] = (*entries, *values.get(field, ()))
    if "role" in table:
        if not isinstance(table["role"], str) or not table["role"]:
            return ConfigProblem(path, "role", f"expected a role name such as \"qa\", "
                                 f"got {table['role']!r}")
        values["role"] = table["role"]
    if "max-file-size" in table:
        size = _size(table["max-file-size"])
        if size is None:
            return ConfigProblem(path, "max-file-size", "expected a size such as 5242880, "
                                 f"\"5 MiB\" or \"10MB\", got {table['max-file-size']!r}")
        values["max_file_size"] = size
    if "max-file-seconds" in table:
        seconds = table["max-file-seconds"]
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not (
                0 < seconds <= 86_400):
            return ConfigProblem(path, "max-file-seconds", "expected a number of seconds "
                                 f"over 0 and up to 86400, such as 10 or 2.5, got {seconds!r}")
        values["max_file_seconds"] = float(seconds)
    if "baseline" in table:
        if not isinstance(table["baseline"], str) or not table["baseline"]:
            return ConfigProblem(path, "baseline", "expected the path of a baseline file "
                                 f"such as \".reportlint-baseline.json\", got "
                                 f"{table['baseline']!r}")
        values["baseline"] = root / table["baseline"]
    for key in ("respect-gitignore", "force-exclude"):
        if key in table:
            if not isinstance(table[key], bool):
                return ConfigProblem(path, key, f"expected true or false, got {table[key]!r}")
            values[key.replace("-", "_")] = table[key]
    severity = _severities(table.get("severity", {}), path)
    if isinstance(severity, ConfigProblem):
        return severity
    values["severity"] = {**values.get("severity", {}), **severity}
    options = _options(table.get("options", {}), path,
                       base.options if base is not None else Options())
    if isinstance(options, ConfigProblem):
        return options
    values["options"] = options
    return Config(**values)


def _globs(items: list[str], root: Path, path: Path | None, key: str) -> Globs | ConfigProblem:
    try:
        return Globs.compiled(items, root, path)
    except GlobError as exc:
        return ConfigProblem(path, key, f"invalid glob: {exc}")


def _per_file_templates(mapping: Any, root: Path,
                        path: Path | None) -> list[tuple[Globs, str]] | ConfigProblem:
    key = "per-file-templates"
    if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
        return ConfigProblem(path, key, "expected a table of glob = \"template name\"")
    out = []
    for pattern, template in mapping.items():
        try:
            out.append((Globs.key(pattern, root, path), template))
        except GlobError as exc:
            return ConfigProblem(path, f"{key}.{pattern}", f"invalid glob: {exc}")
    return out


def _per_file_ignores(mapping: Any, root: Path, path: Path | None
                      ) -> list[tuple[Globs, tuple[str, ...]]] | ConfigProblem:
    key = "per-file-ignores"
    if not isinstance(mapping, dict):
        return ConfigProblem(path, key, "expected a table of glob = [\"RL201\", ...]")
    out = []
    for pattern, value in mapping.items():
        where = f"{key}.{pattern}"
        items = _strings(value)
        if items is None:
            return ConfigProblem(path, where, "expected a list of codes or rule names")
        try:
            chosen = selectors.parse_all(items)
            globs = Globs.key(pattern, root, path)
        except selectors.UnknownSelector as exc:
            return ConfigProblem(path, where, str(exc))
        except GlobError as exc:
            return ConfigProblem(path, where, f"invalid glob: {exc}")
        # Every code by itself: an ignore as specific as any selection wins over it, so a
        # per-file ignore always drops the code, as in ruff.
        found = tuple(code for code in codes.CODES if any(s.matches(code) for s in chosen))
        out.append((globs, found))
    return out


def _severities(table: Any, path: Path | None) -> dict[str, Severity] | ConfigProblem:
    """Each code's severity from a table of selector = level: the most specific key that
    matches a code decides it, so `RL2 = "warning"` and `RL201 = "error"` can go together."""
    if not isinstance(table, dict):
        return ConfigProblem(path, "severity", "expected a table of CODE = \"error\"|\"warning\"")
    best: dict[str, tuple[int, Severity, str]] = {}  # code -> (specificity, level, key)
    for key, level in table.items():
        where = f"severity.{key}"
        try:
            chosen = selectors.parse_all(key)
        except selectors.UnknownSelector as exc:
            return ConfigProblem(path, where, str(exc))
        if not chosen:
            return ConfigProblem(path, where, "expected a code, prefix, rule name or ALL")
        if level not in ("error", "warning"):
            return ConfigProblem(path, where, f"expected \"error\" or \"warning\", got {level!r}")
        wanted = Severity(level)
        for selector in chosen:
            for code in filter(selector.matches, codes.CODES):
                known = best.get(code)
                if known is not None and known[0] == selector.specificity \
                        and known[1] != wanted:
                    return ConfigProblem(path, where, f"makes {code} {level!r} but "
                                         f"`severity.{known[2]}` makes it {known[1].value!r}")
                if known is None or selector.specificity > known[0]:
                    best[code] = (selector.specificity, wanted, key)
    return {code: chosen_level for code, (_, chosen_level, _) in best.items()}


def _options(table: Any, path: Path | None, base: Options) -> Options | ConfigProblem:
    if not isinstance(table, dict):
        return ConfigProblem(path, "options", "expected a table")
    for key in table:
        if key not in _OPTION_KEYS:
            return ConfigProblem(path, f"options.{key}",
                                 f"unknown option; known: {', '.join(sorted(_OPTION_KEYS))}")
    values: dict[str, Any] = {}
    if "coverage-minimum" in table:
        bar = table["coverage-minimum"]
        if isinstance(bar, bool) or not isinstance(bar, (int, float)) or not 0 <= bar <= 100:
            return ConfigProblem(path, "options.coverage-minimum",
                                 f"expected a number from 0 to 100, got {bar!r}")
        values["coverage_minimum"] = float(bar)
    if "task-id-pattern" in table:
        compiled = _regexes([table["task-id-pattern"]], path, "options.task-id-pattern")
        if isinstance(compiled, ConfigProblem):
            return compiled
        values["task_id_pattern"] = compiled[0]
    if "extra-placeholder-patterns" in table:
        items = _strings(table["extra-placeholder-patterns"])
        if items is None:
            return ConfigProblem(path, "options.extra-placeholder-patterns",
                                 "expected a list of regular expressions")
        compiled = _regexes(items, path, "options.extra-placeholder-patterns")
        if isinstance(compiled, ConfigProblem):
            return compiled
        values["extra_placeholders"] = tuple(compiled)
    return base._replace(**values)


def _regexes(items: Iterable[Any], path: Path | None,
             key: str) -> list[saferegex.Regex] | ConfigProblem:
    out = []
    for item in items:
        if not isinstance(item, str):
            return ConfigProblem(path, key, f"expected a regular expression, got {item!r}")
        try:
            out.append(saferegex.compile(item))
        except saferegex.RegexError as exc:
            return ConfigProblem(path, key, f"{item!r} is not a valid regular expression: {exc}")
    return out


def _size(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value if value > 0 else None
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", value) if isinstance(
        value, str) else None
    if match is None or match.group(2).lower() not in _UNITS:
        return None
    size = int(float(match.group(1)) * _UNITS[match.group(2).lower()])
    return size if size > 0 else None


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return None
