"""JUnit XML: one test case per report (or per file, for files without one)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from xml.etree import ElementTree

from reportlint.diagnostics import Diagnostic, Outcome, Severity
from reportlint.formats import PLAIN, Style
from reportlint.quote import printable

# XML 1.0 cannot carry most control characters, even escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def _line(d: Diagnostic) -> str:
    # Messages are safe lines already; a path shows its controls as escapes.
    return f"{printable(d.path)}:{d.line}:{d.column}: {d.code} {d.message}"


def _case(parent: ElementTree.Element, path: str, name: str,
          diagnostics: Sequence[Diagnostic]) -> tuple[int, int]:
    case = ElementTree.SubElement(parent, "testcase", classname=_clean(printable(path)),
                                  name=_clean(printable(name)))
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors:
        failure = ElementTree.SubElement(case, "failure", type=errors[0].code,
                                         message=_clean(f"{len(errors)} error(s)"))
        failure.text = _clean("\n".join(_line(d) for d in diagnostics))
    elif diagnostics:
        out = ElementTree.SubElement(case, "system-out")
        out.text = _clean("\n".join(_line(d) for d in diagnostics))
    return 1, 1 if errors else 0


def render(outcomes: Sequence[Outcome], style: Style = PLAIN) -> str:
    suites = ElementTree.Element("testsuites", name="reportlint")
    suite = ElementTree.SubElement(suites, "testsuite", name="reportlint")
    tests = failures = 0
    for outcome in outcomes:
        spans = sorted(outcome.reports, key=lambda s: s.line)
        claimed: set[int] = set()
        for span in spans:
            inside = [d for d in outcome.diagnostics if span.line <= d.line <= span.end_line]
            claimed.update(id(d) for d in inside)
            counted = _case(suite, outcome.path, f"{span.title} (line {span.line})", inside)
            tests, failures = tests + counted[0], failures + counted[1]
        rest = [d for d in outcome.diagnostics if id(d) not in claimed]
        if rest or not spans:
            counted = _case(suite, outcome.path, outcome.path, rest)
            tests, failures = tests + counted[0], failures + counted[1]
    for element in (suites, suite):
        element.set("tests", str(tests))
        element.set("failures", str(failures))
        element.set("errors", "0")
    ElementTree.indent(suites)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            + ElementTree.tostring(suites, encoding="unicode") + "\n")
