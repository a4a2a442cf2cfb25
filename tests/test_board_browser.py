"""The HTML board in a real browser: headless Chromium (the OS package; `.ci/run` installs it)
driven by Playwright. Screenshots at a phone's and a wide screen's width are kept in
tests/artifacts/ (ignored by git). Skips, saying why, where Playwright or a Chromium is not
installed (the lowest-versions CI stage installs no Playwright)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from reportlint.cli import cli

sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="Playwright is not installed (`pip install -e '.[test]'` installs it)")

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
WIDTHS = (375, 1440)


def chromium() -> str | None:
    """A Chromium to drive: $REPORTLINT_CHROMIUM, the OS package, or Playwright's own."""
    named = os.environ.get("REPORTLINT_CHROMIUM")
    if named:
        return named
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("board") / "board.html"
    old = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(cli, ["board", "--isolated", "--no-cache", "--now",
                                          "2026-12-01", "--format", "html", "--output-file",
                                          str(target), "fixtures/lifecycle"])
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium()
    with sync_api.sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(
                executable_path=executable,
                # No background connections: the machine's network is closed (offline tests).
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                      "--disable-component-update", "--disable-sync", "--no-first-run"])
        except sync_api.Error as exc:
            reason = (f"no Chromium to run (install the OS package `chromium`): "
                      f"{str(exc).splitlines()[0]}")
            if os.environ.get("REPORTLINT_REQUIRE_BROWSER"):  # CI: a skip would hide it
                pytest.fail(reason)
            pytest.skip(reason)
        yield launched
        launched.close()


class Opened:
    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))


def open_board(browser: Any, page_file: Path, width: int) -> Opened:
    page = browser.new_page(viewport={"width": width, "height": 900})
    opened = Opened(page)
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    return opened


@pytest.mark.parametrize("width", WIDTHS)
def test_the_board_renders_at_each_width(browser: Any, page_file: Path, width: int) -> None:
    opened = open_board(browser, page_file, width)
    page = opened.page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"board-{width}.png"), full_page=True)
    ids = page.locator("#board tbody th[scope=row]").all_inner_texts()
    assert ids == ["BE-101", "BE-102", "BE-103", "BE-104", "FE-201", "QA-301"]
    assert page.locator("#shown").inner_text() == "6 of 6 task(s) shown"
    assert opened.errors == []
    assert opened.dialogs == []
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{overflow} px wider than the {width} px window"
    # Each status has its words as well as its colour.
    assert page.locator("#board tbody .badge").all_inner_texts() == [
        "Completed", "In progress", "Blocked", "Completed", "Completed", "In progress"]
    page.close()


def test_injected_markup_shows_as_text(browser: Any, page_file: Path) -> None:
    opened = open_board(browser, page_file, 1440)
    page = opened.page
    blocker = page.locator("#board tbody tr", has_text="BE-103").locator(
        "td[data-label='Open blockers']")
    assert blocker.inner_text() == 'No Redis in staging <script>alert("blocker")</script>'
    question = page.locator("#board tbody tr", has_text="BE-103").locator(
        "td[data-label='Questions for PM']")
    assert question.inner_text().endswith("<img src=x onerror=alert(1)>")
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 1
    assert opened.dialogs == []
    assert opened.errors == []
    page.close()


def test_sorting_and_filtering(browser: Any, page_file: Path) -> None:
    opened = open_board(browser, page_file, 1440)
    page = opened.page
    rows = "#board tbody tr:not([hidden]) th[scope=row]"
    page.get_by_role("button", name="Progress").click()
    assert page.locator("th", has_text="Progress").first.get_attribute("aria-sort") == \
        "ascending"
    assert page.locator(rows).all_inner_texts()[:2] == ["BE-103", "QA-301"]
    page.get_by_role("button", name="Progress").click()
    assert page.locator(rows).all_inner_texts()[-1] == "BE-103"
    page.select_option("#state", "blocked")
    assert page.locator(rows).all_inner_texts() == ["BE-103"]
    page.select_option("#state", "")
    page.fill("#filter", "sign-in")
    assert sorted(page.locator(rows).all_inner_texts()) == ["BE-103", "FE-201"]
    assert page.locator("#shown").inner_text() == "2 of 6 task(s) shown"
    page.fill("#filter", "")
    page.locator("a[href='#findings-FE-201']").click()
    assert page.locator("#findings-FE-201").evaluate("d => d.open") is True
    assert opened.errors == []
    page.close()
