"""Text to tokens. The only module that imports markdown-it-py and its plugins."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from reportlint.budget import checkpoint

if TYPE_CHECKING:
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore

# The rules of the two inline rulers, by name, that _INLINE_SYNTAX was written for. A plugin
# is caught by comparing rule functions with a stock instance (see with_shortcut); these
# names catch an upgrade of markdown-it-py that adds, drops or reorders a default rule, which
# the stock instance would share.
INLINE_RULES = ["text", "newline", "escape", "backticks", "strikethrough", "emphasis", "link",
                "image", "autolink", "html_inline", "entity"]
INLINE_RULES2 = ["balance_pairs", "strikethrough", "emphasis", "fragments_join"]
# Every character that can start one of INLINE_RULES (a line break, `\`, a code span, `~~`,
# `*` and `_` emphasis, a link, an image, `<` for an autolink or HTML, `&` for an entity).
# Inline content without any of these is one text run: markdown-it's `text` rule would
# consume all of it and emit a single text token, and INLINE_RULES2 leave that token alone.
_INLINE_SYNTAX = re.compile(r"[\n\\`~*_\[!<&]")
# A task list item's box, as the tasklists plugin recognises it: `[ ]`, `[x]` or `[X]` at the
# start of the item's first paragraph, then GFM white space.
_CHECKBOX = re.compile(r"\[([ xX])\][ \t\n\v\f\r]")
# The most tokens (block and inline together) one file may make: about 0.6 GB of tokens at
# the worst (`**a**:` repeated, some 600 bytes a token). A 40,000-row table makes 560,000.
MAX_TOKENS = 1_000_000
# Inline content longer than this is measured before it is parsed: shorter content cannot
# make enough tokens (at most about three per character) to overshoot the limit by much.
_MEASURED = 4096


class TooComplex(Exception):
    """The file would make more than :data:`MAX_TOKENS` tokens; ``line`` is where the limit
    was reached. Raised before the tokens are made, so memory stays bounded."""

    def __init__(self, line: int) -> None:
        super().__init__(f"more than {MAX_TOKENS:,} Markdown elements by line {line}")
        self.line = line


def _block_budget(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A block rule tried first at every block, matching nothing: it stops the parse once the
    tokens reach the limit. The most a block makes between two of its calls is one table:
    its cells as written (each needs a `|`, counted before the parse) and at most 65,536
    cells markdown-it fills in (a header of many columns over rows of one cell each: 130
    tokens a byte, 1 GB for 24 KB before this rule)."""
    if len(state.tokens) > MAX_TOKENS:
        raise TooComplex(start + 1)
    checkpoint()
    return False


def _syntax(text: str) -> int:
    """How many characters of ``text`` can start or end an inline token (each makes at most
    about three: `<a@b.c>` is a link's open, text and close)."""
    return sum(map(text.count, "\\`~*_[!<&|\n"))


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


def _tasklists(state: StateCore) -> None:
    """mdit-py-plugins' tasklists rule (0.4.1 to 0.7, with its default options: boxes
    disabled, no labels), with the same tokens, in linear time: the plugin looks for each
    task item's list by scanning back to the start of the file (20,000 items under one
    heading took 204 s); here one pass notes the latest token of each level as it goes.
    ``tests/test_parser.py`` compares the tokens with the plugin's on every corpus."""
    tokens = state.tokens
    found = [i for i in range(2, len(tokens) - 1)
             if tokens[i].type == "inline" and tokens[i].content[:1] == "["
             and tokens[i - 1].type == "paragraph_open"
             and tokens[i - 2].type == "list_item_open"
             and _TODO.match(tokens[i].content) is not None]
    if not found:  # most files: no need to find any list's parent
        return
    latest: dict[int, int] = {}  # level -> index of the latest token of that level so far
    parents: dict[int, int] = {}  # index of a list_item_open -> index of its list's open
    for index, token in enumerate(tokens):
        if token.type == "list_item_open":
            parents[index] = latest.get(token.level - 1, -1)
        latest[token.level] = index
    for i in found:
        _todoify(tokens[i])
        tokens[i - 2].attrSet("class", "task-list-item")
        tokens[parents[i - 2]].attrSet("class", "contains-task-list")


_TODO = re.compile(r"\[[ xX]][ \t\n\v\f\r]+")


def _todoify(token: Token) -> None:
    assert token.children is not None
    checkbox = Token("html_inline", "", 0)
    if token.content.startswith("[ ] "):
        checkbox.content = ('<input class="task-list-item-checkbox" disabled="disabled" '
                            'type="checkbox">')
    elif token.content.startswith(("[x] ", "[X] ")):
        checkbox.content = ('<input class="task-list-item-checkbox" checked="checked" '
                            'disabled="disabled" type="checkbox">')
    token.children.insert(0, checkbox)
    token.children[1].content = token.children[1].content[3:]
    token.content = token.content[3:]


def _core_inline_budget(state: StateCore) -> None:
    """markdown-it's core `inline` rule, stopping at :data:`MAX_TOKENS`: long content is
    measured before it is parsed (one 5 MB line of `**a**:` would make 3.5 million tokens,
    2.2 GB), and the tokens made are counted as they come."""
    md = state.md
    total = len(state.tokens)
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            total = _within_budget(token, total)
            md.inline.parse(token.content, md, state.env, token.children)
            total += len(token.children)


def _within_budget(token: Token, total: int) -> int:
    """``total``, the tokens so far, unless they, or what ``token``'s content may add to
    them, are over the limit."""
    content = token.content
    if total > MAX_TOKENS or (len(content) > _MEASURED
                              and total + 3 * _syntax(content) > MAX_TOKENS):
        raise TooComplex((token.map or [0])[0] + 1)
    checkpoint()
    return total


def _configured() -> MarkdownIt:
    # CommonMark plus the GFM pieces agents use: tables, strikethrough, task lists.
    # Raw HTML stays on so HTML comments are blocks of their own, not paragraph text.
    md = MarkdownIt("commonmark", {"html": True})
    md.enable(["table", "strikethrough"])
    md.use(front_matter_plugin)
    md.block.ruler.before("front_matter", "reportlint-budget", _block_budget)
    md.core.ruler.at("inline", _core_inline_budget)
    # markdown-it-py 4.1's own `tasklists` option sets meta["checked"] too, but it parses the
    # rest of the item as blocks (`- [ ] 1. Step` becomes a nested ordered list): that changes
    # the model of a real report, so the plugin's reading (GFM's) stays, in linear time.
    md.core.ruler.after("inline", "github-tasklists", _tasklists)
    md.core.ruler.before("github-tasklists", "reportlint-checkbox", _checkbox_state)
    return md


def _inline(state: StateCore) -> None:
    """markdown-it's core `inline` rule, which skips the inline parser for plain text: most
    table cells, headings and list items of a report hold no inline syntax, and starting the
    inline parser for each costs more than the rest of reportlint's work on it. The tokens are
    the same (``tests/test_parser.py`` compares them on every corpus)."""
    md = state.md
    total = len(state.tokens)
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
                    total += 1
            else:
                total = _within_budget(token, total)
                md.inline.parse(content, md, state.env, token.children)
                total += len(token.children)


def _core_inline(md: MarkdownIt) -> object:
    """The function of ``md``'s core `inline` rule, None when it is off or gone."""
    ruler = md.core.ruler
    return dict(zip(ruler.get_active_rules(), ruler.getRules(""), strict=True)).get("inline")


def _inline_parser(md: MarkdownIt) -> tuple[object, ...]:
    """What the tokens of inline content depend on besides its text: the inline parser's class
    and attributes (a plugin may replace ``parse`` on the instance), every active rule of both
    inline rulers with its function, in order, and the characters that stop the `text` rule
    (markdown-it-py 4.1 lets plugins add to them; 3.0 has them fixed in the rule)."""
    inline = md.inline
    terminators = getattr(inline, "terminator_re", None)
    return (type(inline), frozenset(vars(inline)),
            list(zip(inline.ruler.get_active_rules(), inline.ruler.getRules(""), strict=True)),
            list(zip(inline.ruler2.get_active_rules(), inline.ruler2.getRules(""), strict=True)),
            getattr(terminators, "pattern", None))


def with_shortcut(md: MarkdownIt) -> MarkdownIt:
    """``md`` with :func:`_inline` as its core `inline` rule, but only while everything the
    shortcut relies on is as in reportlint's own configuration: the rule it replaces, and the
    inline parser's rules, their functions and the text rule's stop characters (a plugin that
    adds or replaces any of them turns the shortcut off, not wrong), and the rule names
    _INLINE_SYNTAX was written for (so does a markdown-it-py that changes its default rules).
    A release that changes what a rule of the same name does is what no check here can see:
    the upper bounds in ``pyproject.toml`` and the corpus tests, run at both ends of the
    bounds, are for that. Apply it after every plugin: it checks ``md`` as it is now."""
    reference = _configured()
    if (md.inline.ruler.get_active_rules() == INLINE_RULES
            and md.inline.ruler2.get_active_rules() == INLINE_RULES2
            and _core_inline(md) is _core_inline(reference)
            and _inline_parser(md) == _inline_parser(reference)):
        md.core.ruler.at("inline", _inline)
    return md


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return with_shortcut(_configured())


def stock() -> MarkdownIt:
    """The same configuration without the shortcut, as markdown-it-py parses by default."""
    return _configured()


def parse(text: str) -> list[Token]:
    """The tokens of ``text``; raises :class:`TooComplex` instead of making more than
    :data:`MAX_TOKENS` of them."""
    if 3 * text.count("|") > MAX_TOKENS:  # a table's cells, all made by one block rule call
        raise TooComplex(1)
    return _parser().parse(text)
