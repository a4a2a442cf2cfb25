"""The files a completion report lists in its *Files Changed* tables."""

from __future__ import annotations

from collections.abc import Iterator

from reportlint import lazyre
from reportlint.rules.base import Context

_PATH = lazyre.compile(r"^[`'\"]?(?:\./)?([^\s`'\"]+)")


def listed_files(ctx: Context) -> Iterator[tuple[str, str, int]]:
    """``(path, change type, line)`` for every row of every *Files Changed* table."""
    for key, section in ctx.keyed():
        if key != "files-changed":
            continue
        for table in section.get("tables", ()):
            if "file" not in table["columns"]:
                continue
            for row in table["rows"]:
                match = _PATH.match(row["cells"].get("file", "").strip())
                if match:
                    yield match.group(1), row["cells"].get("change-type", ""), row["line"]


def changed_paths(listed: str, statuses: dict[str, str]) -> list[str]:
    """Diff paths a listed path stands for: itself, a folder's contents, or a short name."""
    if listed in statuses:
        return [listed]
    if listed.endswith("/"):
        return [p for p in statuses if p.startswith(listed)]
    return [p for p in statuses if p.endswith("/" + listed)]

