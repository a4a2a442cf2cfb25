"""A task's reports over a run: what each report says about its task (a *fact*, read in the
file's own check and cached with its result), and the run's facts grouped by task and put in
order (:func:`tasks`), which the lifecycle rules read.

A fact is a plain dict of JSON values, so that it crosses from a worker process and into the
result cache as it is; its strings are already shown as output shows them (one line, secrets
masked). Lines are the file's lines.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from reportlint import lazyre, quote, recognition
from reportlint.rules.review import _dates

if TYPE_CHECKING:
    from reportlint.nodes import Container, Report, Section, Table

Fact = dict[str, Any]

# Which kind of report a template is, by its name: the built-in ones and a project's own
# (`acme-completion`) alike.
KINDS = ("task", "acknowledgement", "progress", "completion")
_TEXT_MAX = 200  # what a fact keeps of a criterion, a blocker, a question
_EMPTY = lazyre.compile(r"^(?:none|n/?a|-+|—|–|nothing|no blockers?|no questions?|tbd)\W*$",
                    re.IGNORECASE)
_PLACEHOLDER = lazyre.compile(r"^\[[^\]]*\]$")
TASK_ID = lazyre.compile(r"\b[A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*-\d+\b")
_REOPENED = lazyre.compile(r"\bre-?opened?\b", re.IGNORECASE)


def kind_of(template: str) -> str | None:
    if template == "task":
        return "task"
    return next((kind for kind in KINDS[1:] if template.endswith(kind)), None)


def _text(value: str) -> str:
    return quote.display(value, _TEXT_MAX)


def _value(node: Container, key: str) -> list[Any] | None:
    """``[value, line]`` of a field, or None."""
    field = node["fields"].get(key)
    if field is None or not field["value"].strip():
        return None
    return [_text(field["value"]), field["line"]]


def _section(report: Report, *prefixes: str) -> Section | None:
    for key, section in report["sections"].items():
        if key.startswith(prefixes):
            return section
    return None


def _meaningful(text: str) -> bool:
    text = text.strip()
    return bool(text) and _EMPTY.match(text) is None and _PLACEHOLDER.match(text) is None


def _first_column(table: Table) -> str | None:
    """The key of a table's first column (its cells are by key)."""
    columns = sorted(table["columns"].items(), key=lambda kv: kv[1]["index"])
    return str(columns[0][0]) if columns else None


def _column(table: Table, *names: str) -> str | None:
    for name in names:
        if name in table["columns"]:
            return name
    return None


def _items(section: Section | None) -> list[list[Any]]:
    if section is None:
        return []
    return [[_text(item["text"]), item["line"]] for item in section["items"]
            if item["depth"] == 0 and _meaningful(item["text"])]


def _rows(section: Section | None) -> list[list[Any]]:
    """``[first cell, line]`` of each row of a section's first table with something in it."""
    if section is None or not section["tables"]:
        return []
    table = section["tables"][0]
    first = _first_column(table)
    if first is None:
        return []
    return [[_text(row["cells"].get(first, "")), row["line"]] for row in table["rows"]
            if _meaningful(row["cells"].get(first, ""))]


def fact(report: Report, role: str | None) -> Fact | None:
    """What ``report`` says about its task, or None when it names no task or is no report of
    a kind the lifecycle knows."""
    kind = kind_of(report["template"])
    title = report["title"]
    task = title["task_id"]
    fields = report["fields"]
    if kind == "task" and not task:
        # An assignment as PMs write it (`#### Task BE-014: Login rate limiting`, or its
        # **Task ID** field): its task is the one it names.
        task = recognition.task_id(fields["task-id"]["value"]) if "task-id" in fields \
            else recognition.task_id(title["text"])
    if kind is None or not task or TASK_ID.fullmatch(task) is None:
        return None
    out: Fact = {"task": task, "kind": kind, "template": report["template"],
                 "role": role or "", "line": report["line"], "end_line": report["end_line"],
                 "name": _text(title["task_name"] or "")}
    for key in ("status", "started", "updated", "completed", "prd-reference", "priority",
                "estimate", "actual-effort", "handoff-to"):
        found = _value(report, key)
        if found is not None:
            out[key] = found
    if kind == "task" and not out["name"] and "task-name" in fields:
        out["name"] = _text(fields["task-name"]["value"])
    progress = fields.get("progress")
    match = recognition_percent(progress["value"]) if progress else None
    if progress is not None and match is not None:
        out["progress"] = [match, progress["line"]]
    status = out.get("status")
    out["done"] = status is not None and recognition.claims_completion(status[0],
                                                                       title["text"])
    out["reopened"] = bool(status is not None and _REOPENED.search(status[0])) or bool(
        _REOPENED.search(title["text"])) or "reopened" in fields
    if kind == "task":
        out["criteria"] = _criteria(report)
    if kind == "acknowledgement":
        confirmed = _section(report, "understanding-confirmation")
        found = _value(confirmed, "prd-reference") if confirmed else None
        if found is not None:
            out["prd-reference"] = found
    if kind == "completion":
        out.update(_completion(report))
    if kind == "progress":
        out["blockers"] = _rows(_section(report, "blockers"))
        out["questions"] = _items(_section(report, "questions-for-pm", "questions"))
    elif kind == "acknowledgement":
        out["questions"] = _items(_section(report, "clarification-questions"))
    if "handoff-to" in out:
        value = out["handoff-to"][0]
        out["handoff"] = list(dict.fromkeys(TASK_ID.findall(value)))
    return out


_PERCENT = lazyre.compile(r"(\d{1,3}(?:\.\d+)?)\s*%")


def recognition_percent(value: str) -> float | None:
    match = _PERCENT.search(value)
    if match is None:
        return None
    figure = float(match.group(1))
    return figure if figure <= 100 else None


def _criteria(report: Report) -> list[list[Any]]:
    """The assignment's acceptance criteria: a section's list, or a field's (its items, or
    its value alone)."""
    section = _section(report, "acceptance-criteria")
    found = _items(section)
    if found:
        return found
    field = report["fields"].get("acceptance-criteria")
    if field is None:
        return []
    items = [i for i in field.get("items", []) if _meaningful(i)]
    if items:
        return [[_text(item), field["line"] + n + 1] for n, item in enumerate(items)]
    return [[_text(field["value"]), field["line"]]] if _meaningful(field["value"]) else []


def _completion(report: Report) -> Fact:
    out: Fact = {}
    verification = _section(report, "acceptance-criteria-verification")
    if verification is not None and verification["tables"]:
        table = verification["tables"][0]
        first = _first_column(table)
        status = _column(table, "status", "result")
        out["verified"] = [
            [_text(row["cells"].get(first or "", "")),
             _text(row["cells"].get(status, "")) if status else "", row["line"]]
            for row in table["rows"] if _meaningful(row["cells"].get(first or "", ""))]
        out["verified_line"] = table["line"]
    dependencies = _section(report, "dependenc", "depends-on")  # `Dependencies on Other Tasks`
    if dependencies is not None and dependencies["tables"]:
        table = dependencies["tables"][0]
        task = _column(table, "task-id", "task")
        status = _column(table, "status")
        if task is not None and status is not None:
            out["dependencies"] = [
                [match.group(0), _text(row["cells"][status]), row["line"]]
                for row in table["rows"]
                if (match := TASK_ID.search(row["cells"].get(task, ""))) is not None]
    return out


# The run's side: the facts of every file, by task, in order.


class Source(Protocol):
    """Where a run sets its facts aside (:class:`reportlint.spool.Spool`)."""

    def get(self, number: int) -> Any: ...


class Entry:
    """One report of a task in the run. Its fact is held, or is number ``key`` of a
    ``source`` and loaded when asked for (a large run keeps its facts on disk: see
    :mod:`reportlint.runwide`); what ordering reads of it (kind, line) is kept beside it."""

    __slots__ = ("_fact", "key", "kind", "line", "order", "path", "source", "timed", "when")

    def __init__(self, fact: Fact | None, path: str, order: int, when: datetime | None,
                 timed: bool, kind: str, line: int, source: Source | None = None,
                 key: int = -1) -> None:
        self._fact = fact
        self.path = path
        self.order = order  # the input's place in the run
        self.when = when  # the report's own date (see :func:`date_of`)
        self.timed = timed  # the date has a time of day
        self.kind = kind
        self.line = line
        self.source = source
        self.key = key

    @property
    def fact(self) -> Fact:
        if self._fact is not None:
            return self._fact
        assert self.source is not None
        loaded: Fact = self.source.get(self.key)
        return loaded

    def hold(self) -> None:
        """Keep the fact in memory until :meth:`release` (while its task's rules run)."""
        if self.source is not None:
            self._fact = self.source.get(self.key)

    def release(self) -> None:
        if self.source is not None:
            self._fact = None

    def __repr__(self) -> str:
        return f"Entry({self.path!r}, {self.order}, {self.kind}, line {self.line})"


class Task:
    """A task's reports in order: assignments first, then by date, then by input order.
    Its entries are made from the run's columns when read (see :class:`Reports`); the rules
    read a task's own with :meth:`hold`, which keeps them, and their facts, until
    :meth:`release`."""

    __slots__ = ("_held", "_numbers", "_run", "id")

    def __init__(self, id: str, numbers: array[int], run: Reports) -> None:
        self.id = id
        self._numbers = numbers
        self._run = run
        self._held: list[Entry] | None = None

    @property
    def reports(self) -> list[Entry]:
        if self._held is not None:
            return self._held
        made = [self._run.entry(number) for number in self._numbers]
        if self._run.in_memory:  # nothing to give back: made once
            self._held = made
        return made

    def latest_until(self, at: tuple[datetime, bool] | None) -> Entry | None:
        """The latest report not dated after ``at`` (any, when either has no date). Read
        for each report that names this task: from the columns, making only the entry
        given (the rules of a task whose dependants are many read it once each)."""
        found = -1
        for place, number in enumerate(self._numbers):
            when = self._run.dated(number)
            if at is not None and when is not None and compare(when, at) > 0:
                break
            found = place
        if found < 0:
            return None
        if self._held is not None:
            return self._held[found]
        return self._run.entry(self._numbers[found])

    def has(self, kind: str) -> bool:
        """Whether a report of ``kind`` is among the task's (no entry is made)."""
        return any(self._run.kind_of(number) == kind for number in self._numbers)

    def hold(self) -> None:
        self._held = self.reports
        for entry in self._held:
            entry.hold()

    def release(self) -> None:
        if not self._run.in_memory:
            self._held = None


class Mark(NamedTuple):
    """A lifecycle finding: on a line of the report ``at``."""

    at: Entry
    line: int
    message: str
    column: int = 1


_DATE_OF = {"acknowledgement": ("started",), "progress": ("updated",),
            "completion": ("completed",), "task": ()}


def parsed(value: list[Any] | None) -> tuple[datetime, bool] | None:
    """A ``[text, line]`` field as a datetime and whether it has a time of day."""
    if value is None:
        return None
    found = _dates.parse(value[0])
    if not isinstance(found, datetime):
        return None
    return found, _dates.has_time(value[0])


def date_of(fact: Fact) -> tuple[datetime, bool] | None:
    for key in _DATE_OF[fact["kind"]]:
        found = parsed(fact.get(key))
        if found is not None:
            return found
    return None


def compare(a: tuple[datetime, bool], b: tuple[datetime, bool]) -> int:
    """-1, 0 or 1: ``a`` before, on or after ``b``; by the day alone when either has no
    time (`2025-03-10` is not before `2025-03-10 09:00`)."""
    if a[1] and b[1]:
        x: datetime | date = a[0]
        y: datetime | date = b[0]
    else:
        x, y = a[0].date(), b[0].date()
    return (x > y) - (x < y)


class Reports:
    """Every report of a run, as columns: numbers a report (26 bytes, where its entry with
    its values is about 360), the n-th report's fact number n of ``source`` and its file
    number ``file`` of ``path_of``; without them, the facts and paths are held here."""

    _NONE = -1  # no date

    def __init__(self, source: Source | None = None,
                 path_of: Callable[[int], str] | None = None) -> None:
        self._source = source
        self._path_of = path_of
        self.in_memory = source is None
        self._facts: list[Fact] = []
        self._paths: list[str] = []
        self._order = array("i")
        self._line = array("i")
        self._when = array("q")  # seconds since datetime.min, or _NONE
        self._timed = bytearray()
        self._kind = bytearray()  # the place in KINDS
        self._file = array("i")

    def add(self, fact: Fact, file: int, order: int) -> int:
        found = date_of(fact)
        self._order.append(order)
        self._line.append(fact["line"])
        self._when.append(self._NONE if found is None else
                          (found[0] - datetime.min) // _SECOND)
        self._timed.append(bool(found and found[1]))
        self._kind.append(KINDS.index(fact["kind"]))
        self._file.append(file)
        if self._source is None:
            self._facts.append(fact)
        return len(self._order) - 1

    def add_path(self, path: str) -> None:
        if self._path_of is None:
            self._paths.append(path)

    def kind_of(self, number: int) -> str:
        return KINDS[self._kind[number]]

    def when(self, number: int) -> datetime | None:
        seconds = self._when[number]
        return None if seconds == self._NONE else datetime.min + seconds * _SECOND

    def dated(self, number: int) -> tuple[datetime, bool] | None:
        when = self.when(number)
        return None if when is None else (when, bool(self._timed[number]))

    def sort_key(self, number: int, last: datetime) -> tuple[int, datetime, int, int]:
        return (0 if self._kind[number] == 0 else 1, last, self._order[number],
                self._line[number])

    def entry(self, number: int) -> Entry:
        file = self._file[number]
        path = self._paths[file] if self._path_of is None else self._path_of(file)
        return Entry(self._facts[number] if self._source is None else None, path,
                     self._order[number], self.when(number), bool(self._timed[number]),
                     self.kind_of(number), self._line[number], self._source, number)


_SECOND = timedelta(seconds=1)


def tasks(files: Iterable[tuple[int, str, Sequence[Fact]]],
          source: Source | None = None,
          path_of: Callable[[int], str] | None = None) -> dict[str, Task]:
    """The run's facts (each input's place, display path and facts, in input order) grouped
    by task and ordered: an assignment first, then by date; a report with no date keeps its
    place after the report before it in input order. ``source``: where the facts were set
    aside, in this order (the n-th is its number n), and ``path_of`` the n-th file's path:
    the entries load them back when asked; without them, the facts and paths are held."""
    run = Reports(source, path_of)
    grouped: dict[str, array[int]] = {}
    for file, (order, path, facts) in enumerate(files):
        run.add_path(path)
        for one in facts:
            numbers = grouped.get(one["task"])
            if numbers is None:
                numbers = grouped[one["task"]] = array("i")
            numbers.append(run.add(one, file, order))
    out: dict[str, Task] = {}
    for task, numbers in grouped.items():
        keys: list[tuple[int, datetime, int, int]] = []
        last = datetime.min
        for number in numbers:  # input order
            when = run.when(number)
            if when is not None:
                # A date alone sorts before that day's times; day-only comparisons are
                # made with the day (see compare).
                last = when
            keys.append(run.sort_key(number, last))
        ordered = array("i", (numbers[i] for i in sorted(range(len(numbers)),
                                                          key=keys.__getitem__)))
        out[task] = Task(task, ordered, run)
    return out


def team(task: str) -> str:
    return task.rsplit("-", 1)[0]


def where(entry: Entry, line: int) -> str:
    return f"{entry.path}:{line}"


def after(earlier: Entry, later: Entry) -> bool:
    """Whether ``later`` is known to come after ``earlier``: dated later (by the day when
    either has no time), or, when their dates do not tell, further down the same file.
    Input order across files tells nothing (files are read in name order)."""
    a, b = dated(earlier), dated(later)
    if a is not None and b is not None:
        order = compare(b, a)
        if order != 0:
            return order > 0
    return earlier.order == later.order and later.line > earlier.line


def dated(entry: Entry) -> tuple[datetime, bool] | None:
    return (entry.when, entry.timed) if entry.when is not None else None


class Run(NamedTuple):
    """What a lifecycle rule sees besides its task: every task of the run, and the day the
    run takes for today."""

    tasks: dict[str, Task]
    today: date
    # The teams (`QA` of `QA-301`) the run holds task assignments for.
    assigned: frozenset[str] = frozenset()

    @classmethod
    def of(cls, tasks: dict[str, Task], today: date) -> Run:
        return cls(tasks, today, frozenset(team(t.id) for t in tasks.values() if t.has("task")))

    def state_at(self, task: str, entry: Entry) -> Entry | None:
        """The latest report of ``task`` not dated after ``entry`` (any, when either has no
        date)."""
        other = self.tasks.get(task)
        if other is None:
            return None
        return other.latest_until(dated(entry))


def reports(task: Task, *kinds: str) -> Iterator[Entry]:
    return (entry for entry in task.reports if entry.kind in kinds)


# What a cached result may hold for a file's history: anything else is not what reportlint
# stored, and the file is checked again.
_VALUES = ("status", "started", "updated", "completed", "prd-reference", "priority",
           "estimate", "actual-effort", "handoff-to")
_PAIRS = ("criteria", "blockers", "questions")
_TRIPLES = ("verified", "dependencies")


def _int(value: Any) -> bool:
    return type(value) is int and value >= 1


def _pair(value: Any, first: type | tuple[type, ...] = str) -> bool:
    return (isinstance(value, list) and len(value) == 2 and isinstance(value[0], first)
            and not isinstance(value[0], bool) and _int(value[1]))


def _triple(value: Any) -> bool:
    return (isinstance(value, list) and len(value) == 3 and isinstance(value[0], str)
            and isinstance(value[1], str) and _int(value[2]))


def _valid_fact(one: Any) -> bool:
    if not isinstance(one, dict):
        return False
    if not (isinstance(one.get("task"), str) and TASK_ID.fullmatch(one["task"])
            and one.get("kind") in KINDS and isinstance(one.get("template"), str)
            and isinstance(one.get("role"), str) and isinstance(one.get("name"), str)
            and _int(one.get("line")) and _int(one.get("end_line"))
            and isinstance(one.get("done"), bool) and isinstance(one.get("reopened"), bool)):
        return False
    if any(key in one and not _pair(one[key]) for key in _VALUES):
        return False
    if "progress" in one and not _pair(one["progress"], (int, float)):
        return False
    if any(key in one and not (isinstance(one[key], list) and all(map(_pair, one[key])))
           for key in _PAIRS):
        return False
    if any(key in one and not (isinstance(one[key], list) and all(map(_triple, one[key])))
           for key in _TRIPLES):
        return False
    if "verified" in one and not _int(one.get("verified_line")):
        return False
    if "version_of" in one:  # set by --history after the check, never cached
        return False
    handoff = one.get("handoff", [])
    return isinstance(handoff, list) and all(isinstance(t, str) for t in handoff)


def valid(kept: Any) -> bool:
    """Whether ``kept`` is a file's history as :func:`reportlint.engine` stores it."""
    if not isinstance(kept, dict) or set(kept) != {"facts", "comments", "lines"}:
        return False
    facts, comments = kept["facts"], kept["comments"]
    return (isinstance(facts, list) and all(map(_valid_fact, facts))
            and isinstance(comments, list) and _int(kept["lines"])
            and all(isinstance(c, dict) and _int(c.get("line")) and isinstance(c.get("text"), str)
                    and isinstance(c.get("inline", False), bool) for c in comments))
