"""The two roles cover every model of the catalogue, now and when models are added: Curators
add and change (images included) but delete nothing; Editors also delete, publish, merge and
restore."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from catalog.models import Film
from curation.roles import catalogue_models, create_roles
from people.models import Credit
from tests.admin_forms import form_data, with_rows
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
    url = with_rows(reverse("admin:catalog_film_change", args=[film.pk]), "credits")
    page = client.get(url).content.decode()
    assert 'name="credits-0-credited_as"' in page
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
    url = with_rows(reverse("admin:catalog_film_change", args=[film.pk]), "credits")
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


def sign_in(client, username, password="pw"):
    return client.post(
        reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"}
    )


@pytest.mark.parametrize("role", ["Curator", "Editor"])
def test_a_user_put_in_a_role_in_the_admin_signs_in_without_ticking_staff(
    db, client, admin_client, role
):
    from django.contrib.auth.models import User

    User.objects.create_user("newcomer", password="pw")
    newcomer = User.objects.get(username="newcomer")
    page = admin_client.get(reverse("admin:auth_user_change", args=[newcomer.pk]))
    data = form_data(page.content.decode(), "user_form")
    data.pop("is_staff", None)  # Staff status left unticked
    data["groups"] = [str(Group.objects.get(name=role).pk)]
    assert (
        admin_client.post(reverse("admin:auth_user_change", args=[newcomer.pk]), data).status_code
        == 302
    )
    assert sign_in(client, "newcomer").status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_role_member_stays_staff_when_the_box_is_unticked(db):
    from django.contrib.auth.models import User

    user = user_in("Curator", "kept")
    user.is_staff = False
    user.save()
    assert User.objects.get(pk=user.pk).is_staff


def test_adding_users_to_a_role_from_the_group_side_grants_staff(db):
    from django.contrib.auth.models import User

    user = User.objects.create_user("from-group", password="pw")
    Group.objects.get(name="Editor").user_set.add(user)
    assert User.objects.get(pk=user.pk).is_staff


def test_a_right_password_without_a_role_is_told_the_role_is_missing(db, client):
    from django.contrib.auth.models import User

    User.objects.create_user("norole", password="pw")
    page = sign_in(client, "norole").content.decode()
    assert "Your username and password are right, but this account has no role" in page
    assert "create_curator norole" in page
    wrong = sign_in(client, "norole", "wrong").content.decode()
    assert "no role" not in wrong and "correct username and password" in wrong


def test_create_curator_makes_a_user_who_signs_in(db, client, monkeypatch):
    from django.contrib.auth.models import User
    from django.core.management import call_command

    answers = iter(["a long pass phrase 7", "a long pass phrase 7"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    call_command("create_curator", "ri")
    ri = User.objects.get(username="ri")
    assert ri.is_staff and not ri.is_superuser
    assert list(ri.groups.values_list("name", flat=True)) == ["Curator"]
    assert sign_in(client, "ri", "a long pass phrase 7").status_code == 302
    assert client.get(reverse("admin:catalog_film_add")).status_code == 200


def test_create_curator_editor_gives_an_existing_user_the_role(db):
    from django.contrib.auth.models import User
    from django.core.management import call_command

    User.objects.create_user("pak", password="pw")
    call_command("create_curator", "pak", "--editor", "--noinput")
    pak = User.objects.get(username="pak")
    assert pak.is_staff and pak.groups.filter(name="Editor").exists()
    assert pak.has_perm("catalog.publish_film")
    assert pak.check_password("pw")  # an existing user keeps their password
