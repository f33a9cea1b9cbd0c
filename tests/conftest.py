import runpy
from pathlib import Path

import pytest
from django.core.management import call_command

from tests import snapshots
from tests.browser import CHROMIUM


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Snapshot the database as migrations leave it (no catalogue; content types, permissions
    and the two roles): the state every test starts from."""
    with django_db_blocker.unblock():
        snapshots.take("empty")
        snapshots.know_content_types()


def _snapshot_of(name, build, django_db_blocker):
    """Build a snapshot once per run (per xdist worker), when a test first needs it, on the
    empty database; the database is left empty again."""
    with django_db_blocker.unblock():
        snapshots.restore("empty")
        build()
        snapshots.take(name)
        snapshots.restore("empty")


@pytest.fixture(scope="session")
def _world_snapshot(django_db_setup, django_db_blocker):
    from tests import world

    _snapshot_of("world", world.build, django_db_blocker)


@pytest.fixture(scope="session")
def _curated_snapshot(django_db_setup, django_db_blocker):
    _snapshot_of("curated", lambda: call_command("load_dataset", verbosity=0), django_db_blocker)


@pytest.fixture
def world(_world_snapshot, db):
    """The small catalogue of ``tests/world.py``, built with the factories: what tests of a
    mechanism (pages, search, facets, the API) run on."""
    from tests.world import World

    snapshots.restore("world")
    return World()


@pytest.fixture
def curated(_curated_snapshot, db):
    """The curated collection of ``data/nkfilms.json``: only for tests of what it says.

    Put back from its snapshot, inside the test's transaction (or committed, for a
    transactional test that a live server reads)."""
    snapshots.restore("curated")


@pytest.fixture
def empty_catalogue(db):
    """No catalogue at all, as migrations leave the database (a test's users stay)."""
    snapshots.restore("empty")


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
