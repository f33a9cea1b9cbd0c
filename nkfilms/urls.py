from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("_nested_admin/", include("nested_admin.urls")),
    path("api/", include("api.urls")),
    path("", include("api.export_urls")),  # before films/<slug>/: "export.csv" is no slug
    path("data/", include("api.data_urls")),
    path("", include("front.urls")),
]
