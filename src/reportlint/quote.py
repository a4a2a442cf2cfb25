"""How messages quote report text: one line, bounded, so output never carries a whole
paragraph (or a whole secret) of someone else's text."""

from __future__ import annotations

from typing import Any


def quote(value: Any, limit: int = 60) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
