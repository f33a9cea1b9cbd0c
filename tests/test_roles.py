"""The two roles cover every model of the catalogue, now and when models are added: Curators
add and change (images included) but delete nothing; Editors also delete, publish, merge and
restore."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from catalog.models import Film
from curation.roles import catalogue_models, create_roles
from people.models import Credit
from tests.admin_forms import form_data
from tests.conftest import user_in


def codenames(group):
    return {p.codename for p in Group.objects.get(name=group).permissions.all()}


@pytest.mark.parametrize("model", catalogue_models(), ids=lambda m: m._meta.label)
def test_every_catalogue_model_is_covered_by_both_roles(db, model):
    name = model._meta.model_name
    curator, editor = codenames("Curator"), codenames("Editor")
    assert {f"add_{name}", f"change_{name}", f"view_{name}"} <= curator
    assert f"delete_{name}" not in curator
    assert {f"add_{name}", f"change_{name}", f"delete_{name}", f"view_{name}"} <= editor


def test_only_editors_publish_and_merge(db):
    special = {"publish_film", "publish_person", "publish_studio", "merge_person", "merge_studio"}
    assert special <= codenames("Editor")
    assert not special & codenames("Curator")


def test_the_roles_are_brought_up_to_date_by_running_again(db):
    curator = Group.objects.get(name="Curator")
    curator.permissions.remove(Permission.objects.get(codename="add_filmimage"))
    curator.permissions.add(Permission.objects.get(codename="delete_film"))
    create_roles()
    create_roles()
    assert "add_filmimage" in codenames("Curator")
    assert "delete_film" not in codenames("Curator")
    assert Group.objects.filter(name__in=["Curator", "Editor"]).count() == 2


def test_a_curator_uploads_posters_and_stills(world, client):
    client.force_login(user_in("Curator"))
    assert client.get(reverse("admin:catalog_filmimage_changelist")).status_code == 200
    assert client.get(reverse("admin:catalog_filmimage_add")).status_code == 200
    film = world.bird
    page = client.get(reverse("admin:catalog_film_change", args=[film.pk])).content.decode()
    assert 'id="images-group"' in page


def test_a_curator_deletes_no_row_on_the_film_page_or_the_rows_own(world, client):
    client.force_login(user_in("Curator"))
    film = world.bird
    url = reverse("admin:catalog_film_change", args=[film.pk])
    page = client.get(url).content.decode()
    assert 'name="credits-0-DELETE"' not in page
    credit = film.credits.order_by("pk").first()
    data = form_data(page, "film_form")
    data["credits-0-DELETE"] = "on"  # a forged delete box
    client.post(url, data)
    assert Credit.objects.filter(pk=credit.pk).exists()
    delete = reverse("admin:people_credit_delete", args=[credit.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403


def test_an_editor_deletes_a_row_on_the_film_page_and_can_restore_it(world, editor):
    film = world.bird
    url = reverse("admin:catalog_film_change", args=[film.pk])
    data = form_data(editor.get(url).content.decode(), "film_form")
    credit = Credit.objects.get(pk=data["credits-0-id"])
    data["credits-0-DELETE"] = "on"
    assert editor.post(url, data).status_code == 302
    assert not Credit.objects.filter(pk=credit.pk).exists()
    assert "deleted 1 credit" in film.history.first().history_change_reason

    historical = Credit.history.filter(id=credit.pk, history_type="-").get()
    assert str(credit) in editor.get(reverse("admin:deleted_records")).content.decode()
    restore = reverse("admin:restore_record", args=["people.Credit", historical.history_id])
    assert editor.post(restore).status_code == 302
    assert Credit.objects.get(pk=credit.pk).claims.get().citations.exists()


def test_only_editors_may_restore(db, client):
    film = Film.objects.create(slug="short-lived", title="Short Lived")
    film.delete()
    historical = Film.history.filter(slug="short-lived", history_type="-").get()
    client.force_login(user_in("Curator"))
    assert 'value="Restore"' not in client.get(reverse("admin:deleted_records")).content.decode()
    restore = reverse("admin:restore_record", args=["catalog.Film", historical.history_id])
    assert client.post(restore).status_code == 403
    assert not Film.objects.filter(slug="short-lived").exists()
