"""NKFILMS_BASE_URL: the permanent address pages cite, checked when the site starts."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from nkfilms.settings import envbaseurl


@pytest.mark.parametrize(
    "value, expected",
    [
        ("", ""),
        ("https://nkfilms.org", "https://nkfilms.org"),
        ("https://nkfilms.org/", "https://nkfilms.org"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
    ],
)
def test_the_base_url_is_a_scheme_and_host(monkeypatch, value, expected):
    monkeypatch.setenv("NKFILMS_BASE_URL", value)
    assert envbaseurl("NKFILMS_BASE_URL", "") == expected


@pytest.mark.parametrize(
    "value",
    [
        "nkfilms.org",
        "ftp://nkfilms.org",
        "https://nkfilms.org/films/",
        "https://nkfilms.org?x=1",
        "https://user:pw@nkfilms.org",
        "https://",
    ],
)
def test_a_base_url_with_a_path_or_another_scheme_stops_the_site(monkeypatch, value):
    monkeypatch.setenv("NKFILMS_BASE_URL", value)
    with pytest.raises(ImproperlyConfigured, match="NKFILMS_BASE_URL must be an http"):
        envbaseurl("NKFILMS_BASE_URL", "")
