"""A first-time reader in a real browser, at 1280 and 390 px: plain words and the About page,
footnotes with a preview (by pointer, touch and keyboard), a source's page in chunks, the
film list's cards, table and facets, co-productions on a phone, the home page's partner
countries, recent changes, the addresses and icon a browser asks for. Each test of what a
page shows saves it as screenshots (readers-*.png) that were looked at."""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser import follow, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(browser, live_server, curated):
    """A phone: 390 px wide, touch, as a visitor on the move reads the site."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base = live_server.url
    yield page
    context.close()


@pytest.fixture
def without_javascript(browser, live_server, curated):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base = live_server.url
    yield page
    context.close()


def test_a_dispute_says_its_ranks_in_plain_words_and_leads_to_how_to_read(page, phone):
    for reader, width in ((page, 1280), (phone, 390)):
        reader.goto(reader.base + "/films/pulgasari/")
        dispute = reader.locator(".dispute").first
        expect(dispute.locator(".rank", has_text="accepted")).to_be_visible()
        expect(dispute.locator(".rank", has_text="also reported")).to_be_visible()
        expect(reader.locator(".rank-legend")).to_contain_text("rejected")
        dispute.scroll_into_view_if_needed()
        screenshot(reader, f"readers-dispute-{width}.png", full_page=False)
        assert not reader.locator("h1 sup").count()  # no marker in the heading
        follow(reader, dispute.get_by_role("link", name="What “accepted”"))
        expect(reader).to_have_url(re.compile(r"/about/#ranks$"))
        expect(reader.locator("#ranks")).to_be_in_viewport()
        screenshot(reader, f"readers-about-{width}.png", full_page=False)
        footer = reader.locator(".site-footer")
        expect(footer.get_by_role("link", name="About and how to read")).to_be_visible()


def test_a_footnote_previews_its_source_on_hover_focus_and_tap(page, phone):
    page.goto(page.base + "/people/shin-sang-ok/")
    marker = page.locator("sup.fn a").first
    marker.hover()
    preview = page.locator(".fn-preview")
    expect(preview).to_be_visible()
    # the note the marker leads to (the first: his name in Hangul, cited to its page)
    source = page.locator(marker.get_attribute("href")).locator("cite").first.inner_text()
    expect(preview).to_contain_text(source)
    screenshot(page, "readers-footnote-hover-1280.png", full_page=False)
    page.mouse.move(5, 5)
    expect(preview).to_have_count(0)
    marker.focus()
    expect(preview).to_be_visible()
    page.keyboard.press("Escape")
    expect(preview).to_have_count(0)

    phone.goto(phone.base + "/people/shin-sang-ok/")
    marker = phone.locator("sup.fn a").first
    box = marker.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24  # a target a finger can hit
    marker.tap()
    preview = phone.locator(".fn-preview")
    expect(preview).to_be_visible()
    assert "#fn-" not in phone.url  # the first tap previews; the list is a second tap away
    box = preview.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # inside the screen
    screenshot(phone, "readers-footnote-tap-390.png", full_page=False)
    follow(phone, preview.get_by_role("link", name="Go to the list of sources"), url="**#fn-*")


def test_a_keyboard_reader_tabs_into_a_footnote_preview_and_out_or_escapes_it(page):
    page.goto(page.base + "/people/shin-sang-ok/")
    marker = page.locator("sup.fn > a[data-fn]").first
    following = page.locator("sup.fn > a[data-fn]").nth(1)
    marker.focus()
    preview = page.get_by_role("group", name=re.compile(r"^Preview of source"))
    expect(preview).to_be_visible()
    expect(marker).to_have_attribute("aria-expanded", "true")
    expect(marker).to_have_attribute("aria-controls", "fn-preview")
    # Tab goes on into the preview, link by link: the source's page, then the list
    source = preview.get_by_role("link").first
    page.keyboard.press("Tab")
    expect(source).to_be_focused()
    expect(source).to_have_attribute("href", re.compile(r"^/sources/\d+/$"))
    page.keyboard.press("Tab")
    to_the_list = preview.get_by_role("link", name="Go to the list of sources")
    expect(to_the_list).to_be_focused()
    screenshot(page, "readers-footnote-keyboard-1280.png", full_page=False)
    # and out of it, to what follows the marker; Shift+Tab comes back into it
    page.keyboard.press("Tab")
    expect(following).to_be_focused()
    expect(marker).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Shift+Tab")
    expect(marker).to_be_focused()
    page.keyboard.press("Tab")
    expect(source).to_be_focused()
    # Escape from inside closes it and puts the focus back on its marker
    page.keyboard.press("Escape")
    expect(page.locator(".fn-preview")).to_have_count(0)
    expect(marker).to_be_focused()
    expect(marker).to_have_attribute("aria-expanded", "false")
    # following the list's link closes it; Tab goes on from the note
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    expect(marker).to_be_focused()
    expect(preview).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(to_the_list).to_be_focused()
    note = marker.get_attribute("href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(note) + "$"))
    expect(page.locator(".fn-preview")).to_have_count(0)
    expect(page.locator(note)).to_be_in_viewport()
    page.keyboard.press("Tab")
    expect(page.locator(note).get_by_role("link").first).to_be_focused()


def test_a_preview_in_a_table_cell_reads_as_the_page_and_stays_on_the_screen(page, phone):
    for reader, width in ((page, 1280), (phone, 390)):
        reader.goto(reader.base + "/films/pulgasari/")
        row = reader.locator("#titles-heading ~ .table-scroll tr", has_text="불가사리")
        marker = row.locator("sup.fn > a").first
        marker.scroll_into_view_if_needed()
        marker.tap() if width == 390 else marker.focus()
        preview = reader.locator(".fn-preview")
        expect(preview).to_be_visible()
        expect(preview).to_have_attribute("lang", "en")  # not the Korean of the title's cell
        expect(preview).to_contain_text("불가사리")  # the quote of the page that prints it
        box = preview.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width  # inside the screen
        assert preview.evaluate("el => getComputedStyle(el).whiteSpace") == "normal"
        screenshot(reader, f"readers-footnote-titles-{width}.png", full_page=False)


def test_without_javascript_a_marker_is_a_link_to_its_note(without_javascript):
    page = without_javascript
    page.goto(page.base + "/people/shin-sang-ok/")
    marker = page.locator("sup.fn a").first
    target = marker.get_attribute("href")
    marker.click()
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    expect(page.locator(target)).to_be_in_viewport()
    expect(page.locator(".fn-preview")).to_have_count(0)


def test_the_essays_page_is_small_quick_and_grouped_by_passage(page, phone):
    page.goto(page.base + "/sources/")
    follow(page, page.get_by_role("link", name="North Korea’s International Movie Co-Productions"))
    url = page.url
    started = time.monotonic()
    response = page.goto(url, wait_until="load")
    drawn = time.monotonic() - started
    size = len(response.body())
    print(f"essay page: {size} bytes, drawn in {drawn:.2f} s")
    assert size < 150_000 and drawn < 1.0
    follow(
        page,
        page.get_by_role("navigation", name="Records").get_by_role("link", name="Thaw (1985)"),
        url="**#film-thaw",
    )
    thaw = page.locator("#film-thaw")
    expect(thaw).to_have_attribute("open", "")  # the record opens where the index leads
    expect(thaw.locator(".supports").first).to_contain_text("supports:")
    thaw.scroll_into_view_if_needed()
    screenshot(page, "readers-source-1280.png", full_page=False)
    phone.goto(page.url)  # the page of the essay that holds Thaw
    expect(phone.locator("#film-thaw")).to_have_attribute("open", "")
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390
    screenshot(phone, "readers-source-390.png", full_page=False)


def test_the_film_list_shows_cards_a_table_all_values_and_any_of(page, phone):
    page.goto(page.base + "/films/?country=JP&country=SU")
    card = page.locator(".card", has_text="Pulgasari")
    expect(card).to_contain_text("Directed by Shin Sang-ok")
    expect(card.locator(".marker-disputed")).to_be_visible()
    expect(page.locator("#facet-country")).to_contain_text("any of these")
    follow(page, page.locator("#facet-box-person").get_by_role("link", name="Show all"))
    person = page.locator("#facet-box-person")
    count = person.locator("li").count()
    assert count > 15
    person.get_by_label("Find a person in this list").fill("rim")
    expect(person.locator("li:visible")).not_to_have_count(count)
    expect(person.locator("li:visible").first).to_contain_text("Rim")
    screenshot(page, "readers-film-list-1280.png")
    follow(page, page.get_by_role("link", name="table", exact=True))
    follow(page, page.get_by_role("columnheader", name="Year").get_by_role("link"))
    follow(page, page.get_by_role("columnheader", name="Year").get_by_role("link"))
    expect(page.get_by_role("columnheader", name="Year")).to_have_attribute(
        "aria-sort", "descending"
    )
    years = [y for y in page.locator('td[data-label="Year"]').all_inner_texts() if y.isdigit()]
    assert years == sorted(years, reverse=True) and len(years) > 3  # undated films last
    screenshot(page, "readers-film-table-1280.png", full_page=False)

    phone.goto(phone.base + "/films/")
    searches = phone.locator('input[type="search"]:not([data-facet-filter]):visible')
    assert searches.count() == 1  # the header's box gives way to the list's own
    screenshot(phone, "readers-film-list-390.png", full_page=False)
    phone.goto(phone.base + "/people/")
    assert phone.locator('input[type="search"]:visible, input[name="q"]:visible').count() == 1
    expect(phone.locator("select#id_role option").first).to_have_text("any role")


def test_the_skip_links_show_when_focused_at_every_width(page, phone):
    for reader, width in ((page, 1280), (phone, 390)):
        reader.goto(reader.base + "/films/")
        reader.keyboard.press("Tab")
        skip = reader.get_by_role("link", name="Skip to content")
        expect(skip).to_be_focused()
        expect(skip).to_be_in_viewport()
        reader.keyboard.press("Tab")
        to_filters = reader.get_by_role("link", name="Skip to the filters")
        expect(to_filters).to_be_focused()
        expect(to_filters).to_be_in_viewport()
        screenshot(reader, f"readers-skip-link-{width}.png", full_page=False)
        reader.keyboard.press("Enter")
        expect(reader).to_have_url(re.compile(r"#refine$"))


def test_coproductions_on_a_phone_and_what_the_network_leaves_out(page, phone):
    phone.goto(phone.base + "/coproductions/")
    timeline = phone.get_by_role("list", name="Co-productions year by year")
    timeline.scroll_into_view_if_needed()
    screenshot(phone, "readers-timeline-390.png", full_page=False)
    coverage = phone.locator(".network-coverage")
    expect(coverage).to_contain_text("It draws")
    expect(coverage).to_contain_text("studio named")
    coverage.scroll_into_view_if_needed()
    screenshot(phone, "readers-network-390.png", full_page=False)
    page.goto(page.base + "/coproductions/")
    expect(page.locator("svg.timeline")).to_be_visible()
    expect(page.get_by_role("list", name="Co-productions year by year")).to_be_hidden()
    page.locator(".network-coverage").scroll_into_view_if_needed()
    screenshot(page, "readers-network-1280.png", full_page=False)


def test_on_a_phone_the_network_is_its_list_with_a_note_and_the_page_is_shorter(page, phone):
    phone.goto(phone.base + "/coproductions/")
    figure = phone.locator("figure", has=phone.locator("#network-caption"))
    links = phone.get_by_role("list", name="Links in the network")
    expect(phone.locator("svg.network")).to_be_hidden()  # mostly empty space at 390 px
    expect(figure.locator(".network-narrow-note")).to_be_visible()
    expect(figure.locator(".network-narrow-note")).to_contain_text("gives way to its list")
    expect(figure.locator(".network-legend")).to_be_hidden()  # circles the phone does not show
    expect(links).to_be_visible()
    assert links.locator("li").count() >= 5
    # the figure is its words and its list, no empty drawing
    caption = phone.locator("#network-caption").bounding_box()["height"]
    assert figure.bounding_box()["height"] < caption + links.bounding_box()["height"] + 80
    height = phone.evaluate("document.scrollingElement.scrollHeight")
    print(f"co-productions page at 390 px: {height} px")
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390
    follow(
        phone,
        phone.get_by_role("navigation", name="On this page").get_by_role("link", name="Studios"),
        url="**#network-heading",
    )
    expect(phone.locator("#network-heading")).to_be_in_viewport()
    screenshot(phone, "readers-network-list-390.png", full_page=False)
    # a co-production's card: the title and its year on one line
    card = phone.locator("table.coproductions tr", has_text="Thaw").first
    title = card.locator("td.film").bounding_box()
    year = card.locator('td[data-label="Year"]').bounding_box()
    assert abs(title["y"] - year["y"]) < 10 and year["x"] > title["x"]
    card.scroll_into_view_if_needed()
    screenshot(phone, "readers-coproduction-cards-390.png", full_page=False)

    page.goto(page.base + "/coproductions/")  # a wide screen keeps the drawing, and its words
    expect(page.locator("svg.network")).to_be_visible()
    expect(page.locator(".network-legend")).to_be_visible()
    expect(page.locator(".network-narrow-note")).to_be_hidden()
    expect(page.get_by_role("navigation", name="On this page")).to_be_hidden()
    expect(page.locator("table.coproductions thead").first).to_be_visible()


def test_recent_changes_say_old_and_new_values_and_offer_a_feed(page, phone):
    from catalog.models import Film

    film = Film.objects.get(slug="bird")
    film.runtime = 105
    film.save()
    for reader, width in ((page, 1280), (phone, 390)):
        reader.goto(reader.base + "/changes/")
        row = reader.locator("tr", has_text="Bird").first
        expect(row.locator("ins").first).to_have_text("105")
        screenshot(reader, f"readers-changes-{width}.png", full_page=False)
    feed = page.locator('link[rel="alternate"][type="application/atom+xml"]')
    response = page.request.get(page.base + feed.get_attribute("href"))
    assert response.ok and "<feed" in response.text() and "Bird" in response.text()


def test_the_home_page_names_every_partner_country_the_timeline_draws(page, phone):
    page.goto(page.base + "/coproductions/")
    rows = page.locator("svg.timeline text[text-anchor=end]").all_text_contents()
    drawn = [re.sub(r" \(\d+\)$", "", row) for row in rows]
    assert "France" in drawn and "Czechoslovakia" in drawn
    for reader, width in ((page, 1280), (phone, 390)):
        reader.goto(reader.base + "/")
        lede = reader.locator(".intro .lede")
        for country in drawn:
            expect(lede).to_contain_text(country)
        expect(lede).to_contain_text("with France, Czechoslovakia, Japan, the Soviet Union")
        screenshot(reader, f"readers-home-{width}.png", full_page=False)


def test_a_hyphenated_address_and_the_icon_lead_where_a_browser_expects(page):
    page.goto(page.base + "/co-productions/")
    expect(page).to_have_url(re.compile(r"/coproductions/$"))
    expect(page.locator("h1")).to_have_text("North Korea’s international co-productions")
    icons = page.locator('link[rel="icon"]')
    expect(icons).to_have_count(2)
    for href in [icons.nth(n).get_attribute("href") for n in range(2)]:
        response = page.request.get(page.base + href)
        assert response.ok and response.headers["content-type"].startswith("image/")
    response = page.request.get(page.base + "/favicon.ico")  # for pages that name no icon
    assert response.ok and response.url.endswith("/static/img/favicon.ico")
    assert response.body()[:4] == b"\x00\x00\x01\x00"
