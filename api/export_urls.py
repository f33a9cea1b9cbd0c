"""The films exports, beside the film search they export (/films/export.csv), and the claims
behind them (/films/claims.csv)."""

from django.urls import path

from . import exports

app_name = "exports"

urlpatterns = [
    path("films/export.csv", exports.export_csv, name="films_csv"),
    path("films/export.json", exports.export_json, name="films_json"),
    path("films/claims.csv", exports.claims_csv, name="claims_csv"),
    path("films/claims.json", exports.claims_json, name="claims_json"),
]
