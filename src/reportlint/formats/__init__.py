"""Outcomes to text: each output format is a function from the files' outcomes to the
pieces of its text, given as the outcomes come (:func:`stream`), so that a run's memory does
not grow with its files; a format that can only be written at the end (JUnit's counts come
first) keeps only the text it prints.

Formats never print; the CLI writes what they give. Messages and titles come to them as
one safe line each (:func:`reportlint.quote.message`); each format also makes what it writes
safe on its own: paths with control characters show them as escapes, JSON escapes every
control and invisible character (:func:`dumps`), and the Markdown step summary escapes
Markdown and HTML.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
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
Formatter = Callable[[Iterable[Outcome], Style], Iterator[str]]


def findings(outcomes: Iterable[Outcome]) -> Iterator[Diagnostic]:
    return (d for outcome in outcomes for d in outcome.diagnostics)


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


def text(outcomes: Iterable[Outcome], style: Style = PLAIN) -> Iterator[str]:
    """Each file's findings, a line each, then (unless ``style.quiet``) the summary line and
    the count of fixable findings."""
    tally = Tally()
    for outcome in outcomes:
        tally.add(outcome)
        lines = text_lines(outcome, style)
        if lines:
            yield "".join(line + "\n" for line in lines)
    if not style.quiet:
        yield "".join(line + "\n" for line in (tally.line(), tally.fixable_line()) if line)


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


# Where dumps_around puts the items it is given: a string no value of reportlint's holds
# (JSON writes its NULs as `\u0000`).
_ITEMS = "\x00reportlint: the items\x00"
_ITEMS_JSON = json.dumps(_ITEMS)


def dumps_around(document: Any, items: Iterable[Any]) -> Iterator[str]:
    """``document`` as :func:`dumps` writes it (indented), where the one list ``[ITEMS]`` in
    it holds ``items``: the same text, written as the items come."""
    text = dumps(document)
    at = text.index(_ITEMS_JSON)
    indent = text[text.rindex("\n", 0, at) + 1:at]
    opened = text.rindex("[", 0, at)
    closed = text.index("]", at + len(_ITEMS_JSON))
    yield text[:opened]
    first = True
    for item in items:
        yield ("[\n" if first else ",\n") + indent + dumps(item).replace("\n", "\n" + indent)
        first = False
    yield ("[]" if first else "\n" + indent[:-2] + "]") + text[closed + 1:]


ITEMS = [_ITEMS]


def as_json(outcomes: Iterable[Outcome], style: Style = PLAIN) -> Iterator[str]:
    yield from dumps_around(ITEMS, (record(d) for d in findings(outcomes)))
    yield "\n"


def json_lines(outcomes: Iterable[Outcome], style: Style = PLAIN) -> Iterator[str]:
    """One JSON object per finding and line, as ``json`` shows each (JSON Lines: no line for
    a run without findings)."""
    return (dumps(record(d), compact=True) + "\n" for d in findings(outcomes))


FORMAT_NAMES = ("text", "json", "json-lines", "sarif", "github", "junit", "gitlab", "rdjson")


STATISTICS_FORMATS = ("text", "json", "json-lines")
# The formats that print a finding's repair hints and edits (`fix`); the others spare a run
# the work of computing them.
FIX_FORMATS = ("json", "json-lines", "rdjson")


def statistics(outcomes: Iterable[Outcome], name: str = "text") -> str:
    """How many findings each code has, the most first (``--statistics``): text lines and
    the summary, or for ``json`` and ``json-lines`` one object per code with how many of
    them ``--fix`` repairs."""
    counts: dict[str, list[int]] = {}
    tally = Tally()
    for outcome in outcomes:
        tally.add(outcome)
        for d in outcome.diagnostics:
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
    return "\n".join([*lines, tally.line()]) + "\n"


def stream(name: str, outcomes: Iterable[Outcome], style: Style = PLAIN) -> Iterator[str]:
    """The pieces of format ``name``'s text, given as ``outcomes`` come."""
    if name == "text":
        return text(outcomes, style)
    if name == "json":
        return as_json(outcomes, style)
    if name == "json-lines":
        return json_lines(outcomes, style)
    # The other formats are modules of their own, imported only when asked for.
    module = importlib.import_module(f"reportlint.formats.{name}")
    pieces: Iterator[str] = module.render(outcomes, style)
    return pieces


def render(name: str, outcomes: Iterable[Outcome], style: Style = PLAIN) -> str:
    return "".join(stream(name, outcomes, style))
