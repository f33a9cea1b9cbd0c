from django.urls import path

from . import views

app_name = "coproductions"

urlpatterns = [
    path("studios/", views.StudioListView.as_view(), name="studio_list"),
]
