"""Templates applied to report models, failures worded in Markdown terms.

The only module that imports jsonschema. A failure's place in the model (which section,
field, table, row or list item) decides its code and line; the template's ``x-message``,
``x-expected`` and ``x-severity`` keywords decide its words and severity.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import SchemaError, ValidationError, best_match
from referencing import Registry
from referencing.exceptions import NoSuchResource

from reportlint import codes, fastschema, names, saferegex, scaffold
from reportlint.diagnostics import Finding, Severity
from reportlint.quote import quote

Node = dict[str, Any]


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
    return None


def _refs(node: Any, pointer: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ("$ref", "$dynamicRef") and isinstance(v, str):
                yield pointer, v
            else:
                yield from _refs(v, f"{pointer}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _refs(v, f"{pointer}/{i}")


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
    extras = {k for k in instance if k not in known and not any(p.test(k) for p in patterns)}
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


def validate(report: Node, schema: dict[str, Any]) -> list[Finding]:
    found: dict[tuple[int, str, str], Finding] = {}
    for error in validator(schema).iter_errors(report):
        for finding in _explain(_specific(error), report, schema):
            found.setdefault((finding.line, finding.code, finding.message), finding)
    return sorted(found.values(), key=lambda f: (f.line, f.column, f.code))


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


# -- where a failure is ---------------------------------------------------------------


class _Place:
    """The nodes along a failure's path into the report model."""

    def __init__(self, report: Node, path: list[Any]) -> None:
        self.path = path
        self.nodes: list[Any] = [report]
        node: Any = report
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
            self.nodes.append(node)

    @property
    def line(self) -> int:
        for node in reversed(self.nodes):
            if isinstance(node, dict) and isinstance(node.get("line"), int):
                return int(node["line"])
        return 1

    @property
    def container(self) -> Node:
        """The innermost section (or the report) the failure is in."""
        for node in reversed(self.nodes):
            if isinstance(node, dict) and ("key" in node or "template" in node):
                return node
        return dict(self.nodes[0])

    def tail(self, n: int) -> list[Any]:
        return self.path[-n:] if len(self.path) >= n else []

    def holder(self, name: str) -> Any:
        """The node that holds the last path part called ``name`` (the table of ``rows``)."""
        for i in range(len(self.path) - 1, -1, -1):
            if self.path[i] == name and i < len(self.nodes):
                return self.nodes[i]
        return None


def _title_of(node: Node) -> str:
    if "template" in node:
        return "the report"
    return f"`{quote(node.get('title', ''))}`"


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _custom(template: str, place: _Place, error: ValidationError, report: Node) -> str:
    container = place.container
    item = place.nodes[-1] if place.nodes else None
    values = _Values(
        value=quote(error.instance),
        text=quote(item.get("text", "")) if isinstance(item, dict) else quote(error.instance),
        section=quote(container.get("title", "")) if "key" in container else "the report",
        task_id=str(report.get("title", {}).get("task_id") or "BE-001"),
    )
    parent = place.nodes[-2] if len(place.nodes) > 1 else None
    if isinstance(parent, dict) and "text" in parent:
        values["text"] = quote(parent["text"])
    return template.format_map(values)


# -- what a failure means ---------------------------------------------------------------


def _explain(error: ValidationError, report: Node, root: dict[str, Any]) -> Iterator[Finding]:
    place = _Place(report, list(error.absolute_path))
    sub = _schema(error)
    severity = _severity(sub)
    if error.validator == "required":
        instance = error.instance if isinstance(error.instance, dict) else {}
        wanted: Any = error.validator_value
        for name in wanted:
            if name not in instance:
                yield _missing(name, place, sub, report, root, error, severity)
        return
    code, message, fix = _classify(error, place, sub)
    custom = sub.get("x-message")
    if isinstance(custom, str):
        message = _custom(custom, place, error, report)
    yield Finding(code, place.line, message, _column(place), severity, fix)


def _severity(sub: dict[str, Any]) -> Severity | None:
    value = sub.get("x-severity")
    return Severity(value) if value in ("error", "warning") else None


def _column(place: _Place) -> int:
    node = place.nodes[-1]
    for candidate in (node, place.nodes[-2] if len(place.nodes) > 1 else None):
        if isinstance(candidate, dict) and isinstance(candidate.get("column"), int):
            return int(candidate["column"])
    return 1


def _classify(error: ValidationError, place: _Place, sub: dict[str, Any]
              ) -> tuple[str, str, dict[str, Any] | None]:
    path = place.path
    last = path[-1] if path else None
    where = _title_of(place.container)
    if len(path) >= 3 and path[-3] == "fields" and last == "value":
        field = place.nodes[-2] if len(place.nodes) > 1 else {}
        name = field.get("name", path[-2]) if isinstance(field, dict) else path[-2]
        return (codes.INVALID_FIELD_VALUE.code,
                f"**{quote(name)}** is `{quote(error.instance)}`; expected {_expected(error, sub)}",
                _allowed(error))
    if len(path) >= 2 and path[-2] == "title":
        return codes.INVALID_TITLE.code, f"the title has no {str(last).replace('_', ' ')}", None
    if last == "tables":
        return (codes.MISSING_TABLE.code,
                f"section {where} has no table; expected columns {_columns(sub)}",
                {"snippet": scaffold.table(sub)})
    if len(path) >= 2 and path[-2] == "cells":
        table = place.holder("rows")
        column = table["columns"].get(last, {}).get("name", last) if table else last
        return (codes.INVALID_CELL_VALUE.code,
                f"`{quote(column)}` is `{quote(error.instance)}` in a row of {where}; "
                f"expected {_expected(error, sub)}", _allowed(error))
    if last == "checked":
        item = place.nodes[-2] if len(place.nodes) > 1 else {}
        state = "ticked" if error.instance else "not ticked"
        return (codes.WRONG_CHECKBOX_STATE.code,
                f"item `{quote(item.get('text', ''))}` in {where} is {state}",
                {"expected": error.validator_value})
    if last == "items":
        return codes.MISSING_ITEMS.code, f"section {where} has no list items", None
    if len(path) >= 3 and path[-3] == "items":
        return (codes.INVALID_LIST_ITEM.code,
                f"list item `{quote(error.instance)}` in {where} does not have the expected form",
                None)
    if last == "code_blocks":
        return codes.MISSING_CODE_BLOCK.code, f"section {where} has no code block", None
    return codes.SCHEMA_VIOLATION.code, f"{where}: {quote(error.message, 160)}", None


def _allowed(error: ValidationError) -> dict[str, Any] | None:
    if error.validator == "const":
        return {"expected": [error.validator_value]}
    if error.validator == "enum":
        options: Any = error.validator_value
        return {"expected": list(options)}
    if error.validator == "pattern":
        return {"pattern": error.validator_value}
    return None


def _expected(error: ValidationError, sub: dict[str, Any]) -> str:
    if isinstance(sub.get("x-expected"), str):
        return str(sub["x-expected"])
    if error.validator == "const":
        return f"`{error.validator_value}`"
    if error.validator == "enum":
        options: Any = error.validator_value
        return "one of " + ", ".join(f"`{v}`" for v in options)
    if error.validator == "pattern":
        return f"a value matching `{error.validator_value}`"
    return quote(error.message, 120)


def _columns(sub: dict[str, Any]) -> str:
    props = sub.get("items", {}).get("properties", {}).get("columns", {}).get("properties", {})
    titles = [str(v.get("title", k)) for k, v in props.items() if isinstance(v, dict)]
    return "`| " + " | ".join(titles) + " |`" if titles else "(any)"


def _property_title(sub: dict[str, Any], name: str, root: dict[str, Any]) -> str:
    prop = sub.get("properties", {}).get(name)
    if isinstance(prop, dict) and isinstance(prop.get("title"), str):
        return str(prop["title"])
    # A conditional `then: {required: [...]}` has no properties of its own: look the name up
    # wherever the template defines it.
    found = _find_property(root, name)
    if found is not None and isinstance(found.get("title"), str):
        return str(found["title"])
    return name


def _find_property(node: Any, name: str) -> dict[str, Any] | None:
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict) and isinstance(props.get(name), dict):
            return dict(props[name])
        for value in node.values():
            found = _find_property(value, name)
            if found is not None:
                return found
    elif isinstance(node, list):
        for value in node:
            found = _find_property(value, name)
            if found is not None:
                return found
    return None


def _missing(name: str, place: _Place, sub: dict[str, Any], report: Node,
             root: dict[str, Any], error: ValidationError,
             severity: Severity | None) -> Finding:
    title = _property_title(sub, name, root)
    prop = sub.get("properties", {}).get(name)
    prop = prop if isinstance(prop, dict) else (_find_property(root, name) or {})
    custom = prop.get("x-missing-message") or sub.get("x-message")
    last = place.path[-1] if place.path else None
    container = place.container
    line, column = place.line, 1
    fix: dict[str, Any] | None = None
    if last == "sections":
        code = codes.MISSING_SECTION.code
        message, hint_line = _missing_section(name, title, sub, container, report)
        order = [k for k in sub.get("properties", {}) if isinstance(k, str)]
        present = container.get("sections", {})
        before = [k for k in order[: order.index(name)] if k in present] if name in order else []
        level = max(int(container.get("level") or 1), 1) + 1
        fix = {"expected_order": [_property_title(sub, k, root) for k in order],
               "insert_after": present[before[-1]]["title"] if before else None,
               "snippet": scaffold.section(name, prop, level)}
    elif last == "fields":
        code = codes.MISSING_FIELD.code
        message, hint_line = _missing_field(name, title, prop, container, report)
        value = scaffold.field_value(prop)
        fix = {"snippet": f"**{title}**: {value}" if "template" in container
               else f"- {title}: {value}"}
    elif last == "columns":
        code = codes.MISSING_COLUMN.code
        table = place.nodes[-2] if len(place.nodes) > 1 else {}
        columns: dict[str, Any] = error.instance if isinstance(error.instance, dict) else {}
        present = ", ".join(f"`{quote(c.get('name', k), 30)}`" for k, c in columns.items())
        message = (f"table in {_title_of(container)} has no column `{title}`"
                   f" (it has {present or 'none'})")
        close = _similar(name, [k for k in columns if k not in sub.get("properties", {})])
        if close:
            message += f"; is `{columns[close[0]].get('name', close[0])}` meant to be it?"
        hint_line = table.get("line") if isinstance(table, dict) else None
        expected = [_property_title(sub, k, root) for k in sub.get("properties", {})]
        fix = {"expected_columns": expected,
               "snippet": "| " + " | ".join(expected) + " |"}
    else:
        code = codes.SCHEMA_VIOLATION.code
        message, hint_line = f"{_title_of(container)} is missing `{title}`", None
    if isinstance(custom, str):
        message = _custom(custom, place, error, report)
    if hint_line:
        line = hint_line
    return Finding(code, line, message, column, severity, fix)


def _missing_section(name: str, title: str, sub: dict[str, Any], container: Node,
                     report: Node) -> tuple[str, int | None]:
    inside = "template" not in container
    kind = "sub-section" if inside else "section"
    message = f"missing {kind} `{title}`"
    if inside:
        message += f" in {_title_of(container)}"
    present: dict[str, Node] = container.get("sections", {})
    order = [k for k in sub.get("properties", {}) if isinstance(k, str)]
    if name in order:
        before = [k for k in order[: order.index(name)] if k in present]
        after = [k for k in order[order.index(name) + 1:] if k in present]
        if before:
            message += f" (expected after `{quote(present[before[-1]]['title'])}`)"
        elif after:
            message += f" (expected before `{quote(present[after[0]]['title'])}`)"
    elsewhere = _find_section(report, name, container)
    if elsewhere is not None:
        where = "the report" if "template" in container else f"`{quote(container['title'])}`"
        level = "#" * min(int(container.get("level") or 0) + 1, 6)
        return (message + f"; `{quote(elsewhere['title'])}` on line {elsewhere['line']} is "
                f"at the wrong level: make it a `{level}` heading inside {where}",
                int(elsewhere["line"]))
    spare = [k for k in present if k not in order]
    close = _similar(name, spare)
    wanted = names.number(title)
    # A renamed section often keeps its number: "5. Quality Checks" for "5. Quality Gates".
    close = close or [k for k in spare if wanted and present[k].get("number") == wanted][:1]
    if close:
        found = present[close[0]]
        return (message + f"; is `{quote(found['title'])}` on line {found['line']} "
                "meant to be it?", int(found["line"]))
    return message, None


def _similar(name: str, candidates: list[str]) -> list[str]:
    """The candidate key that most likely means ``name``: a near spelling, or a name made of
    some of its words (``type`` for ``change-type``)."""
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    if close:
        return close
    words = set(name.split("-"))
    return [k for k in candidates if set(k.split("-")) < words or words < set(k.split("-"))][:1]


def _find_section(node: Node, key: str, skip: Node) -> Node | None:
    for child_key, child in node.get("sections", {}).items():
        if child_key == key and node is not skip:
            return dict(child)
        found = _find_section(child, key, skip)
        if found is not None:
            return found
    return None


def _missing_field(name: str, title: str, prop: dict[str, Any], container: Node,
                   report: Node) -> tuple[str, int | None]:
    example = prop.get("x-example")
    value_schema = prop.get("properties", {}).get("value", {})
    if example is None and isinstance(value_schema, dict) and "const" in value_schema:
        example = value_schema["const"]
    if "template" in container:
        message = f"missing field **{title}**"
        if example is not None:
            message += f" (expected `**{title}**: {example}`)"
    else:
        message = f"missing `{title}` in {_title_of(container)}"
        message += f" (expected `- {title}: {example if example is not None else '...'}`)"
    elsewhere = _find_field(report, name, container)
    if elsewhere is not None:
        field, holder = elsewhere
        message += (f"; found **{quote(field['name'])}** on line {field['line']} inside "
                    f"{_title_of(holder)}")
        if "template" in container:
            message += ", but report fields belong under the title or after a closing `---`"
        return message, int(field["line"])
    return message, None


def _find_field(report: Node, key: str, skip: Node) -> tuple[Node, Node] | None:
    """A field of that key in a top-level section (deeper ones are about something else:
    the **Status** of one acceptance criterion is not the report's)."""
    for section in report.get("sections", {}).values():
        if section is not skip and key in section.get("fields", {}):
            return dict(section["fields"][key]), section
    return None
