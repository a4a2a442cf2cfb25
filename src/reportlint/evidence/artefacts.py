"""The files a CI run leaves behind, read for their totals: JUnit XML (tests), Cobertura XML,
coverage.py JSON and LCOV (coverage), SARIF (linters' findings).

:func:`load` tells the format from the content, never from the name. A file that is none of
them, cannot be read, is too large or is not what its format says raises
:class:`ArtefactError`, a :class:`~reportlint.errors.UsageError` naming the file and why (exit
2). XML comes from strangers' pull requests: it is parsed by defusedxml, which refuses entity
declarations (billion laughs) and external references before anything is expanded or fetched.
"""

from __future__ import annotations

import io
import json
import math
import os
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from typing import Any, Literal
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree

from reportlint.errors import UsageError

Format = Literal["junit-xml", "cobertura-xml", "coverage-json", "lcov", "sarif"]
CaseOutcome = Literal["passed", "failed", "error", "skipped"]

# Evidence files are larger than reports (a JUnit file of a big suite, coverage JSON with every
# file's lines) but not without bound: past this the file is refused before it is read.
MAX_BYTES = 64 * 1024 * 1024
NAMES = "JUnit XML, Cobertura XML, coverage.py JSON, LCOV or SARIF"


class ArtefactError(UsageError):
    """An evidence file that cannot be used: ``path`` and ``reason`` (worded to follow
    ``evidence file PATH:``)."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(f"evidence file {os.fspath(path)}: {reason}")
        self.path = os.fspath(path)
        self.reason = reason


@dataclass(frozen=True)
class Case:
    suite: str
    classname: str
    name: str
    outcome: CaseOutcome


@dataclass(frozen=True)
class Suite:
    """A ``<testsuite>`` as it states itself (counted from its test cases where it does not)."""

    name: str
    tests: int
    failures: int
    errors: int
    skipped: int


@dataclass(frozen=True)
class Tests:
    """A JUnit file's totals, counted from its ``<testcase>`` elements (from the suites'
    attributes when it has none)."""

    tests: int
    failures: int
    errors: int
    skipped: int
    suites: tuple[Suite, ...] = ()
    cases: tuple[Case, ...] = ()

    @property
    def passed(self) -> int:
        return self.tests - self.failures - self.errors - self.skipped


@dataclass(frozen=True)
class Coverage:
    """``percent`` is the headline figure as the tool reports it, of ``covers``: ``lines``
    (Cobertura, LCOV), ``statements`` or ``statements+branches`` (coverage.py, which folds
    branches into its total when it measured them)."""

    percent: float
    covers: str
    lines_covered: int | None = None
    lines_total: int | None = None
    branches_covered: int | None = None
    branches_total: int | None = None

    @property
    def line_percent(self) -> float | None:
        return _percent(self.lines_covered, self.lines_total)

    @property
    def branch_percent(self) -> float | None:
        return _percent(self.branches_covered, self.branches_total)


@dataclass(frozen=True)
class Findings:
    """One SARIF tool's results by level; suppressed results are counted apart."""

    tool: str
    errors: int = 0
    warnings: int = 0
    notes: int = 0
    suppressed: int = 0


@dataclass(frozen=True)
class Artefact:
    path: str
    format: Format
    tests: Tests | None = None
    coverage: Coverage | None = None
    findings: tuple[Findings, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """Everything but the path, for JSON (the fixtures' expectations)."""
        return {item.name: _plain(getattr(self, item.name)) for item in fields(self)
                if item.name != "path" and getattr(self, item.name) not in (None, ())}


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        found = {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
        for extra in ("passed", "line_percent", "branch_percent"):
            if hasattr(type(value), extra):
                found[extra] = getattr(value, extra)
        return found
    return value


def _percent(covered: int | None, total: int | None) -> float | None:
    if covered is None or not total:
        return None
    return 100.0 * covered / total


def load(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> Artefact:
    """The totals of one evidence file; :class:`ArtefactError` if it cannot be used."""
    shown = os.fspath(path)
    data = _read(shown, max_bytes)
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise ArtefactError(shown, f"it is empty; an evidence file is {NAMES}")
    if head.startswith(b"<"):
        return _xml(shown, data)
    if head.startswith((b"{", b"[")):
        return _json(shown, data)
    text = _text(shown, data)
    if _is_lcov(text):
        return _lcov(shown, text)
    what = "binary data" if b"\0" in data[:8192] else "text"
    raise ArtefactError(shown, f"it is {what}, not {NAMES}")


def _read(path: str, max_bytes: int) -> bytes:
    try:
        with open(path, "rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            if stat.S_ISDIR(mode):
                raise ArtefactError(path, "it is a directory, not a file")
            if not stat.S_ISREG(mode):
                raise ArtefactError(path, "it is not a regular file")
            # Read one byte past the limit rather than trust the size stat gave: it may grow.
            data = handle.read(max_bytes + 1)
    except IsADirectoryError:
        raise ArtefactError(path, "it is a directory, not a file") from None
    except OSError as exc:
        raise ArtefactError(path, f"cannot read it: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise ArtefactError(path, f"it is larger than {_size(max_bytes)}, the limit for an "
                                  "evidence file")
    return data


def _size(count: int) -> str:
    return f"{count // (1024 * 1024)} MiB" if count >= 1024 * 1024 else f"{count} bytes"


def _text(path: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if b"\0" in data[:8192]:
            raise ArtefactError(path, f"it is binary data, not {NAMES}") from None
        raise ArtefactError(path, f"it is not UTF-8 text (byte {exc.start}), not {NAMES}") \
            from None


# --- XML: JUnit and Cobertura ------------------------------------------------------------

def _events(path: str, data: bytes) -> Iterator[tuple[str, Element]]:
    try:
        yield from defusedxml.ElementTree.iterparse(io.BytesIO(data), events=("start", "end"))
    except defusedxml.EntitiesForbidden:
        raise ArtefactError(path, "it declares XML entities, which reportlint refuses in "
                                  "evidence files (they are how billion-laughs and "
                                  "external-entity attacks work); nothing was expanded") from None
    except defusedxml.ExternalReferenceForbidden:
        raise ArtefactError(path, "it refers to an external XML resource, which reportlint "
                                  "refuses; nothing was fetched") from None
    except defusedxml.DefusedXmlException as exc:
        raise ArtefactError(path, f"it uses XML features reportlint refuses: {exc}") from None
    except ParseError as exc:
        raise ArtefactError(path, f"it is not well-formed XML ({exc})") from None


def _tag(element: Element) -> str:
    return element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""


def _xml(path: str, data: bytes) -> Artefact:
    events = _events(path, data)
    for _, root in events:
        tag = _tag(root)
        if tag in ("testsuites", "testsuite"):
            return _junit(path, root, events)
        if tag == "coverage":
            return _cobertura(path, root, events)
        raise ArtefactError(path, f"it is XML whose root element is <{tag[:40]}>, not JUnit "
                                  "(<testsuites> or <testsuite>) or Cobertura (<coverage>)")
    raise ArtefactError(path, "it is not well-formed XML (no element)")  # pragma: no cover


def _int(path: str, element: Element, name: str) -> int | None:
    # Some tools write counts as `3.0`; a count is whole all the same.
    number = _float(path, element, name, whole=True)
    return None if number is None else int(number)


def _float(path: str, element: Element, name: str, whole: bool = False) -> float | None:
    """The attribute ``name`` as a number from 0 up (``whole``: a count), None if absent."""
    text = element.get(name)
    if text is None or text.strip() == "":
        return None
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or number < 0 or (whole and number != int(number)):
        raise ArtefactError(path, f"<{_tag(element)[:40]}> attribute {name}={text[:40]!r} "
                                  f"is not a {'count' if whole else 'number'}")
    return number


_CASE_OUTCOMES: Mapping[str, CaseOutcome] = {"failure": "failed", "error": "error",
                                             "skipped": "skipped"}


def _junit(path: str, root: Element, events: Iterator[tuple[str, Element]]) -> Artefact:
    cases: list[Case] = []
    suites: list[Suite] = []
    leaves: list[Suite] = []  # the suites with no suite inside, for a file with no cases
    # Each open <testsuite>: the element, where its cases start, whether it holds a suite.
    open_suites: list[list[Any]] = [[root, 0, False]] if _tag(root) == "testsuite" else []
    for event, element in events:
        tag = _tag(element)
        if event == "start":
            if tag == "testsuite":
                if open_suites:
                    open_suites[-1][2] = True
                open_suites.append([element, len(cases), False])
            continue
        if tag == "testcase":
            outcome: CaseOutcome = "passed"
            for child in element:
                found = _CASE_OUTCOMES.get(_tag(child))
                # A case with both (rare) counts as its worst: error, then failure.
                if found is not None and (outcome == "passed" or found == "error"):
                    outcome = found
            suite = open_suites[-1][0].get("name", "") if open_suites else ""
            cases.append(Case(suite, element.get("classname", ""), element.get("name", ""),
                                  outcome))
            element.clear()  # keep memory flat on a large file
        elif tag == "testsuite" and open_suites:
            suite_element, first, has_suites = open_suites.pop()
            own = cases[first:]
            counted = (len(own), sum(c.outcome == "failed" for c in own),
                       sum(c.outcome == "error" for c in own),
                       sum(c.outcome == "skipped" for c in own))
            suite = Suite(suite_element.get("name", ""), *(
                _stated_or(path, suite_element, name, count)
                for name, count in zip(_TOTALS, counted, strict=True)))
            suites.append(suite)
            if not has_suites:
                leaves.append(suite)
    if cases:
        totals = (len(cases), *(sum(c.outcome == outcome for c in cases)
                                for outcome in ("failed", "error", "skipped")))
    elif _tag(root) == "testsuites" and root.get("tests") is not None:
        totals = tuple(_stated_or(path, root, name, 0) for name in _TOTALS)
    else:
        totals = tuple(sum(getattr(s, name) for s in leaves) for name in _TOTALS)
    tests, failures, errors, skipped = totals
    return Artefact(path, "junit-xml", tests=Tests(tests, failures, errors, skipped,
                                                   tuple(suites), tuple(cases)))


_TOTALS = ("tests", "failures", "errors", "skipped")


def _stated_or(path: str, element: Element, name: str, counted: int) -> int:
    value = _int(path, element, name)
    if value is None and name == "skipped":
        value = _int(path, element, "skip")  # an older spelling some tools keep
    return counted if value is None else value


def _cobertura(path: str, root: Element, events: Iterator[tuple[str, Element]]) -> Artefact:
    valid, covered = _int(path, root, "lines-valid"), _int(path, root, "lines-covered")
    rate = _float(path, root, "line-rate")
    branches = (_int(path, root, "branches-covered"), _int(path, root, "branches-valid"))
    lines: dict[tuple[str, str], bool] = {}
    filename = ""
    for event, element in events:
        tag = _tag(element)
        if event == "start":
            if tag == "class":
                filename = element.get("filename", element.get("name", ""))
            continue
        if tag == "line" and valid is None:
            hits = _int(path, element, "hits") or 0
            key = (filename, element.get("number", ""))
            lines[key] = lines.get(key, False) or hits > 0
        if tag in ("line", "class"):
            element.clear()
    if valid is None and lines:
        valid, covered = len(lines), sum(lines.values())
    if valid and covered is not None:
        percent = 100.0 * covered / valid
    elif rate is not None:
        percent = 100.0 * rate
    else:
        raise ArtefactError(path, "it is Cobertura XML with neither lines-valid nor line-rate "
                                  "on <coverage>, nor any <line>")
    return Artefact(path, "cobertura-xml", coverage=Coverage(
        percent, "lines", covered, valid, *branches))


# --- JSON: SARIF and coverage.py ------------------------------------------------------------

def _json(path: str, data: bytes) -> Artefact:
    text = _text(path, data)
    try:
        document = json.loads(text)
    except RecursionError:
        raise ArtefactError(path, "it is JSON nested too deeply to read") from None
    except ValueError as exc:
        raise ArtefactError(path, f"it is not valid JSON ({exc})") from None
    if isinstance(document, dict) and isinstance(document.get("runs"), list):
        return _sarif(path, document)
    if isinstance(document, dict) and isinstance(document.get("totals"), dict) \
            and "files" in document:
        return _coverage_json(path, document)
    raise ArtefactError(path, "it is JSON but neither SARIF (no \"runs\" list) nor coverage.py "
                              "JSON (no \"totals\" and \"files\")")


def _number(path: str, where: Mapping[str, Any], key: str, shown: str, whole: bool) -> float:
    value = where.get(key)
    expected = "a count" if whole else "a number"
    if value is None:
        raise ArtefactError(path, f"{shown}.{key} is missing (expected {expected})")
    # bool is an int to Python, not a count to anyone.
    if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)) \
            or not math.isfinite(value) or value < 0:
        raise ArtefactError(path, f"{shown}.{key} is not {expected}: {str(value)[:40]!r}")
    return float(value)


def _coverage_json(path: str, document: Mapping[str, Any]) -> Artefact:
    totals = document["totals"]
    percent = _number(path, totals, "percent_covered", "totals", whole=False)
    statements = int(_number(path, totals, "num_statements", "totals", whole=True))
    covered = int(_number(path, totals, "covered_lines", "totals", whole=True))
    branches: tuple[int | None, int | None] = (None, None)
    covers = "statements"
    if "num_branches" in totals:
        # coverage.py folds branches into percent_covered when it measured them.
        covers = "statements+branches"
        branches = (int(_number(path, totals, "covered_branches", "totals", whole=True)),
                    int(_number(path, totals, "num_branches", "totals", whole=True)))
    return Artefact(path, "coverage-json", coverage=Coverage(
        percent, covers, covered, statements, *branches))


_LEVELS = {"error": "errors", "warning": "warnings", "note": "notes", "none": "notes"}


def _sarif(path: str, document: Mapping[str, Any]) -> Artefact:
    found: dict[str, dict[str, int]] = {}
    for number, run in enumerate(document["runs"]):
        where = f"runs[{number}]"
        if not isinstance(run, dict):
            raise ArtefactError(path, f"{where} is not an object")
        tool = run.get("tool")
        driver = tool.get("driver") if isinstance(tool, dict) else None
        name = driver.get("name") if isinstance(driver, dict) else None
        if not isinstance(name, str):
            raise ArtefactError(path, f"{where}.tool.driver.name is missing (every SARIF run "
                                      "names its tool)")
        rules = driver.get("rules") if isinstance(driver, dict) else None
        defaults = _rule_levels(rules if isinstance(rules, list) else [])
        results = run.get("results") or []
        if not isinstance(results, list):
            raise ArtefactError(path, f"{where}.results is not a list")
        counts = found.setdefault(name, {"errors": 0, "warnings": 0, "notes": 0,
                                         "suppressed": 0})
        for result in results:
            if not isinstance(result, dict):
                raise ArtefactError(path, f"{where}.results holds something that is not an "
                                          "object")
            # A result of another kind (pass, notApplicable, review...) is not a problem.
            if result.get("kind", "fail") != "fail":
                continue
            if any(isinstance(s, dict) and s.get("status", "accepted") == "accepted"
                   for s in result.get("suppressions") or ()):
                counts["suppressed"] += 1
                continue
            level = result.get("level")
            if level is None:
                level = defaults.get(_rule_key(result), "warning")
            counts[_LEVELS.get(level if isinstance(level, str) else "", "warnings")] += 1
    return Artefact(path, "sarif", findings=tuple(
        Findings(tool, **counts) for tool, counts in found.items()))


def _rule_levels(rules: list[Any]) -> dict[object, str]:
    """Each rule's default level, by index and by id."""
    levels: dict[object, str] = {}
    for index, rule in enumerate(rules):
        if not isinstance(rule, dict):
            continue
        config = rule.get("defaultConfiguration")
        level = config.get("level") if isinstance(config, dict) else None
        if isinstance(level, str):
            levels[index] = level
            if isinstance(rule.get("id"), str):
                levels[rule["id"]] = level
    return levels


def _rule_key(result: Mapping[str, Any]) -> object:
    index = result.get("ruleIndex")
    rule = result.get("rule")
    if isinstance(index, int) and not isinstance(index, bool):
        return index
    if isinstance(rule, dict) and isinstance(rule.get("index"), int):
        return rule["index"]
    return result.get("ruleId")


# --- LCOV -----------------------------------------------------------------------------------

_LCOV_KEYS = ("TN", "SF", "VER", "FN", "FNDA", "FNF", "FNH", "FNL", "FNA", "BRDA", "BRF", "BRH",
              "DA", "LF", "LH")


def _is_lcov(text: str) -> bool:
    """LCOV's tracefile: `KEY:value` lines (records from `SF:` to `end_of_record`); told by
    its first line."""
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            return line.partition(":")[0] in _LCOV_KEYS
    return False


def _lcov(path: str, text: str) -> Artefact:
    totals = {"LF": 0, "LH": 0, "BRF": 0, "BRH": 0}
    record: dict[str, int] = {}
    lines_found = lines_hit = 0  # DA lines of the record, for one with no LF/LH
    records = 0
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        key, _, value = line.partition(":")
        if key in totals:
            record[key] = _lcov_count(path, number, value.strip())
        elif key == "DA":
            hits = value.split(",")
            lines_found += 1
            lines_hit += len(hits) > 1 and hits[1].strip() not in ("0", "")
        elif line == "end_of_record":
            records += 1
            totals["LF"] += record.get("LF", lines_found)
            totals["LH"] += record.get("LH", lines_hit)
            totals["BRF"] += record.get("BRF", 0)
            totals["BRH"] += record.get("BRH", 0)
            record, lines_found, lines_hit = {}, 0, 0
    if not records:
        raise ArtefactError(path, "it is LCOV with no complete record (no end_of_record)")
    # Nothing to cover counts as all covered, as lcov's genhtml shows it.
    percent = 100.0 * totals["LH"] / totals["LF"] if totals["LF"] else 100.0
    branches = (totals["BRH"], totals["BRF"]) if totals["BRF"] else (None, None)
    return Artefact(path, "lcov", coverage=Coverage(
        percent, "lines", totals["LH"], totals["LF"], *branches))


def _lcov_count(path: str, number: int, value: str) -> int:
    if not (value.isascii() and value.isdigit()):
        raise ArtefactError(path, f"line {number}: {value[:40]!r} is not a count")
    return int(value)
