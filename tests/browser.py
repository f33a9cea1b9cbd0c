"""Shared set-up for the browser tests: Debian's Chromium driven by Playwright."""

import os
from pathlib import Path

from playwright.sync_api import expect

CHROMIUM = Path("/usr/bin/chromium")
# Where screenshots go: a git-ignored folder, unless `make screenshots` asks for the README's.
SCREENSHOTS = Path(__file__).resolve().parent.parent / os.environ.get(
    "NKFILMS_SCREENSHOTS", "test-results/screenshots"
)

# On CI the browser shares two cores with the test workers: an assertion waits up to 15 s for
# what it expects (Playwright's default is 5 s), as the pages' own timeouts do.
expect.set_options(timeout=15_000)

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def screenshot(page, name, full_page=True):
    """Save what the visitor sees (the whole page, or the first screen of a very long one),
    in SCREENSHOTS."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / name, full_page=full_page, timeout=60_000)


def follow(page, target, url=None):
    """Click a link or submit button and wait for the page it leads to: until the browser is
    at ``url`` (a glob, regular expression or predicate) if given, else for the navigation.

    Then assert with Playwright's ``expect(locator)…``, which retries until the new page
    shows what is expected, rather than reading ``page.content()`` at once.
    """
    if url is None:
        with page.expect_navigation():
            target.click()
    else:
        target.click()
        page.wait_for_url(url)
