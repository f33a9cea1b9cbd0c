"""A researcher in a real browser: search, facets, a film, its footnotes, a CSV download."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from tests.browser import follow, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_researcher_searches_refines_opens_a_film_and_follows_a_footnote(page):
    page.goto(page.base + "/films/")
    page.get_by_label("Search titles, people and studios").fill("sin sang ok")
    follow(page, page.get_by_role("button", name="Search"))
    cards = page.locator(".card-list .card h3")
    assert "Pulgasari" in cards.all_inner_texts()

    # Two facets, then remove one by its chip.
    follow(page, page.locator(".facet a", has_text="1980s"))
    follow(page, page.locator("#facet-country + ul a", has_text="Japan"))
    chips = page.locator(".chips .chip")
    assert chips.count() == 3  # the search, the decade, the country
    screenshot(page, "film-list.png")
    follow(page, page.get_by_role("link", name="Remove filter Decade: 1980s"))
    assert "decade" not in page.url
    assert page.locator(".chips .chip").count() == 2
    assert "Pulgasari" in page.locator(".card-list .card h3").all_inner_texts()

    # The film page, with its footnotes.
    follow(page, page.get_by_role("link", name="Pulgasari"))
    assert page.locator("h1").inner_text().startswith("Pulgasari")
    assert page.locator(".dispute").first.is_visible()  # 1986 against 1985
    screenshot(page, "film-page.png")
    page.locator("sup.fn a").first.click()
    expect(page).to_have_url(re.compile(r"#fn-1$"))
    footnote = page.locator("#fn-1")
    source_title = footnote.locator("cite").inner_text()
    footnote.locator(".backlink, .backlinks a").first.click()  # back up to the text
    assert "#ref-1-" in page.url
    follow(page, footnote.locator("a", has=page.locator("cite")))
    assert page.locator("h1").inner_text() == source_title


def test_researcher_downloads_the_filtered_films_as_csv(page):
    page.goto(page.base + "/films/?country=SU")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    text = download.value.path().read_text(encoding="utf-8-sig")  # Excel's UTF-8 mark
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["slug"] for row in rows} == {
        "eternal-comrades-in-arms", "from-spring-to-summer", "the-shore-of-rescue"
    }  # fmt: skip


def test_on_a_phone_film_pages_do_not_scroll_sideways_and_the_facets_are_a_tap_away(page):
    page.set_viewport_size({"width": 390, "height": 844})
    for slug in ("an-emissary-unreturned", "ten-zan-the-ultimate-mission", "pulgasari"):
        page.goto(f"{page.base}/films/{slug}/")
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 390, slug

    page.goto(page.base + "/films/?q=sin+sang+ok")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    page.get_by_role("link", name="Refine these results ↓").click()
    expect(page).to_have_url(re.compile(r"#refine$"))
    assert page.locator("#facet-decade").is_visible()
    page.get_by_label("Role").select_option("director")
    follow(page, page.get_by_role("button", name="Apply"))
    assert "role=director" in page.url and "q=sin+sang+ok" in page.url
    assert page.locator(".chips .chip", has_text="Role: director").is_visible()
