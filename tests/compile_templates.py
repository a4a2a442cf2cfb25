#!/usr/bin/env python3
"""Rewrites schemas/compiled-templates.json from the built-in templates, each parsed and checked
as `reportlint template check` does (tests/test_compiled_templates.py fails until it is run
after a template changes):

    python tests/compile_templates.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from reportlint import templates  # noqa: E402

if __name__ == "__main__":
    target = ROOT / "schemas" / templates.COMPILED
    target.write_text(templates.compiled_text(ROOT / "schemas"), "utf-8")
    print(f"wrote {target}")
