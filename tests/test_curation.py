"""The curators' workflow: roles, publishing with warnings, the needs-a-source view, disputes
whose preferred value the record follows, and no lost updates."""

import pytest
from django.urls import reverse

from catalog.models import Claim, Film, Rank, Status
from tests import factories as f
from tests.admin_forms import form_data, with_rows
from tests.conftest import user_in


@pytest.fixture
def draft(db):
    """A draft film: its title and year cited, its runtime not."""
    source = f.SourceFactory(slug="essay", title="The essay")
    film = f.FilmFactory(
        slug="draft-film", title="Draft Film", year=1985, runtime=90, status=Status.DRAFT
    )
    f.cited(film, "title", source=source)
    f.cited(film, "year", source=source)
    f.cited(film, "kind", source=source)
    f.cited(film, "scope", source=source)
    return film


CLAIMS = "claims-and-citations"  # a record's claims, opened as forms on its page


def change_url(obj, *kinds):
    """The object's admin page, with these kinds of row opened as forms."""
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    return with_rows(url, *kinds) if kinds else url


def change_form(client, obj, *kinds):
    page = client.get(change_url(obj, *kinds))
    assert page.status_code == 200
    return form_data(page.content.decode(), f"{obj._meta.model_name}_form")


def test_a_curator_edits_but_cannot_publish_or_delete(curator, draft):
    data = change_form(curator, draft)
    assert "status" not in data  # shown read-only
    data["synopsis"] = "Written by a curator."
    data["status"] = Status.PUBLISHED
    response = curator.post(change_url(draft), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.synopsis == "Written by a curator."
    assert draft.status == Status.DRAFT
    delete = reverse("admin:catalog_film_delete", args=[draft.pk])
    assert curator.get(delete).status_code == 403
    changelist = curator.get(reverse("admin:catalog_film_changelist")).content.decode()
    assert "publish_selected" not in changelist


def test_publishing_warns_with_the_uncited_facts_until_confirmed(editor, draft):
    data = change_form(editor, draft)
    data["status"] = Status.PUBLISHED
    response = editor.post(change_url(draft), data)
    assert response.status_code == 200
    assert "These facts have no source yet: runtime" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    data = change_form(editor, draft)
    data.update(status=Status.PUBLISHED, confirm_publish="on")
    assert editor.post(change_url(draft), data).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED


def test_bulk_publish_lists_each_records_uncited_facts_before_publishing(editor, draft):
    changelist = reverse("admin:catalog_film_changelist")
    page = editor.post(changelist, {"action": "publish_selected", "_selected_action": [draft.pk]})
    text = page.content.decode()
    assert "Publish these records?" in text
    assert "runtime" in text
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    editor.post(
        changelist,
        {"action": "publish_selected", "_selected_action": [draft.pk], "confirm": "yes"},
    )
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED


def test_an_editor_can_delete_an_uncited_record(editor, db):
    film = f.FilmFactory(slug="to-delete", title="To Delete")
    editor.post(reverse("admin:catalog_film_delete", args=[film.pk]), {"post": "yes"})
    assert not Film.objects.filter(pk=film.pk).exists()


def test_needs_a_source_lists_every_uncited_fact_and_links_to_its_fix(editor, draft):
    page = editor.get(reverse("admin:needs_a_source")).content.decode()
    assert "Draft Film" in page and "runtime" in page
    assert change_url(draft) in page
    filtered = editor.get(reverse("admin:needs_a_source"), {"type": "film", "field": "year"})
    assert "Draft Film" not in filtered.content.decode()
    index = editor.get(reverse("admin:index")).content.decode()
    assert "Facts that need a source" in index


def test_needs_a_source_names_an_unknown_filter_instead_of_claiming_all_is_cited(editor, draft):
    response = editor.get(reverse("admin:needs_a_source"), {"type": "bogus"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "there is no record type “bogus”" in page
    assert "Draft Film" in page and "Every fact has a source" not in page


def test_marking_a_competing_value_preferred_makes_the_field_follow(editor, draft):
    source = draft.claims.first().citations.first().source
    f.cited(draft, "year", source=source, value="1986", rank=Rank.NORMAL)
    data = change_form(editor, draft, CLAIMS)
    prefix = next(
        k[: -len("-field")]
        for k, v in data.items()
        if k.endswith("-field") and v == "year" and data[k.replace("-field", "-value")] == "1986"
    )
    old = next(
        k[: -len("-field")]
        for k, v in data.items()
        if k.endswith("-field") and v == "year" and data[k.replace("-field", "-value")] == "1985"
    )
    data[f"{prefix}-rank"] = Rank.PREFERRED
    data[f"{old}-rank"] = Rank.NORMAL
    refused = editor.post(change_url(draft, CLAIMS), data).content.decode()
    assert "makes it the public year instead of “1985”" in refused  # asked first
    data["confirm_preferred"] = "on"
    response = editor.post(change_url(draft, CLAIMS), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    draft.refresh_from_db()
    assert draft.year == 1986
    assert Claim.objects.about(draft).get(field="year", rank=Rank.PREFERRED).value == "1986"


def test_a_second_curators_stale_save_is_refused_and_keeps_their_input(client, draft):
    first, second = user_in("Curator", "first"), user_in("Curator", "second")
    client.force_login(first)
    mine = change_form(client, draft)
    client.force_login(second)
    theirs = change_form(client, draft)

    client.force_login(first)
    mine["synopsis"] = "The first curator's synopsis."
    assert client.post(change_url(draft), mine).status_code == 302

    client.force_login(second)
    theirs["synopsis"] = "The second curator's synopsis."
    response = client.post(change_url(draft), theirs)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this film while you were editing it" in text
    assert "Synopsis: “” → “The first curator&#x27;s synopsis.”" in text
    assert "The second curator&#x27;s synopsis." in text  # still in the form
    draft.refresh_from_db()
    assert draft.synopsis == "The first curator's synopsis."

    again = form_data(text, "film_form")
    assert client.post(change_url(draft), again).status_code == 302  # saved after review
    draft.refresh_from_db()
    assert draft.synopsis == "The second curator's synopsis."


def test_bulk_publishing_is_recorded_in_history(editor, draft):
    editor.post(
        reverse("admin:catalog_film_changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk], "confirm": "yes"},
    )
    latest = draft.history.first()
    assert latest.status == Status.PUBLISHED
    assert latest.history_change_reason == "published"
    assert latest.history_user.username == "editor"


def prefix_of(data, field, value):
    """The form prefix of the claim about ``field`` with ``value`` on a record's page."""
    return next(
        k[: -len("-field")]
        for k, v in data.items()
        if k.endswith("-field") and v == field and data[k.replace("-field", "-value")] == value
    )


def new_claim(data, field, value, rank):
    """Add a claim to the claims formset of a record's page."""
    total = "catalog-claim-content_type-object_id-TOTAL_FORMS"
    index = int(data[total])
    data[total] = str(index + 1)
    prefix = f"catalog-claim-content_type-object_id-{index}"
    data.update({f"{prefix}-field": field, f"{prefix}-value": value, f"{prefix}-rank": rank})
    data[f"{prefix}-citations-TOTAL_FORMS"] = "0"
    data[f"{prefix}-citations-INITIAL_FORMS"] = "0"
    return prefix


def test_a_curators_revert_keeps_the_records_status(client, draft):
    first = draft.history.earliest()
    draft.status = Status.PUBLISHED
    draft.save()
    client.force_login(user_in("Curator"))
    url = reverse("admin:catalog_film_simple_history", args=[draft.pk, first.history_id])
    data = form_data(client.get(url).content.decode(), "historicalfilm_form")
    assert client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED  # reverting fields is not unpublishing


def test_an_editors_revert_to_a_published_version_warns_like_publishing(editor, draft):
    draft.status = Status.PUBLISHED
    draft.save()
    published = draft.history.first()
    draft.status = Status.DRAFT
    draft.save()
    url = reverse("admin:catalog_film_simple_history", args=[draft.pk, published.history_id])
    data = form_data(editor.get(url).content.decode(), "historicalfilm_form")
    response = editor.post(url, data)
    assert "These facts have no source yet: runtime" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_publishing_warns_about_uncited_credits_and_titles(editor, draft):
    from catalog.models import FilmTitle
    from people.models import Credit

    Credit.objects.create(
        film=draft, person=f.PersonFactory(slug="a-director", name="A Director"), role="director"
    )
    FilmTitle.objects.create(film=draft, title="초안", language="ko", kind="original")
    data = change_form(editor, draft)
    data["status"] = Status.PUBLISHED
    text = editor.post(change_url(draft), data).content.decode()
    assert "credit “A Director — director in Draft Film”" in text
    assert "film title “초안 [ko, original title]”" in text

    changelist = reverse("admin:catalog_film_changelist")
    page = editor.post(changelist, {"action": "publish_selected", "_selected_action": [draft.pk]})
    assert "credit “A Director — director in Draft Film”" in page.content.decode()


def test_bulk_publishing_publishes_all_or_none(editor, draft, monkeypatch):
    other = f.FilmFactory(slug="second-draft", title="Second Draft", status=Status.DRAFT)
    save = Film.save

    def failing_save(film, *args, **kwargs):
        if film.pk == max(draft.pk, other.pk):
            raise RuntimeError("the database went away")
        return save(film, *args, **kwargs)

    monkeypatch.setattr(Film, "save", failing_save)
    selected = {"action": "publish_selected", "_selected_action": [draft.pk, other.pk]}
    with pytest.raises(RuntimeError):
        editor.post(reverse("admin:catalog_film_changelist"), {**selected, "confirm": "yes"})
    statuses = set(
        Film.objects.filter(pk__in=[draft.pk, other.pk]).values_list("status", flat=True)
    )
    assert statuses == {Status.DRAFT}


@pytest.mark.parametrize(
    "value, message",
    [
        ("1800", "“1800” cannot be the year: 1800 is not a plausible year"),
        ("banana", "“banana” cannot be the year"),
    ],
)
def test_a_preferred_year_the_field_would_refuse_is_an_error_on_the_claim(
    editor, draft, value, message
):
    data = change_form(editor, draft, CLAIMS)
    data[f"{prefix_of(data, 'year', '1985')}-rank"] = Rank.NORMAL
    new_claim(data, "year", value, Rank.PREFERRED)
    claims = Claim.objects.count()
    response = editor.post(change_url(draft, CLAIMS), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    draft.refresh_from_db()
    assert draft.year == 1985 and Claim.objects.count() == claims


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("runtime", "-5", "“-5” cannot be the runtime"),
        ("kind", "zzz", "“zzz” cannot be the kind"),
        ("countries", "KP,ZZ", "No country with the code “ZZ”"),
    ],
)
def test_a_competing_value_is_checked_as_its_field_would_check_it(
    editor, draft, field, value, message
):
    f.country("KP")
    data = change_form(editor, draft)
    new_claim(data, field, value, Rank.NORMAL)
    response = editor.post(change_url(draft), data)
    assert message in response.content.decode()
    assert not Claim.objects.about(draft).filter(value=value).exists()


def test_changing_a_cited_year_is_one_message_on_the_field(world, editor):
    film = world.pulgasari
    data = change_form(editor, film)
    data["year"] = "1987"
    text = editor.post(change_url(film), data).content.decode()
    assert text.count("contradicts the record’s year") == 1
    assert "You changed the year" not in text
    film.refresh_from_db()
    assert film.year == 1986


def test_changed_countries_that_contradict_their_preferred_claim_are_refused(world, editor):
    film = world.somi  # North Korean only
    data = change_form(editor, film)
    data["countries"] = [str(f.country("SU").pk)]
    text = editor.post(change_url(film), data).content.decode()
    assert "The preferred production countries “KP”" in text
    assert film.claim_value("countries") == "KP"


def test_marking_a_countries_claim_preferred_makes_the_countries_follow(world, editor):
    film = world.somi
    data = change_form(editor, film, CLAIMS)
    data[f"{prefix_of(data, 'countries', 'KP')}-rank"] = Rank.NORMAL
    new_claim(data, "countries", "SU,KP", Rank.PREFERRED)
    data["confirm_preferred"] = "on"  # the public countries change: asked first
    assert editor.post(change_url(film, CLAIMS), data).status_code == 302
    assert film.claim_value("countries") == "KP,SU"


@pytest.mark.parametrize(
    "field, value",
    [("year", "banana"), ("kind", "opera"), ("countries", "US,ZZ")],
)
def test_a_claim_value_its_field_would_refuse_fails_full_clean(draft, field, value):
    from django.core.exceptions import ValidationError

    claim = Claim(subject=draft, field=field, value=value, rank=Rank.NORMAL)
    with pytest.raises(ValidationError) as error:
        claim.full_clean()
    assert "value" in error.value.message_dict


def test_a_claim_naming_a_record_that_does_not_exist_fails_full_clean(db):
    from django.core.exceptions import ValidationError

    from coproductions.models import Studio

    studio = Studio.objects.create(slug="unit-1", name="Unit 1", kind="state-studio")
    claim = Claim(subject=studio, field="parent", value="no-such-studio", rank=Rank.NORMAL)
    with pytest.raises(ValidationError, match="No studio with the code “no-such-studio”"):
        claim.full_clean()


def test_a_persons_nationality_claim_must_name_a_country(db):
    from django.core.exceptions import ValidationError

    person = f.PersonFactory(slug="ri-test", name="Ri Test")
    with pytest.raises(ValidationError):
        Claim(subject=person, field="nationality", value="ZZ", rank=Rank.NORMAL).full_clean()


def test_a_claim_about_a_deleted_record_fails_full_clean(draft):
    from django.core.exceptions import ValidationError

    claim = Claim.objects.about(draft).first()
    Film.objects.filter(pk=draft.pk).delete()
    with pytest.raises(ValidationError, match="is gone"):
        claim.full_clean()


def test_a_country_or_genre_that_films_list_is_not_deleted(world, editor):
    from catalog.models import Country, Genre

    country = Country.objects.get(code="KP")
    page = editor.post(reverse("admin:catalog_country_delete", args=[country.pk]), {"post": "yes"})
    assert "lists North Korea" in page.content.decode()
    assert Country.objects.filter(pk=country.pk).exists()
    genre = Genre.objects.filter(films__isnull=False).first()
    editor.post(reverse("admin:catalog_genre_delete", args=[genre.pk]), {"post": "yes"})
    assert Genre.objects.filter(pk=genre.pk).exists()


def test_the_bulk_publish_preview_takes_as_many_queries_for_forty_films_as_for_five(db, editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    source = f.SourceFactory()
    with f.many():
        for film in f.FilmFactory.create_batch(40, year=1990, runtime=90, status=Status.DRAFT):
            f.cited(film, "year", source=source)  # its title, kind and runtime uncited
            f.CreditFactory(film=film)  # uncited
            f.cited(f.FilmTitleFactory(film=film), source=source)
    changelist = reverse("admin:catalog_film_changelist")
    counts = []
    for size in (5, 40):
        selected = list(Film.objects.order_by("pk").values_list("pk", flat=True)[:size])
        with CaptureQueriesContext(connection) as queries:
            page = editor.post(
                changelist, {"action": "publish_selected", "_selected_action": selected}
            )
        assert "Publish these records?" in page.content.decode()
        counts.append(len(queries))
    assert counts[1] <= counts[0] + 5
