"""The curation app's one table: which deletions happened together.

The module also makes Django send this app ``post_migrate``, on which the roles are brought
up to date (``apps.CurationConfig``).
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import models


class DeletionBatch(models.Model):
    """One historical "deleted" entry and the batch it belongs to: every row removed by one
    delete (a film and the titles, credits, claims and citations that cascade with it)
    shares a batch id, so restoring the film brings back exactly those rows, and never a
    row someone deleted on its own a moment before or after."""

    history_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)  # the Historical… model
    history_id = models.BigIntegerField()
    batch = models.UUIDField(default=uuid.uuid4, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["history_type", "history_id"], name="one_batch_each")
        ]

    def __str__(self):
        return f"{self.history_type.model} {self.history_id} in {self.batch}"
