"""/data/: the data release page and its downloads."""

from django.urls import path, re_path

from . import data_page

app_name = "data"

urlpatterns = [
    path("", data_page.release_page, name="release"),
    re_path(
        r"^(?P<name>nkfilms-\d{4}-\d{2}-\d{2})\.zip$", data_page.release_download, name="download"
    ),
]
