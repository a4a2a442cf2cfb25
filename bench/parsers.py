#!/usr/bin/env python3
"""Parse-only cost of Markdown parsers other than markdown-it-py, on the same files, to see
what a compiled parser would buy (docs/benchmarks.md, *A compiled parser*).

    python bench/parsers.py FILES... [--repeat 7]

Each candidate installed in this interpreter runs in its own process (import and parse of
every file, as bench/parse_only.py does for markdown-it-py), in rotating turns with
markdown-it-py; medians of wall and processor time, and each one's ratio to markdown-it-py's.
Candidates: markdown-it-pyrs (markdown-it.rs, Rust), cmarkgfm (GitHub's cmark, C; it offers
only rendering to HTML, so its figure includes rendering), mistune 3 (pure Python, to an AST).
None is a dependency of reportlint: install them beside it to measure.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time

PARSERS = {
    "markdown-it-py": ("markdown_it", """
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin
md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
md.use(front_matter_plugin).use(tasklists_plugin)
parse = md.parse
"""),
    "markdown-it-pyrs": ("markdown_it_pyrs", """
from markdown_it_pyrs import MarkdownIt
md = MarkdownIt("commonmark").enable_many(["table", "strikethrough", "front_matter", "tasklist"])
parse = md.tree
"""),
    "cmarkgfm": ("cmarkgfm", """
import cmarkgfm
from cmarkgfm.cmark import Options
def parse(text):
    return cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
"""),
    "mistune": ("mistune", """
import mistune
parse = mistune.create_markdown(renderer=None, plugins=["table", "strikethrough", "task_lists"])
"""),
}

_RUN = """
import sys
{setup}
for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as handle:
        parse(handle.read())
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    present = {name: setup for name, (module, setup) in PARSERS.items()
               if importlib.util.find_spec(module) is not None}
    with tempfile.TemporaryDirectory() as tmp:
        scripts = {}
        for name, setup in present.items():
            scripts[name] = os.path.join(tmp, f"run-{name}.py")
            with open(scripts[name], "w", encoding="utf-8") as out:
                out.write(_RUN.format(setup=setup))
        wall: dict[str, list[float]] = {name: [] for name in present}
        cpu: dict[str, list[float]] = {name: [] for name in present}
        names = list(present)
        for turn in range(args.repeat):
            for name in names[turn % len(names):] + names[:turn % len(names)]:
                start = time.perf_counter()
                process = subprocess.Popen([sys.executable, scripts[name], *args.files])
                _, status, usage = os.wait4(process.pid, 0)
                if os.waitstatus_to_exitcode(status) != 0:
                    raise SystemExit(f"{name} failed")
                wall[name].append(time.perf_counter() - start)
                cpu[name].append(usage.ru_utime + usage.ru_stime)
    base_wall = statistics.median(wall["markdown-it-py"])
    base_cpu = statistics.median(cpu["markdown-it-py"])
    print(f"{len(args.files)} files, medians of {args.repeat} runs\n")
    print("| parser | wall | ratio | processor | ratio |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name in names:
        w, c = statistics.median(wall[name]), statistics.median(cpu[name])
        print(f"| {name} | {w:.3f} s | {w / base_wall:.2f}x | {c:.3f} s | {c / base_cpu:.2f}x |")


if __name__ == "__main__":
    main()
