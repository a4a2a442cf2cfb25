"""One file's way through reportlint: bytes -> text -> tokens -> model -> findings."""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeGuard

from reportlint import (
    budget,
    cache,
    codes,
    edits,
    lazyre,
    model,
    names,
    parser,
    paths,
    quote,
    recognition,
    secrets,
    source,
    suppress,
)
from reportlint.config import Config
from reportlint.diagnostics import Diagnostic, Finding, Outcome, Severity, Span
from reportlint.recognition import AgentTitle
from reportlint.rules.base import Context, Earlier, Options, Rule
from reportlint.rules.lifecycle import _history as history
from reportlint.rules.review import section_at_title_level, unfilled_placeholder
from reportlint.templates import Registry

if TYPE_CHECKING:
    from markdown_it.token import Token

    from reportlint.evidence.artefacts import Artefact
    from reportlint.fixes import Fixed
    from reportlint.gitdiff import Changes
    from reportlint.nodes import Document, Report

# A template value that is a leftover placeholder is reported once, as the placeholder.
# (The input, template and meta code modules are imported where they make a finding: see
# codes.MODULES.)
_ROOT_CAUSE = {codes.code_of("invalid-field-value"), codes.code_of("invalid-cell-value")}
_PLACEHOLDER = unfilled_placeholder.CODE.code
_TITLE = codes.code_of("invalid-title")
_EMPTY = codes.code_of("empty-file")


class Input(NamedTuple):
    """A file to check: its display path and either its bytes or why they could not be read."""

    path: str
    data: bytes | None
    error: str | None = None
    location: Path | None = None  # the file on disk, for per-file configuration
    size: int | None = None  # set, instead of data, when the file is over the size limit


class Settings:
    """Everything a check needs besides the input."""

    def __init__(self, registry: Registry, config: Config | None = None,
                 template: str | None = None, changes: Changes | None = None,
                 cache_results: bool = True, file_suppressions: bool = True,
                 artefacts: tuple[Artefact, ...] = (), edits: bool = True) -> None:
        self.registry = registry
        self.artefacts = artefacts  # --evidence and `evidence`: the CI run's files, read
        self.config = config if config is not None else Config(root=Path.cwd())
        self.template = template  # --template: every report in every file
        self.changes = changes  # --diff-base: what the branch changed
        self.cache_results = cache_results  # False with --no-cache
        # False with --no-file-suppressions: a directive hiding the whole file is refused.
        self.file_suppressions = file_suppressions
        # False when nothing shows a finding's edits (only JSON output and servers do).
        self.edits = edits

    @cached_property
    def options(self) -> Options:
        texts = tuple(text for name in self.registry.names()
                      for text in self.registry[name].meta.get("placeholders", ())
                      if isinstance(text, str))
        return self.config.options._replace(placeholder_texts=texts, artefacts=self.artefacts)

    @cached_property
    def rules(self) -> list[Rule]:
        return [r for r in codes.RULES if self.config.selected(r.code.code)]

    @cached_property
    def fingerprint(self) -> str:
        """Everything besides a file's bytes that decides its findings, for the result cache."""
        c = self.config
        options = c.options
        parts = [
            repr((c.select, c.ignore, c.extend_select, sorted(c.severity.items()),
                  c.max_file_size, c.max_file_seconds, c.role, c.reports, str(c.root))),
            repr((options.coverage_minimum, options.task_id_pattern.pattern,
                  [p.pattern for p in options.extra_placeholders])),
            repr([(n, self.registry[n].digest) for n in self.registry.names()]),
            repr(self.file_suppressions),
            # The evidence files' contents as read (their totals decide RL306's findings).
            repr([(a.path, a.as_dict()) for a in self.artefacts]),
        ]
        if not self.edits:
            parts.append("no edits")
        return "\n".join(parts)

    def template_for(self, item: Input) -> str | None:
        if self.template is not None:
            return self.template
        return self.config.template_for(item.location) if item.location else None


def diagnostic(path: str, finding: Finding, config: Config | None = None) -> Diagnostic:
    """The finding as reported: every diagnostic is made here, so here its message is made
    one safe line of at most ``quote.MESSAGE_MAX`` characters with secrets masked, and its fix
    hint (which quotes report text too) has its secrets masked."""
    entry = codes.CODES[finding.code]
    severity = finding.severity or entry.severity
    if config is not None:
        severity = config.severity.get(entry.code, severity)
    fix = secrets.redact_all(finding.fix) if finding.fix else finding.fix
    return Diagnostic(path, max(finding.line, 1), max(finding.column, 1), entry.code,
                      entry.name, severity, quote.message(finding.message), fix)


def read(path: Path, limit: int | None = None) -> Input:
    """A file's bytes, or why they were not read (an error, not a regular file, or a size
    over ``limit``). Never blocks: a FIFO, socket or device is refused before it is opened,
    and opened without blocking should one take a file's place in between. Its display path
    is relative to the working directory when it is inside it
    (:func:`reportlint.paths.display`)."""
    name = paths.display(path)
    try:
        kind = special_kind(os.stat(path).st_mode)
        if kind is not None:  # a device is not even opened: opening some has effects
            return Input(name, None, f"not a regular file ({kind})", location=path)
        with open(os.open(path, os.O_RDONLY | _NONBLOCK), "rb") as handle:
            info = os.fstat(handle.fileno())
            kind = special_kind(info.st_mode)
            if kind is not None:
                return Input(name, None, f"not a regular file ({kind})", location=path)
            if limit is not None and info.st_size > limit:
                return Input(name, None, location=path, size=info.st_size)
            return Input(name, handle.read(), location=path)
    except OSError as exc:
        return Input(name, None, exc.strerror or str(exc), location=path)


_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # POSIX; elsewhere the stat check alone guards
_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"))


def special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is (``a FIFO``), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _KINDS if test(mode)), "a special file")


def expand(given: Iterable[Path], respect_gitignore: bool = False) -> Iterator[Path]:
    """Files named directly, and the ``*.md`` files below named directories, sorted (with
    ``respect_gitignore``, less what .gitignore files ignore; see
    :func:`reportlint.paths.walk`). In a directory, what is not a regular file (a FIFO, a
    socket, a device; links are followed) is skipped: nobody asked for it by name. What
    cannot be looked at is kept, to be reported as unreadable."""
    for path in given:
        if path.is_dir():
            yield from (file for file in paths.walk(path, respect_gitignore)
                        if _regular_or_unreadable(file))
        else:
            yield path


def _regular_or_unreadable(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:  # a dangling link, a link loop: RL001 when it is read
        return True


def document(text: str, registry: Registry, template: str | None,
             role: str | None = None, lines: list[str] | None = None) -> Document:
    def classify(heading: str) -> tuple[str, AgentTitle | None] | None:
        return registry.recognise(heading, role)

    return model.build(text, parser.parse(text), classify, template, lines)


def shown_path(path: str) -> str:
    """A file name as every output shows it: valid Unicode. A name that is not UTF-8 (its
    bytes were decoded with ``surrogateescape``) shows its other bytes as ``\\xff``, rather
    than making every format that writes UTF-8 fail on it (SARIF, GitLab, the step summary,
    ``--output-file``)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return path


def check(item: Input, settings: Settings) -> Outcome:
    """Every finding for one input; never raises for anything in the input."""
    item = item._replace(path=shown_path(item.path))
    cacheable = (item.data is not None and settings.changes is None
                 and settings.cache_results and cache.enabled("results"))
    if cacheable:
        assert item.data is not None
        # Whether the file must be a report depends on its path, not only on its bytes.
        must = "report" if settings.config.must_report(item.location) else ""
        name = cache.key(settings.fingerprint, settings.template_for(item) or "", must,
                         item.data)
        hit = _cached(item.path, cache.get("results", name))
        if hit is not None:
            return hit
    outcome, lasting = _guarded(item, settings)
    outcome = _fingerprinted(outcome, item)
    if cacheable and lasting:
        cache.put("results", name, _stored(outcome))
    return outcome


def _place(d: Diagnostic) -> tuple[str, int, int, str]:
    # Stable on ties, so findings on one line keep the template's order.
    return d.path, d.line, d.column, d.code


def _fingerprinted(outcome: Outcome, item: Input) -> Outcome:
    """The outcome with each finding's fingerprint (from its file's lines, where it has
    text): what output formats identify a finding by when lines above it move."""
    if not outcome.diagnostics:
        return outcome
    from reportlint import baseline

    found = baseline.fingerprints(outcome.diagnostics, baseline.lines_of(item.data))
    return outcome._replace(diagnostics=tuple(
        d._replace(fingerprint=f) for d, f in zip(outcome.diagnostics, found, strict=True)))


def _stored(outcome: Outcome) -> dict[str, Any]:
    return {"diagnostics": [{**{k: v for k, v in d.as_dict().items() if k != "path"},
                             "fixable": d.fixable, "fingerprint": d.fingerprint}
                            for d in outcome.diagnostics],
            "reports": [[s.title, s.line, s.end_line] for s in outcome.reports],
            "skipped": outcome.skipped, "history": outcome.history}


def _cached(path: str, value: Any) -> Outcome | None:
    """The outcome a result cache entry holds, if it holds one: every finding of a code in
    the catalogue, by its own name, with a severity, a line and a column from 1, a message,
    and the reports' spans (anything else is not what reportlint stored, and is checked
    again)."""
    if not isinstance(value, dict) or set(value) != {"diagnostics", "reports", "skipped",
                                                     "history"}:
        return None
    found, reports, skipped = value["diagnostics"], value["reports"], value["skipped"]
    kept = value["history"]
    if kept is not None and not history.valid(kept):
        return None
    if not (isinstance(found, list) and isinstance(reports, list) and isinstance(skipped, bool)):
        return None
    diagnostics: list[Diagnostic] = []
    for d in found:
        if not isinstance(d, dict):
            return None
        code = codes.CODES.get(d.get("code"))  # type: ignore[arg-type]
        line, column, message, fix = (d.get("line"), d.get("column"), d.get("message"),
                                      d.get("fix"))
        fixable, fingerprint = d.get("fixable"), d.get("fingerprint")
        if (code is None or d.get("name") != code.name or not _count(line)
                or not _count(column) or not isinstance(message, str)
                or not (fix is None or isinstance(fix, dict))
                or not isinstance(fixable, bool) or not isinstance(fingerprint, str)
                or d.get("severity") not in _SEVERITIES):
            return None
        diagnostics.append(Diagnostic(path, line, column, code.code, code.name,
                                      Severity(d["severity"]), message, fix, fixable,
                                      fingerprint))
    spans: list[Span] = []
    for span in reports:
        if not (isinstance(span, list) and len(span) == 3 and isinstance(span[0], str)
                and _count(span[1]) and _count(span[2])):
            return None
        spans.append(Span(*span))
    return Outcome(path, tuple(diagnostics), tuple(spans), skipped, kept)


_SEVERITIES = {severity.value for severity in Severity}


def _count(value: Any) -> TypeGuard[int]:
    """Whether ``value`` is a line or column number (an int from 1; not a bool)."""
    return type(value) is int and value >= 1


def _guarded(item: Input, settings: Settings) -> tuple[Outcome, bool]:
    """The outcome, and whether it may be cached: not when reportlint failed, nor when the
    time ran out (how long a check takes is no property of the file)."""
    config = settings.config
    try:
        return budget.run(lambda: _check(item, settings), config.max_file_seconds), True
    except budget.OverBudget:
        from reportlint.rules.input import file_too_complex

        found, lasting = file_too_complex.too_slow(config.max_file_seconds), False
    except parser.TooComplex as exc:
        from reportlint.rules.input import file_too_complex

        found, lasting = file_too_complex.too_many_elements(exc.line, parser.MAX_TOKENS), True
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the run
        from reportlint.rules.meta import internal_error

        return Outcome(item.path, (diagnostic(item.path, internal_error.finding(exc)),)), False
    shown = (diagnostic(item.path, found, config),) if config.selected(found.code) else ()
    return Outcome(item.path, shown), lasting


def _text(item: Input, limit: int | None = None, config: Config | None = None
          ) -> str | Diagnostic:
    """The input's text, or the diagnostic that says why it has none (with the severity
    ``config`` gives its code)."""
    size = item.size if item.size is not None else (
        len(item.data) if item.data is not None and limit is not None else None)
    if size is not None and limit is not None and size > limit:
        from reportlint.rules.input import file_too_large

        return diagnostic(item.path, file_too_large.finding(size, limit), config)
    if item.data is None:
        from reportlint.rules.input import unreadable_file

        reason = item.error or "cannot be read"
        return diagnostic(item.path, unreadable_file.finding(reason), config)
    decoded = source.decode(item.data)
    if isinstance(decoded, Finding):
        return diagnostic(item.path, decoded, config)
    return decoded.text


def _check(item: Input, settings: Settings) -> Outcome:
    config = settings.config
    text = _text(item, config.max_file_size, config)
    forced = settings.template_for(item)
    must = forced is not None or config.must_report(item.location)
    if isinstance(text, Diagnostic):
        if text.code == _EMPTY and not must:
            return Outcome(item.path, (), skipped=True)  # an empty file is no report either
        return Outcome(item.path, (text,) if config.selected(text.code) else ())
    registry = settings.registry
    lines = model.split_lines(text)  # once, for the model and the rules
    tokens = parser.parse(text)  # once, for every model of the file and for its fixes

    def classify(heading: str) -> tuple[str, AgentTitle | None] | None:
        return registry.recognise(heading, config.role)

    doc = model.build(text, tokens, classify, forced, lines)
    read_as = doc  # what --fix reads the file as
    findings: list[Finding] = []
    report_like = False
    if not doc["reports"]:
        # No report title: read the whole file as one report, and judge by what it says.
        whole = model.build(text, tokens, classify, registry.names()[0], lines)
        report = whole["reports"][0]
        assignment = _assignment(registry) if recognition.assigned(report) else None
        if assignment is not None:
            # A product manager's task assignment as PMs write it (`/droid ...`, then the
            # Required Task Fields in a list or a table, under no `Task:` title): checked
            # as one, and its criteria are the lifecycle rules' to trace.
            doc = read_as = model.build(text, tokens, classify, assignment, lines)
    if not doc["reports"]:
        found = recognition.signals(report, [key for key, _ in model.walk(report)][1:])
        if not found.report_like and not must:
            return Outcome(item.path, (), skipped=True)
        first = doc["first_heading"]
        heading = names.atx_text(lines[first - 1]) if first else None
        titles = list(dict.fromkeys(registry[name].title for name in registry.names()))
        suggestion = registry.suggest_title(heading, config.role, found.kind,
                                            _task_field(report))
        from reportlint.rules.input import no_report

        findings.append(no_report.finding(first or 1, titles, suggestion,
                                          recognition.unfit(report)))
        kind = registry.classify(suggestion, config.role)
        if found.report_like and kind is not None:
            report["template"] = kind
            doc, report_like = whole, True
    front = doc["front_matter"]
    if front is not None and front.get("error"):
        from reportlint.rules.input import invalid_front_matter

        findings.append(invalid_front_matter.finding(front["error_line"], front["error"]))
    findings.extend(_reviews(doc, text if "\r" not in text else "\n".join(lines), lines,
                             settings, _relative(item, settings.changes), report_like))
    findings = [f for f in findings if config.selected(f.code)]
    # A directive for a lifecycle code is judged in the run-wide step, which sees its findings.
    findings = suppress.apply(findings, doc["comments"], doc["lines"],
                              lambda code: config.selected(code) and code not in RUN_CODES,
                              settings.file_suppressions)
    findings = [f for f in findings if config.selected(f.code)]
    fixable: list[bool] = [False] * len(findings)
    if findings:
        fixed = _fixed(item.data, text, tokens, read_as, settings)
        new = fixed.text if fixed is not None else None
        findings = edits.attach(findings, text, new) if settings.edits else edits.bare(findings)
        if fixed is not None and fixed.repaired:
            fixable = _fixable(findings, fixed.repaired)
    spans = tuple(Span(quote.display(r["title"]["text"], quote.TITLE_MAX), r["line"],
                       r["end_line"]) for r in doc["reports"])
    made = (diagnostic(item.path, f, config)._replace(fixable=can)
            for f, can in zip(findings, fixable, strict=True))
    return Outcome(item.path, tuple(sorted(made, key=_place)), spans,
                   history=None if report_like else _history_of(doc, text, registry))


_ASIDE = lazyre.compile(r"\([^()]*\)")


def _task_field(report: Report) -> tuple[str, str] | None:
    """The task id and name a report's own fields give (`**Task:** DATA-019 nightly ETL`,
    or **Task ID** and **Task Name**), for the title RL005 suggests."""
    fields = report["fields"]
    for key in ("task-id", "task", "ticket"):
        if key in fields:
            found, name = names.task_in(fields[key]["value"])
            if found is not None:
                if not name and "task-name" in fields:
                    name = fields["task-name"]["value"]
                # `SPIKE-09 (timeboxed, 1 day)`: an aside is no name.
                name = _ASIDE.sub("", name.replace("`", ""))
                return found, " ".join(name.split())
    return None


def _assignment(registry: Registry) -> str | None:
    """The template of the product manager's task assignments, if the run has one."""
    return next((name for name in registry.names()
                 if registry[name].meta.get("role") == "product-manager"), None)


def _fixable(findings: list[Finding], repaired: Mapping[int, frozenset[str]]) -> list[bool]:
    """Which findings ``--fix`` repairs: those on a line one of its repairs changed that
    names the finding's code (see :data:`reportlint.fixes.RESOLVES`). White space at the end
    of a line and the final newline are no finding's cause."""
    resolved = _resolved()
    return [any(f.code in resolved[kind] for kind in repaired.get(f.line, ()))
            for f in findings]


@lru_cache(maxsize=1)
def _resolved() -> dict[str, frozenset[str]]:
    """``fixes.RESOLVES`` by code, worked out once (a file with repairs asks each time)."""
    from reportlint import fixes

    return {kind: frozenset(codes.code_of(name) for name in names)
            for kind, names in fixes.RESOLVES.items()}


RUN_CODES = frozenset(rule.code.code for rule in codes.RULES if rule.scope == "run")


def _history_of(doc: Document, text: str, registry: Registry) -> dict[str, Any] | None:
    """What the reports of a file say about their tasks (see
    :mod:`reportlint.rules.lifecycle._history`), with the file's secrets masked, and the
    file's suppression directives, for the run-wide step."""
    facts = [found for report in doc["reports"]
             if (found := history.fact(report, registry[report["template"]].meta.get("role")))
             is not None]
    if not facts:
        return None
    directives = [dict(c) for c in doc["comments"] if "reportlint-" in c["text"]]
    masked: list[dict[str, Any]] = secrets.Redactor(text).all(facts)
    return {"facts": masked, "comments": directives, "lines": doc["lines"]}


def _relative(item: Input, changes: Changes | None) -> str:
    if changes is None or item.location is None:
        return ""
    try:
        return item.location.resolve().relative_to(changes.root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside the repository, or a link loop
        return ""


def _reviews(doc: Document, text: str, lines: list[str], settings: Settings,
             source: str, report_like: bool = False) -> Iterator[Finding]:
    """Schema findings and reviewer-rule findings for every report, then document rules
    (``text`` is the file with its line endings as ``\n``). A ``report_like`` file (no report
    title, read as one report of the template its words suggest) gets the reviewer rules
    only: its form is not the template's, its claims and evidence still count."""
    registry = settings.registry
    rules = settings.rules
    memo: dict[str, Any] = {}  # what rules work out from the reports before each one
    for index, report in enumerate(doc["reports"]):
        entry = registry[report["template"]]
        quick = entry.quick_check
        found: list[Finding] = []
        if not report_like and not (quick is not None and quick(report)):
            from reportlint import explain  # a report that fails its template

            found = explain.findings(report, entry.shape, entry.builtin)
        title = report["title"]
        if "kind" in title:  # an agent-shaped title: one finding says what to write
            found = [f for f in found if f.code != _TITLE]
            canonical = f"{entry.title}: {title['task_id']} - {title['task_name'] or 'Task name'}"
            from reportlint.rules.template import invalid_title

            found.append(invalid_title.agent_shaped(title["line"], title["text"],
                                                    f"{'#' * 2} {canonical}"))
        context = Context(doc, lines, settings.options, report,
                          Earlier(doc["reports"], index, memo), entry.shape, settings.changes,
                          source, walked=tuple(model.walk(report)), memo={})
        reviewed = [Finding(r.code.code, hit.line, hit.message, hit.column, fix=hit.fix)
                    for r in rules if r.scope == "report"
                    and not (report_like and r.reports_only) and _go_on()
                    for hit in r.check(context)]
        placeholders = {f.line for f in reviewed if f.code == _PLACEHOLDER}
        yield from (f for f in found if not (f.code in _ROOT_CAUSE and f.line in placeholders))
        yield from reviewed
    context = Context(doc, lines, settings.options, text=text)
    for rule in rules:
        if rule.scope == "document" and _go_on():
            for hit in rule.check(context):
                yield Finding(rule.code.code, hit.line, hit.message, hit.column)


def _go_on() -> bool:
    """True, unless the check is out of time where no timer can interrupt it (see
    :mod:`reportlint.budget`), which raises OverBudget instead."""
    budget.checkpoint()
    return True


def _fixed(data: bytes | None, text: str, tokens: list[Token], doc: Document,
           settings: Settings) -> Fixed | None:
    """What ``--fix`` makes of ``text`` (None for a file it does not rewrite), for the edits
    of the findings: the same fixes on the same model and tokens as :func:`repair`."""
    from reportlint import fixes

    if data is None or data.startswith(source.UNICODE_BOMS):
        return None
    return fixes.fix(text, tokens, doc, settings.registry.templates, _demote(settings))


def _demote(settings: Settings) -> bool:
    return settings.config.selected(section_at_title_level.CODE.code)


class Repair(NamedTuple):
    """What ``--fix`` would write for one file."""

    old: bytes
    new: bytes
    lines: int


def repair(item: Input, settings: Settings) -> Repair | None:
    """The file with every safe fix applied, or None when there is nothing to fix (or the
    file is not UTF-8 text reportlint may rewrite, or is over the check's budget: its check
    says so)."""
    try:
        return budget.run(lambda: _repair(item, settings), settings.config.max_file_seconds)
    except (budget.OverBudget, parser.TooComplex):
        return None


def _repair(item: Input, settings: Settings) -> Repair | None:
    from reportlint import fixes

    data = item.data
    if data is None or data.startswith(source.UNICODE_BOMS):
        return None
    if item.size is not None or len(data) > settings.config.max_file_size:
        return None
    text = _text(item)
    if isinstance(text, Diagnostic):
        return None
    registry, role = settings.registry, settings.config.role
    template, demote = settings.template_for(item), _demote(settings)
    # One fix can make another possible (`**Status:**in progress` becomes a field, whose
    # value can then be canonicalised): the fixes run again on what they wrote until it
    # stays the same, as ruff does, so that one --fix leaves nothing --fix would change.
    new, passes = text, 0
    while passes < _FIX_PASSES:
        tokens = parser.parse(new)  # the model, and the blocks the fixes leave alone
        doc = model.build(new, tokens, lambda heading: registry.recognise(heading, role),
                          template)
        fixed = fixes.fix(new, tokens, doc, registry.templates, demote)
        passes += 1
        if fixed.lines == 0 or fixed.text == new:
            break
        new = fixed.text
    if new == text:
        return None
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    return Repair(data, bom + new.encode("utf-8"), _changed_lines(text, new))


_FIX_PASSES = 10  # ruff's is 100; reportlint's fixes settle in two


def _changed_lines(old: str, new: str) -> int:
    """How many lines the fixes changed: they change lines in place and may add the final
    newline (one more, empty, last line), never add or remove one."""
    before, after = model.split_lines(old), model.split_lines(new)
    return sum(a != b for a, b in zip(before, after, strict=False)) + abs(
        len(before) - len(after))


def extract(item: Input, registry: Registry, template: str | None = None
            ) -> dict[str, Any] | Diagnostic:
    """The model of one input, or the diagnostic that says why there is none."""
    item = item._replace(path=shown_path(item.path))
    text = _text(item)
    if isinstance(text, Diagnostic):
        return text
    try:
        model_of = document(text, registry, template)
    except parser.TooComplex as exc:
        from reportlint.rules.input import file_too_complex

        return diagnostic(item.path, file_too_complex.too_many_elements(exc.line,
                                                                        parser.MAX_TOKENS))
    # Every string of the model, keys too, with the file's secrets masked: a string alone
    # (a private key's body line, a heading turned into a key) may not show what it holds.
    redacted: dict[str, Any] = secrets.Redactor(text).all({"path": item.path, **model_of})
    return redacted
