"""A report's failures against its template, as values: what the validator found
(:class:`Failure`), where it is in the report (:class:`Place`), and what the code module that
words it needs (:class:`Failing`). :mod:`reportlint.schema` makes them from jsonschema's
errors; :mod:`reportlint.explain` hands each to the template code module that words it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from reportlint.quote import quote
from reportlint.shape import Shape

if TYPE_CHECKING:
    from reportlint.nodes import Report

Node = dict[str, Any]
PathPart = str | int


class Failure(NamedTuple):
    """One failure of a report against its template."""

    keyword: str  # the JSON Schema keyword that failed: required, const, enum, pattern...
    expected: Any  # that keyword's value in the template
    instance: Any  # the part of the report model that failed
    message: str  # the validator's own words, for failures no code words better
    path: tuple[PathPart, ...]  # where in the report model
    schema: Shape  # the part of the template that failed


# What a part of the model is, from the name of the collection that holds it: the model's
# shape (schemas/model/document.schema.yaml) says it, so no node's kind is guessed from its keys.
_MEMBER = {"sections": "section", "fields": "field", "tables": "table", "rows": "row",
           "cells": "cell", "columns": "column", "items": "item", "code_blocks": "code block",
           "paragraphs": "paragraph"}
_CONTAINERS = frozenset({"report", "section"})


class Place:
    """The parts of the report along a failure's path, each with its kind."""

    def __init__(self, report: Report, path: tuple[PathPart, ...]) -> None:
        self.path = list(path)
        self.nodes: list[Any] = [report]
        self.kinds: list[str] = ["report"]
        node: Any = report
        holder: str | None = None  # the collection the next part is a member of
        for part in self.path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
            if holder is not None:
                kind, holder = _MEMBER[holder], None
            elif isinstance(part, str) and part in _MEMBER:
                kind, holder = f"{part} of", part
            else:
                kind = str(part)  # an attribute: title, value, checked, text...
            self.nodes.append(node)
            self.kinds.append(kind)

    @property
    def last(self) -> PathPart | None:
        return self.path[-1] if self.path else None

    @property
    def line(self) -> int:
        for node in reversed(self.nodes):
            if isinstance(node, dict) and isinstance(node.get("line"), int):
                return int(node["line"])
        return 1

    @property
    def column(self) -> int:
        for candidate in self.nodes[-1:-3:-1]:
            if isinstance(candidate, dict) and isinstance(candidate.get("column"), int):
                return int(candidate["column"])
        return 1

    @property
    def container(self) -> Node:
        """The innermost section (or the report) the failure is in."""
        for node, kind in zip(reversed(self.nodes), reversed(self.kinds), strict=True):
            if kind in _CONTAINERS:
                return node  # type: ignore[no-any-return]
        return dict(self.nodes[0])

    @property
    def in_report(self) -> bool:
        """Whether the innermost container is the report itself, not a section."""
        return next(k for k in reversed(self.kinds) if k in _CONTAINERS) == "report"

    def parent(self, depth: int = 1) -> Any:
        """The node ``depth`` levels above the failing one (``{}`` above the report)."""
        return self.nodes[-1 - depth] if len(self.nodes) > depth else {}

    def tail(self, n: int) -> list[PathPart]:
        return self.path[-n:] if len(self.path) >= n else []

    def holder(self, name: str) -> Any:
        """The node that holds the last path part called ``name`` (the table of ``rows``)."""
        for i in range(len(self.path) - 1, -1, -1):
            if self.path[i] == name and i < len(self.nodes):
                return self.nodes[i]
        return None

    def where(self) -> str:
        """How a message names the container: ``the report`` or ``\\`3. Quality Gates\\```."""
        return title_of(self.container, self.in_report)


def title_of(node: Mapping[str, object], is_report: bool) -> str:
    return "the report" if is_report else f"`{quote(node.get('title', ''))}`"


class Failing(NamedTuple):
    """What a template code module reads to word one failure."""

    failure: Failure
    place: Place
    report: Report
    template: Shape  # the whole template, for properties a conditional names
    missing: str | None = None  # for a `required` failure: the property that is missing


class Explained(NamedTuple):
    """A code module's words for a failure."""

    message: str
    fix: dict[str, Any] | None = None
    line: int | None = None  # a better line than the failure's place (a misplaced heading)


def expected(failure: Failure) -> str:
    """What the template wanted there, in words."""
    words = failure.schema.keyword("x-expected")
    if isinstance(words, str):
        return words
    if failure.keyword == "const":
        return f"`{failure.expected}`"
    if failure.keyword == "enum":
        return "one of " + ", ".join(f"`{v}`" for v in failure.expected)
    if failure.keyword == "pattern":
        return f"a value matching `{failure.expected}`"
    return quote(failure.message, 120)


def allowed(failure: Failure) -> dict[str, Any] | None:
    """The ``fix`` hint for a value outside what the template allows."""
    if failure.keyword == "const":
        return {"expected": [failure.expected]}
    if failure.keyword == "enum":
        return {"expected": list(failure.expected)}
    if failure.keyword == "pattern":
        return {"pattern": failure.expected}
    return None


def property_title(schema: Shape, name: str, template: Shape) -> str:
    """The title the template gives a property, wherever it declares it."""
    prop = schema.property(name)
    if isinstance(prop.keyword("title"), str):
        return str(prop.keyword("title"))
    # A conditional `then: {required: [...]}` has no properties of its own: look the name up
    # wherever the template defines it.
    found = template.find(name)
    if found is not None and isinstance(found.keyword("title"), str):
        return str(found.keyword("title"))
    return name


def declared(schema: Shape, name: str, template: Shape) -> Shape:
    """The property ``name`` as ``schema`` declares it, else as the template does anywhere."""
    if schema.declares(name):
        return schema.property(name)
    return template.find(name) or Shape(None)
