"""Text to tokens. The only module that imports markdown-it-py and its plugins."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

if TYPE_CHECKING:
    from markdown_it.token import Token


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # CommonMark plus the GFM pieces agents use: tables, strikethrough, task lists.
    # Raw HTML stays on so HTML comments are blocks of their own, not paragraph text.
    md = MarkdownIt("commonmark", {"html": True})
    md.enable(["table", "strikethrough"])
    md.use(front_matter_plugin)
    md.use(tasklists_plugin)
    return md


def parse(text: str) -> list[Token]:
    return _parser().parse(text)
