"""The curators' workflow: roles, publishing with warnings, the needs-a-source view, disputes
whose preferred value the record follows, and no lost updates."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from catalog.models import Claim, Film, Rank, Status
from tests import factories
from tests.admin_forms import form_data
from tests.conftest import user_in


@pytest.fixture
def draft(empty_catalogue):
    """A draft film: its title and year cited, its runtime not."""
    source = factories.source("essay", title="The essay")
    film = factories.film(
        "draft-film", title="Draft Film", year=1985, runtime=90, status=Status.DRAFT
    )
    factories.claim(film, "title", source=source)
    factories.claim(film, "year", source=source)
    factories.claim(film, "kind", source=source)
    return film


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def change_form(client, obj):
    page = client.get(change_url(obj))
    assert page.status_code == 200
    return form_data(page.content.decode(), f"{obj._meta.model_name}_form")


def test_the_roles_are_created_by_a_migration(db):
    curator = {p.codename for p in Group.objects.get(name="Curator").permissions.all()}
    editor = {p.codename for p in Group.objects.get(name="Editor").permissions.all()}
    assert {"add_film", "change_film", "add_citation"} <= curator
    assert not {"delete_film", "publish_film", "merge_person"} & curator
    assert {"delete_film", "publish_film", "merge_person", "merge_studio"} <= editor


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


def test_an_editor_can_delete_an_uncited_record(editor, empty_catalogue):
    film = factories.film("to-delete")
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


def test_marking_a_competing_value_preferred_makes_the_field_follow(editor, draft):
    source = draft.claims.first().citations.first().source
    factories.claim(draft, "year", source=source, value="1986", rank=Rank.NORMAL)
    data = change_form(editor, draft)
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
    response = editor.post(change_url(draft), data)
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
    assert "Someone else saved this record while you were editing it" in text
    assert "synopsis" in text and "The first curator&#x27;s synopsis." in text
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
