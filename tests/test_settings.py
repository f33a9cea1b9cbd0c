"""Configuration comes from the environment and fails loudly, naming the variable."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from nkfilms.settings import envbool, envint

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {"DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "a-production-key-" + "x" * 40}


def test_envbool_refuses_a_value_that_is_not_true_or_false(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG must be true or false"):
        envbool("SOME_FLAG", "false")


def test_envint_refuses_a_non_number(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER must be a whole number"):
        envint("SOME_NUMBER", "0")


def test_production_refuses_to_start_without_a_secret_key(read_settings):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY must be set"):
        read_settings(DJANGO_DEBUG="false")


@pytest.mark.parametrize("debug", ["true", "false"])
def test_a_secret_key_of_only_spaces_is_refused(read_settings, debug):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY is only white space"):
        read_settings(DJANGO_DEBUG=debug, DJANGO_SECRET_KEY="   ")


def test_development_runs_on_an_sqlite_file_in_the_project_folder(read_settings):
    database = read_settings()["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(ROOT / "nkfilms.sqlite3")
    # Two saves at once wait for each other instead of failing with "database is locked".
    assert database["OPTIONS"] == {"timeout": 20, "transaction_mode": "IMMEDIATE"}


def test_a_postgres_url_selects_postgresql_without_the_sqlite_options(read_settings):
    settings = read_settings(
        DATABASE_URL="postgres://curator@db.example:5433/nkfilms", DATABASE_CONN_MAX_AGE="60"
    )
    database = settings["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == ("db.example", 5433, "nkfilms")
    assert database["CONN_MAX_AGE"] == 60
    # No SQLite options; no JIT, which costs seconds on the facet queries, and random reads
    # priced as on SSDs, which keeps a prolific person's page off a join of every person
    # (docs/benchmarks.md).
    assert database["OPTIONS"] == {"options": "-c jit=off -c random_page_cost=1.1"}


def test_postgresql_connections_do_not_jit_compile_queries(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"


@pytest.mark.parametrize(
    "url",
    [
        "nonsense",
        "",
        "   ",
        "postgres://",  # no database name
        "mysql://curator@db.example/nkfilms",  # not a database the project runs on
        "postgres://curator:s3cret@db.example:port/nkfilms",
    ],
)
def test_a_database_url_that_is_not_sqlite_or_postgresql_is_refused(read_settings, url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL must be sqlite") as error:
        read_settings(DATABASE_URL=url)
    assert "s3cret" not in str(error.value)  # a password never reaches the log


@pytest.mark.parametrize("name", ["MEDIA_ROOT", "STATIC_ROOT", "NKFILMS_DATASET"])
def test_an_empty_path_is_refused(read_settings, name):
    with pytest.raises(ImproperlyConfigured, match=f"{name} must be a path, not empty"):
        read_settings(**{name: ""})


def test_relative_paths_are_in_the_project_folder_and_absolute_ones_are_kept(read_settings):
    settings = read_settings(MEDIA_ROOT="uploads", STATIC_ROOT="/srv/nkfilms/static")
    assert settings["MEDIA_ROOT"] == ROOT / "uploads"
    assert settings["STATIC_ROOT"] == Path("/srv/nkfilms/static")


def test_production_refuses_to_start_without_allowed_hosts(read_settings):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_ALLOWED_HOSTS must name"):
        read_settings(**PRODUCTION, DJANGO_ALLOWED_HOSTS=" , ")


def test_development_accepts_empty_allowed_hosts(read_settings):
    # Django then allows localhost and 127.0.0.1 while debugging.
    assert read_settings(DJANGO_ALLOWED_HOSTS="")["ALLOWED_HOSTS"] == []


def test_a_trusted_origin_without_its_scheme_is_refused(read_settings):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_CSRF_TRUSTED_ORIGINS must list"):
        read_settings(DJANGO_CSRF_TRUSTED_ORIGINS="https://nkfilms.org,nkfilms.org")


def test_production_cookies_are_secure_and_development_ones_are_not(read_settings):
    production = read_settings(**PRODUCTION)
    assert production["SESSION_COOKIE_SECURE"] and production["CSRF_COOKIE_SECURE"]
    development = read_settings()
    assert not development["SESSION_COOKIE_SECURE"] and not development["CSRF_COOKIE_SECURE"]


def test_the_proxy_https_header_is_trusted_only_when_asked(read_settings):
    assert "SECURE_PROXY_SSL_HEADER" not in read_settings(**PRODUCTION)
    settings = read_settings(**PRODUCTION, DJANGO_SECURE_PROXY_SSL_HEADER="true")
    assert settings["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


def test_uploads_are_served_by_the_site_while_debugging_and_on_request_in_production(
    read_settings,
):
    assert read_settings()["NKFILMS_SERVE_MEDIA"]
    assert not read_settings(**PRODUCTION)["NKFILMS_SERVE_MEDIA"]
    assert read_settings(**PRODUCTION, NKFILMS_SERVE_MEDIA="true")["NKFILMS_SERVE_MEDIA"]


def test_deploy_check_with_a_production_environment_warns_only_of_the_documented_choices():
    """README, "Production": HSTS for subdomains and preloading are left to the site's owner."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(
        PRODUCTION,
        DJANGO_SECRET_KEY="a-long-random-production-key-" + "x7Qp2mZr9Lk4" * 4,
        DJANGO_ALLOWED_HOSTS="nkfilms.org",
        DJANGO_SECURE_HSTS_SECONDS="31536000",
        DJANGO_SECURE_SSL_REDIRECT="true",
        DJANGO_SECURE_PROXY_SSL_HEADER="true",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert set(re.findall(r"\(([\w.]+\.[WE]\d+)\)", result.stderr)) == {
        "security.W005",
        "security.W021",
    }


def test_the_cache_is_redis_when_redis_url_is_set_and_memory_otherwise(read_settings):
    assert "LocMemCache" in read_settings()["CACHES"]["default"]["BACKEND"]
    redis = read_settings(REDIS_URL="redis://127.0.0.1:6379/2")["CACHES"]["default"]
    assert redis["BACKEND"].endswith("RedisCache")
    assert redis["LOCATION"] == "redis://127.0.0.1:6379/2"


def test_a_redis_url_that_is_not_one_stops_the_site(read_settings):
    import pytest
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
        read_settings(REDIS_URL="http://127.0.0.1:6379")


def test_cookies_are_https_only_in_production_unless_served_here_on_plain_http(read_settings):
    production = {"DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "x" * 50}
    assert read_settings(**production)["SESSION_COOKIE_SECURE"] is True
    local = read_settings(**production, DJANGO_SECURE_COOKIES="false")
    assert local["SESSION_COOKIE_SECURE"] is False and local["CSRF_COOKIE_SECURE"] is False
