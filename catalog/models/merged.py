"""Old addresses of records merged into others."""

from django.contrib.contenttypes.models import ContentType
from django.db import models


class MergedSlug(models.Model):
    """An old URL slug of a record merged into another: it redirects there for good."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    slug = models.SlugField(max_length=120)
    target_id = models.PositiveBigIntegerField()
    merged = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-merged"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "slug"], name="unique_merged_slug")
        ]

    def __str__(self):
        return f"{self.slug} → {self.target_id}"

    @classmethod
    def target(cls, model, slug):
        """The live record an old slug now means, or None."""
        content_type = ContentType.objects.get_for_model(model)
        redirect = cls.objects.filter(content_type=content_type, slug=slug).first()
        return model.objects.filter(pk=redirect.target_id).first() if redirect else None
