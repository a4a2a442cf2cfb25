"""Dates a report gives, read as datetimes."""

from __future__ import annotations

from datetime import datetime

from reportlint import lazyre

_SHAPE = lazyre.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?")


def parse(value: str) -> datetime | str | None:
    """A datetime, an error message for an impossible date, or None when the value does not
    look like a date at all (the template's own pattern reports that)."""
    match = _SHAPE.match(value.strip())
    if match is None:
        return None
    parts = {k: int(v) for k, v in match.groupdict().items() if v is not None}
    try:
        return datetime(parts["y"], parts["m"], parts["d"], parts.get("H", 0),
                        parts.get("M", 0), parts.get("S", 0))
    except ValueError as exc:
        return str(exc)

