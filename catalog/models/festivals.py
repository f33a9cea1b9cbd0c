"""Festivals, their editions, and the films entered at them."""

from django.db import models
from django.db.models import Prefetch
from django.urls import reverse

from ..validators import validate_lowercase_slug, validate_year
from .cited import CitedModel, claims_prefetch
from .films import Film
from .publishing import Publishable, PublishableQuerySet
from .reference import Country
from .searchable import Searchable
from .visibility import public_rows_prefetches


class FestivalQuerySet(PublishableQuerySet):
    def with_citations(self):
        return self.prefetch_related(
            claims_prefetch(),
            Prefetch(
                "editions",
                queryset=FestivalEdition.objects.prefetch_related(
                    claims_prefetch(),
                    Prefetch(
                        "entries",
                        queryset=FestivalEntry.objects.select_related("film").prefetch_related(
                            claims_prefetch()
                        ),
                    ),
                ),
            ),
        )

    def with_public_facts(self):
        """Published festivals with every claim, their editions, and each edition's public
        entries (a film that is still a draft is left out)."""
        return (
            self.published()
            .select_related("country")
            .prefetch_related(claims_prefetch(), *public_rows_prefetches(Festival))
        )


class Festival(Searchable, Publishable):
    """A film festival. Its yearly editions hold the films shown."""

    slug = models.SlugField(unique=True, max_length=100, validators=[validate_lowercase_slug])
    name = models.CharField(max_length=200)
    city = models.CharField(max_length=100, blank=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="festivals"
    )
    founded = models.PositiveSmallIntegerField(null=True, blank=True, validators=[validate_year])

    cited_fields = ("name", "city", "country", "founded")

    objects = FestivalQuerySet.as_manager()

    class Meta:
        permissions = [
            ("publish_festival", "Can publish and unpublish festivals"),
        ]
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("front:festival_detail", args=[self.slug])

    def shown_editions(self):
        """The editions that showed a published film, by year, an unknown year last.

        An edition whose only films are drafts would be an empty heading, so it is left out
        (of the page, its JSON-LD and the API alike). Reads ``with_public_facts`` rows.
        """
        editions = [edition for edition in self.editions.all() if edition.entries.all()]
        return sorted(editions, key=lambda edition: (edition.year is None, edition.year or 0))

    def search_names(self):
        return [self.name, self.city]


class FestivalEdition(CitedModel):
    """One year's edition of a festival."""

    festival = models.ForeignKey(Festival, on_delete=models.CASCADE, related_name="editions")
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[validate_year], help_text="Empty if no source gives it."
    )

    is_row = True
    record_path = "festival"  # the record whose page shows this row

    class Meta:
        ordering = ["festival", "year"]
        constraints = [
            models.UniqueConstraint(fields=["festival", "year"], name="unique_festival_year")
        ]

    def __str__(self):
        return f"{self.festival} {self.year or '(year unknown)'}"

    def get_absolute_url(self):
        return self.festival.get_absolute_url()


class FestivalEntry(CitedModel):
    """A film at a festival edition: a screening, a premiere, a competition entry, an award."""

    class Premiere(models.TextChoices):
        NONE = "", "—"
        WORLD = "world", "world premiere"
        INTERNATIONAL = "international", "international premiere"
        NORTH_AMERICAN = "north-american", "North American premiere"
        EUROPEAN = "european", "European premiere"
        NATIONAL = "national", "national premiere"

    class Result(models.TextChoices):
        WON = "won", "won"
        SPECIAL_MENTION = "special-mention", "special mention"
        NOMINATED = "nominated", "nominated"
        SCREENED = "screened", "screened"

    edition = models.ForeignKey(FestivalEdition, on_delete=models.CASCADE, related_name="entries")
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="festival_entries")
    section = models.CharField(max_length=100, blank=True, help_text="e.g. competition.")
    premiere = models.CharField(max_length=16, choices=Premiere.choices, blank=True)
    award = models.CharField(max_length=200, blank=True)
    result = models.CharField(max_length=16, choices=Result.choices, default=Result.SCREENED)

    is_row = True
    record_path = "film"  # the record whose page shows this row

    class Meta:
        ordering = ["edition__year", "edition__festival__name", "film__title", "award"]
        verbose_name_plural = "festival entries"
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "film", "award"], name="unique_festival_entry"
            )
        ]

    def __str__(self):
        what = f": {self.award} ({self.get_result_display()})" if self.award else ""
        return f"{self.film.title} at {self.edition}{what}"

    def get_absolute_url(self):
        return self.film.get_absolute_url()
