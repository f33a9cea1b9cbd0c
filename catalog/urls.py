from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("festivals/", views.FestivalListView.as_view(), name="festival_list"),
    path("festivals/<slug:slug>/", views.FestivalDetailView.as_view(), name="festival_detail"),
    path("sources/", views.SourceListView.as_view(), name="source_list"),
]
