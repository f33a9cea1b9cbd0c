"""Curators in a real browser: a film with a cited credit on one screen, published by an
editor; an editor restores an earlier version.

Every check after a click waits for its page: ``follow`` waits for the address, and
``expect(...)`` retries until the page shows what is expected."""

import re

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from catalog.models import Film, Status
from tests.browser import follow, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHANGE_PAGE = re.compile(r"/admin/catalog/film/\d+/change/$")
CHANGELIST = re.compile(r"/admin/catalog/film/$")


def sign_in(page, group):
    name = group.lower()
    if not User.objects.filter(username=name).exists():
        user = User.objects.create_user(name, password="a-long-password", is_staff=True)
        user.groups.add(Group.objects.get(name=group))
    page.context.clear_cookies()
    page.goto(page.base + "/admin/login/")
    page.fill("#id_username", name)
    page.fill("#id_password", "a-long-password")
    follow(page, page.locator("input[type=submit]"), url=re.compile(r"/admin/$"))


def choose(page, select_id, text):
    """Pick ``text`` in the select2 autocomplete that enhances the select ``select_id``."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.locator(".select2-search__field").last.fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def save(page, url):
    follow(page, page.get_by_role("button", name="Save", exact=True), url=url)


def test_curator_adds_a_film_with_a_cited_credit_and_an_editor_publishes_it(page):
    sign_in(page, "Curator")
    page.goto(page.base + "/admin/catalog/film/add/")
    page.fill("#id_title", "Snow Melts Again")
    page.fill("#id_year", "1991")
    page.locator("#credits-group").get_by_role("link", name="Add another Credit").click()
    choose(page, "id_credits-0-person", "Rim Chang-bom")
    page.select_option("#id_credits-0-role", "director")
    choose(page, "id_credits-0-cite_source", "North Korea’s International")
    page.fill("#id_credits-0-cite_locator", "Conclusion, ¶ “Encouraged by Kim Jong Il”")
    page.fill("#id_credits-0-cite_quote", "directed by Rim Chang-bom")
    page.locator("#credits-group").scroll_into_view_if_needed()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280  # no sideways scroll
    screenshot(page, "admin-film-page.png", full_page=False)
    save(page, CHANGELIST)
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    film = Film.objects.get(title="Snow Melts Again")
    assert film.status == Status.DRAFT
    credit = film.credits.get()
    assert credit.person.slug == "rim-chang-bom"
    citation = credit.claims.get().citations.get()
    assert citation.source.slug == "schonherr-coproductions"
    assert citation.quote == "directed by Rim Chang-bom"

    sign_in(page, "Editor")
    page.goto(page.base + f"/admin/catalog/film/{film.pk}/change/")
    page.select_option("#id_status", "published")
    page.get_by_role("button", name="Save", exact=True).click()
    warning = page.locator(".form-row.field-confirm_publish")
    expect(warning).to_contain_text("have no source yet")  # title and year are uncited
    page.check("#id_confirm_publish")
    save(page, CHANGELIST)
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    film.refresh_from_db()
    assert film.status == Status.PUBLISHED


def test_a_curated_films_page_fits_the_window(page):
    """Its rows as tables (on a phone too), and its credits opened as forms."""
    film = Film.objects.get(slug="ten-zan-the-ultimate-mission")
    sign_in(page, "Curator")
    page.goto(page.base + f"/admin/catalog/film/{film.pk}/change/")
    credits = page.locator("#credits-summary")
    expect(credits).to_contain_text("Schönherr")  # each credit's citations
    credits.scroll_into_view_if_needed()
    screenshot(page, "admin-film-rows.png", full_page=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})

    follow(
        page,
        credits.get_by_role("link", name=re.compile(r"^Edit these \d+ here$")),
        url=re.compile(r"\?rows=credits#credits-group$"),
    )
    expect(page.locator("#credits-group")).to_contain_text("edit citations")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


def test_editor_restores_an_earlier_version(page):
    film = Film.objects.get(slug="bird")
    original = film.synopsis
    film.synopsis = "Vandalised synopsis."
    film.save()
    sign_in(page, "Editor")
    page.goto(page.base + f"/admin/catalog/film/{film.pk}/history/")
    expect(page.locator("#change-history")).to_contain_text("Vandalised synopsis.")
    follow(
        page,
        page.locator("#change-history a").nth(1),  # the version before the vandalism
        url=re.compile(rf"/admin/catalog/film/{film.pk}/history/\d+/$"),
    )
    follow(page, page.get_by_role("button", name="Revert"), url=CHANGELIST)
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    film.refresh_from_db()
    assert film.synopsis == original


def test_needs_a_source_view(page):
    Film.objects.create(slug="uncited-draft", title="An Uncited Draft", year=1999)
    sign_in(page, "Editor")
    page.goto(page.base + "/admin/")
    follow(
        page,
        page.get_by_role("link", name="Facts that need a source"),
        url=re.compile(r"/admin/needs-a-source/$"),
    )
    expect(page.locator("#result_list")).to_contain_text("An Uncited Draft")
    screenshot(page, "admin-needs-a-source.png")
