"""The parser's shortcut (no inline parser for plain text) gives markdown-it's own tokens, and
turns itself off when a plugin changes what it relies on; task list items carry their state."""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from reportlint import parser

from conftest import FIXTURES, ROOT, SHARED


def dump(tokens: list[Any] | None) -> Any:
    if tokens is None:
        return None
    return [(t.type, t.tag, t.nesting, t.attrs, t.map, t.level, t.content, t.markup, t.info,
             t.meta, t.block, t.hidden, dump(t.children)) for t in tokens]


def upstream() -> MarkdownIt:
    """reportlint's configuration as markdown-it-py and its plugins make it, with none of
    reportlint's own rules but the one that reads checkbox state: markdown-it's core `inline`
    rule and mdit-py-plugins' quadratic tasklists rule, not their linear versions."""
    md = MarkdownIt("commonmark", {"html": True})
    md.enable(["table", "strikethrough"])
    md.use(front_matter_plugin)
    md.use(tasklists_plugin)
    md.core.ruler.before("github-tasklists", "reportlint-checkbox", parser._checkbox_state)
    return md


_UPSTREAM = upstream()


def same_tokens(text: str) -> bool:
    """The shortcut, the linear tasklists rule and the token budget change no token."""
    mine = dump(parser.parse(text))
    return bool(mine == dump(parser.stock().parse(text)) == dump(_UPSTREAM.parse(text)))


def documents() -> Iterator[tuple[str, str]]:
    for path in sorted(FIXTURES.glob("**/*.md")):
        yield str(path), path.read_text("utf-8")
    for folder in ("real", "markdownlint-tests", "commonmark"):
        for path in sorted((SHARED / "corpus" / folder).glob("*.md")):
            yield str(path), path.read_text("utf-8", "replace")
    spec = SHARED / "corpus/commonmark/commonmark.json"
    if spec.exists():
        for example in json.loads(spec.read_text("utf-8")):
            yield f"CommonMark example {example['example']}", example["markdown"]
    gen = importlib.util.spec_from_file_location("gen_corpus", ROOT / "bench/gen_corpus.py")
    assert gen is not None
    assert gen.loader is not None
    module = importlib.util.module_from_spec(gen)
    gen.loader.exec_module(module)
    for index in range(100):
        yield f"generated report {index}", module.report(7, index)


def test_shortcut_is_installed() -> None:
    rule = next(r for r in parser._parser().core.ruler.__rules__
                if r.name == "inline")
    assert rule.fn is parser._inline


def test_same_tokens_as_markdown_it_on_every_corpus() -> None:
    checked = 0
    for name, text in documents():
        assert same_tokens(text), name
        checked += 1
    assert checked > 150


PIECES = ["**", "*", "_", "`", "~~", "[", "](", ")", "]", "![", "<", ">", "&amp;", "&", "\\",
          "\n", "  \n", " ", "\t", "a", "b c", "- ", "|", " | ", "1. ", "# ", "[ ] ", "[x] ",
          "✅", "http://x.y", "<https://x.y>", "<!-- c -->", "---", ":", "> "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_same_tokens_as_markdown_it_on_generated_text(text: str) -> None:
    assert same_tokens(text)


def shortcut_on(md: MarkdownIt) -> bool:
    return parser._core_inline(md) is parser._inline


def test_a_disabled_inline_rule_turns_the_shortcut_off() -> None:
    md = parser.with_shortcut(parser.stock().disable("entity"))
    assert not shortcut_on(md)
    assert isinstance(md, MarkdownIt)


def test_the_unmodified_configuration_keeps_the_shortcut() -> None:
    assert shortcut_on(parser.with_shortcut(parser.stock()))


# Plugins of the three kinds that would make the shortcut wrong: each changes the tokens of
# inline content that has none of the characters the shortcut looks for.

def mention(state: StateInline, silent: bool) -> bool:
    """`@name` as a `mention` token: a new inline rule."""
    match = re.compile(r"@(\w+)").match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        state.push("mention", "", 0).content = match.group(1)
    state.pos = match.end()
    return True


def mentions(md: MarkdownIt) -> None:
    md.inline.ruler.push("mention", mention)


def shortcodes(md: MarkdownIt) -> None:
    """`:name:` emoji shortcodes handled by the `entity` rule's replacement, same name."""
    entity = next(fn for name, fn in zip(md.inline.ruler.get_active_rules(),
                                         md.inline.ruler.getRules(""), strict=True)
                  if name == "entity")

    def entity_or_shortcode(state: StateInline, silent: bool) -> bool:
        match = re.compile(r":(\w+):").match(state.src, state.pos)
        if match is None:
            return bool(entity(state, silent))
        if not silent:
            state.push("emoji", "", 0).content = match.group(1)
        state.pos = match.end()
        return True

    md.inline.ruler.at("entity", entity_or_shortcode)


def dashes(md: MarkdownIt) -> None:
    """`--` as an en dash in text: a post-processing rule of the second inline ruler."""

    def en_dash(state: StateInline) -> None:
        for token in state.tokens:
            if token.type == "text":
                token.content = token.content.replace("--", "\N{EN DASH}")

    md.inline.ruler2.push("dashes", en_dash)


@pytest.mark.parametrize(("plugin", "text"), [(mentions, "ping @alice: done"),
                                              (shortcodes, "Done :tada: today"),
                                              (dashes, "| 2025 -- 2026 |\n|---|")])
def test_a_plugin_that_changes_inline_rules_turns_the_shortcut_off(
        plugin: Any, text: str) -> None:
    def configured() -> MarkdownIt:
        md = parser.stock()
        md.use(plugin)
        return md

    md = parser.with_shortcut(configured())
    assert not shortcut_on(md)
    assert dump(md.parse(text)) == dump(configured().parse(text))
    # Had it stayed on, the tokens would differ: the test would catch a shortcut left on.
    forced = configured()
    forced.core.ruler.at("inline", parser._inline)
    assert dump(forced.parse(text)) != dump(configured().parse(text))


def test_a_replaced_core_inline_rule_turns_the_shortcut_off() -> None:
    md = parser.stock()
    inline = parser._core_inline(md)
    assert callable(inline)
    md.core.ruler.at("inline", lambda state: inline(state))
    assert not shortcut_on(parser.with_shortcut(md))


def test_a_replaced_inline_parse_turns_the_shortcut_off() -> None:
    md = parser.stock()
    parse = md.inline.parse
    md.inline.parse = lambda *args: parse(*args)  # type: ignore[method-assign]
    assert not shortcut_on(parser.with_shortcut(md))


def test_a_new_stop_character_turns_the_shortcut_off() -> None:
    md = parser.stock()
    if not hasattr(md.inline, "add_terminator_char"):
        pytest.skip("markdown-it-py before 4.1 has a fixed set of stop characters")
    md.inline.add_terminator_char("?")
    assert not shortcut_on(parser.with_shortcut(md))


def task_items(tokens: list[Any]) -> Iterator[tuple[Any, Any]]:
    """Each ``list_item_open`` with the inline of its first paragraph, if it has one."""
    for i, token in enumerate(tokens):
        if token.type == "list_item_open":
            after = tokens[i + 2] if i + 2 < len(tokens) else None
            first = (after if after is not None and after.type == "inline"
                     and tokens[i + 1].type == "paragraph_open" else None)
            yield token, first


def test_task_list_items_carry_their_state_on_every_corpus() -> None:
    """``meta["checked"]`` is on exactly the items the tasklists plugin makes task items, and
    agrees with the checkbox the plugin renders for them."""
    items = ticked = 0
    for name, text in documents():
        for item, inline in task_items(parser.parse(text)):
            task = "task-list-item" in str(item.attrs.get("class", ""))
            assert ("checked" in item.meta) == task, name
            if task:
                items += 1
                ticked += item.meta["checked"]
                box = inline.children[0].content
                assert item.meta["checked"] == ('checked="checked"' in box), name
    assert items > 400
    assert 0 < ticked < items


@pytest.mark.parametrize(("text", "expected"), [
    ("- [x] done", [True]), ("- [X] done", [True]), ("- [ ] open", [False]),
    ("1. [x] done\n2. [ ] open", [True, False]),
    ("> - [x] quoted", [True]),
    ("- [x]\tdone", [True]),  # a tab is white space too (the plugin renders no box for it)
    ("- [x]\n  done", [True]),
    ("- [x]done", [None]), ("- [y] no", [None]), ("- [x]", [None]), ("- [ ]", [None]),
    ("- # [x] heading", [None]), ("-     [x] code", [None]), ("- a\n\n  [x] later", [None]),
    ("- [x] a\n  - [ ] b", [True, False]),
])
def test_checkbox_state(text: str, expected: list[bool | None]) -> None:
    assert [item.meta.get("checked") for item, _ in task_items(parser.parse(text))] == expected
