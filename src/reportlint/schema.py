"""Templates applied to report models: the only module that imports jsonschema.

It checks a template against the metaschema (:func:`problem`), and validates a report with a
validator that skips what the fast check finds valid (:func:`failures`), turning jsonschema's
errors into :class:`~reportlint.failures.Failure` values; :mod:`reportlint.explain` words them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import SchemaError, ValidationError, best_match
from referencing import Registry
from referencing.exceptions import NoSuchResource

from reportlint import fastschema, saferegex, shape
from reportlint.failures import Failure
from reportlint.shape import Shape

if TYPE_CHECKING:
    from reportlint.nodes import Report


def _refuse(uri: str) -> Any:
    # Templates are local files: a reference that is not inside the template is never fetched.
    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]  # attrs field, unseen by mypy


_REFS: Registry[Any] = Registry(retrieve=_refuse)  # type: ignore[call-arg]


def problem(schema: dict[str, Any]) -> tuple[str, str] | None:
    """Why ``schema`` cannot be used as a template, and the JSON pointer of the place; or
    None."""
    try:
        Draft202012Validator.check_schema(schema, format_checker=_formats())
    except SchemaError as exc:
        pointer = _pointer(exc.absolute_path)
        return f"invalid JSON Schema at {pointer}: {exc.message}", pointer
    for pointer, ref in _refs(schema, ""):
        if not ref.startswith("#"):
            return (f"`$ref: {ref}` at {pointer or '/'} points outside the template; "
                    "only references inside the file (`#/...`) are allowed, nothing is "
                    "fetched", f"{pointer}/$ref")
    return _reference_problem(schema)


# Keywords whose subschemas apply to the instance itself, not to a part of it: a loop of
# these (and references) would check the same value again and again, for ever.
_IN_PLACE = ("allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas")


def _reference_problem(schema: dict[str, Any]) -> tuple[str, str] | None:
    """A ``$ref`` that points to nothing in the template, or that leads back to where it
    is without going into a property or an item of the report (`$ref: '#'` at the top, two
    definitions referring to each other): either would fail every report checked with it
    (jsonschema's error, or its recursion without end), so the template is refused when it
    is loaded and by ``reportlint template check``. The walk is iterative: a template
    nested thousands deep is refused elsewhere, not here with a RecursionError."""
    from referencing.exceptions import Unresolvable
    from referencing.jsonschema import DRAFT202012

    resolver = _REFS.with_resource("", DRAFT202012.create_resource(schema)).resolver()
    edges: dict[int, list[tuple[int, str, str]]] = {}  # -> (target, via pointer, $ref)
    stack: list[tuple[Any, str, bool]] = [(schema, "", True)]
    while stack:
        node, pointer, root_scope = stack.pop()
        if isinstance(node, list):
            stack.extend((v, f"{pointer}/{i}", root_scope) for i, v in enumerate(node))
            continue
        if not isinstance(node, dict):
            continue
        root_scope = root_scope and (pointer == "" or "$id" not in node)
        for key, value in node.items():
            if key in ("$ref", "$dynamicRef") and isinstance(value, str) and root_scope:
                try:
                    target = resolver.lookup(value).contents
                except Unresolvable:
                    if key == "$dynamicRef":
                        continue  # resolved as the report is checked: not judged here
                    return (f"`$ref: {value}` at {pointer or '/'} points to nothing in the "
                            "template", f"{pointer}/$ref")
                edges.setdefault(id(node), []).append((id(target), pointer, value))
            elif key in _IN_PLACE:
                subs = value.values() if key == "dependentSchemas" and isinstance(
                    value, dict) else value if isinstance(value, list) else [value]
                edges.setdefault(id(node), []).extend(
                    (id(sub), pointer, "") for sub in subs if isinstance(sub, dict))
            if key not in ("$ref", "$dynamicRef", "enum", "const", "default", "examples",
                           "x-reportlint"):
                stack.append((value, f"{pointer}/{key}", root_scope))
    loop = _loop(edges)
    if loop is None:
        return None
    pointer, ref = loop
    return (f"`$ref: {ref}` at {pointer or '/'} leads back to itself without going into a "
            "field, section or item of the report: checking a report would never end",
            f"{pointer}/$ref")


def _loop(edges: dict[int, list[tuple[int, str, str]]]) -> tuple[str, str] | None:
    """The pointer and ``$ref`` of a reference on a cycle of ``edges``, if there is one
    (a depth-first search without recursion; every cycle holds a reference, since the
    in-place keywords alone only go deeper into the template)."""
    state: dict[int, int] = {}  # 1: on the current path, 2: done
    for start in edges:
        if start in state:
            continue
        path: list[tuple[int, int]] = [(start, 0)]  # node, index of its next edge
        state[start] = 1
        while path:
            node, index = path[-1]
            out = edges.get(node, [])
            if index == len(out):
                state[node] = 2
                path.pop()
                continue
            path[-1] = (node, index + 1)
            target, pointer, ref = out[index]
            if state.get(target) == 1:
                # The reference on the cycle: this edge's, or an earlier one's on the path.
                cycle = [*(edge for n, i in path[[n for n, _ in path].index(target):]
                           for edge in [edges[n][i - 1]])]
                found = next((e for e in cycle if e[2]), (target, pointer, ref))
                return found[1], found[2]
            if target not in state:
                state[target] = 1
                path.append((target, 0))
    return None


def _refs(node: Any, pointer: str) -> Iterator[tuple[str, str]]:
    for here, key, value in shape.keywords(node, pointer):
        if key in ("$ref", "$dynamicRef") and isinstance(value, str):
            yield here.rsplit("/", 1)[0], value


def _pointer(path: Any) -> str:
    return "/" + "/".join(str(p) for p in path) if path else "/"


_COMPILED: dict[int, Draft202012Validator] = {}


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    """The compiled validator of a template, built once per schema object."""
    found = _COMPILED.get(id(schema))
    if found is None:
        found = _COMPILED[id(schema)] = _pruning(schema)(schema, registry=_REFS)
    return found


def _pruning(root: dict[str, Any]) -> Any:
    """Draft 2020-12 that does not descend into a property or an array item the fast check
    (:mod:`reportlint.fastschema`, which agrees with jsonschema on validity) finds valid: a
    failing report is mostly valid, and walking its valid parts is most of jsonschema's time.
    The errors are the same; only fewer valid subtrees are walked."""
    checks: dict[int, fastschema.Check | None] = {}

    def valid(subschema: Any, instance: Any) -> bool:
        key = id(subschema)
        if key not in checks:
            checks[key] = fastschema.build(subschema, root)
        check = checks[key]
        return check is not None and check(instance)

    def properties(validator: Any, properties: Any, instance: Any, schema: Any) -> Any:
        if not validator.is_type(instance, "object"):
            return
        for name, subschema in properties.items():
            if name in instance and not valid(subschema, instance[name]):
                yield from validator.descend(instance[name], subschema, path=name,
                                             schema_path=name)

    original_items = Draft202012Validator.VALIDATORS["items"]

    def items(validator: Any, items: Any, instance: Any, schema: Any) -> Any:
        if not validator.is_type(instance, "array") or not isinstance(items, dict):
            yield from original_items(validator, items, instance, schema)
            return
        for index in range(len(schema.get("prefixItems", [])), len(instance)):
            if not valid(items, instance[index]):
                yield from validator.descend(instance[index], items, path=index)

    # jsonschema ships no annotations for `extend`.
    return validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator, {**_RE2_KEYWORDS, "properties": properties, "items": items})


# -- the keywords that hold regular expressions, matched by RE2 ----------------------------
# jsonschema's own use the backtracking `re`; these are its code with `saferegex` instead,
# the same errors and messages. (`unevaluatedProperties` would also search
# `patternProperties` with `re`: templates.py refuses templates that combine the two.)


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Any:
    if validator.is_type(instance, "string") and not saferegex.compile(pattern).test(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties(validator: Any, patterns: Any, instance: Any, schema: Any) -> Any:
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in patterns.items():
        regex = saferegex.compile(pattern)
        for k, v in instance.items():
            if regex.test(k):
                yield from validator.descend(v, subschema, path=k, schema_path=pattern)


def _additional_properties(validator: Any, additional: Any, instance: Any,
                           schema: Any) -> Any:
    if not validator.is_type(instance, "object"):
        return
    known = schema.get("properties", {})
    patterns = [saferegex.compile(p) for p in schema.get("patternProperties", {})]
    # In the instance's order, not a set's: the same failures in the same order every run.
    extras = [k for k in instance if k not in known and not any(p.test(k) for p in patterns)]
    if validator.is_type(additional, "object"):
        for extra in extras:
            yield from validator.descend(instance[extra], additional, path=extra)
    elif not additional and extras:
        if "patternProperties" in schema:
            verb = "does" if len(extras) == 1 else "do"
            joined = ", ".join(repr(each) for each in sorted(extras))
            listed = ", ".join(repr(each) for each in sorted(schema["patternProperties"]))
            yield ValidationError(f"{joined} {verb} not match any of the regexes: {listed}")
        else:
            names = sorted(extras, key=str)
            verb = "was" if len(names) == 1 else "were"
            yield ValidationError("Additional properties are not allowed "
                                  f"({', '.join(repr(n) for n in names)} {verb} unexpected)")


_RE2_KEYWORDS = {"pattern": _pattern, "patternProperties": _pattern_properties,
                 "additionalProperties": _additional_properties}


def _formats() -> FormatChecker:
    """Draft 2020-12's format checks, with `regex` meaning what RE2 can compile."""
    checker = FormatChecker(())
    checker.checkers = dict(Draft202012Validator.FORMAT_CHECKER.checkers)

    @checker.checks("regex", raises=saferegex.RegexError)
    def regex(instance: object) -> bool:
        return not isinstance(instance, str) or bool(saferegex.compile(instance))

    return checker


def failures(report: Report, schema: dict[str, Any]) -> Iterator[Failure]:
    """The report's failures against a template schema, as values."""
    for error in validator(schema).iter_errors(report):
        error = _specific(error)
        yield Failure(str(error.validator), error.validator_value, error.instance,
                      error.message, tuple(error.absolute_path), Shape(_schema(error)))


def _specific(error: ValidationError) -> ValidationError:
    """For anyOf/oneOf failures, the branch that best explains them (unless the template
    words the whole choice itself)."""
    while (error.validator in ("anyOf", "oneOf") and error.context
           and not _schema(error).get("x-message")):
        best = best_match(error.context)
        if best is None:
            break
        error = best
    return error


def _schema(error: ValidationError) -> dict[str, Any]:
    return error.schema if isinstance(error.schema, dict) else {}
