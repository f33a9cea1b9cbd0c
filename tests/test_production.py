"""With DJANGO_DEBUG=false: pages, error pages, the error log and uploaded images."""

import io
import logging

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import path
from django.views.defaults import server_error

from catalog.models import FilmImage
from tests.factories import FilmFactory

PRODUCTION = {"DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "a-production-key-" + "x" * 40}


def broken_page(request):
    raise RuntimeError("the page broke")


urlpatterns = [path("broken/", broken_page)]


@pytest.fixture
def production(read_settings, tmp_path):
    """The static files set-up of production, collected into a temporary STATIC_ROOT."""
    production = read_settings(**PRODUCTION, STATIC_ROOT=str(tmp_path / "static"))
    with override_settings(
        DEBUG=False,
        **{
            name: production[name]
            for name in (
                "STATIC_ROOT",
                "STORAGES",
                "WHITENOISE_USE_FINDERS",
                "WHITENOISE_AUTOREFRESH",
                "NKFILMS_SERVE_MEDIA",
            )
        },
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield


def test_pages_and_their_stylesheet_are_served_after_collectstatic(db, client, production):
    film = FilmFactory()
    response = client.get(film.get_absolute_url())
    assert response.status_code == 200
    stylesheet = next(
        line.split('href="')[1].split('"')[0]
        for line in response.text.splitlines()
        if 'rel="stylesheet"' in line
    )
    assert stylesheet != "/static/css/nkfilms.css"  # a hashed name, cached for ever
    assert client.get(stylesheet).status_code == 200


def test_an_unknown_address_shows_the_sites_page_not_found_with_a_search(db, client, production):
    response = client.get("/films/no-such-film/")
    assert response.status_code == 404
    assert '<a class="brand" href="/">nkfilms</a>' in response.text
    assert 'action="/search/"' in response.text


def test_the_server_error_page_needs_no_database(rf):
    # No "db" fixture: a query would fail the test.
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@pytest.fixture
def console():
    """What the console log handler prints, instead of printing it."""
    handler = next(h for h in logging.getLogger().handlers if h.name == "console")
    printed = io.StringIO()
    stream = handler.setStream(printed)
    yield printed
    handler.setStream(stream)


def test_a_server_error_is_logged_with_its_traceback(db, client, console):
    client.raise_request_exception = False
    with override_settings(ROOT_URLCONF=__name__):
        response = client.get("/broken/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.text
    log = console.getvalue()
    assert "Internal Server Error: /broken/" in log
    assert "Traceback" in log and "RuntimeError: the page broke" in log


def test_uploaded_images_are_served_only_when_the_site_serves_them(db, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "films").mkdir()
    (tmp_path / "films" / "poster.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    FilmImage.objects.bulk_create([FilmImage(film=FilmFactory(), image="films/poster.png")])
    settings.NKFILMS_SERVE_MEDIA = True
    assert client.get("/media/films/poster.png").status_code == 200
    settings.NKFILMS_SERVE_MEDIA = False  # the web server in front serves them
    assert client.get("/media/films/poster.png").status_code == 404
