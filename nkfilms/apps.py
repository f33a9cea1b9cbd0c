from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class NkfilmsConfig(AppConfig):
    """The project package as an app: site-wide pages, the dataset commands."""

    name = "nkfilms"
    default = True


class NkfilmsAdminConfig(admin_apps.AdminConfig):
    """The admin with nkfilms' own site: the "needs a source" view and its count."""

    default = False
    default_site = "nkfilms.admin.NkfilmsAdminSite"
