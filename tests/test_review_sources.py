"""Sources are drafts too: one a Curator adds is public only once an Editor publishes it."""

import pytest
from django.urls import reverse

from catalog.models import Film, Source, Status
from curation.models import Review
from tests import factories as f
from tests.admin_forms import form_data
from tests.test_review import open_form, sign_in, url_of


def add_source(client, title):
    url = reverse("admin:catalog_source_add")
    data = form_data(client.get(url).content.decode(), "source_form")
    data.update(
        {"title": title, "slug": "new-source", "kind": "book", "authors": '["Lee, Hyangjin"]'}
    )
    assert client.post(url, data).status_code == 302
    return Source.objects.get(slug="new-source")


def public_answers(client, source):
    return {
        "list": client.get(reverse("front:source_list")).content.decode(),
        "page": client.get(source.get_absolute_url()).status_code,
        "api list": client.get(reverse("api:sources")).content.decode(),
        "api": client.get(reverse("api:source", args=[source.pk])).status_code,
        "sitemap": client.get("/sitemap.xml").content.decode(),
        "search": client.get(reverse("front:site_search"), {"q": "Contemporary"}).content.decode(),
    }


def test_a_source_a_curator_adds_is_a_draft_no_visitor_finds(client, world):
    sign_in(client, "Curator")
    source = add_source(client, "Contemporary Korean Cinema")
    assert source.status == Status.DRAFT
    client.logout()
    seen = public_answers(client, source)
    assert seen["page"] == 404 and seen["api"] == 404
    for where in ("list", "api list", "search"):
        assert "Contemporary Korean Cinema" not in seen[where], where
    assert source.get_absolute_url() not in seen["sitemap"]


def test_a_source_an_editor_adds_is_public(client, world):
    sign_in(client, "Editor")
    source = add_source(client, "Contemporary Korean Cinema")
    assert source.status == Status.PUBLISHED
    client.logout()
    assert client.get(source.get_absolute_url()).status_code == 200


def test_a_draft_source_marked_ready_is_published_from_the_queue(client, world):
    sign_in(client, "Curator")
    source = add_source(client, "Contemporary Korean Cinema")
    data = open_form(client, source)
    data["_ready_for_review"] = "1"
    client.post(url_of(source), data)
    review = Review.objects.get(kind=Review.Kind.PUBLISH)
    assert any(line["after"] == "Contemporary Korean Cinema" for line in review.diff)
    sign_in(client, "Editor")
    client.post(reverse("admin:review_accept", args=[review.pk]))
    source.refresh_from_db()
    assert source.status == Status.PUBLISHED


def test_a_published_page_citing_a_draft_source_says_citation_pending_review(client, world):
    film = Film.objects.get(slug="bird")
    draft = f.SourceFactory(title="Unreviewed Memoir", status=Status.DRAFT)
    f.cited(f.FilmTitleFactory(film=film, title="Sae"), source=draft, locator="p. 12")
    page = client.get(film.get_absolute_url()).content.decode()
    assert "Citation pending review" in page and "Unreviewed Memoir" not in page
    answer = client.get(reverse("api:film", args=[film.slug])).content.decode()
    assert "Unreviewed Memoir" not in answer and "pending_review" in answer


def test_accepting_a_change_that_cites_a_draft_source_publishes_the_source(client, world):
    film = Film.objects.get(slug="bird")
    draft = f.SourceFactory(slug="draft-memoir", title="Draft Memoir", status=Status.DRAFT)
    sign_in(client, "Curator")
    data = open_form(client, film)
    at = int(data["titles-TOTAL_FORMS"])
    data["titles-TOTAL_FORMS"] = str(at + 1)
    data.update(
        {
            f"titles-{at}-title": "Sae",
            f"titles-{at}-language": "ko",
            f"titles-{at}-kind": "romanized",
            f"titles-{at}-cite_source": str(draft.pk),
            f"titles-{at}-cite_locator": "p. 3",
        }
    )
    assert client.post(url_of(film), data).status_code == 302
    review = Review.objects.get()
    sign_in(client, "Editor")
    response = client.post(reverse("admin:review_accept", args=[review.pk]), follow=True)
    assert "Published the sources it cites" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED


@pytest.mark.parametrize("group", ["Curator", "Editor"])
def test_staff_preview_a_draft_source(client, world, group):
    draft = f.SourceFactory(title="Preview Me", status=Status.DRAFT)
    sign_in(client, group)
    url = reverse("admin:curation_review_preview_record", args=["catalog", "source", draft.pk])
    text = client.get(url).content.decode()
    assert "Draft — not public." in text and "Preview Me" in text
