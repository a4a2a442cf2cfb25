"""Text to tokens. The only module that imports markdown-it-py and its plugins."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

if TYPE_CHECKING:
    from markdown_it.rules_core import StateCore

# The inline rules this configuration runs, and every character that can start one of them
# (a line break, `\`, a code span, `~~`, `*` and `_` emphasis, a link, an image, `<` for an
# autolink or HTML, `&` for an entity). Inline content without any of these is one text run:
# markdown-it's `text` rule would consume all of it and emit a single text token.
INLINE_RULES = ["text", "newline", "escape", "backticks", "strikethrough", "emphasis", "link",
                "image", "autolink", "html_inline", "entity"]
_INLINE_SYNTAX = re.compile(r"[\n\\`~*_\[!<&]")
# A task list item's box, as the tasklists plugin recognises it: `[ ]`, `[x]` or `[X]` at the
# start of the item's first paragraph, then GFM white space.
_CHECKBOX = re.compile(r"\[([ xX])\][ \t\n\v\f\r]")


def _checkbox_state(state: StateCore) -> None:
    """Sets ``meta["checked"]`` on the ``list_item_open`` of every task list item.

    The tasklists plugin (every release from 0.4 to 0.7) sets no ``meta``: it marks the item
    with a class and writes the state only into the HTML of the checkbox it inserts. This runs
    just before it, while the paragraph still starts with the box, so the state is read from
    the Markdown, not from the plugin's HTML. ``tests/test_parser.py`` holds the two to the
    same items on every corpus."""
    tokens = state.tokens
    for i in range(2, len(tokens)):
        token = tokens[i]
        if (token.type == "inline" and token.content[:1] == "["
                and tokens[i - 1].type == "paragraph_open"
                and tokens[i - 2].type == "list_item_open"):
            match = _CHECKBOX.match(token.content)
            if match:
                tokens[i - 2].meta["checked"] = match.group(1) != " "




def _configured() -> MarkdownIt:
    # CommonMark plus the GFM pieces agents use: tables, strikethrough, task lists.
    # Raw HTML stays on so HTML comments are blocks of their own, not paragraph text.
    md = MarkdownIt("commonmark", {"html": True})
    md.enable(["table", "strikethrough"])
    md.use(front_matter_plugin)
    md.use(tasklists_plugin)
    md.core.ruler.before("github-tasklists", "reportlint-checkbox", _checkbox_state)
    return md


def _inline(state: StateCore) -> None:
    """markdown-it's core `inline` rule, which skips the inline parser for plain text: most
    table cells, headings and list items of a report hold no inline syntax, and starting the
    inline parser for each costs more than the rest of reportlint's work on it. The tokens are
    the same (``tests/test_parser.py`` compares them on every corpus)."""
    md = state.md
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            content = token.content
            if _INLINE_SYNTAX.search(content) is None:
                if content:
                    text = Token("text", "", 0)
                    text.content = content
                    token.children.append(text)
            else:
                md.inline.parse(content, md, state.env, token.children)


def with_shortcut(md: MarkdownIt) -> MarkdownIt:
    """``md`` with :func:`_inline` as its core `inline` rule, but only while its inline rules
    are the ones the shortcut was written for: a markdown-it upgrade or a plugin that adds one
    turns the shortcut off, not wrong."""
    if md.inline.ruler.get_active_rules() == INLINE_RULES:
        md.core.ruler.at("inline", _inline)
    return md


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return with_shortcut(_configured())


def stock() -> MarkdownIt:
    """The same configuration without the shortcut, as markdown-it-py parses by default."""
    return _configured()


def parse(text: str) -> list[Token]:
    return _parser().parse(text)
