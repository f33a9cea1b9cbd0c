"""The JSON API under /api/: read-only, every error in one JSON envelope."""

from django.urls import path, re_path

from . import films, records
from .decorators import api_view, not_found

app_name = "api"

urlpatterns = [
    path("films/", api_view(films.films), name="films"),
    path("films/<slug:slug>/", api_view(films.film_detail), name="film"),
    path("people/", records.people, name="people"),
    path("people/<slug:slug>/", records.person, name="person"),
    path("studios/", records.studios, name="studios"),
    path("studios/<slug:slug>/", records.studio, name="studio"),
    path("festivals/", records.festivals, name="festivals"),
    path("festivals/<slug:slug>/", records.festival, name="festival"),
    path("sources/", records.sources, name="sources"),
    path("sources/<int:pk>/", records.source, name="source"),
    # Any other address under api/ is a JSON 404 (only those ending in a slash, so that
    # APPEND_SLASH still redirects /api/people there).
    re_path(r"^(.*/)?$", not_found),
]
