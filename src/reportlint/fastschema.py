"""A fast yes/no JSON Schema check for the keywords templates use, without jsonschema.

Most reports pass; for them reportlint never imports jsonschema. A report this check rejects
is validated again by jsonschema, which explains the failures; a template using a keyword this
module does not know is always left to jsonschema (``compile`` returns None).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlint import saferegex

Check = Callable[[Any], bool]

ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "definitions", "$comment", "title",
                          "description", "default", "examples", "deprecated", "readOnly",
                          "writeOnly", "format", "$anchor"})
_TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
    or (isinstance(v, float) and v.is_integer()),
}


def is_type(value: Any, name: str) -> bool:
    """Whether ``value`` is of the JSON Schema type ``name`` (KeyError for no such type)."""
    return _TYPES[name](value)


class Unsupported(Exception):
    """The schema uses something this module does not check."""


def equal(a: Any, b: Any) -> bool:
    """JSON equality: ``true`` is not ``1``."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(equal(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def build(schema: Any, root: Any = None, trusted: bool = False) -> Check | None:
    """The yes/no check of ``schema`` (a part of ``root``, whose ``$ref``s it may use), or
    None when this module cannot judge it; ``trusted``: its patterns are reportlint's own (a
    built-in template's, see ``saferegex.trusted``)."""
    try:
        return Compiler(schema if root is None else root, trusted).build(schema)
    except (Unsupported, RecursionError, saferegex.RegexError, KeyError, IndexError, TypeError):
        return None


class Compiler:
    """Compiles a template's subschemas to yes/no checks (:mod:`reportlint.fastfailures`
    shares one per template, so its references are compiled once)."""

    def __init__(self, root: Any, trusted: bool = False) -> None:
        self.root = root
        self.regex = saferegex.trusted if trusted else saferegex.compile
        self.refs: dict[str, Check] = {}

    def build(self, schema: Any) -> Check:
        if schema is True:
            return lambda v: True
        if schema is False:
            return lambda v: False
        if not isinstance(schema, dict):
            raise Unsupported(schema)
        checks: list[Check] = []
        for keyword, value in schema.items():
            if keyword in ANNOTATIONS or keyword.startswith("x-"):
                continue
            if keyword in ("then", "else"):
                continue  # compiled with "if"
            checks.append(self.keyword(keyword, value, schema))
        return _all(checks)

    def keyword(self, keyword: str, value: Any, schema: dict[str, Any]) -> Check:
        method = getattr(self, "k_" + keyword.replace("$", "_"), None)
        if method is None:
            raise Unsupported(keyword)
        check: Check = method(value, schema)
        return check

    # -- keywords ----------------------------------------------------------------------
    # Closures with plain loops, not `all()` over generators: this runs for every report.

    def k_type(self, value: Any, _: Any) -> Check:
        names = [value] if isinstance(value, str) else list(value)
        if names in (["object"], ["array"], ["string"]):
            kind = {"object": dict, "array": list, "string": str}[names[0]]
            return lambda v: isinstance(v, kind)
        tests = [_TYPES[n] for n in names]
        return _any(tests)

    def k_required(self, value: list[str], _: Any) -> Check:
        names = tuple(value)

        def required(v: Any) -> bool:
            if isinstance(v, dict):
                for name in names:
                    if name not in v:
                        return False
            return True
        return required

    def k_properties(self, value: dict[str, Any], _: Any) -> Check:
        checks = [(name, self.build(sub)) for name, sub in value.items()]

        def properties(v: Any) -> bool:
            if isinstance(v, dict):
                for name, check in checks:
                    if name in v and not check(v[name]):
                        return False
            return True
        return properties

    def k_additionalProperties(self, value: Any, schema: dict[str, Any]) -> Check:
        known = set(schema.get("properties", {}))
        patterns = [self.regex(p) for p in schema.get("patternProperties", {})]
        check = self.build(value)

        def additional(v: Any) -> bool:
            if isinstance(v, dict):
                for name, item in v.items():
                    if (name not in known and not any(p.test(name) for p in patterns)
                            and not check(item)):
                        return False
            return True
        return additional

    def k_patternProperties(self, value: dict[str, Any], _: Any) -> Check:
        checks = [(self.regex(p), self.build(sub)) for p, sub in value.items()]

        def pattern_properties(v: Any) -> bool:
            if isinstance(v, dict):
                for name, item in v.items():
                    for p, check in checks:
                        if p.test(name) and not check(item):
                            return False
            return True
        return pattern_properties

    def k_const(self, value: Any, _: Any) -> Check:
        if isinstance(value, str):
            return lambda v: v == value  # a string equals only a string
        return lambda v: equal(v, value)

    def k_enum(self, value: list[Any], _: Any) -> Check:
        if all(isinstance(option, str) for option in value):
            options = frozenset(value)
            return lambda v: isinstance(v, str) and v in options
        return lambda v: any(equal(v, option) for option in value)

    def k_pattern(self, value: str, _: Any) -> Check:
        test = self.regex(value).test
        return lambda v: not isinstance(v, str) or test(v)

    def k_minLength(self, value: int, _: Any) -> Check:
        return lambda v: not isinstance(v, str) or len(v) >= value

    def k_maxLength(self, value: int, _: Any) -> Check:
        return lambda v: not isinstance(v, str) or len(v) <= value

    def k_minimum(self, value: float, _: Any) -> Check:
        return lambda v: not _TYPES["number"](v) or v >= value

    def k_maximum(self, value: float, _: Any) -> Check:
        return lambda v: not _TYPES["number"](v) or v <= value

    def k_minItems(self, value: int, _: Any) -> Check:
        return lambda v: not isinstance(v, list) or len(v) >= value

    def k_maxItems(self, value: int, _: Any) -> Check:
        return lambda v: not isinstance(v, list) or len(v) <= value

    def k_minProperties(self, value: int, _: Any) -> Check:
        return lambda v: not isinstance(v, dict) or len(v) >= value

    def k_items(self, value: Any, schema: dict[str, Any]) -> Check:
        skip = len(schema.get("prefixItems", ()))
        check = self.build(value)

        def items(v: Any) -> bool:
            if isinstance(v, list):
                for item in v[skip:] if skip else v:
                    if not check(item):
                        return False
            return True
        return items

    def k_prefixItems(self, value: list[Any], _: Any) -> Check:
        checks = [self.build(sub) for sub in value]

        def prefix_items(v: Any) -> bool:
            if isinstance(v, list):
                for check, item in zip(checks, v, strict=False):
                    if not check(item):
                        return False
            return True
        return prefix_items

    def k_contains(self, value: Any, schema: dict[str, Any]) -> Check:
        if "minContains" in schema or "maxContains" in schema:
            raise Unsupported("minContains")
        check = self.build(value)

        def contains(v: Any) -> bool:
            if isinstance(v, list):
                for item in v:
                    if check(item):
                        return True
                return False
            return True
        return contains

    def k_allOf(self, value: list[Any], _: Any) -> Check:
        return _all([self.build(sub) for sub in value])

    def k_anyOf(self, value: list[Any], _: Any) -> Check:
        return _any([self.build(sub) for sub in value])

    def k_oneOf(self, value: list[Any], _: Any) -> Check:
        checks = [self.build(sub) for sub in value]
        return lambda v: sum(1 for check in checks if check(v)) == 1

    def k_not(self, value: Any, _: Any) -> Check:
        check = self.build(value)
        return lambda v: not check(v)

    def k_if(self, value: Any, schema: dict[str, Any]) -> Check:
        condition = self.build(value)
        then = self.build(schema.get("then", True))
        otherwise = self.build(schema.get("else", True))
        return lambda v: then(v) if condition(v) else otherwise(v)

    def k__ref(self, value: str, _: Any) -> Check:
        if not value.startswith("#"):
            raise Unsupported(value)
        if value not in self.refs:
            target = self.resolve(value)
            self.refs[value] = lambda v: True  # placeholder for recursive references
            compiled = self.build(target)
            self.refs[value] = compiled
        refs = self.refs
        return lambda v: refs[value](v)

    def resolve(self, ref: str) -> Any:
        """The part of the template a ``#/...`` reference names (an anchor, ``#name``,
        is left to jsonschema)."""
        if ref != "#" and not ref.startswith("#/"):
            raise Unsupported(ref)
        node = self.root
        for part in ref[1:].split("/")[1:] if ref != "#" else []:
            part = part.replace("~1", "/").replace("~0", "~")
            node = node[int(part)] if isinstance(node, list) else node[part]
        return node


def _all(checks: list[Check]) -> Check:
    if not checks:
        return lambda v: True
    if len(checks) == 1:
        return checks[0]

    def every(v: Any) -> bool:
        for check in checks:
            if not check(v):
                return False
        return True
    return every


def _any(checks: list[Check]) -> Check:
    if len(checks) == 1:
        return checks[0]

    def some(v: Any) -> bool:
        for check in checks:
            if check(v):
                return True
        return False
    return some
