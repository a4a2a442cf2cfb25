"""Regenerates docs/board.png, the README's picture of the board: `reportlint board --format
html` over fixtures/lifecycle, photographed by headless Chromium (the OS package) through
Playwright at 1440 px.

    python scripts/board_screenshot.py [--width 1440] [--output docs/board.png]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "board.png")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "board.html"
        subprocess.run([sys.executable, "-m", "reportlint", "board", "--isolated", "--no-cache",
                        "--now", "2026-12-01", "--format", "html", "--output-file",
                        str(page_file), "fixtures/lifecycle"], cwd=ROOT, check=True)
        executable = os.environ.get("REPORTLINT_CHROMIUM") or shutil.which("chromium") or \
            shutil.which("chromium-browser")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable,
                                                 args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": args.width, "height": 600})
            page.goto(page_file.as_uri())
            page.screenshot(path=str(args.output), full_page=True)
            browser.close()
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
