"""The API's docs page in a real browser: Swagger UI runs from the site's own files under
the site's Content-Security-Policy, lists every operation, and calls the API."""

import pytest
from playwright.sync_api import expect

from tests.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_page_runs_under_the_policy_and_tries_an_operation(page):
    asked, complaints = [], []
    page.on("request", lambda request: asked.append(request.url))
    page.on("console", lambda message: complaints.append(message.text))
    page.on("pageerror", lambda error: complaints.append(str(error)))

    page.goto(page.base + "/api/v1/docs")
    operations = page.locator(".opblock-summary-path")
    expect(operations.first).to_be_visible()
    paths = operations.all_inner_texts()
    assert {"/api/v1/films/", "/api/v1/people/{slug}/", "/api/v1/sources/{pk}/"} <= {
        p.replace("\u200b", "") for p in paths
    }

    page.locator(".opblock-summary", has_text="Search and filter films").first.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    status = page.locator(".live-responses-table tbody .response-col_status").first
    expect(status).to_have_text("200")
    screenshot(page, "api-docs.png", full_page=False)

    assert all(url.startswith(page.base) for url in asked), asked  # nothing from a CDN
    assert not [c for c in complaints if "Content Security Policy" in c or "Refused" in c]
