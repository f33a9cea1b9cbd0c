"""Shared set-up for the browser tests: Debian's Chromium driven by Playwright."""

import os
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def screenshot(page, name, full_page=True):
    """Save what the visitor sees (the whole page, or the first screen of a very long one)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / name, full_page=full_page, timeout=60_000)


def follow(page, target):
    """Click a link or submit button and wait for the page it leads to."""
    with page.expect_navigation():
        target.click()
