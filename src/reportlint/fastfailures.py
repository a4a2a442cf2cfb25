"""A report's failures against its template without jsonschema: the same
:class:`~reportlint.failures.Failure` values, in the same order, as :mod:`reportlint.schema`
makes from jsonschema's errors, for the keywords :mod:`reportlint.fastschema` knows.

Why not jsonschema: importing it and building its validator cost 45-95 ms once per process,
more than the whole parse-only process of one report, and its walk of a failing report was
two thirds of a parse per report (``docs/benchmarks.md``). This module descends only into the
parts the yes/no check rejects, so a failing report costs about what a passing one does.

What "the same" means: jsonschema 4.26's iteration order (a schema's keywords in the order
they are written, a ``required``'s names in order, one error per missing name), its messages,
and its ``best_match`` choice among the branches of a failing ``anyOf``/``oneOf``
(``tests/test_fastfailures.py`` compares both on every fixture, corpus and generated report).
A template that uses a keyword this module does not know is left to jsonschema
(:func:`failures` returns None).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator, Sized
from typing import TYPE_CHECKING, Any

from reportlint import fastschema, saferegex
from reportlint.failures import Failure, PathPart
from reportlint.shape import Shape

if TYPE_CHECKING:
    from reportlint.nodes import Report

_WEAK = frozenset({"anyOf", "oneOf"})


class _Error:
    """One error as jsonschema would make it: ``path`` is relative to the instance of the
    ``anyOf``/``oneOf`` whose ``context`` it is in (``parent``), or to the report."""

    __slots__ = (
        "context",
        "instance",
        "keyword",
        "parent",
        "path",
        "schema",
        "value",
        "words",
    )

    def __init__(self, keyword: str, value: Any, instance: Any, schema: Any,
                 words: Callable[[], str], context: list[_Error] | None = None) -> None:
        self.keyword, self.value, self.instance, self.schema = keyword, value, instance, schema
        self.words = words  # the message, worded only for the errors that are shown
        self.path: tuple[PathPart, ...] = ()
        self.context = context or []
        self.parent: _Error | None = None
        for each in self.context:
            each.parent = self

    def absolute(self) -> tuple[PathPart, ...]:
        return self.path if self.parent is None else self.parent.absolute() + self.path


Errors = Callable[[Any], Iterator[_Error]]


def failures(report: Report, schema: dict[str, Any], trusted: bool = False
             ) -> list[Failure] | None:
    """The report's failures against a template schema, or None when only jsonschema can
    tell them (a keyword this module does not know)."""
    # A keyword this module does not know raises Unsupported where it is first reached,
    # which is wherever jsonschema would read it: no need to compile the whole template first.
    explainer = _EXPLAINERS.get(id(schema))
    if explainer is None or explainer.root is not schema:
        explainer = _EXPLAINERS[id(schema)] = _Explainer(schema, trusted)
    try:
        return [_failure(_specific(error)) for error in explainer.errors(schema)(report)]
    except (fastschema.Unsupported, saferegex.RegexError, KeyError, IndexError, TypeError,
            RecursionError):
        return None


_EXPLAINERS: dict[int, _Explainer] = {}


def _failure(error: _Error) -> Failure:
    schema = error.schema if isinstance(error.schema, dict) else {}
    return Failure(str(error.keyword), error.value, error.instance, error.words(),
                   error.absolute(), Shape(schema))


def _specific(error: _Error) -> _Error:
    """For anyOf/oneOf failures, the branch that best explains them (unless the template
    words the whole choice itself): :func:`reportlint.schema._specific`'s choice."""
    while (error.keyword in _WEAK and error.context
           and not (isinstance(error.schema, dict) and error.schema.get("x-message"))):
        error = _best_match(error.context)
    return error


def _relevance(error: _Error) -> tuple[Any, ...]:
    # jsonschema.exceptions.relevance: deeper, earlier, not weak, matching the type.
    return (-len(error.path), error.path, error.keyword not in _WEAK, False,
            not _matches_type(error))


def _matches_type(error: _Error) -> bool:
    expected = error.schema.get("type") if isinstance(error.schema, dict) else None
    if expected is None:
        return False
    names = [expected] if isinstance(expected, str) else expected
    return any(fastschema.is_type(error.instance, name) for name in names)


def _best_match(errors: list[_Error]) -> _Error:
    best = max(errors, key=_relevance)
    while best.context:
        smallest = heapq.nsmallest(2, best.context, key=_relevance)
        if len(smallest) == 2 and _relevance(smallest[0]) == _relevance(smallest[1]):
            return best
        best = smallest[0]
    return best


def _descend(errors: Iterator[_Error], part: PathPart) -> Iterator[_Error]:
    for error in errors:
        error.path = (part, *error.path)
        yield error


class _Explainer:
    """The error functions of one template's subschemas, compiled when first reached."""

    def __init__(self, root: dict[str, Any], trusted: bool) -> None:
        self.root = root
        self.checks = fastschema.Compiler(root, trusted)
        self.regex = saferegex.trusted if trusted else saferegex.compile
        self.compiled: dict[int, tuple[Any, Errors]] = {}
        self.valid: dict[int, tuple[Any, fastschema.Check]] = {}

    def check(self, schema: Any) -> fastschema.Check:
        found = self.valid.get(id(schema))
        if found is None or found[0] is not schema:
            found = self.valid[id(schema)] = (schema, self.checks.build(schema))
        return found[1]

    def errors(self, schema: Any) -> Errors:
        found = self.compiled.get(id(schema))
        if found is None or found[0] is not schema:
            found = self.compiled[id(schema)] = (schema, self._compile(schema))
        return found[1]

    def _compile(self, schema: Any) -> Errors:
        if schema is True:
            return _none
        if schema is False:
            def false(v: Any) -> Iterator[_Error]:
                yield _Error("None", None, v, schema, lambda: f"False schema does not allow {v!r}")
            return false
        if not isinstance(schema, dict):
            raise fastschema.Unsupported(schema)
        parts: list[tuple[str, Any, Callable[..., Iterator[_Error]]]] = []
        for keyword, value in schema.items():
            if keyword in fastschema.ANNOTATIONS or keyword.startswith("x-") or keyword in (
                    "then", "else"):
                continue
            method = getattr(self, "k_" + keyword.replace("$", "_"), None)
            if method is None:
                raise fastschema.Unsupported(keyword)
            parts.append((keyword, value, method))

        def every(v: Any) -> Iterator[_Error]:
            for keyword, value, method in parts:
                for error in method(value, v, schema):
                    if error.keyword == "":
                        error.keyword, error.value = keyword, value
                        error.instance, error.schema = v, schema
                    yield error
        return every

    # -- keywords: each yields jsonschema's errors; "" leaves keyword, value, instance and
    # schema to be filled in as jsonschema's `_set` does ---------------------------------

    def k_type(self, value: Any, v: Any, _: Any) -> Iterator[_Error]:
        names = [value] if isinstance(value, str) else list(value)
        if not any(fastschema.is_type(v, name) for name in names):
            reprs = ", ".join(repr(name) for name in names)
            yield _new(lambda: f"{v!r} is not of type {reprs}")

    def k_required(self, value: list[str], v: Any, _: Any) -> Iterator[_Error]:
        if isinstance(v, dict):
            for name in value:
                if name not in v:
                    yield _new(f"{name!r} is a required property".__str__)

    def k_properties(self, value: dict[str, Any], v: Any, _: Any) -> Iterator[_Error]:
        if isinstance(v, dict):
            for name, sub in value.items():
                if name in v and not self.check(sub)(v[name]):
                    yield from _descend(self.errors(sub)(v[name]), name)

    def k_additionalProperties(self, value: Any, v: Any, schema: dict[str, Any]
                               ) -> Iterator[_Error]:
        if not isinstance(v, dict):
            return
        known = schema.get("properties", {})
        patterns = [self.regex(p) for p in schema.get("patternProperties", {})]
        extras = [k for k in v if k not in known and not any(p.test(k) for p in patterns)]
        if isinstance(value, dict):
            for extra in extras:
                yield from _descend(self.errors(value)(v[extra]), extra)
        elif not value and extras:
            if "patternProperties" in schema:
                verb = "does" if len(extras) == 1 else "do"
                joined = ", ".join(repr(each) for each in sorted(extras))
                listed = ", ".join(repr(each) for each in sorted(schema["patternProperties"]))
                yield _new(lambda: f"{joined} {verb} not match any of the regexes: {listed}")
            else:
                names = sorted(extras, key=str)
                verb = "was" if len(names) == 1 else "were"
                yield _new(lambda: "Additional properties are not allowed "
                                   f"({', '.join(repr(n) for n in names)} {verb} unexpected)")

    def k_patternProperties(self, value: dict[str, Any], v: Any, _: Any) -> Iterator[_Error]:
        if isinstance(v, dict):
            for pattern, sub in value.items():
                regex = self.regex(pattern)
                for k, item in v.items():
                    if regex.test(k):
                        yield from _descend(self.errors(sub)(item), k)

    def k_const(self, value: Any, v: Any, _: Any) -> Iterator[_Error]:
        if not fastschema.equal(v, value):
            yield _new(lambda: f"{value!r} was expected")

    def k_enum(self, value: list[Any], v: Any, _: Any) -> Iterator[_Error]:
        if all(not fastschema.equal(each, v) for each in value):
            yield _new(lambda: f"{v!r} is not one of {value!r}")

    def k_pattern(self, value: str, v: Any, _: Any) -> Iterator[_Error]:
        if isinstance(v, str) and not self.regex(value).test(v):
            yield _new(lambda: f"{v!r} does not match {value!r}")

    def k_minLength(self, value: int, v: Any, _: Any) -> Iterator[_Error]:
        return _fewer(v, str, value, "is too short")

    def k_maxLength(self, value: int, v: Any, _: Any) -> Iterator[_Error]:
        return _more(v, str, value, "is too long")

    def k_minimum(self, value: float, v: Any, _: Any) -> Iterator[_Error]:
        if fastschema.is_type(v, "number") and v < value:
            yield _new(lambda: f"{v!r} is less than the minimum of {value!r}")

    def k_maximum(self, value: float, v: Any, _: Any) -> Iterator[_Error]:
        if fastschema.is_type(v, "number") and v > value:
            yield _new(lambda: f"{v!r} is greater than the maximum of {value!r}")

    def k_minItems(self, value: int, v: Any, _: Any) -> Iterator[_Error]:
        return _fewer(v, list, value, "is too short")

    def k_maxItems(self, value: int, v: Any, _: Any) -> Iterator[_Error]:
        return _more(v, list, value, "is too long")

    def k_minProperties(self, value: int, v: Any, _: Any) -> Iterator[_Error]:
        return _fewer(v, dict, value, "does not have enough properties")

    def k_items(self, value: Any, v: Any, schema: dict[str, Any]) -> Iterator[_Error]:
        if not isinstance(v, list):
            return
        prefix = len(schema.get("prefixItems", []))
        extra = len(v) - prefix
        if extra <= 0:
            return
        if value is False:
            rest = v[prefix:] if extra != 1 else v[prefix]
            item = "items" if prefix != 1 else "item"
            yield _new(lambda: f"Expected at most {prefix} {item} but found {extra} "
                               f"extra: {rest!r}")
            return
        check, errors = self.check(value), self.errors(value)
        for index in range(prefix, len(v)):
            if not check(v[index]):
                yield from _descend(errors(v[index]), index)

    def k_prefixItems(self, value: list[Any], v: Any, _: Any) -> Iterator[_Error]:
        if isinstance(v, list):
            for index, (item, sub) in enumerate(zip(v, value, strict=False)):
                yield from _descend(self.errors(sub)(item), index)

    def k_contains(self, value: Any, v: Any, schema: dict[str, Any]) -> Iterator[_Error]:
        if "minContains" in schema or "maxContains" in schema:
            raise fastschema.Unsupported("minContains")
        if isinstance(v, list) and not any(self.check(value)(each) for each in v):
            yield _new(lambda: f"{v!r} does not contain items matching the given schema")

    def k_allOf(self, value: list[Any], v: Any, _: Any) -> Iterator[_Error]:
        for sub in value:
            yield from self.errors(sub)(v)

    def k_anyOf(self, value: list[Any], v: Any, _: Any) -> Iterator[_Error]:
        collected: list[_Error] = []
        for sub in value:
            if self.check(sub)(v):
                return
            collected.extend(self.errors(sub)(v))
        yield _new(lambda: f"{v!r} is not valid under any of the given schemas", collected)

    def k_oneOf(self, value: list[Any], v: Any, _: Any) -> Iterator[_Error]:
        collected: list[_Error] = []
        first_valid = None
        for index, sub in enumerate(value):
            if self.check(sub)(v):
                first_valid = index
                break
            collected.extend(self.errors(sub)(v))
        else:
            yield _new(lambda: f"{v!r} is not valid under any of the given schemas", collected)
            return
        more = [sub for sub in value[first_valid + 1:] if self.check(sub)(v)]
        if more:
            more.append(value[first_valid])
            reprs = ", ".join(repr(each) for each in more)
            yield _new(lambda: f"{v!r} is valid under each of {reprs}")

    def k_not(self, value: Any, v: Any, _: Any) -> Iterator[_Error]:
        if self.check(value)(v):
            yield _new(lambda: f"{v!r} should not be valid under {value!r}")

    def k_if(self, value: Any, v: Any, schema: dict[str, Any]) -> Iterator[_Error]:
        if self.check(value)(v):
            if "then" in schema:
                yield from self.errors(schema["then"])(v)
        elif "else" in schema:
            yield from self.errors(schema["else"])(v)

    def k__ref(self, value: str, v: Any, _: Any) -> Iterator[_Error]:
        yield from self.errors(self.checks.resolve(value))(v)


def _fewer(v: Any, kind: type[Sized], least: int, words: str) -> Iterator[_Error]:
    # jsonschema's minLength, minItems, minProperties: "should be non-empty" for at least 1.
    if isinstance(v, kind) and len(v) < least:
        said = "should be non-empty" if least == 1 else words
        yield _new(lambda: f"{v!r} {said}")


def _more(v: Any, kind: type[Sized], most: int, words: str) -> Iterator[_Error]:
    # jsonschema's maxLength, maxItems: "is expected to be empty" for at most 0.
    if isinstance(v, kind) and len(v) > most:
        said = "is expected to be empty" if most == 0 else words
        yield _new(lambda: f"{v!r} {said}")


def _none(_: Any) -> Iterator[_Error]:
    return iter(())


def _new(words: Callable[[], str], context: list[_Error] | None = None) -> _Error:
    return _Error("", None, None, None, words, context)
