"""The run-wide step: after every file of a run is checked, the lifecycle rules (``SCOPE =
"run"``) read each task's reports across the run and their findings join the outcomes of the
files they are in.

Each file's check leaves what its reports say about their tasks in ``Outcome.history`` (it is
cached with the file's result, so a cached file still takes part: the run-wide findings are
worked out every run, never cached). Grouping is one pass over the reports and a sort of each
task's; every rule reads a task's reports once, in order.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, timezone
from typing import cast

from reportlint import codes, suppress
from reportlint.diagnostics import Finding, Outcome
from reportlint.engine import Settings, diagnostic
from reportlint.rules.base import Rule
from reportlint.rules.lifecycle import _history
from reportlint.spool import Spool

RULES: tuple[Rule, ...] = tuple(rule for rule in codes.RULES if rule.scope == "run")
Check = Callable[[_history.Task, _history.Run], Iterable[_history.Mark]]


def today() -> date:
    return datetime.now(timezone.utc).date()


def wanted(settings: Iterable[Settings]) -> bool:
    """Whether any file of the run is checked with a lifecycle rule."""
    seen: set[int] = set()
    for one in settings:
        if id(one) in seen:
            continue
        seen.add(id(one))
        if any(one.config.selected(rule.code.code) for rule in RULES):
            return True
    return False


def tasks(outcomes: Sequence[Outcome]) -> dict[str, _history.Task]:
    return _history.tasks((index, outcome.path, outcome.history["facts"])
                          for index, outcome in enumerate(outcomes)
                          if outcome.history is not None)


def findings(outcomes: Sequence[Outcome], now: date | None = None
             ) -> dict[int, list[Finding]]:
    """The lifecycle findings of a run, by the index of the outcome they are in, before any
    configuration or directive of that file has had its say."""
    out: dict[int, list[Finding]] = {}
    _marks(tasks(outcomes), now, lambda index, finding: out.setdefault(index, []).append(finding))
    return out


def _marks(grouped: dict[str, _history.Task], now: date | None,
           add: Callable[[int, Finding], object]) -> None:
    """Give ``add`` each lifecycle finding with the index of the outcome it is in."""
    run = _history.Run.of(grouped, now or today())
    for task in grouped.values():
        task.hold()  # read by every rule: loaded once (others' when asked)
        for rule in RULES:
            check = cast("Check", rule.check)
            for mark in check(task, run):
                add(mark.at.order, Finding(rule.code.code, mark.line, mark.message,
                                           mark.column))
        task.release()


class _Found:
    """The lifecycle findings of the run's first ``count`` outcomes (the rest are earlier
    versions, whose findings are not given), kept in ``spool`` as they are made and read back
    by outcome: each outcome's are a chain through the spool's numbers (8 bytes an outcome
    and 4 a finding in memory; a run of 10,000 files can have as many findings as files)."""

    def __init__(self, spool: Spool, count: int) -> None:
        self._spool = spool
        self._count = count
        self._first = array("i", [-1]) * count
        self._last = array("i", [-1]) * count
        self._next = array("i")

    def add(self, index: int, finding: Finding) -> None:
        if index >= self._count:
            return
        number = self._spool.put(finding)
        self._next.append(-1)
        if self._last[index] < 0:
            self._first[index] = number
        else:
            self._next[self._last[index]] = number
        self._last[index] = number

    def of(self, index: int) -> list[Finding]:
        out = []
        number = self._first[index]
        while number >= 0:
            out.append(cast("Finding", self._spool.get(number)))
            number = self._next[number]
        return out


def added(outcomes: Iterable[Outcome], settings: Sequence[Settings],
          now: date | None = None, earlier: Iterable[Outcome] = ()) -> Iterator[Outcome]:
    """``outcomes`` (one per input, checked with ``settings``, in order) with the lifecycle
    findings each file's configuration selects and its directives do not silence. Every
    outcome is seen before the first is given. ``earlier`` outcomes (a file's committed
    versions) take part in the tasks' histories; findings on them are not given.

    Until the last is seen, the outcomes and their facts wait in a spool on disk (what is
    held in memory is a few numbers a report: see :class:`_history.Entry`), and so do the
    lifecycle findings until their outcome's turn (:class:`_Found`), so a run of 10,000
    files holds no more than one of 1,000."""
    with Spool() as kept, Spool(recent=64) as records, Spool(recent=64) as facts, Spool() as marks:
        # Nothing is built while files are checked: what the grouping keeps of each report
        # is made after the last, in memory the checks have given back (kept among their
        # short-lived objects, it would keep much of that memory from being reused).
        def aside(index: int, outcome: Outcome) -> None:
            if outcome.history is not None:
                records.put((index, outcome.path, len(outcome.history["facts"])))
                for fact in outcome.history["facts"]:
                    facts.put(fact)

        for outcome in outcomes:
            aside(kept.put(outcome), outcome)
        for index, outcome in enumerate(earlier, len(kept)):  # their facts alone
            aside(index, outcome)

        def each() -> Iterator[tuple[int, str, list[_history.Fact]]]:
            fact = 0
            for number in range(len(records)):
                index, path, count = records.get(number)
                yield index, path, [facts.get(n) for n in range(fact, fact + count)]
                fact += count

        found = _Found(marks, len(kept))
        _marks(_history.tasks(each(), facts, lambda file: records.get(file)[1]), now,
               found.add)
        for index in range(len(kept)):
            outcome = cast("Outcome", kept.get(index))
            yield _with(outcome, found.of(index), settings[index])


def _with(outcome: Outcome, found: Iterable[Finding], settings: Settings) -> Outcome:
    """``outcome`` with the lifecycle findings its file's configuration and directives let
    through."""
    config = settings.config
    kept = [f for f in found if config.selected(f.code)]
    history = outcome.history
    if kept and history is not None and history["comments"]:
        kept = suppress.silenced(kept, history["comments"], history["lines"],
                                 settings.file_suppressions)
    if not kept:
        return outcome
    shown = [diagnostic(outcome.path, f, config) for f in kept]
    every = sorted((*outcome.diagnostics, *shown), key=lambda d: (d.line, d.column, d.code))
    return outcome._replace(diagnostics=tuple(every), skipped=False)
