"""Merging duplicate people and studios: everything moves, the old URL redirects."""

import pytest
from django.urls import reverse

from catalog.models import Citation, Claim, MergedSlug
from coproductions.models import FilmStudio, Studio
from people.models import Credit, Person, PersonName
from tests import factories as f
from tests.conftest import user_in


@pytest.fixture
def duplicates(db):
    """'So Kyong-sop' and 'So Kyong Sob', entered twice, with one shared credit."""
    essay, interview = f.SourceFactory(slug="essay"), f.SourceFactory(slug="interview")
    thaw, hairpin = (
        f.FilmFactory(slug="thaw", title="Thaw", year=1985),
        f.FilmFactory(slug="hairpin", title="Hairpin", year=1985),
    )
    keep = f.PersonFactory(slug="so-kyong-sop", name="So Kyong-sop")
    dup = f.PersonFactory(slug="so-kyong-sob", name="So Kyong Sob")
    f.cited(keep, "name", source=essay)
    f.cited(dup, "name", source=interview, locator="p. 7")
    for person, film, source in (
        (keep, thaw, essay),
        (dup, thaw, interview),
        (dup, hairpin, interview),
    ):
        credit = Credit.objects.create(film=film, person=person, role="actor")
        f.cited(credit, source=source, locator=f"{film.slug} {person.slug}")
    return keep, dup


def test_merge_moves_credits_folds_twins_and_keeps_every_citation(duplicates):
    from curation.admin.people import PersonAdmin
    from curation.merging import merge

    keep, dup = duplicates
    citations = Citation.objects.count()
    merge(keep, dup, PersonAdmin.merge_name_variant)
    assert not Person.objects.filter(slug="so-kyong-sob").exists()
    assert sorted(c.film.slug for c in keep.credits.all()) == ["hairpin", "thaw"]
    thaw_credit = keep.credits.get(film__slug="thaw")
    assert thaw_credit.claims.get().citations.count() == 2  # both sources back the one credit
    variant = PersonName.objects.get(person=keep, name="So Kyong Sob")
    assert variant.claims.get().citations.get().locator == "p. 7"
    assert Citation.objects.count() == citations
    assert keep.history.first().history_change_reason == "merged so-kyong-sob into this record"


def test_the_old_url_redirects_permanently(duplicates, client):
    from curation.admin.people import PersonAdmin
    from curation.merging import merge

    keep, dup = duplicates
    merge(keep, dup, PersonAdmin.merge_name_variant)
    response = client.get("/people/so-kyong-sob/")
    assert response.status_code == 301
    assert response["Location"] == keep.get_absolute_url()
    assert MergedSlug.target(Person, "so-kyong-sob") == keep


def test_the_admin_previews_then_merges(editor, duplicates):
    keep, dup = duplicates
    changelist = reverse("admin:people_person_changelist")
    selected = {"action": "merge_selected", "_selected_action": [keep.pk, dup.pk]}
    preview = editor.post(changelist, selected).content.decode()
    assert "Merge duplicates?" in preview
    assert "2 credits" in preview
    editor.post(changelist, {**selected, "survivor": keep.pk, "confirm": "yes"})
    assert not Person.objects.filter(pk=dup.pk).exists()
    assert keep.credits.count() == 2


def test_curators_cannot_merge(client, duplicates):
    client.force_login(user_in("Curator"))
    keep, dup = duplicates
    client.post(
        reverse("admin:people_person_changelist"),
        {
            "action": "merge_selected",
            "_selected_action": [keep.pk, dup.pk],
            "survivor": keep.pk,
            "confirm": "yes",
        },
    )
    assert Person.objects.filter(pk=dup.pk).exists()


def test_studios_merge_with_their_film_links(db):
    from curation.admin.coproductions import StudioAdmin
    from curation.merging import merge

    film = f.FilmFactory(slug="bird", title="Bird", year=1992)
    keep = Studio.objects.create(
        slug="tokuma-daiei", name="Tokuma Daiei", kind="production-company"
    )
    dup = Studio.objects.create(slug="tokuma-daeie", name="Tokuma Daeie", kind="production-company")
    FilmStudio.objects.create(film=film, studio=dup, role="producer")
    merge(keep, dup, StudioAdmin.merge_name_variant)
    assert FilmStudio.objects.get().studio == keep
    assert keep.names.get().name == "Tokuma Daeie"
    assert Claim.objects.count() == 0


def test_the_preview_shows_what_the_duplicate_brings_and_what_it_would_lose(editor, duplicates):
    keep, dup = duplicates
    dup.bio = "An actor of the Korean Film Studio."
    dup.birth_year = 1931
    dup.save()
    keep.birth_year = 1930
    keep.save()
    changelist = reverse("admin:people_person_changelist")
    selected = {"action": "merge_selected", "_selected_action": [keep.pk, dup.pk]}
    preview = editor.post(changelist, selected).content.decode()
    assert "Takes what it lacks: bio “An actor of the Korean Film Studio.”" in preview
    assert "Drops these uncited values" in preview and "birth year “1931”" in preview


def test_the_survivor_takes_the_values_it_lacks(duplicates):
    from curation.admin.people import PersonAdmin
    from curation.merging import merge

    keep, dup = duplicates
    dup.bio = "An actor of the Korean Film Studio."
    dup.save()
    merge(keep, dup, PersonAdmin.merge_name_variant)
    keep.refresh_from_db()
    assert keep.bio == "An actor of the Korean Film Studio."


def test_no_name_variant_repeats_the_survivors_name(duplicates):
    from curation.admin.people import PersonAdmin
    from curation.merging import merge

    keep, dup = duplicates
    variant = PersonName.objects.create(person=dup, name="So Kyong-sop", kind="spelling")
    f.cited(variant, source=f.SourceFactory(slug="memoir"), locator="p. 40")
    merge(keep, dup, PersonAdmin.merge_name_variant)
    assert not keep.names.filter(name=keep.name).exists()
    name_claim = Claim.objects.about(keep).get(field="name", rank="preferred")
    assert name_claim.citations.filter(locator="p. 40").exists()  # its source backs the name


def test_a_credit_folded_away_by_a_merge_is_not_offered_for_restore(duplicates, admin_client):
    from curation.admin.people import PersonAdmin
    from curation.history import RestoreRefused, restore_deleted
    from curation.merging import merge

    keep, dup = duplicates
    folded = Credit.objects.get(person=dup, film__slug="thaw").pk
    merge(keep, dup, PersonAdmin.merge_name_variant)
    page = admin_client.get(reverse("admin:deleted_records"))
    assert page.status_code == 200
    assert f"/people.Credit/{folded}/" not in page.content.decode()
    historical = Credit.history.filter(id=folded, history_type="-").latest("history_date")
    with pytest.raises(RestoreRefused, match="links to person"):
        restore_deleted(historical)
    response = admin_client.post(
        reverse("admin:restore_record", args=["people.Credit", historical.history_id])
    )
    assert response.status_code == 302
    assert not Credit.objects.filter(pk=folded).exists()
