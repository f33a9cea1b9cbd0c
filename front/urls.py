"""Every public page: lists and records, the co-productions story, search, sitemap."""

from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.generic import RedirectView, TemplateView

from .sitemaps import SITEMAPS
from .views import coproductions, feeds, festivals, films, people, site, sources, studios

app_name = "front"

urlpatterns = [
    path("", site.HomeView.as_view(), name="home"),
    path("films/", films.film_list, name="film_list"),
    path("films/<slug:slug>/", films.FilmDetailView.as_view(), name="film_detail"),
    path("people/", people.PersonListView.as_view(), name="person_list"),
    path("people/<slug:slug>/", people.PersonDetailView.as_view(), name="person_detail"),
    path("studios/", studios.StudioListView.as_view(), name="studio_list"),
    path("studios/<slug:slug>/", studios.StudioDetailView.as_view(), name="studio_detail"),
    path("festivals/", festivals.FestivalListView.as_view(), name="festival_list"),
    path("festivals/<slug:slug>/", festivals.FestivalDetailView.as_view(), name="festival_detail"),
    path("sources/", sources.SourceListView.as_view(), name="source_list"),
    path("sources/<int:pk>/", sources.SourceDetailView.as_view(), name="source_detail"),
    path("sources/<int:pk>/cite.<str:fmt>", sources.source_export, name="source_export"),
    path("coproductions/", coproductions.CoproductionsView.as_view(), name="coproductions"),
    path(  # as the menu and the page's heading spell it
        "co-productions/",
        RedirectView.as_view(pattern_name="front:coproductions", permanent=True, query_string=True),
    ),
    path("search/", site.site_search, name="site_search"),
    path("changes/", site.recent_changes_page, name="recent_changes"),
    path("changes/feed/", feeds.RecentChangesFeed(), name="changes_feed"),
    path("about/", site.AboutView.as_view(), name="about"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("favicon.ico", site.favicon, name="favicon"),
    path(f"{settings.MEDIA_URL.lstrip('/')}<path:path>", site.media, name="media"),
]
