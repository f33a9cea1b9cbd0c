"""Films, their other titles, where they were shot, and their images."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ..images import clean_image, validate_image_file
from ..validators import raise_errors, validate_lowercase_slug, validate_year
from .cited import CitedModel, cited_rows_prefetches, claims_prefetch
from .publishing import Publishable, PublishableQuerySet, year_constraint
from .reference import Country, Genre, Romanization
from .searchable import NameRow, Searchable
from .visibility import public_q, public_rows_prefetches


class Scope(models.TextChoices):
    """A film's relation to North Korean cinema. The first three are the catalogue's subject,
    shown by default; a film cited for context (one a source names beside a North Korean
    one: X-Men, Godzilla) keeps its page and is found through the scope facet."""

    PRODUCTION = "production", "North Korean production"
    COPRODUCTION = "coproduction", "co-production with North Korea"
    ABOUT = "about", "foreign film about North Korea"
    CONTEXT = "context", "film cited for context"


NORTH_KOREAN_CINEMA = (Scope.PRODUCTION, Scope.COPRODUCTION, Scope.ABOUT)


class FilmQuerySet(PublishableQuerySet):
    def for_list(self):
        return self.only(
            "slug", "title", "original_title", "year", "end_year", "kind", "scope", "status"
        )

    def north_korean_cinema(self):
        """Films of the catalogue's subject: every scope but films cited for context."""
        return self.filter(scope__in=NORTH_KOREAN_CINEMA)

    def with_citations(self):
        """A film with every claim and citation: its own and those of all its rows
        (titles, locations, festival entries, credits, studios, co-production partners)."""
        return self.select_related("parent").prefetch_related(
            claims_prefetch(),
            "genres",
            "countries",
            Prefetch("parts", queryset=Film.objects.published().order_by("part_number", "year")),
            "images",
            *cited_rows_prefetches(Film),
        )

    def with_public_facts(self):
        """Published films with every fact a visitor may see, and the citations of each.

        Rows that link a draft — a draft person's credit, a draft studio's part or
        partnership, an entry at a draft festival — are left out, and so are parts of a
        series that are still drafts; the film page, its JSON-LD and the API read the same.
        """
        return (
            self.published()
            .select_related("parent")
            .prefetch_related(
                claims_prefetch(),
                "genres",
                "countries",
                Prefetch(
                    "parts", queryset=Film.objects.published().order_by("part_number", "year")
                ),
                "images",
                *public_rows_prefetches(Film),
            )
        )


class Film(Searchable, Publishable):
    """A film, series or episode, with its facts as the preferred values of its claims."""

    class Kind(models.TextChoices):
        FEATURE = "feature", "feature film"
        DOCUMENTARY = "documentary", "documentary"
        ANIMATION = "animation", "animation"
        SHORT = "short", "short film"
        SERIES = "series", "series"
        EPISODE = "episode", "episode"

    class Colour(models.TextChoices):
        UNKNOWN = "", "unknown"
        COLOUR = "colour", "colour"
        BLACK_AND_WHITE = "black-and-white", "black and white"
        MIXED = "mixed", "colour and black and white"

    slug = models.SlugField(unique=True, max_length=120, validators=[validate_lowercase_slug])
    title = models.CharField(max_length=300, help_text="The preferred English title.")
    original_title = models.CharField(
        max_length=300, blank=True, help_text="The original title in Hangul."
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True, validators=[validate_year])
    end_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[validate_year], help_text="For series: the last year."
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.FEATURE)
    scope = models.CharField(
        max_length=12,
        choices=Scope.choices,
        default=Scope.PRODUCTION,
        db_index=True,
        help_text="Its relation to North Korean cinema; films cited for context are hidden "
        "from lists by default.",
    )
    genres = models.ManyToManyField(Genre, blank=True, related_name="films")
    runtime = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(32_767, "A runtime is at most 32,767 minutes.")],
        help_text="Minutes.",
    )
    colour = models.CharField(max_length=16, choices=Colour.choices, blank=True)
    synopsis = models.TextField(blank=True, help_text="In our own words.")
    countries = models.ManyToManyField(
        Country, blank=True, related_name="films", verbose_name="production countries"
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts",
        verbose_name="series",
        help_text="The series or multi-part work this is a part of.",
    )
    part_number = models.PositiveSmallIntegerField(null=True, blank=True)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When it was first published: the home page's “Recently added”.",
    )

    _history_m2m_fields = ["genres", "countries"]  # their changes are recorded too
    cited_fields = (
        "title",
        "original_title",
        "year",
        "end_year",
        "kind",
        "scope",
        "runtime",
        "colour",
        "synopsis",
        "countries",
        "genres",
    )

    objects = FilmQuerySet.as_manager()

    class Meta:
        permissions = [
            ("publish_film", "Can publish and unpublish films"),
        ]
        ordering = ["title", "year"]
        constraints = [
            year_constraint("year", "film_year_from_1895"),
            year_constraint("end_year", "film_end_year_from_1895"),
        ]
        indexes = [
            # The film list's order (search.filters.SORTS; an ascending year puts unknown
            # years last, as PostgreSQL's index does): its first page is read from the index
            # instead of sorting every film.
            models.Index(fields=["title", "year", "slug"], name="film_title_order"),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})" if self.year else self.title

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("front:film_detail", args=[self.slug])

    def save(self, *args, **kwargs):
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()  # first published now; kept if unpublished
        super().save(*args, **kwargs)

    @property
    def is_context(self):
        return self.scope == Scope.CONTEXT

    def clean(self):
        errors = {}
        if self.year and self.end_year and self.end_year < self.year:
            errors["end_year"] = ["The last year cannot come before the first."]
        if self.parent_id and self.parent_id == self.pk:
            errors["parent"] = ["A film cannot be a part of itself."]
        if self.part_number and not self.parent_id:
            errors["part_number"] = ["A part number needs a series."]
        raise_errors(errors, super().clean)

    def search_names(self):
        titles = [t.title for t in self.titles.all()] if self.pk else []
        return [self.title, self.original_title, *titles]

    def original_title_row(self):
        """The original title as a row of the page's table of titles, so that it is listed
        beside the others (unsaved: the title is the film's own field, cited there), or None
        when there is none or a title row already gives it."""
        if not self.original_title or any(
            t.title == self.original_title for t in self.titles.all()
        ):
            return None
        return FilmTitle(
            film=self,
            title=self.original_title,
            language="ko",  # the field holds the title in Hangul
            script="Hang",
            kind=FilmTitle.Kind.ORIGINAL,
        )

    @property
    def years_label(self):
        if self.year and self.end_year and self.end_year != self.year:
            return f"{self.year}–{self.end_year}"
        return str(self.year) if self.year else ""


class FilmTitle(NameRow, CitedModel):
    """Another title of a film: original, romanized, translated, release or alternative."""

    class Kind(models.TextChoices):
        ORIGINAL = "original", "original title"
        ROMANIZED = "romanized", "romanized title"
        LITERAL = "literal", "literal translation"
        RELEASE = "release", "release title"
        ALTERNATIVE = "alternative", "alternative title"

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="titles")
    title = models.CharField(max_length=300)
    language = models.CharField(max_length=8, help_text="ISO 639-1 code: ko, ja, ru, en…")
    script = models.CharField(max_length=4, blank=True, help_text="ISO 15924: Hang, Latn, Jpan…")
    romanization = models.CharField(max_length=8, choices=Romanization.choices, blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)

    is_row = True
    record_path = "film"  # the record whose page shows this row
    search_parent = "film"

    class Meta:
        ordering = ["film", "kind", "language", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "title", "language", "kind"], name="unique_film_title"
            )
        ]

    def __str__(self):
        return f"{self.title} [{self.language}, {self.get_kind_display()}]"

    def get_absolute_url(self):
        return self.film.get_absolute_url()


class ShootingLocation(CitedModel):
    """A place where a film was shot."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="locations")
    place = models.CharField(max_length=200)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="locations"
    )
    note = models.TextField(blank=True)

    is_row = True
    record_path = "film"  # the record whose page shows this row

    class Meta:
        ordering = ["film", "place"]
        constraints = [
            models.UniqueConstraint(fields=["film", "place"], name="unique_film_location")
        ]

    def __str__(self):
        return self.place

    def get_absolute_url(self):
        return self.film.get_absolute_url()


class FilmImage(models.Model):
    """A poster or still of a film, stored without metadata, with a thumbnail and alt text."""

    class Kind(models.TextChoices):
        POSTER = "poster", "poster"
        STILL = "still", "still"

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="images")
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.STILL)
    image = models.ImageField(upload_to="films/", validators=[validate_image_file])
    thumbnail = models.ImageField(upload_to="films/thumbnails/", editable=False, blank=True)
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt_text = models.CharField(
        max_length=300, help_text="What the image shows, for readers who cannot see it."
    )
    caption = models.CharField(max_length=300, blank=True)
    credit = models.CharField(max_length=200, blank=True, help_text="Where the image comes from.")
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["film", "kind", "order", "id"]

    def __str__(self):
        return f"{self.get_kind_display().capitalize()} of {self.film.title}"

    def save(self, *args, **kwargs):
        if self.image and not self.image._committed:  # a new upload: clean it once
            cleaned, thumbnail, (self.width, self.height) = clean_image(self.image.file)
            self.image.save(cleaned.name, cleaned, save=False)
            self.thumbnail.save(thumbnail.name, thumbnail, save=False)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.film.get_absolute_url()

    @classmethod
    def is_public_file(cls, name):
        """Whether an uploaded file (``films/…``) is a poster or still, or its thumbnail,
        of a film a visitor may see: a draft's images, and files no image owns any more
        (a deleted record's, kept for restoring), are not."""
        owned = models.Q(image=name) | models.Q(thumbnail=name)
        return cls.objects.filter(owned).filter(public_q(cls)).exists()
