from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from . import api, pages, records_api, views
from .sitemaps import SITEMAPS

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("films/", views.film_list, name="film_list"),
    path("films/export.csv", api.export_csv, name="film_export_csv"),
    path("films/<slug:slug>/", views.FilmDetailView.as_view(), name="film_detail"),
    path("films/export.json", api.export_json, name="film_export_json"),
    path("search/", views.site_search, name="site_search"),
    path("changes/", views.recent_changes_page, name="recent_changes"),
    path("people/<slug:slug>/", pages.PersonDetailView.as_view(), name="person_detail"),
    path("studios/<slug:slug>/", pages.StudioDetailView.as_view(), name="studio_detail"),
    path("sources/<int:pk>/", pages.SourceDetailView.as_view(), name="source_detail"),
    path("sources/<int:pk>/cite.<str:fmt>", pages.source_export, name="source_export"),
    path("coproductions/", pages.CoproductionsView.as_view(), name="coproductions"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # The API answers in JSON only, to GET: records_api.api_view makes any other method a
    # JSON 405, and the last pattern makes any other address under api/ a JSON 404 (only
    # those ending in a slash, so that APPEND_SLASH still redirects /api/people there).
    path("api/films/", records_api.api_view(api.films), name="api_films"),
    path("api/films/<slug:slug>/", records_api.api_view(api.film_detail), name="api_film"),
    path("api/people/", records_api.people, name="api_people"),
    path("api/people/<slug:slug>/", records_api.person, name="api_person"),
    path("api/studios/", records_api.studios, name="api_studios"),
    path("api/studios/<slug:slug>/", records_api.studio, name="api_studio"),
    path("api/festivals/", records_api.festivals, name="api_festivals"),
    path("api/festivals/<slug:slug>/", records_api.festival, name="api_festival"),
    path("api/sources/", records_api.sources, name="api_sources"),
    path("api/sources/<int:pk>/", records_api.source, name="api_source"),
    re_path(r"^api/(.*/)?$", records_api.not_found),
    path("admin/", admin.site.urls),
    path("_nested_admin/", include("nested_admin.urls")),
    path("", include("catalog.urls")),
    path("", include("people.urls")),
    path("", include("coproductions.urls")),
    path(f"{settings.MEDIA_URL.lstrip('/')}<path:path>", views.media, name="media"),
]
