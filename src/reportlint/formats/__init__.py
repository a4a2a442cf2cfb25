"""Outcomes to text: each output format is a function from the files' outcomes to a string.

Formats never print; the CLI writes what they return. Messages and titles come to them as
one safe line each (:func:`reportlint.quote.message`); each format also makes what it writes
safe on its own: paths with control characters show them as escapes, JSON escapes every
control and invisible character (:func:`dumps`), and the Markdown step summary escapes
Markdown and HTML.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from reportlint import codes
from reportlint.diagnostics import Diagnostic, Outcome, Severity
from reportlint.quote import printable


class Style(NamedTuple):
    """How text output looks: ANSI colour only when the CLI says the terminal wants it;
    ``quiet``, the findings alone (``--quiet``)."""

    color: bool = False
    quiet: bool = False

    def paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color else text


PLAIN = Style()
Formatter = Callable[[Sequence[Outcome], Style], str]


def findings(outcomes: Sequence[Outcome]) -> list[Diagnostic]:
    return [d for outcome in outcomes for d in outcome.diagnostics]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


FIX_COMMAND = "reportlint check --fix"


def fixable(outcomes: Sequence[Outcome]) -> str | None:
    """How many findings ``--fix`` would repair, as the line text output ends with; None when
    it would repair none."""
    tally = Tally()
    for outcome in outcomes:
        tally.add(outcome)
    return tally.fixable_line()


def fingerprint(d: Diagnostic) -> str:
    """What identifies a finding across runs, for code scanning and GitLab: its file, its code
    and its fingerprint (message and line text, :mod:`reportlint.baseline`), not its line
    number, so that lines added above it leave it the same finding."""
    identity = "\0".join((d.path, d.code, d.fingerprint or d.message))
    from reportlint import digest  # only for the formats that identify findings

    return str(digest.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest())


def record(d: Diagnostic) -> dict[str, Any]:
    """A finding as JSON output shows it: its fields, whether ``--fix`` repairs it, the URL
    of its code's documentation, and its fingerprint in its file (the one a baseline records;
    the Action carries it into SARIF)."""
    return {**d.as_dict(), "fixable": d.fixable, "url": codes.url(codes.CODES[d.code]),
            "fingerprint": d.fingerprint}


class Tally:
    """The counts of the summary line, kept as outcomes go by (text output streams them)."""

    def __init__(self) -> None:
        self.files = self.skipped = self.with_findings = self.errors = self.warnings = 0
        self.fixable = 0

    def add(self, outcome: Outcome) -> None:
        self.files += 1
        self.skipped += outcome.skipped
        self.with_findings += bool(outcome.diagnostics)
        for d in outcome.diagnostics:
            self.fixable += d.fixable
            if d.severity is Severity.ERROR:
                self.errors += 1
            else:
                self.warnings += 1

    def line(self) -> str:
        skipped = self.skipped
        checked = _plural(self.files - skipped, "file")
        # Files that are not reports (a README) are passed over; say how many, never silently.
        passed_over = f", {skipped} skipped as not {'a report' if skipped == 1 else 'reports'}" \
            if skipped else ""
        if not self.errors + self.warnings:
            return f"All checks passed! ({checked} checked{passed_over})"
        return (f"Found {_plural(self.errors, 'error')} and {_plural(self.warnings, 'warning')} "
                f"in {self.with_findings} of {checked}"
                f"{f' ({passed_over[2:]})' if skipped else ''}.")

    def fixable_line(self) -> str | None:
        """How many findings ``--fix`` would repair, as the line text output ends with; None
        when it would repair none."""
        return f"[*] {self.fixable} fixable with `{FIX_COMMAND}`." if self.fixable else None


def summary(outcomes: Sequence[Outcome]) -> str:
    tally = Tally()
    for outcome in outcomes:
        tally.add(outcome)
    return tally.line()


def text_lines(outcome: Outcome, style: Style = PLAIN) -> list[str]:
    """The lines of text output for one file's findings."""
    lines = []
    for d in outcome.diagnostics:
        code = style.paint(d.code, "1;31" if d.severity is Severity.ERROR else "1;33")
        mark = style.paint("[*]", "36") + " " if d.fixable else ""
        # A message is one line already; a path is shown with its controls escaped, so
        # neither can start a line of its own (`::error ...` in a CI log) or act on a terminal.
        lines.append(f"{style.paint(printable(d.path), '1')}:{d.line}:{d.column}: {code} "
                     f"{mark}{printable(d.message)}")
    return lines


def text(outcomes: Sequence[Outcome], style: Style = PLAIN) -> str:
    lines = [line for outcome in outcomes for line in text_lines(outcome, style)]
    if style.quiet:
        return "".join(line + "\n" for line in lines)
    lines.append(summary(outcomes))
    repairable = fixable(outcomes)
    if repairable:
        lines.append(repairable)
    return "\n".join(lines) + "\n"


def compact(outcome: Outcome, keep_fix: bool) -> Outcome:
    """An outcome without its repair hints (``fix``) unless ``keep_fix``: what api.run keeps
    of each when no output of the run prints them."""
    if keep_fix or not any(d.fix for d in outcome.diagnostics):
        return outcome
    return outcome._replace(diagnostics=tuple(d._replace(fix=None) if d.fix else d
                                              for d in outcome.diagnostics))


# What the JSON encoder leaves as it is but a terminal or a log viewer acts on: DEL, C1, bidi
# controls, zero-width characters, line and paragraph separators. Outside strings JSON output
# is ASCII, so each is inside a string, where its \u escape is the same character.
_JSON_UNSAFE = ("[\x7f-\x9f\u061c\u00ad\u180e\u200b-\u200f\u2028-\u202e"
                "\u2060-\u2064\u2066-\u2069\ufeff]")


def dumps(value: Any, *, compact: bool = False) -> str:
    """``value`` as indented JSON (``compact``: on one line, as JSON Lines need), non-ASCII
    text as it is but every control and invisible character escaped."""
    encoded = (json.dumps(value, ensure_ascii=False, separators=(",", ":")) if compact
               else json.dumps(value, indent=2, ensure_ascii=False))
    return re.sub(_JSON_UNSAFE, lambda m: f"\\u{ord(m.group(0)):04x}", encoded)


def as_json(outcomes: Sequence[Outcome], style: Style = PLAIN) -> str:
    return dumps([record(d) for d in findings(outcomes)]) + "\n"


def json_lines(outcomes: Sequence[Outcome], style: Style = PLAIN) -> str:
    """One JSON object per finding and line, as ``json`` shows each (JSON Lines: no line for
    a run without findings)."""
    return "".join(dumps(record(d), compact=True) + "\n" for d in findings(outcomes))


FORMAT_NAMES = ("text", "json", "json-lines", "sarif", "github", "junit", "gitlab", "rdjson")


STATISTICS_FORMATS = ("text", "json", "json-lines")
# The formats that print a finding's repair hints and edits (`fix`); the others spare a run
# the work of computing them.
FIX_FORMATS = ("json", "json-lines", "rdjson")


def statistics(outcomes: Sequence[Outcome], name: str = "text") -> str:
    """How many findings each code has, the most first (``--statistics``): text lines and
    the summary, or for ``json`` and ``json-lines`` one object per code with how many of
    them ``--fix`` repairs."""
    counts: dict[str, list[int]] = {}
    for d in findings(outcomes):
        count = counts.setdefault(d.code, [0, 0])
        count[0] += 1
        count[1] += d.fixable
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[0]))
    if name in ("json", "json-lines"):
        rows = [{"code": code, "name": codes.CODES[code].name, "count": n, "fixable": fix}
                for code, (n, fix) in ordered]
        if name == "json":
            return dumps(rows) + "\n"
        return "".join(dumps(row, compact=True) + "\n" for row in rows)
    lines = [f"{n:>5}  {code}  {codes.CODES[code].name}" for code, (n, _) in ordered]
    return "\n".join([*lines, summary(outcomes)]) + "\n"


def render(name: str, outcomes: Sequence[Outcome], style: Style = PLAIN) -> str:
    if name == "text":
        return text(outcomes, style)
    if name == "json":
        return as_json(outcomes, style)
    if name == "json-lines":
        return json_lines(outcomes, style)
    # The other formats are modules of their own, imported only when asked for.
    module = importlib.import_module(f"reportlint.formats.{name}")
    rendered: str = module.render(outcomes, style)
    return rendered
