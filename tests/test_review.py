"""Review before the public sees it: a Curator's change to a published record waits for an
Editor, who accepts it (the public page then shows it) or sends it back with a note."""

import pytest
from django.urls import reverse

from catalog.models import Film, Status
from curation.models import Review
from tests import factories as f
from tests.admin_forms import change_url as url_of
from tests.admin_forms import form_data, sign_in


def open_form(client, obj):
    return form_data(client.get(url_of(obj)).content.decode(), f"{obj._meta.model_name}_form")


@pytest.fixture
def film(world):
    return Film.objects.get(slug="somi-the-taekwon-do-woman")


def curator_sets_runtime(client, film, minutes="95"):
    sign_in(client, "Curator")
    data = open_form(client, film)
    data["runtime"] = minutes
    data["_save"] = "Save"
    return client.post(url_of(film), data)


def queue(client):
    return client.get(reverse("admin:curation_review_changelist"))


def test_a_curators_change_to_a_published_film_waits_and_the_public_page_keeps_the_old(
    client, film
):
    response = curator_sets_runtime(client, film)
    assert response.status_code == 302
    film.refresh_from_db()
    assert film.runtime is None  # not saved
    assert "95 minutes" not in client.get(film.get_absolute_url()).content.decode()
    review = Review.objects.get()
    assert review.state == Review.State.PENDING and review.author.username == "curator"
    assert {"what": "runtime", "before": "", "after": "95", "change": "changed"} in review.diff
    # the curator is told, and sees the change waiting on the film's page
    page = client.get(url_of(film)).content.decode()
    assert "waits in the review queue" in page


def test_the_editor_sees_the_diff_in_the_queue_and_accepting_makes_it_public(client, film):
    curator_sets_runtime(client, film)
    sign_in(client, "Editor")
    page = queue(client).content.decode()
    assert "Waiting for review (1)" in page and "Somi" in page
    assert '<td class="after">95</td>' in page
    review = Review.objects.get()
    response = client.post(reverse("admin:review_accept", args=[review.pk]))
    assert response.status_code == 302
    film.refresh_from_db()
    assert film.runtime == 95
    assert "95 minutes" in client.get(film.get_absolute_url()).content.decode()
    review.refresh_from_db()
    assert review.state == Review.State.ACCEPTED and review.reviewer.username == "editor"


def test_an_accepted_change_is_recorded_as_its_authors_and_accepted_by_the_editor(client, film):
    curator_sets_runtime(client, film)
    sign_in(client, "Editor")
    client.post(reverse("admin:review_accept", args=[Review.objects.get().pk]))
    latest = film.history.first()
    assert latest.runtime == 95
    assert latest.history_user.username == "curator"
    assert latest.history_change_reason == "accepted by editor"
    page = client.get(reverse("admin:catalog_film_history", args=[film.pk])).content.decode()
    assert "accepted by editor" in page


def test_sending_back_keeps_the_record_and_shows_the_curator_the_note(client, film):
    curator_sets_runtime(client, film)
    review = Review.objects.get()
    sign_in(client, "Editor")
    refused = client.post(reverse("admin:review_send_back", args=[review.pk]), {"note": " "})
    assert refused.status_code == 302
    review.refresh_from_db()
    assert review.state == Review.State.PENDING  # a note is required
    client.post(reverse("admin:review_send_back", args=[review.pk]), {"note": "Cite the runtime."})
    review.refresh_from_db()
    assert review.state == Review.State.SENT_BACK
    film.refresh_from_db()
    assert film.runtime is None
    sign_in(client, "Curator")
    assert "sent back your change: Cite the runtime." in client.get(url_of(film)).content.decode()


def test_a_curator_cannot_decide(client, film):
    curator_sets_runtime(client, film)
    review = Review.objects.get()
    response = client.post(reverse("admin:review_accept", args=[review.pk]))
    assert response.status_code == 403
    film.refresh_from_db()
    assert film.runtime is None


def test_an_editors_own_change_is_public_at_once(client, film):
    sign_in(client, "Editor")
    data = open_form(client, film)
    data["runtime"] = "88"
    assert client.post(url_of(film), data).status_code == 302
    film.refresh_from_db()
    assert film.runtime == 88 and not Review.objects.exists()


def test_a_curators_change_to_a_draft_is_saved_at_once(client, world):
    draft = f.FilmFactory(slug="a-draft", title="A Draft", status=Status.DRAFT)
    sign_in(client, "Curator")
    data = open_form(client, draft)
    data["runtime"] = "70"
    assert client.post(url_of(draft), data).status_code == 302
    draft.refresh_from_db()
    assert draft.runtime == 70 and not Review.objects.exists()


def test_a_row_added_to_a_published_film_waits_with_its_citation(client, film, world):
    sign_in(client, "Curator")
    source = f.SourceFactory(slug="review-source", title="A Review Source")
    data = open_form(client, film)
    data["titles-TOTAL_FORMS"] = str(int(data["titles-TOTAL_FORMS"]) + 1)
    at = int(data["titles-TOTAL_FORMS"]) - 1
    data.update(
        {
            f"titles-{at}-title": "Somi the Brave",
            f"titles-{at}-language": "en",
            f"titles-{at}-kind": "release",
            f"titles-{at}-cite_source": str(source.pk),
            f"titles-{at}-cite_locator": "p. 7",
        }
    )
    assert client.post(url_of(film), data).status_code == 302
    assert not film.titles.filter(title="Somi the Brave").exists()
    review = Review.objects.get()
    whats = [(line["what"], line["change"]) for line in review.diff]
    assert ("film title", "added") in whats
    assert any("citation" in what and change == "added" for what, change in whats)
    sign_in(client, "Editor")
    client.post(reverse("admin:review_accept", args=[review.pk]))
    title = film.titles.get(title="Somi the Brave")
    assert title.citations_for()[0].locator == "p. 7"


def test_a_change_made_on_a_rows_own_page_waits_too(client, film):
    title = f.FilmTitleFactory(film=film, title="Somi Again")
    sign_in(client, "Curator")
    data = open_form(client, title)
    data["title"] = "Somi Once More"
    assert client.post(url_of(title), data).status_code == 302
    title.refresh_from_db()
    assert title.title == "Somi Again"
    review = Review.objects.get()
    assert review.object_id == film.pk and review.form_id == title.pk
    sign_in(client, "Editor")
    client.post(reverse("admin:review_accept", args=[review.pk]))
    title.refresh_from_db()
    assert title.title == "Somi Once More"


def test_a_change_that_no_longer_applies_is_refused_with_the_reason(client, film):
    curator_sets_runtime(client, film)
    sign_in(client, "Editor")
    data = open_form(client, film)
    data["runtime"] = "60"
    client.post(url_of(film), data)
    review = Review.objects.get()
    response = client.post(reverse("admin:review_accept", args=[review.pk]), follow=True)
    assert "no longer applies" in response.content.decode()
    film.refresh_from_db()
    review.refresh_from_db()
    assert film.runtime == 60 and review.state == Review.State.PENDING


def test_a_draft_marked_ready_is_published_by_the_editor(client, world):
    draft = f.FilmFactory(slug="ready-draft", title="Ready Draft", status=Status.DRAFT)
    sign_in(client, "Curator")
    data = open_form(client, draft)
    data["_ready_for_review"] = "1"
    assert client.post(url_of(draft), data).status_code == 302
    review = Review.objects.get()
    assert review.kind == Review.Kind.PUBLISH
    sign_in(client, "Editor")
    refused = client.post(reverse("admin:review_accept", args=[review.pk]), follow=True)
    assert "These facts have no source yet" in refused.content.decode()
    client.post(reverse("admin:review_accept", args=[review.pk]), {"confirm_publish": "yes"})
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_staff_preview_a_draft_with_a_banner_never_cached(client, world, settings):
    settings.NKFILMS_PAGE_CACHE_SECONDS = 3600
    draft = f.FilmFactory(slug="hidden-draft", title="Hidden Draft", status=Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    sign_in(client, "Curator")
    url = reverse("admin:curation_review_preview_record", args=["catalog", "film", draft.pk])
    response = client.get(url)
    text = response.content.decode()
    assert response.status_code == 200 and "Draft — not public." in text and "Hidden Draft" in text
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    client.logout()
    assert client.get(url).status_code == 302  # to the login
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_pending_change_is_previewed_as_the_public_would_see_it(client, film):
    curator_sets_runtime(client, film)
    review = Review.objects.get()
    response = client.get(reverse("admin:review_preview", args=[review.pk]))
    text = response.content.decode()
    assert "95 minutes" in text and "waiting for review" in text
    film.refresh_from_db()
    assert film.runtime is None


def test_the_queue_runs_a_fixed_number_of_queries(client, film, django_assert_max_num_queries):
    curator_sets_runtime(client, film)
    for minutes in ("96", "97"):
        sign_in(client, "Curator")
        other = f.FilmFactory(title=f"Other {minutes}")
        data = open_form(client, other)
        data["runtime"] = minutes
        client.post(url_of(other), data)
    sign_in(client, "Editor")
    with django_assert_max_num_queries(12):
        assert "Waiting for review (3)" in queue(client).content.decode()


def test_a_curators_revert_of_a_published_film_waits_for_review(client, film):
    first = film.history.latest()
    film.synopsis = "A later synopsis."
    film.save()
    sign_in(client, "Curator")
    url = reverse("admin:catalog_film_simple_history", args=[film.pk, first.history_id])
    revert = form_data(client.get(url).content.decode(), "historicalfilm_form")
    assert client.post(url, revert).status_code == 302
    film.refresh_from_db()
    assert film.synopsis == "A later synopsis."
    review = Review.objects.get()
    assert {
        "what": "synopsis",
        "before": "A later synopsis.",
        "after": "",
        "change": "changed",
    } in (review.diff)
    sign_in(client, "Editor")
    client.post(reverse("admin:review_accept", args=[review.pk]))
    film.refresh_from_db()
    assert film.synopsis == ""


def test_curators_see_a_ready_for_review_button_on_drafts_only(client, film):
    draft = f.FilmFactory(slug="button-draft", title="Button Draft", status=Status.DRAFT)
    button = 'name="_ready_for_review"'
    sign_in(client, "Curator")
    assert button in client.get(url_of(draft)).content.decode()
    assert button in client.get(reverse("admin:catalog_film_add")).content.decode()
    assert button not in client.get(url_of(film)).content.decode()  # published
    sign_in(client, "Editor")
    assert button not in client.get(url_of(draft)).content.decode()  # editors publish


@pytest.mark.parametrize("factory", ["PersonFactory", "StudioFactory", "FestivalFactory"])
def test_staff_preview_any_kind_of_draft(client, world, factory):
    draft = getattr(f, factory)(name="Previewed Draft Name", status=Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    sign_in(client, "Curator")
    url = reverse(
        "admin:curation_review_preview_record",
        args=[draft._meta.app_label, draft._meta.model_name, draft.pk],
    )
    text = client.get(url).content.decode()
    assert "Draft — not public." in text and "Previewed Draft Name" in text
    assert client.get(url_of(draft)).content.decode().count(url) >= 1  # “View on site”


def test_a_diff_leaves_out_lines_that_read_the_same_on_both_sides():
    """A row's label moved (its credit renamed) but its sources are the same, or a field
    empty before and after: an Editor reviewing the change has nothing to read there."""
    from curation.review.state import diff

    before = {
        "field:year": ("year", "1985"),
        "field:runtime": ("runtime", ""),
        "credit:1": ("credit Hyung Chol", "director"),
        "citation:1": ("credit Hyung Chol — sources", "normal"),
    }
    after = {
        "field:year": ("year", "1986"),
        "field:runtime": ("runtime", "—"),
        "credit:1": ("credit Hyung-chol", "director (as Hyung-chol)"),
        "citation:1": ("credit Hyung-chol — sources", "normal"),
    }
    assert [(line["what"], line["before"], line["after"]) for line in diff(before, after)] == [
        ("year", "1985", "1986"),
        ("credit Hyung-chol", "director", "director (as Hyung-chol)"),
    ]
