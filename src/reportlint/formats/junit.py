"""JUnit XML: one test case per report (or per file, for files without one)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any
from xml.etree import ElementTree

from reportlint.diagnostics import Diagnostic, Outcome, Severity
from reportlint.errors import no_room
from reportlint.formats import PLAIN, Style
from reportlint.quote import printable

# XML 1.0 cannot carry most control characters, even escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def _line(d: Diagnostic) -> str:
    # Messages are safe lines already; a path shows its controls as escapes.
    return f"{printable(d.path)}:{d.line}:{d.column}: {d.code} {d.message}"


def _case(path: str, name: str, diagnostics: Sequence[Diagnostic]) -> tuple[str, bool]:
    """A test case's XML, as it stands in the suite, and whether it fails."""
    case = ElementTree.Element("testcase", classname=_clean(printable(path)),
                               name=_clean(printable(name)))
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors:
        failure = ElementTree.SubElement(case, "failure", type=errors[0].code,
                                         message=_clean(f"{len(errors)} error(s)"))
        failure.text = _clean("\n".join(_line(d) for d in diagnostics))
    elif diagnostics:
        out = ElementTree.SubElement(case, "system-out")
        out.text = _clean("\n".join(_line(d) for d in diagnostics))
    ElementTree.indent(case, level=2)  # where it stands: in a suite, in the suites
    return ElementTree.tostring(case, encoding="unicode"), bool(errors)


def render(outcomes: Iterable[Outcome], style: Style = PLAIN) -> Iterator[str]:
    """The counts come first: the cases wait as the text they print, in a temporary file
    once they pass 1 MiB (a run of 10,000 files holds no more of them than one of 1,000)."""
    import tempfile

    tests = failures = 0
    with tempfile.SpooledTemporaryFile(max_size=1 << 20, mode="w+", encoding="utf-8",
                                       errors="surrogatepass", newline="",
                                       prefix="reportlint-") as cases:
        for outcome in outcomes:
            for case, failed in _cases(outcome):
                _kept(cases.write, ("\n    " if tests else "") + case)
                tests += 1
                failures += failed
        suites = ElementTree.Element("testsuites", name="reportlint")
        suite = ElementTree.SubElement(suites, "testsuite", name="reportlint")
        if tests:
            ElementTree.SubElement(suite, "cases")
        for element in (suites, suite):
            element.set("tests", str(tests))
            element.set("failures", str(failures))
            element.set("errors", "0")
        ElementTree.indent(suites)
        yield '<?xml version="1.0" encoding="UTF-8"?>\n'
        text = ElementTree.tostring(suites, encoding="unicode")
        if tests:  # the placeholder, where the cases go (no attribute value holds a `<`)
            head, tail = text.split("<cases />")
            yield head
            _kept(cases.seek, 0)
            while piece := _kept(cases.read, 1 << 16):
                yield piece
            yield tail
        else:
            yield text
    yield "\n"


def _cases(outcome: Outcome) -> list[tuple[str, bool]]:
    """A case for each report of the file, and one for the findings outside them (or for
    a file without a report)."""
    spans = sorted(outcome.reports, key=lambda s: s.line)
    claimed: set[int] = set()
    found = []
    for span in spans:
        inside = [d for d in outcome.diagnostics if span.line <= d.line <= span.end_line]
        claimed.update(id(d) for d in inside)
        found.append(_case(outcome.path, f"{span.title} (line {span.line})", inside))
    rest = [d for d in outcome.diagnostics if id(d) not in claimed]
    if rest or not spans:
        found.append(_case(outcome.path, outcome.path, rest))
    return found


def _kept(step: Callable[[Any], Any], value: Any) -> Any:
    """A step of the cases' temporary file; a full or unwritable folder is said as such."""
    try:
        return step(value)
    except OSError as exc:
        raise no_room("the JUnit cases", exc) from None
