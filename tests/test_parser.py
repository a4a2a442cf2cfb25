"""The parser's shortcut (no inline parser for plain text) gives markdown-it's own tokens;
task list items carry their state."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reportlint import parser

from conftest import FIXTURES, ROOT, SHARED


def dump(tokens: list[Any] | None) -> Any:
    if tokens is None:
        return None
    return [(t.type, t.tag, t.nesting, t.attrs, t.map, t.level, t.content, t.markup, t.info,
             t.meta, t.block, t.hidden, dump(t.children)) for t in tokens]


def same_tokens(text: str) -> bool:
    return bool(dump(parser.parse(text)) == dump(parser.stock().parse(text)))


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


def test_an_unknown_inline_rule_turns_the_shortcut_off() -> None:
    md = parser.stock().disable("entity")
    parser.with_shortcut(md)
    rule = next(r for r in md.core.ruler.__rules__ if r.name == "inline")
    assert rule.fn is not parser._inline
    assert isinstance(md, MarkdownIt)


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
