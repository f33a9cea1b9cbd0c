import runpy
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser import CHROMIUM


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the curated dataset once; every test runs inside a transaction on top of it."""
    with django_db_blocker.unblock():
        call_command("load_dataset", verbosity=0)


@pytest.fixture
def curated(db):
    """The curated collection and the roles (restored if a transactional test emptied the
    database: a flush removes data that migrations created too)."""
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType

    from catalog.models import Film

    if not Film.objects.exists():
        ContentType.objects.clear_cache()  # a flush recreated them with new ids
        call_command("load_dataset", verbosity=0)
    if not Group.objects.filter(name="Editor").exists():
        from curation.roles import create_roles

        create_roles()


def user_in(group, name=None):
    """A staff user in one of the two roles (Curator or Editor)."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(name or group.lower(), password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db, client):
    client.force_login(user_in("Editor"))
    return client


@pytest.fixture
def curator(db, client):
    client.force_login(user_in("Curator"))
    return client


@pytest.fixture
def empty_catalogue(db):
    """A test that builds its own small world starts from an empty catalogue."""
    from catalog.models import Claim, Country, Festival, Film, Genre, Source
    from coproductions.models import Studio
    from people.models import Person
    from search.index import deferred

    with deferred():  # the search index once, not once per deleted row
        Claim.objects.all().delete()  # cascades to citations
        Film.objects.filter(parent__isnull=False).delete()
        for model in (Film, Person, Festival, Genre):
            model.objects.all().delete()
        Studio.objects.update(parent=None)
        Studio.objects.all().delete()
        Source.objects.all().delete()
        Country.objects.all().delete()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, curated):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base = live_server.url
    yield page
    context.close()


SETTINGS_FILE = str(Path(__file__).resolve().parent.parent / "nkfilms" / "settings.py")
# The environment variables it reads.
SETTINGS_VARIABLES = (
    "DATABASE_URL",
    "DATABASE_CONN_MAX_AGE",
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DJANGO_CSRF_TRUSTED_ORIGINS",
    "DJANGO_SECURE_HSTS_SECONDS",
    "DJANGO_SECURE_SSL_REDIRECT",
    "DJANGO_SECURE_PROXY_SSL_HEADER",
    "MEDIA_ROOT",
    "STATIC_ROOT",
    "NKFILMS_SERVE_MEDIA",
    "NKFILMS_BASE_URL",
    "NKFILMS_DATASET",
    "DJANGO_SECURE_COOKIES",
    "REDIS_URL",
    "NKFILMS_PAGE_CACHE_SECONDS",
)


@pytest.fixture
def read_settings(monkeypatch):
    """Run nkfilms/settings.py afresh with just the given variables set, and return its
    settings as a dict; the settings of the running tests stay as they are."""

    def read(**environment):
        for name in SETTINGS_VARIABLES:
            monkeypatch.delenv(name, raising=False)
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(SETTINGS_FILE)

    return read


@pytest.fixture(autouse=True)
def pages_made_afresh(settings):
    """Tests see every page made afresh (some change data as no user can, without signals);
    the cache's own tests turn it back on."""
    settings.NKFILMS_PAGE_CACHE_SECONDS = 0
