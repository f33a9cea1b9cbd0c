"""Whole pages and API answers are cached under the data version: a repeat costs one query,
a change is seen at once, and a client that sends the ETag back gets a 304."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from catalog.models import Film, data_version
from tests import factories


@pytest.fixture
def page_cache(settings):
    settings.NKFILMS_PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("url", ["/films/?q=sea", "/api/v1/films/?decade=1960", "/"])
def test_a_repeat_is_served_from_the_cache_in_one_query(
    world, client, page_cache, django_assert_max_num_queries, url
):
    first = client.get(url)
    with django_assert_max_num_queries(1):  # the data version
        again = client.get(url)
    assert again.status_code == 200 and again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert "no-cache" in again["Cache-Control"]


def test_a_change_is_shown_at_once(world, client, page_cache):
    film = factories.FilmFactory(slug="cache-me", title="Cache Me", year=1971)
    url = reverse("front:film_list") + "?decade=1970"
    assert "Cache Me" in client.get(url).content.decode()
    before = data_version()
    film.title = "Changed Title"
    film.save()
    assert data_version() != before
    page = client.get(url).content.decode()
    assert "Changed Title" in page and "Cache Me" not in page


def test_an_etag_sent_back_gets_a_304_until_the_data_changes(world, client, page_cache):
    url = reverse("api:films")
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    Film.objects.published().first().save()
    assert client.get(url, headers={"if-none-match": etag}).status_code == 200


def test_staff_and_the_admin_are_never_served_from_the_cache(world, admin_client, page_cache):
    url = reverse("front:film_list")
    admin_client.get(url)
    assert not admin_client.get(url).has_header("ETag")  # made afresh for a signed-in user
    assert not admin_client.get("/admin/").has_header("ETag")


def test_every_answer_carries_a_content_security_policy(world, client):
    policy = client.get("/films/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "Content-Security-Policy" in client.get("/api/v1/films/")
