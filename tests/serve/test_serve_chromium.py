"""`ainews serve` in headless Chromium, driven by Playwright: the page starts a reader,
keys typed in the page reach it, what it draws comes back, and `o` asks the page to
open the story in a new tab.

xterm.js draws on a canvas, so the screen's text is read from what the page's
websocket received (recorded by a script added before the page's own), with the escape
sequences removed. A screenshot is kept under tests/artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .conftest import ARTIFACTS, ESCAPES, HEADLINE, Served, screen_text

GUARD_MS = 30_000
"""Hang guard for the terminal to draw (about 2 s from loading the page)."""

RECORDER = """
(() => {
  window.__ainews = {output: "", opened: []};
  const decoder = new TextDecoder();
  const Original = window.WebSocket;
  window.WebSocket = class extends Original {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (typeof event.data !== "string") {
          window.__ainews.output += decoder.decode(event.data, {stream: true});
        }
      });
    }
  };
  // Record the tab `o` asks for instead of loading it: the test never leaves 127.0.0.1.
  window.open = (url, target) => { window.__ainews.opened.push([url, target]); return null; };
})();
"""


@pytest.fixture(scope="module")
def browser(chromium: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                # No name resolves but the loopback: nothing can leave this machine.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            ],
        )
        yield browser
        browser.close()


def wait_for_text(page: Page, wanted: str, mark: int = 0) -> None:
    """Wait until the terminal output since `mark` draws `wanted`."""
    try:
        page.wait_for_function(
            """([wanted, mark, escapes]) => window.__ainews.output.slice(mark)
                .replace(new RegExp(escapes, "g"), "").includes(wanted)""",
            arg=[wanted, mark, ESCAPES.pattern],
            timeout=GUARD_MS,
        )
    except PlaywrightTimeout:
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / "serve-chromium-failed.png"
        page.screenshot(path=str(shot))
        drawn = screen_text(page.evaluate("window.__ainews.output"))[-3000:]
        raise AssertionError(
            f"{wanted!r} not drawn in {GUARD_MS} ms (screenshot: {shot}); last drawn: {drawn!r}"
        ) from None


def mark(page: Page) -> int:
    length: int = page.evaluate("window.__ainews.output.length")
    return length


def test_reader_in_chromium(browser: Browser, served: Served) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 900})

    def local_only(route: Route) -> None:
        # Belt and braces: whatever the page asks for, only our server is reached.
        host = urlsplit(route.request.url).hostname
        if host == "127.0.0.1":
            route.continue_()
        else:
            route.abort()

    page.route("**/*", local_only)
    page.add_init_script(RECORDER)
    page.goto(served.url + "/")
    page.wait_for_selector(".xterm-screen", timeout=GUARD_MS)
    wait_for_text(page, HEADLINE)
    page.locator(".xterm-helper-textarea").focus()

    before = mark(page)
    page.keyboard.press("j")
    wait_for_text(page, "腾讯混元开源", before)  # the second story's row, now highlighted

    before = mark(page)
    page.keyboard.press("/")
    # Type once the search bar is drawn, as a person would: keys that reach Textual in
    # the same instant as `/` still go to the list, which had the focus when they came.
    wait_for_text(page, "Search: words", before)
    page.keyboard.type("HY-Motion")
    page.keyboard.press("Enter")
    wait_for_text(page, "腾讯混元开源 HY-Motion", before)
    wait_for_text(page, "1 story", before)  # the list shows only the match

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "serve-chromium.png"
    page.screenshot(path=str(shot))
    print(f"screenshot: {shot}")

    page.keyboard.press("o")
    page.wait_for_function("window.__ainews.opened.length > 0", timeout=GUARD_MS)
    opened = page.evaluate("window.__ainews.opened")
    assert opened == [["https://x.com/shao__meng/status/2006020321787134357", "_blank"]]
    page.close()
