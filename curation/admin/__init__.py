"""Every ModelAdmin of the catalogue, registered on the curators' site when imported.

Laid out as ``django.contrib.admin`` is: ``widgets``, ``forms``, ``inlines`` (with their
formsets), ``filters`` and ``options`` (the row pages' ModelAdmin) are the machinery; the
ModelAdmins of each app's models are in ``catalog``, ``people`` and ``coproductions``, and
``films`` composes the film page from all three; ``reviews`` is the review queue. The
mechanisms they apply live beside this package: ``curation.concurrency`` (no lost updates),
``curation.publishing``, ``curation.citing``, ``curation.review``, ``curation.history`` and
``curation.merging``, each with its ModelAdmin mixin. Nothing
outside this package imports it: importing it registers the admins on ``admin.site``, whose
class (``curation.sites``) must be importable first.
"""

from . import catalog, coproductions, films, people, reviews  # noqa: F401
