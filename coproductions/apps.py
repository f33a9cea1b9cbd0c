from django.apps import AppConfig


class CoproductionsConfig(AppConfig):
    name = "coproductions"
    verbose_name = "Studios and co-productions"
