"""A source that is still cited cannot be deleted; the refusal says what cites it."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from catalog.models import Source
from tests import factories as f


@pytest.fixture
def cited_source(db):
    source = f.SourceFactory(slug="cited-essay", title="The cited essay")
    film = f.FilmFactory(slug="pulgasari", title="Pulgasari", year=1986)
    f.cited(film, "year", source=source, locator="Shin Sang Ok, ¶ 7")
    return source


def test_deleting_a_cited_source_raises_protected_error(cited_source):
    with pytest.raises(ProtectedError):
        cited_source.delete()
    assert Source.objects.filter(pk=cited_source.pk).exists()


def test_admin_refuses_to_delete_a_cited_source_and_lists_what_cites_it(cited_source, admin_client):
    url = reverse("admin:catalog_source_delete", args=[cited_source.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "would require deleting the following protected related objects" in text
    assert "Pulgasari (1986) — Tester, “The cited essay”, Shin Sang Ok, ¶ 7" in text
    admin_client.post(url, {"post": "yes"})
    assert Source.objects.filter(pk=cited_source.pk).exists()


def test_an_uncited_source_can_be_deleted(db, admin_client):
    source = f.SourceFactory(slug="unused")
    admin_client.post(reverse("admin:catalog_source_delete", args=[source.pk]), {"post": "yes"})
    assert not Source.objects.filter(pk=source.pk).exists()
