"""What a template declares, read from its JSON Schema: the one module that knows where in a
template's schema the fields, sections, tables, columns, cells, list items and allowed values
are. Scaffolds, fixes, rules and explanations ask a :class:`Shape`; the template checks walk a
schema with :func:`keywords`; nothing else walks a schema's keys (the validators,
``schema`` and ``fastschema``, compile it to validate, which is their job).

A template is a JSON Schema over the report model (``schemas/model/document.schema.yaml``),
so the paths are the model's: a report or section schema holds
``properties.fields.properties.<field>``, ``properties.sections.properties.<section>`` and
``properties.{items,tables,code_blocks}``; a table schema holds
``items.properties.columns.properties.<column>`` and
``items.properties.rows.items.properties.cells.properties.<column>``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

_SUBSCHEMA = {"additionalProperties", "items", "contains", "not", "if", "then", "else",
              "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema"}
_SCHEMA_MAPS = {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
_SCHEMA_LISTS = {"allOf", "anyOf", "oneOf", "prefixItems"}
_VALUES = {"$schema", "$id", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary",
           "$comment", "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum",
           "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems",
           "minItems", "uniqueItems", "maxContains", "minContains", "maxProperties",
           "minProperties", "required", "dependentRequired", "format", "contentEncoding",
           "contentMediaType", "title", "description", "default", "deprecated", "readOnly",
           "writeOnly", "examples"}
# Every JSON Schema 2020-12 keyword, by whether its value is a subschema, a map or a list of
# them, or a value.
SCHEMA_KEYWORDS = _SUBSCHEMA | _SCHEMA_MAPS | _SCHEMA_LISTS | _VALUES


def keywords(node: Any, pointer: str = "") -> Iterator[tuple[str, str, Any]]:
    """``(pointer, keyword, value)`` for every key of a schema and of its subschemas, by
    where JSON Schema puts subschemas (`properties`, `items`, `allOf` ...): the one walk
    over a template's schema that template checks use."""
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        here = f"{pointer}/{key}"
        yield here, key, value
        if key in _SUBSCHEMA:
            yield from keywords(value, here)
        elif key in _SCHEMA_MAPS and isinstance(value, dict):
            for name, sub in value.items():
                yield from keywords(sub, f"{here}/{name}")
        elif key in _SCHEMA_LISTS and isinstance(value, list):
            for index, sub in enumerate(value):
                yield from keywords(sub, f"{here}/{index}")


class Shape:
    """A view of one part of a template (the whole report, a section, a field, a table, a
    column) as its schema declares it. An absent part is an empty shape, never an error."""

    __slots__ = ("schema",)

    def __init__(self, schema: Any) -> None:
        self.schema: dict[str, Any] = schema if isinstance(schema, dict) else {}

    def __bool__(self) -> bool:
        return bool(self.schema)

    def _at(self, *path: str) -> dict[str, Any]:
        node: Any = self.schema
        for part in path:
            node = node.get(part, {}) if isinstance(node, dict) else {}
        return node if isinstance(node, dict) else {}

    def _shapes(self, *path: str) -> dict[str, Shape]:
        return {k: Shape(v) for k, v in self._at(*path).items()
                if isinstance(k, str) and isinstance(v, dict)}

    # -- any part -----------------------------------------------------------------------

    def title(self, default: str) -> str:
        title = self.schema.get("title")
        return str(title) if isinstance(title, str) else default

    def keyword(self, name: str) -> Any:
        """One of this part's own keywords (``x-message``, ``x-placeholder``, ``enum`` ...)."""
        return self.schema.get(name)

    def properties(self) -> dict[str, Shape]:
        """The named parts this schema declares, in template order (for a report or section
        schema: ``fields``, ``sections``, ``items``...; for ``columns``: the columns)."""
        return self._shapes("properties")

    def property(self, name: str) -> Shape:
        return Shape(self._at("properties").get(name))

    def declares(self, name: str) -> bool:
        return isinstance(self._at("properties").get(name), dict)

    def find(self, name: str) -> Shape | None:
        """The first property called ``name`` anywhere in this schema: a conditional
        ``then: {required: [...]}`` names properties that are declared elsewhere."""
        found = _find_property(self.schema, name)
        return Shape(found) if found is not None else None

    # -- a report or a section -----------------------------------------------------------

    def fields(self) -> dict[str, Shape]:
        return self._shapes("properties", "fields", "properties")

    def sections(self) -> dict[str, Shape]:
        return self._shapes("properties", "sections", "properties")

    def required(self, kind: str) -> tuple[str, ...]:
        """The ``fields`` or ``sections`` this report or section requires, by key."""
        required = self._at("properties", kind).get("required")
        return tuple(str(k) for k in required) if isinstance(required, list) else ()

    def part(self, name: str) -> Shape:
        """``items``, ``tables`` or ``code_blocks`` of a section."""
        return Shape(self._at("properties").get(name))

    # -- a field ---------------------------------------------------------------------------

    def value(self) -> Shape:
        return Shape(self._at("properties", "value"))

    def allowed(self) -> list[str]:
        """The values a string schema allows by ``const`` or ``enum``."""
        if isinstance(self.schema.get("const"), str):
            return [self.schema["const"]]
        return [v for v in self.schema.get("enum", []) if isinstance(v, str)]

    # -- a table (the ``tables`` part) -------------------------------------------------------

    def columns(self) -> dict[str, Shape]:
        return self._shapes("items", "properties", "columns", "properties")

    def required_columns(self) -> tuple[str, ...]:
        required = self._at("items", "properties", "columns").get("required")
        return tuple(str(c) for c in required) if isinstance(required, list) else ()

    def cells(self) -> dict[str, Shape]:
        return self._shapes("items", "properties", "rows", "items", "properties", "cells",
                            "properties")

    # -- a list (the ``items`` part) ---------------------------------------------------------

    def checked(self) -> Any:
        """The ``checked`` state every item must have (``True``/``False``), or None."""
        return self._at("items", "properties", "checked").get("const")

    # -- the whole template ------------------------------------------------------------------

    def tables_by_section(self) -> Iterator[tuple[str, Shape]]:
        """``(section key, tables part)`` for every section anywhere in the template that
        declares a table, sub-sections and conditional branches included."""
        yield from _tables(self.schema)


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


def _tables(node: Any) -> Iterator[tuple[str, Shape]]:
    if isinstance(node, dict):
        for key, section in Shape(node).sections().items():
            tables = section.part("tables")
            if tables:
                yield key, tables
        for value in node.values():
            yield from _tables(value)
    elif isinstance(node, list):
        for value in node:
            yield from _tables(value)
