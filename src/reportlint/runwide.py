"""The run-wide step: after every file of a run is checked, the lifecycle rules (``SCOPE =
"run"``) read each task's reports across the run and their findings join the outcomes of the
files they are in.

Each file's check leaves what its reports say about their tasks in ``Outcome.history`` (it is
cached with the file's result, so a cached file still takes part: the run-wide findings are
worked out every run, never cached). Grouping is one pass over the reports and a sort of each
task's; every rule reads a task's reports once, in order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, timezone
from typing import cast

from reportlint import codes, suppress
from reportlint.diagnostics import Finding, Outcome
from reportlint.engine import Settings, diagnostic
from reportlint.rules.base import Rule
from reportlint.rules.lifecycle import _history

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
    grouped = tasks(outcomes)
    run = _history.Run.of(grouped, now or today())
    out: dict[int, list[Finding]] = {}
    for task in grouped.values():
        for rule in RULES:
            check = cast("Check", rule.check)
            for mark in check(task, run):
                out.setdefault(mark.at.order, []).append(
                    Finding(rule.code.code, mark.line, mark.message, mark.column))
    return out


def added(outcomes: Iterable[Outcome], settings: Sequence[Settings],
          now: date | None = None, earlier: Iterable[Outcome] = ()) -> Iterator[Outcome]:
    """``outcomes`` (one per input, checked with ``settings``, in order) with the lifecycle
    findings each file's configuration selects and its directives do not silence. Every
    outcome is seen before the first is given. ``earlier`` outcomes (a file's committed
    versions) take part in the tasks' histories; findings on them are not given."""
    seen = list(outcomes)
    run = [*seen, *earlier]
    for index, found in findings(run, now).items():
        if index >= len(seen):
            continue
        outcome, config = seen[index], settings[index].config
        kept = [f for f in found if config.selected(f.code)]
        kept_history = outcome.history
        if kept and kept_history is not None and kept_history["comments"]:
            kept = suppress.silenced(kept, kept_history["comments"], kept_history["lines"],
                                     settings[index].file_suppressions)
        if not kept:
            continue
        shown = [diagnostic(outcome.path, f, config) for f in kept]
        every = sorted((*outcome.diagnostics, *shown),
                       key=lambda d: (d.line, d.column, d.code))
        seen[index] = outcome._replace(diagnostics=tuple(every), skipped=False)
    yield from seen
