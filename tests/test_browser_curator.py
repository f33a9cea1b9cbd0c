"""Curators in a real browser: a film with a cited credit on one screen, published by an
editor; an editor restores an earlier version."""

import pytest
from django.contrib.auth.models import Group, User

from catalog.models import Film, Status
from tests.browser import follow, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, group):
    name = group.lower()
    if not User.objects.filter(username=name).exists():
        user = User.objects.create_user(name, password="a-long-password", is_staff=True)
        user.groups.add(Group.objects.get(name=group))
    page.context.clear_cookies()
    page.goto(page.base + "/admin/login/")
    page.fill("#id_username", name)
    page.fill("#id_password", "a-long-password")
    with page.expect_navigation():
        page.click("input[type=submit]")


def choose(page, select_id, text):
    """Pick ``text`` in the select2 autocomplete that enhances the select ``select_id``."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.locator(".select2-search__field").last.fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_curator_adds_a_film_with_a_cited_credit_and_an_editor_publishes_it(page):
    sign_in(page, "Curator")
    page.goto(page.base + "/admin/catalog/film/add/")
    page.fill("#id_title", "Snow Melts Again")
    page.fill("#id_year", "1991")
    page.locator("#credits-group").get_by_role("link", name="Add another Credit").click()
    choose(page, "id_credits-0-person", "Rim Chang-bom")
    page.select_option("#id_credits-0-role", "director")
    row_claim = "credits-0-catalog-claim-content_type-object_id"
    page.locator(f"#{row_claim}-group").get_by_role("link").filter(has_text="Add another").click()
    citations = f"{row_claim}-0-citations"
    page.locator(f"#{citations}-group").get_by_role("link").filter(has_text="Add another").click()
    choose(page, f"id_{citations}-0-source", "North Korea’s International")
    page.fill(f"#id_{citations}-0-locator", "Conclusion, ¶ “Encouraged by Kim Jong Il”")
    screenshot(page, "admin-film-page.png")
    follow(page, page.get_by_role("button", name="Save", exact=True))
    assert "was added successfully" in page.locator(".messagelist").inner_text()
    film = Film.objects.get(title="Snow Melts Again")
    assert film.status == Status.DRAFT
    credit = film.credits.get()
    assert credit.person.slug == "rim-chang-bom"
    assert credit.claims.get().citations.get().source.slug == "schonherr-coproductions"

    sign_in(page, "Editor")
    page.goto(page.base + f"/admin/catalog/film/{film.pk}/change/")
    page.select_option("#id_status", "published")
    follow(page, page.get_by_role("button", name="Save", exact=True))
    assert "have no source yet" in page.locator("#content").inner_text()  # title, year uncited
    page.check("#id_confirm_publish")
    follow(page, page.get_by_role("button", name="Save", exact=True))
    film.refresh_from_db()
    assert film.status == Status.PUBLISHED


def test_editor_restores_an_earlier_version(page):
    film = Film.objects.get(slug="bird")
    original = film.synopsis
    film.synopsis = "Vandalised synopsis."
    film.save()
    sign_in(page, "Editor")
    page.goto(page.base + f"/admin/catalog/film/{film.pk}/history/")
    assert "Vandalised synopsis." in page.content() or "synopsis" in page.content().lower()
    follow(page, page.locator("#change-history a").last)  # the earliest version
    follow(page, page.get_by_role("button", name="Revert"))
    film.refresh_from_db()
    assert film.synopsis == original


def test_needs_a_source_view(page):
    Film.objects.create(slug="uncited-draft", title="An Uncited Draft", year=1999)
    sign_in(page, "Editor")
    page.goto(page.base + "/admin/")
    follow(page, page.get_by_role("link", name="Facts that need a source"))
    assert "An Uncited Draft" in page.content()
    screenshot(page, "admin-needs-a-source.png")
