"""Review before the public sees it, in a real browser: a curator types a film's runtime and
cites it where it is typed; the public page keeps the published version; an editor reads
the diff in the review queue and accepts it, and the public page shows it; a second change
is sent back with a note the curator then reads on the film's page. An editor publishes
several people at once; two curators' imports of one new slug race, and the second is
refused with its line named."""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from catalog.models import Film, Status
from tests.browser import follow, screenshot
from tests.conftest import user_in
from tests.test_browser_curator import choose, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def patient(page):
    """A curator's save of a published film is tried, compared and rolled back: on a busy
    machine with PostgreSQL it can take longer than the usual 15 seconds."""
    page.set_default_timeout(60_000)
    page.set_default_navigation_timeout(60_000)


QUEUE = re.compile(r"/admin/curation/review/$")
PEOPLE = re.compile(r"/admin/people/person/(\?.*)?$")
FILMS = re.compile(r"/admin/catalog/film/$")


def sign_in_as(page, name):
    """Sign in as another Curator (a second person at another desk)."""
    if not User.objects.filter(username=name).exists():
        user = user_in("Curator", name)
        user.set_password("a-long-password")
        user.save()
    page.goto(page.base + "/admin/login/")
    page.fill("#id_username", name)
    page.fill("#id_password", "a-long-password")
    follow(page, page.locator("input[type=submit]"), url=re.compile(r"/admin/$"))


def film_page(page, film):
    return page.base + f"/admin/catalog/film/{film.pk}/change/"


def looks_right_at(page, width, name, locator=None):
    page.set_viewport_size({"width": width, "height": 900 if width > 500 else 844})
    if locator is not None:
        locator.scroll_into_view_if_needed()
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scroll
    screenshot(page, name, full_page=False)


def test_a_curators_change_waits_for_an_editor_then_the_public_sees_it(page):
    film = Film.objects.get(slug="salt")
    public = page.base + film.get_absolute_url()

    sign_in(page, "Curator")
    page.goto(film_page(page, film))
    page.fill("#id_runtime", "95")
    choose(page, "id_cite_runtime_source", "North Korea’s International")
    page.fill("#id_cite_runtime_locator", "p. 12")
    page.fill("#id_cite_runtime_quote", "ninety-five minutes")
    line = page.locator(".field-cite_runtime")
    looks_right_at(page, 1280, "admin-cite-where-you-type.png", line)
    looks_right_at(page, 390, "admin-cite-where-you-type-phone.png", line)
    page.set_viewport_size({"width": 1280, "height": 900})
    follow(page, page.get_by_role("button", name="Save and continue editing"))
    expect(page.locator(".messagelist")).to_contain_text("waits for an Editor's review")

    page.goto(public)
    expect(page.locator("main")).not_to_contain_text("95 minutes")

    sign_in(page, "Editor")
    page.goto(page.base + "/admin/curation/review/")
    review = page.locator("section.review", has_text="Salt")
    expect(review.locator("tr", has_text="runtime").first).to_contain_text("95")
    expect(review).to_contain_text("ninety-five minutes")  # the new citation, in the diff
    looks_right_at(page, 1280, "admin-review-queue.png")
    looks_right_at(page, 390, "admin-review-queue-phone.png")
    page.set_viewport_size({"width": 1280, "height": 900})
    follow(page, review.get_by_role("button", name="Accept: make it public"), url=QUEUE)
    expect(page.locator(".messagelist")).to_contain_text("is public as reviewed")

    page.context.clear_cookies()
    page.goto(public)
    expect(page.locator("main")).to_contain_text("95 minutes")

    # A second change, sent back with a note.
    sign_in(page, "Curator")
    page.goto(film_page(page, film))
    page.fill("#id_runtime", "96")
    choose(page, "id_cite_runtime_source", "North Korea’s International")
    page.fill("#id_cite_runtime_locator", "p. 13")
    follow(page, page.get_by_role("button", name="Save and continue editing"))
    sign_in(page, "Editor")
    page.goto(page.base + "/admin/curation/review/")
    review = page.locator("section.review", has_text="Salt")
    review.get_by_label("Note to curator").fill("Page 13 gives 95 minutes; please check.")
    follow(page, review.get_by_role("button", name="Send back with this note"), url=QUEUE)
    sign_in(page, "Curator")
    page.goto(film_page(page, film))
    expect(page.locator(".messagelist")).to_contain_text("Page 13 gives 95 minutes")
    film.refresh_from_db()
    assert film.runtime == 95


def test_a_curator_cites_a_new_films_fields_and_an_editor_publishes_it(page):
    sign_in(page, "Curator")
    page.goto(page.base + "/admin/catalog/film/add/")
    page.fill("#id_title", "Snow Falls on Taedong")
    page.fill("#id_year", "1979")
    choose(page, "id_cite_title_source", "North Korea’s International")
    page.fill("#id_cite_title_locator", "p. 4")
    choose(page, "id_cite_year_source", "North Korea’s International")
    page.fill("#id_cite_year_locator", "p. 4")
    page.fill("#id_cite_year_quote", "released in 1979")
    follow(
        page,
        page.get_by_role("button", name="Save and mark ready for review"),
        url=re.compile(r"/admin/catalog/film/\d+/change/$"),
    )
    expect(page.locator(".messagelist")).to_contain_text("is ready for review")
    film = Film.objects.get(title="Snow Falls on Taedong")
    page.context.clear_cookies()
    assert page.goto(page.base + film.get_absolute_url()).status == 404

    sign_in(page, "Editor")
    page.goto(page.base + "/admin/curation/review/")
    review = page.locator("section.review", has_text="Snow Falls on Taedong")
    expect(review).to_contain_text("released in 1979")
    review.get_by_label("publish even if some facts have no source").check()
    follow(page, review.get_by_role("button", name="Accept and publish"), url=QUEUE)
    expect(page.locator(".messagelist")).to_contain_text("is public as reviewed")
    page.context.clear_cookies()
    page.goto(page.base + film.get_absolute_url())
    expect(page.locator("main")).to_contain_text("1979")


def test_an_editor_publishes_several_people_at_once(page):
    from people.models import Person

    drafts = list(Person.objects.order_by("slug")[:2])
    Person.objects.filter(pk__in=[p.pk for p in drafts]).update(status=Status.DRAFT)

    sign_in(page, "Editor")
    page.goto(page.base + "/admin/people/person/?status__exact=draft")
    for person in drafts:
        page.locator(f"input[name=_selected_action][value='{person.pk}']").check()
    page.select_option("select[name=action]", "publish_selected")
    follow(page, page.get_by_role("button", name="Go"))  # the confirmation lists them
    expect(page.locator("#content-main")).to_contain_text(drafts[0].name)
    screenshot(page, "admin-publish-people.png", full_page=False)
    follow(page, page.get_by_role("button", name="Publish 2 records"), url=PEOPLE)
    expect(page.locator(".messagelist")).to_contain_text("Published 2 people.")
    assert set(
        Person.objects.filter(pk__in=[p.pk for p in drafts]).values_list("status", flat=True)
    ) == {Status.PUBLISHED}


def preview_import(page, name, text):
    """Upload a CSV of films and wait for its preview."""
    page.goto(page.base + "/admin/catalog/film/import/")
    page.set_input_files(
        "#id_import_file", files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode()}]
    )
    page.select_option("#id_format", label="csv")
    follow(page, page.locator("input[type=submit][value=Submit]"))
    expect(page.get_by_role("button", name="Confirm import")).to_be_visible()


RACE = "slug,title,year,kind\nrace-film,{title},1989,feature\n"  # one new slug, two files


def test_an_import_race_is_refused_with_the_lines_named(page):
    other = page.context.browser.new_context(viewport={"width": 1280, "height": 900})
    second = other.new_page()
    second.set_default_timeout(60_000)
    second.base = page.base
    try:
        sign_in(page, "Curator")
        sign_in_as(second, "curator-two")
        preview_import(page, "mine.csv", RACE.format(title="Mine"))
        preview_import(second, "theirs.csv", RACE.format(title="Theirs"))

        follow(page, page.get_by_role("button", name="Confirm import"), url=FILMS)
        expect(page.locator(".messagelist")).to_contain_text("Import finished: 1 new")
        second.get_by_role("button", name="Confirm import").click()
        expect(second.locator(".import-errors")).to_contain_text(
            "Line 2 (slug race-film): the preview showed a new record, but someone created it "
            "since."
        )
        expect(second.locator("#content")).to_contain_text("Nothing was imported")
        screenshot(second, "admin-import-race.png", full_page=False)
        assert Film.objects.get(slug="race-film").title == "Mine"
    finally:
        other.close()
