"""YAML front matter: the only place report text reaches a YAML parser."""

from __future__ import annotations

from typing import Any

import yaml

_MAX_SCALAR = 500


class _NoAliasLoader(yaml.SafeLoader):
    """Safe loading without anchors and aliases, so a "billion laughs" document cannot
    expand into unbounded memory when the model is walked or printed."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in front matter", event.start_mark
            )
        return super().compose_node(parent, index)


# Python reads integers of at most this many digits (3.11 and later refuse longer ones with
# a ValueError; 3.10 reads them, slowly): the same limit on every version.
_MAX_DIGITS = 4300


def _timestamp(loader: _NoAliasLoader, node: yaml.ScalarNode) -> Any:
    """A date or time, or, for one that cannot exist (`2025-02-30`, `25:10`), its text as
    written, for the date rules to report (PyYAML raises a ValueError)."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


def _integer(loader: _NoAliasLoader, node: yaml.ScalarNode) -> Any:
    text = loader.construct_scalar(node)
    if len(text) > _MAX_DIGITS:
        raise yaml.constructor.ConstructorError(
            None, None, f"an integer of {len(text):,} characters is too long to read",
            node.start_mark)
    return yaml.SafeLoader.construct_yaml_int(loader, node)


_NoAliasLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
_NoAliasLoader.add_constructor("tag:yaml.org,2002:int", _integer)


def load(content: str, first_line: int) -> dict[str, Any]:
    """``{"data": ..., "scalars": {key: (text, line)}}`` or ``{"error": ..., "error_line": n}``.

    ``first_line`` is the file line of the front matter's first content line.
    """
    try:
        data = yaml.load(content, Loader=_NoAliasLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + (mark.line if mark is not None else 0)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return {"data": None, "error": f"invalid YAML front matter: {problem}",
                "error_line": line}
    except RecursionError:
        return {"data": None, "error": "invalid YAML front matter: nested too deeply",
                "error_line": first_line}
    except (ValueError, OverflowError, TypeError) as exc:  # a value PyYAML cannot build
        return {"data": None, "error": f"invalid YAML front matter: {exc}",
                "error_line": first_line}
    if data is None:
        return {"data": {}, "scalars": {}}
    if not isinstance(data, dict):
        return {"data": None,
                "error": f"front matter is a YAML {type(data).__name__}, not a mapping of keys",
                "error_line": first_line}
    try:
        return {"data": _jsonable(data), "scalars": _scalars(data, content, first_line)}
    except RecursionError:
        return {"data": None, "error": "invalid YAML front matter: nested too deeply",
                "error_line": first_line}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)  # dates and timestamps, as written


def _scalars(data: dict[Any, Any], content: str, first_line: int) -> dict[str, tuple[str, int]]:
    lines: dict[str, int] = {}
    for offset, raw in enumerate(content.splitlines()):
        if raw[:1] not in ("", " ", "\t", "#", "-") and ":" in raw:
            lines.setdefault(raw.split(":", 1)[0].strip().strip("'\""), first_line + offset)
    out: dict[str, tuple[str, int]] = {}
    for k, v in data.items():
        if isinstance(v, (str, int, float, bool)) or v is None or hasattr(v, "isoformat"):
            text = "" if v is None else (str(v).lower() if isinstance(v, bool) else str(v))
            out[str(k)] = (text[:_MAX_SCALAR], lines.get(str(k), first_line))
    return out
