"""Every admin action and every inline's save, run the way a curator runs them: on
PostgreSQL these found ``FOR UPDATE cannot be applied to the nullable side of an outer join``
(bulk publishing people, saving a co-production partner). SQLite ignores ``FOR UPDATE``, so
run this file with ``DATABASE_URL=postgres://…`` too (CI does).

The cases are read from the admin site itself: an action or inline added later is covered
without touching this file, and fails here if it 500s.
"""

import io

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from PIL import Image

from catalog.models import FilmImage, MergedSlug, ShootingLocation, Source, Status
from people.models import Person
from tests import factories as f
from tests.admin_forms import form_data, row_kinds, with_rows


def _superuser_request():
    request = RequestFactory().get("/admin/")
    request.user = User(username="probe", is_superuser=True, is_staff=True, is_active=True)
    return request


def _registered():
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def _actions():
    request = _superuser_request()
    return [
        pytest.param(model._meta.label, name, id=f"{model._meta.label}-{name}")
        for model, model_admin in _registered()
        for name in model_admin.get_actions(request)
    ]


def _inline_paths(inlines, path=()):
    for inline in inlines:
        here = (*path, inline)
        yield here
        yield from _inline_paths(getattr(inline, "inlines", []), here)


def _inlines():
    return [
        pytest.param(
            model._meta.label,
            tuple(i.__name__ for i in path),
            id=f"{model._meta.label}-{'/'.join(i.__name__ for i in path)}",
        )
        for model, model_admin in _registered()
        for path in _inline_paths(model_admin.inlines)
    ]


def model_of(label):
    return next(m for m in admin.site._registry if m._meta.label == label)


@pytest.fixture
def superuser(client, db):
    client.force_login(User.objects.create_superuser("root", password="pw"))
    return client


@pytest.fixture
def catalogue(world, settings, tmp_path):
    """The small world, plus a row of each kind it lacks: an image and a merged slug."""
    settings.MEDIA_ROOT = tmp_path
    film = world.thaw
    body = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 20, 30)).save(body, format="PNG")
    image = FilmImage(
        film=film, image=SimpleUploadedFile("still.png", body.getvalue()), alt_text="A still"
    )
    image.save()
    location = ShootingLocation.objects.create(film=film, place="Tokyo", country=f.country("JP"))
    f.cited(location, source=Source.objects.first())
    MergedSlug.objects.create(
        content_type_id=_content_type_id(Person),
        slug="old-name",
        target_id=Person.objects.first().pk,
    )
    return world


def _content_type_id(model):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk


def changelist(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


CONFIRMATIONS = {"post": "yes", "confirm": "yes"}


@pytest.mark.parametrize(("label", "action"), _actions())
def test_every_admin_action_runs_to_its_end(superuser, catalogue, label, action):
    model = model_of(label)
    ids = list(model._default_manager.order_by("pk").values_list("pk", flat=True)[:2])
    assert ids, f"Nothing to select for {label}: give the test a {label} to act on."
    if action != "merge_selected":
        ids = ids[:1]
    posted = {"action": action, "_selected_action": [str(pk) for pk in ids], "index": 0}
    first = superuser.post(changelist(model), posted)
    assert first.status_code in (200, 302)
    confirmed = superuser.post(
        changelist(model), {**posted, **CONFIRMATIONS, "survivor": str(ids[0])}
    )
    assert confirmed.status_code in (200, 302)
    if action in ("publish_selected", "unpublish_selected"):
        wanted = Status.PUBLISHED if action == "publish_selected" else Status.DRAFT
        assert model._default_manager.get(pk=ids[0]).status == wanted
    if action == "merge_selected":
        assert model._default_manager.filter(pk__in=ids).count() == 1


@pytest.mark.parametrize("label", ["people.Person", "coproductions.Studio", "catalog.Festival"])
@pytest.mark.parametrize("action", ["unpublish_selected", "publish_selected"])
def test_bulk_publishing_a_searched_filtered_selection(superuser, catalogue, label, action):
    """A search across name variants (DISTINCT) and a filter (joins) select what is locked."""
    model = model_of(label)
    record = model._default_manager.order_by("pk").first()
    query = f"?q={record.name.split()[0]}&status__exact={record.status}"
    ids = [str(record.pk)]
    response = superuser.post(
        changelist(model) + query,
        {"action": action, "_selected_action": ids, "index": 0, "confirm": "yes"},
    )
    assert response.status_code == 302
    wanted = Status.PUBLISHED if action == "publish_selected" else Status.DRAFT
    statuses = set(model._default_manager.filter(pk__in=ids).values_list("status", flat=True))
    assert statuses == {wanted}


def _formsets(inline_admin_formsets):
    """Every formset of a change page, nested ones included, with the inline it shows."""
    for inline_admin_formset in inline_admin_formsets:
        yield from _walk(inline_admin_formset.formset, inline_admin_formset.opts)


def _walk(formset, inline):
    yield formset, inline
    for form in formset.forms:
        for nested, nested_inline in zip(
            getattr(form, "nested_formsets", []),
            getattr(form, "nested_inlines", []),
            strict=False,
        ):
            yield from _walk(nested, nested_inline)


TEXT_PREFERRED = ("note", "notes", "caption", "character", "credited_as", "locator", "award")
SKIPPED = ("seen", "cite_source", "cite_locator", "cite_quote", "slug", "DELETE", "id")


def a_change(form):
    """A field of a row and a new value for it, as a curator would change it: a note or
    other free text if the row has one, else another choice, else the next number."""
    names = [n for n in form.fields if n not in SKIPPED]
    ordered = [n for n in TEXT_PREFERRED if n in names] + names
    for name in ordered:
        try:
            model_field = form.instance._meta.get_field(name)
        except Exception:  # noqa: BLE001 - a form-only field
            continue
        current = getattr(form.instance, model_field.attname, None)
        kind = model_field.get_internal_type()
        if model_field.choices:
            others = [value for value, _ in model_field.flatchoices if value != current]
            if others:
                return name, others[0]
        elif kind in ("CharField", "TextField") and not model_field.unique:
            return name, f"{current or ''} (checked)".strip()
        elif kind in ("PositiveSmallIntegerField", "IntegerField") and current is not None:
            return name, current + 1
    return None


@pytest.mark.parametrize(("label", "path"), _inlines())
def test_every_inline_saves_a_changed_row(superuser, catalogue, label, path):
    model = model_of(label)
    found = None
    for record in model._default_manager.order_by("pk")[:40]:
        url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[record.pk]
        )
        page = superuser.get(url)
        assert page.status_code == 200
        url = with_rows(url, *row_kinds(page.content.decode()))  # every kind opened as forms
        page = superuser.get(url)
        for formset, inline in _formsets(page.context["inline_admin_formsets"]):
            if type(inline).__name__ != path[-1]:
                continue
            rows = [form for form in formset.initial_forms if form.instance.pk]
            changes = [(row, change) for row in rows if (change := a_change(row))]
            if changes:
                found = (url, page, *changes[0])
                break
        if found:
            break
    assert found, f"No {label} with a row in {'/'.join(path)}: give the test one."
    url, page, row, (name, value) = found
    data = form_data(page.content.decode(), f"{model._meta.model_name}_form")
    data[row.add_prefix(name)] = str(value)
    response = superuser.post(url, data)
    errors = response.context and response.context.get("errors")
    assert response.status_code == 302, f"refused: {errors}"
    saved = type(row.instance)._base_manager.get(pk=row.instance.pk)
    assert getattr(saved, row.instance._meta.get_field(name).attname) == value
