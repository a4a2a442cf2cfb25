"""Configuration: ``[tool.reportlint]`` in pyproject.toml or a ``.reportlint.toml``, found by
walking up from each checked file (nearest wins). The only module that reads TOML."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from reportlint import codes, saferegex, selectors
from reportlint.diagnostics import Severity
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
         "reports"}
_UNITS = {"": 1, "b": 1, "kb": 1000, "kib": 1024, "mb": 1000**2, "mib": 1024**2,
          "gb": 1000**3, "gib": 1024**3}
_OPTION_KEYS = {"coverage-minimum", "task-id-pattern", "extra-placeholder-patterns"}


class Config(NamedTuple):
    """A configuration, as read from a file (``path``) whose folder is ``root``; relative
    globs and folders in it are relative to ``root``."""

    path: Path | None = None
    root: Path = Path()
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = {}
    options: Options = Options()
    include: tuple[str, ...] = ("**/*.md",)
    exclude: tuple[str, ...] = ()
    template_dirs: tuple[Path, ...] = ()
    per_file_templates: tuple[tuple[str, str], ...] = ()
    max_file_size: int = 5 * 1024 * 1024
    max_file_seconds: float = 10.0  # processor time for one file's check (RL008 past it)
    role: str | None = None  # prefer this role's templates, whatever the task-id prefix
    reports: tuple[str, ...] = ()  # globs of files that must be reports

    def selected(self, code: str) -> bool:
        """ruff's rule (see :mod:`reportlint.selectors`): the most specific selector wins;
        ``ignore`` wins a tie."""
        return selectors.selected(code, self.select + self.extend_select, self.ignore)

    def severity_of(self, code: str, default: Severity) -> Severity:
        return self.severity.get(code, default)

    def template_for(self, path: Path) -> str | None:
        """The template the configuration assigns to a file, if any."""
        if not self.per_file_templates:
            return None
        relative = self.relative(path)
        for pattern, template in self.per_file_templates:
            if relative is not None and glob_regex(pattern).match(relative):
                return template
        return None

    def relative(self, path: Path) -> str | None:
        """``path`` relative to this configuration's folder, or None when it is outside.
        Symbolic links are not resolved: a link loop is the reader's problem to report."""
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(self.root)).as_posix()
        except ValueError:
            return None

    def must_report(self, path: Path | None) -> bool:
        """Whether the file is one the configuration says must be a report (`reports`)."""
        relative = self.relative(path) if path is not None and self.reports else None
        return relative is not None and any(glob_regex(p).match(relative) for p in self.reports)

    def excluded(self, path: Path) -> bool:
        relative = self.relative(path)
        return relative is not None and any(glob_regex(p).match(relative) for p in self.exclude)

    def included(self, path: Path) -> bool:
        relative = self.relative(path)
        return relative is not None and any(
            glob_regex(p).match(relative) for p in self.include) and not self.excluded(path)


class ConfigProblem(NamedTuple):
    """A configuration reportlint cannot use; it stops with exit code 2."""

    path: Path | None
    key: str
    message: str

    def __str__(self) -> str:
        where = str(self.path) if self.path else "command line"
        return f"{where}: `{self.key}`: {self.message}"


@lru_cache(maxsize=256)
def glob_regex(pattern: str) -> re.Pattern[str]:
    """A gitignore-like glob: ``**`` crosses folders, ``*`` and ``?`` do not."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    # A pattern without a slash matches the name anywhere, as in .gitignore.
    prefix = "" if "/" in pattern.rstrip("/") else "(?:.*/)?"
    return re.compile(prefix + "".join(out) + "$")


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


def load(path: Path) -> Config | ConfigProblem:
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
    return from_table(table, path)


def from_table(table: Mapping[str, Any], path: Path | None,
               root: Path | None = None) -> Config | ConfigProblem:
    root = root or (path.parent if path else Path.cwd())
    for key in table:
        if key not in _KEYS:
            return ConfigProblem(path, key, f"unknown key; known keys: {', '.join(sorted(_KEYS))}")
    values: dict[str, Any] = {"path": path, "root": root}
    for key in ("select", "ignore", "extend-select"):
        if key in table:
            items = _strings(table[key])
            if items is None:
                return ConfigProblem(path, key, "expected a list of codes or rule names")
            try:
                selectors.parse_all(items)
            except selectors.UnknownSelector as exc:
                return ConfigProblem(path, key, str(exc))
            values[key.replace("-", "_")] = tuple(selectors.split(items))
    for key in ("include", "exclude", "reports"):
        if key in table:
            items = _strings(table[key])
            if items is None:
                return ConfigProblem(path, key, "expected a list of glob patterns")
            values[key] = tuple(items)
    if "template-dirs" in table:
        items = _strings(table["template-dirs"])
        if items is None:
            return ConfigProblem(path, "template-dirs", "expected a list of folders")
        dirs = tuple(root / d for d in items)
        missing = [d for d in dirs if not d.is_dir()]
        if missing:
            return ConfigProblem(path, "template-dirs", f"{missing[0]} is not a folder")
        values["template_dirs"] = dirs
    if "per-file-templates" in table:
        mapping = table["per-file-templates"]
        if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
            return ConfigProblem(path, "per-file-templates",
                                 "expected a table of glob = \"template name\"")
        values["per_file_templates"] = tuple(mapping.items())
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
    severity = _severities(table.get("severity", {}), path)
    if isinstance(severity, ConfigProblem):
        return severity
    values["severity"] = severity
    options = _options(table.get("options", {}), path)
    if isinstance(options, ConfigProblem):
        return options
    values["options"] = options
    return Config(**values)


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


def _options(table: Any, path: Path | None) -> Options | ConfigProblem:
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
    return Options(**values)


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
