"""The curation app's tables: the changes waiting for an Editor's review, and which
deletions happened together.

Everything else the app does works on the catalogue's records. The module also makes Django
send this app ``post_migrate``, on which the roles are brought up to date
(``apps.CurationConfig``).
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
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


class ReviewQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(state=Review.State.PENDING)

    def about(self, record):
        return self.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        )


class Review(models.Model):
    """A Curator's work an Editor decides on before the public sees it: a change to a
    published record (the form as the curator posted it, applied on acceptance), or a draft
    marked ready to publish. ``diff`` is what changes, field by field and row by row, as it
    stood when the curator submitted it."""

    class Kind(models.TextChoices):
        CHANGE = "change", "change to a published record"
        PUBLISH = "publish", "draft ready to publish"

    class State(models.TextChoices):
        PENDING = "pending", "waiting for review"
        ACCEPTED = "accepted", "accepted"
        SENT_BACK = "sent-back", "sent back"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    record_name = models.CharField(max_length=300, help_text="The record as it was named.")
    # The admin form the change was made on: the record's page, or a row's, a claim's or a
    # citation's own page (``form_id`` empty: a row added there).
    form_model = models.CharField(max_length=100, blank=True)
    form_id = models.PositiveBigIntegerField(null=True, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.PENDING, db_index=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews_asked"
    )
    submitted = models.DateTimeField(auto_now_add=True)
    data = models.JSONField(default=dict, blank=True, help_text="The form as posted.")
    diff = models.JSONField(default=list, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviews_done",
    )
    reviewed = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True, help_text="The editor's note when sending it back.")

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["submitted", "id"]
        verbose_name = "change for review"
        verbose_name_plural = "review queue"
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.get_kind_display().capitalize()}: {self.record_name}"

    @property
    def imported_from(self):
        """The file a change made by an import came from (``curation.review.imports``)."""
        return (self.data.get("_import") or {}).get("file_name") or ""
