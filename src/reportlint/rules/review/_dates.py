"""Dates a report gives, read as datetimes."""

from __future__ import annotations

from datetime import datetime

from reportlint import lazyre

_SHAPE = lazyre.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?")


# The day first, with dots, as German, Dutch, Polish... reports write it (`10.03.2026, 09:15
# Uhr`): never the month first (that is written with slashes, which stay unread: `03/10`
# is either).
_DOTTED = lazyre.compile(
    r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})"
    r"(?:,?\s+(?:um\s+)?(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?")


def has_time(value: str) -> bool:
    """Whether a date the report gives has a time of day (`2025-03-10 09:00`)."""
    match = _SHAPE.match(value.strip()) or _DOTTED.match(value.strip())
    return match is not None and match.group("H") is not None


def parse(value: str) -> datetime | str | None:
    """A datetime, an error message for an impossible date, or None when the value does not
    look like a date at all (the template's own pattern reports that)."""
    match = _SHAPE.match(value.strip()) or _DOTTED.match(value.strip())
    if match is None:
        return None
    parts = {k: int(v) for k, v in match.groupdict().items() if v is not None}
    try:
        return datetime(parts["y"], parts["m"], parts["d"], parts.get("H", 0),
                        parts.get("M", 0), parts.get("S", 0))
    except ValueError as exc:
        return str(exc)

