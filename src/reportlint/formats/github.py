"""GitHub Actions workflow commands, and the Markdown summary for the job's page."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from reportlint.diagnostics import Outcome, Severity
from reportlint.formats import PLAIN, Style, Tally
from reportlint.quote import printable

# What the runner would show as it is, and a log viewer act on: the other controls and the
# invisible characters. The runner decodes only %25, %0D, %0A, %3A and %2C, so these stay
# written as `%1B`: visible, inert.
_UNSAFE = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u00ad\u180e"
                     "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def escape_data(text: str) -> str:
    """A command's message: `%`, CR and LF escaped, so report text cannot end the command
    and start another; other controls written as inert `%XX`."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return _UNSAFE.sub(lambda m: f"%{ord(m.group(0)):02X}", text)


def escape_property(text: str) -> str:
    """A command's property value: as data, plus `:` and `,` which separate properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(outcomes: Iterable[Outcome], style: Style = PLAIN) -> Iterator[str]:
    tally = Tally()
    for outcome in outcomes:
        tally.add(outcome)
        for d in outcome.diagnostics:
            kind = "error" if d.severity is Severity.ERROR else "warning"
            props = ",".join([f"file={escape_property(d.path)}", f"line={d.line}",
                              f"col={d.column}",
                              f"title={escape_property(f'{d.code} {d.name}')}"])
            yield f"::{kind} {props}::{escape_data(d.message)}\n"
    yield tally.line() + "\n"


# Outside code spans: every character CommonMark, GFM or GitHub give a meaning to inline
# (emphasis, links, images, HTML, entities, tables, strikethrough, math, footnotes), escaped
# with a backslash, which is valid before any ASCII punctuation and shows the character. A
# bare URL may still be linked: its text is the link, so it cannot pass for another.
_MARKUP = re.compile(r"([\\`*_\[\]()!<>&#|~^$])")


def _cell(text: str) -> str:
    """Report text (a message, a path) as the content of a Markdown table cell: one line,
    its code spans kept (inside them nothing is markup, and `|` is escaped as GFM tables
    need), everything else escaped, so it cannot close the table, open HTML (`</details>`),
    link, embed an image or emphasise."""
    parts = " ".join(printable(text).split()).split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: the text after it is not code
        parts[-2:] = ["`".join(parts[-2:])]
    out = []
    for index, part in enumerate(parts):
        if index % 2:
            out.append(f"`{part.replace('|', chr(92) + '|')}`" if part.strip() else "")
        else:
            out.append(_MARKUP.sub(r"\\\1", part))
    return "".join(out)


def step_summary(outcomes: Sequence[Outcome]) -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: every finding (annotations stop at ten of each
    kind per step), a table per file."""
    kept = StepSummary()
    for outcome in outcomes:
        kept.add(outcome)
    return kept.text()


class StepSummary:
    """The step summary, made as the outcomes go by: what it keeps is the lines it prints."""

    def __init__(self) -> None:
        self._tally = Tally()
        self._files: list[str] = []  # the table of files, a row each
        self._findings: list[str] = []  # a table of each file's findings

    def add(self, outcome: Outcome) -> None:
        self._tally.add(outcome)
        if not outcome.diagnostics:
            return
        errors = sum(d.severity is Severity.ERROR for d in outcome.diagnostics)
        self._files.append(f"| {_cell(outcome.path)} | {errors} | "
                           f"{len(outcome.diagnostics) - errors} |")
        self._findings.append("\n".join([
            f"### {_cell(outcome.path)}", "", "| line | code | severity | message |",
            "| ---: | --- | --- | --- |",
            *(f"| {d.line} | {d.code} | {d.severity.value} | {_cell(d.message)} |"
              for d in outcome.diagnostics), ""]))

    def text(self) -> str:
        out = ["## reportlint", "", self._tally.line(), ""]
        if self._files:
            out += ["| file | errors | warnings |", "| --- | ---: | ---: |", *self._files, "",
                    *self._findings]
        return "\n".join(out) + "\n"
