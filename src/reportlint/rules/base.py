"""What every finding code is made of: its catalogue entry (:class:`Code`), and for the
reviewer rules what a rule sees (:class:`Context`) and yields (:class:`Hit`).

A code module (one per code, named after the code's kebab name) defines
``CODE = define(code, name, severity, __name__)``: its module docstring, in ruff's shape, is
its documentation. A reviewer rule module also defines ``check(ctx)``, which yields
:class:`Hit` values; the engine attaches the code, the path and the severity.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple, cast, overload

from reportlint import lazyre
from reportlint.diagnostics import Severity
from reportlint.model import code_lines, walk
from reportlint.shape import Shape

if TYPE_CHECKING:
    from reportlint import saferegex
    from reportlint.evidence.artefacts import Artefact
    from reportlint.gitdiff import Changes
    from reportlint.nodes import Container, Document, Report, Section


class Code(NamedTuple):
    """One entry of the catalogue: the code, its name and default severity, and the code
    module whose docstring is its documentation (read when it is asked for)."""

    code: str
    name: str
    severity: Severity
    module: str  # the code module, `reportlint.rules.<area>.<name>`

    @property
    def doc(self) -> str:
        """The code's documentation: its module's docstring."""
        return _doc(self.module)

    @property
    def summary(self) -> str:
        """The first clause of the first paragraph: what `reportlint rules` shows."""
        text = " ".join(self.doc.strip().split("\n\n")[0].split())
        depth, code = 0, False
        for i, char in enumerate(text):
            code ^= char == "`"
            depth += 1 if char in "([" else -1 if char in ")]" else 0
            if not code and depth == 0 and char in ":;." and text[i + 1:i + 2] in (" ", ""):
                return text[:i]
        return text


def define(code: str, name: str, severity: Severity, module: str) -> Code:
    """A code's entry, made in its module (``module`` is that module's ``__name__``)."""
    return Code(code, name, severity, module)


@cache
def _doc(module: str) -> str:
    import importlib
    import inspect  # only to show a code's documentation

    return inspect.cleandoc(importlib.import_module(module).__doc__ or "")


class Hit(NamedTuple):
    line: int
    message: str
    column: int = 1
    fix: dict[str, Any] | None = None  # a repair hint (see reportlint.edits), where known


class Options(NamedTuple):
    """Per-rule options, set under ``[tool.reportlint.options]``."""

    coverage_minimum: float = 80.0
    # Configured patterns are RE2 (saferegex.Regex); this default is reportlint's own.
    task_id_pattern: saferegex.Pattern = lazyre.compile(
        r"^[A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*-\d+$")
    extra_placeholders: tuple[saferegex.Pattern, ...] = ()
    # The placeholder text of the templates in use (their `x-reportlint.placeholders`).
    placeholder_texts: tuple[str, ...] = ()
    # What the CI run's files say (`--evidence`, `evidence = [...]`), loaded once per run.
    artefacts: tuple[Artefact, ...] = ()


_NO_TEMPLATE = Shape(None)
_NO_REPORT: Report = {"template": "", "line": 1, "level": 0, "end_line": 0,
                      "title": {"text": "", "label": None, "task_id": None, "task_name": None,
                                "line": 1},
                      "fields": {}, "paragraphs": [], "items": [], "tables": [],
                      "code_blocks": [], "sections": {}}


class Earlier(Sequence["Report"]):
    """The reports before one report of a file: a view of the file's list, not a copy (a
    copy for each of 10,000 reports would be 50 million references), with ``memo``, one
    per file, where a rule keeps what it has worked out from the reports before."""

    def __init__(self, reports: list[Report], count: int, memo: dict[str, Any]) -> None:
        self._reports, self._count, self.memo = reports, count, memo

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Report: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Report]: ...

    def __getitem__(self, index: int | slice) -> Report | Sequence[Report]:
        if isinstance(index, slice):
            return self._reports[:self._count][index]
        if not -self._count <= index < self._count:
            raise IndexError("report index out of range")
        return self._reports[index % self._count]


class Context(NamedTuple):
    """What a rule sees: one report (or, for document rules, none) and the file around it.
    Rules read it and never change it (the empty defaults are shared)."""

    document: Document
    lines: list[str]
    options: Options
    report: Report = _NO_REPORT  # document rules have none
    earlier: Sequence[Report] = ()  # the reports before this one in the same file
    template: Shape = _NO_TEMPLATE  # what the report's template declares
    changes: Changes | None = None  # what git says changed, with --diff-base
    source: str = ""  # the checked file's path relative to the repository root, if known
    text: str = ""  # the whole file, line endings as "\n" (for document rules)
    walked: tuple[tuple[str, Container], ...] = ()  # model.walk(report), walked once
    # Per report, what rules share and work out once (claims.of keeps the claims here);
    # None: nothing is kept (a context built by hand).
    memo: dict[str, Any] | None = None

    def keyed(self) -> tuple[tuple[str, Container], ...]:
        """The report and every section below it, in document order, with their keys (the
        report's is ``""``)."""
        return self.walked or tuple(walk(self.report))

    def sections(self) -> tuple[Container, ...]:
        """The report and every section below it, in document order."""
        return tuple(node for _, node in self.keyed())

    def subsections(self) -> tuple[tuple[str, Section], ...]:
        """Every section of the report (not the report itself), with its key."""
        # keyed() starts with the report, and only with it.
        return cast("tuple[tuple[str, Section], ...]", self.keyed()[1:])

    def code_lines(self) -> set[int]:
        """Lines inside fenced or indented code blocks of this report."""
        return code_lines(self.sections())


Check = Callable[[Context], Iterable[Hit]]


class Rule(NamedTuple):
    """A reviewer rule: its code, its check, and whether it reads one report at a time
    (``report``), the whole file (``document``) or, a lifecycle rule, one task's reports
    over the whole run (``run``: its check takes a task and the run, see
    :mod:`reportlint.rules.lifecycle._history`)."""

    code: Code
    check: Check | Callable[..., Iterable[Any]]
    scope: str
    # Only for a recognised report, not for a report-like file checked by its words.
    reports_only: bool = False
