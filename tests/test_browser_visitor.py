"""A visitor in a real browser follows links between people, films and studios."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import follow, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def heading(page):
    return page.locator("h1").inner_text()


def test_person_to_film_to_studio_to_partner_studio_and_back_to_a_person(page):
    page.goto(page.base + "/people/ko-hak-rim/")
    assert heading(page).startswith("Ko Hak-rim")
    screenshot(page, "person-page.png")
    follow(page, page.locator("#filmography-heading ~ dl").get_by_role("link", name="Thaw"))
    assert heading(page).startswith("Thaw")
    follow(
        page, page.locator(".coproduction-panel").get_by_role("link", name="Chongryon Film Studio")
    )
    assert heading(page).startswith("Chongryon Film Studio")
    screenshot(page, "studio-page.png")
    follow(
        page, page.locator("#partners-heading ~ ul").get_by_role("link", name="Korean Film Studio")
    )
    assert heading(page).startswith("Korean Film Studio")
    follow(page, page.locator("#people-heading ~ ul").get_by_role("link", name="Rim Chang-bom"))
    assert heading(page).startswith("Rim Chang-bom")


def test_timeline_mark_opens_its_film(page):
    page.goto(page.base + "/coproductions/")
    screenshot(page, "coproductions-page.png")
    follow(page, page.get_by_role("link", name="Meet in Pyongyang, 2012, with China"))
    assert heading(page).startswith("Meet in Pyongyang")


def test_on_a_phone_the_timeline_reads_as_a_list_and_the_network_as_its_list_of_links(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + "/coproductions/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways page
    timeline = page.get_by_role("list", name="Co-productions year by year")
    assert timeline.is_visible() and not page.locator("svg.timeline").is_visible()
    bird = timeline.locator("ol.plain > li", has_text="Bird")
    assert bird.locator(".mark-badge").text_content() == page.locator(
        ".chart-key li", has_text="Bird"
    ).get_attribute("value")  # the same number as the chart's key on a wide screen
    assert bird.evaluate("el => el.getBoundingClientRect().height") >= 20  # readable
    # the network's drawing gives way to its list, and says so
    expect(page.locator("svg.network")).to_be_hidden()
    expect(page.locator(".network-narrow-note")).to_be_visible()
    expect(page.get_by_role("list", name="Links in the network")).to_be_visible()
    follow(page, bird.get_by_role("link", name="Bird"))
    assert heading(page).startswith("Bird")


def test_on_a_tablet_the_network_scrolls_in_its_frame_and_says_so(page):
    page.set_viewport_size({"width": 760, "height": 1024})
    page.goto(page.base + "/coproductions/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 760  # no sideways page
    frame = page.locator(".network-drawing")
    expect(frame).to_be_visible()
    assert frame.evaluate("el => el.scrollWidth > el.clientWidth")  # the network scrolls
    expect(page.get_by_text("scroll it sideways")).to_be_visible()  # and says so
    expect(page.locator(".network-narrow-note")).to_be_hidden()


def test_source_exports_as_bibtex_and_page_citation_copies(page):
    page.goto(page.base + "/sources/")
    follow(
        page,
        page.get_by_role(
            "link", name="North Korea’s International Movie Co-Productions, 1985-2012"
        ),
    )
    screenshot(page, "source-page.png", full_page=False)
    with page.expect_download() as download:
        page.get_by_role("link", name="BibTeX").click()
    bibtex = download.value.path().read_text(encoding="utf-8")
    assert bibtex.startswith("@misc{schonherrcoproductions,")  # an essay with no journal
    assert 'Sch{\\"o}nherr, Johannes' in bibtex  # accents as classic BibTeX spells them

    index = page.get_by_role("navigation", name="Records this source is cited for")
    index.get_by_role("link", name="Thaw (1985)").click()
    expect(page).to_have_url(re.compile(r"#film-thaw$"))
    assert page.locator("#film-thaw").is_visible()

    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(page.base + "/films/bird/")
    page.locator(".cite-format", has_text="Chicago").get_by_role("button", name="Copy").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("“Bird (1992).” nkfilms. Accessed")
    assert copied.endswith("/films/bird/.")
