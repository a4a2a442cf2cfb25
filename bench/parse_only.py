"""The baseline: a process that imports markdown-it-py (configured as reportlint configures
it: CommonMark, tables, strikethrough, front matter and task lists) and parses each file.

With ``--shortcut`` it parses with reportlint's own parser instead, which skips markdown-it's
inline parser for inline content without inline syntax (same tokens): the benchmark shows how
much of reportlint's lead over the baseline comes from that.
"""

import sys

names = sys.argv[1:]
if names[:1] == ["--shortcut"]:
    from reportlint.parser import parse

    names = names[1:]
else:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin
    from mdit_py_plugins.tasklists import tasklists_plugin

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.use(front_matter_plugin).use(tasklists_plugin)
    parse = md.parse
for name in names:
    with open(name, encoding="utf-8") as handle:
        parse(handle.read())
