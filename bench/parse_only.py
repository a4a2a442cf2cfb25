"""The baseline: a process that imports markdown-it-py (configured as reportlint configures
it: CommonMark, tables, strikethrough, front matter and task lists) and parses each file."""

import sys

from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
md.use(front_matter_plugin).use(tasklists_plugin)
for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as handle:
        md.parse(handle.read())
