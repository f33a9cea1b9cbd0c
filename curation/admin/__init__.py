"""Every ModelAdmin of the catalogue, registered on the curators' site when imported."""

from . import base, coproductions, films, people  # noqa: F401
