"""The core catalogue: films, their titles, festivals, countries, genres and sources.

Every public fact here can carry citations (see ``catalog.claims``). ``people`` and
``coproductions`` build on these models; this module imports neither of them.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .claims import (  # noqa: F401  (re-exported: the models of this app)
    ROW,
    Citation,
    CitedModel,
    CitedQuerySet,
    Claim,
    Rank,
    cited_rows_prefetches,
    claims_prefetch,
)
from .images import clean_image, validate_image_file
from .merging import MergedSlug  # noqa: F401  (a model of this app)
from .search import NameRow, Searchable
from .validators import (
    FIRST_FILM_YEAR,
    raise_errors,
    validate_lowercase_slug,
    validate_partial_date,
    validate_year,
)


class VersionConflict(Exception):
    """A save that expected a version someone else has replaced meanwhile."""


class Status(models.TextChoices):
    DRAFT = "draft", "draft"
    PUBLISHED = "published", "published"


class PublishableQuerySet(CitedQuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


class Publishable(CitedModel):
    """A record with its own public page: drafts stay hidden until an editor publishes them."""

    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every save; guards against lost updates."
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args, expected_version=None, **kwargs):
        """Save as the next version, numbered by the database.

        The number is raised with one UPDATE (``version = version + 1``), so two saves never
        share a number and a revert to an old version still moves forward. With
        ``expected_version`` (the version a form was opened at) the save is refused with
        ``VersionConflict`` if anyone saved since. A new record, or a deleted one being
        restored, keeps the version it has.
        """
        if self.pk is not None:
            saved = type(self)._base_manager.filter(pk=self.pk)
            expected = saved if expected_version is None else saved.filter(version=expected_version)
            if expected.update(version=F("version") + 1):
                self.version = saved.values_list("version", flat=True).get()
            elif expected_version is not None and saved.exists():
                raise VersionConflict(f"{self} was saved by someone else meanwhile.")
        super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED


def year_constraint(field, name, first=FIRST_FILM_YEAR):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": first}),
        name=name,
        violation_error_message=f"Years start in {first}.",
    )


class Romanization(models.TextChoices):
    """How a name or title in Latin letters was romanized."""

    NONE = "", "—"
    MR = "mr", "McCune–Reischauer"
    RR = "rr", "Revised Romanization"
    HEPBURN = "hepburn", "Hepburn"
    PINYIN = "pinyin", "Hanyu Pinyin"
    OTHER = "other", "other or informal"


class Country(models.Model):
    """A country by its ISO 3166 code, including states that no longer exist (SU, CS, DD)."""

    code = models.CharField(max_length=2, unique=True, help_text="ISO 3166-1 alpha-2.")
    name = models.CharField(max_length=100)
    historical = models.BooleanField(
        default=False, help_text="A state that no longer exists, such as the Soviet Union."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("film_list") + f"?country={self.code}"

    def natural_key(self):
        return (self.code,)


class Genre(models.Model):
    """A genre label, the curators' own classification."""

    slug = models.SlugField(unique=True, validators=[validate_lowercase_slug])
    name = models.CharField(max_length=100)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("film_list") + f"?genre={self.slug}"

    def natural_key(self):
        return (self.slug,)


class Source(Searchable):
    """A work that facts are cited to: a book, article, interview, web page, film or archive."""

    class Kind(models.TextChoices):
        BOOK = "book", "book"
        ARTICLE = "article", "article"
        INTERVIEW = "interview", "interview"
        WEB_PAGE = "web-page", "web page"
        FILM = "film", "film"
        ARCHIVE = "archive", "archive document"

    slug = models.SlugField(unique=True, max_length=100, validators=[validate_lowercase_slug])
    kind = models.CharField(max_length=12, choices=Kind.choices)
    authors = models.JSONField(
        default=list, blank=True, help_text='A list of "Family, Given" names.'
    )
    title = models.CharField(max_length=400)
    container = models.CharField(
        max_length=300, blank=True, help_text="Journal, website, or book the work appears in."
    )
    publisher = models.CharField(max_length=200, blank=True)
    place = models.CharField(max_length=100, blank=True)
    date = models.CharField(
        max_length=10,
        blank=True,
        validators=[validate_partial_date],
        help_text="YYYY, YYYY-MM or YYYY-MM-DD.",
    )
    url = models.URLField(blank=True, max_length=500)
    pages = models.CharField(max_length=50, blank=True)
    isbn = models.CharField(max_length=20, blank=True)
    language = models.CharField(max_length=8, blank=True, help_text="ISO 639-1 code.")
    notes = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.short_label()

    def get_absolute_url(self):
        return reverse("source_detail", args=[self.pk])

    def natural_key(self):
        return (self.slug,)

    @property
    def year(self):
        return int(self.date[:4]) if self.date else None

    def clean(self):
        if not isinstance(self.authors, list) or not all(isinstance(a, str) for a in self.authors):
            raise ValidationError(
                {"authors": 'Authors must be a list of names, e.g. ["Chu, Karen"].'}
            )

    def search_names(self):
        return [self.title, self.container, *self.authors, self.author_label()]

    def author_label(self):
        """Authors as a reader expects them: 'Karen Chu', 'Shin Sang-ok and Choi Eun-hee'."""
        names = []
        for author in self.authors:
            family, _, given = author.partition(", ")
            names.append(f"{given} {family}".strip() if given else family)
        if len(names) > 2:
            return ", ".join(names[:-1]) + ", and " + names[-1]
        return " and ".join(names)

    def short_label(self):
        who = self.authors[0].partition(",")[0] if self.authors else (self.container or "")
        when = f" ({self.date[:4]})" if self.date else ""
        title = self.title if len(self.title) <= 60 else self.title[:57] + "…"
        return f"{who}, “{title}”{when}" if who else f"“{title}”{when}"


class FilmQuerySet(PublishableQuerySet):
    def for_list(self):
        return self.only("slug", "title", "original_title", "year", "end_year", "kind", "status")

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

    _history_m2m_fields = ["genres", "countries"]  # their changes are recorded too
    cited_fields = (
        "title",
        "original_title",
        "year",
        "end_year",
        "kind",
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

    def __str__(self):
        return f"{self.title} ({self.year})" if self.year else self.title

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("film_detail", args=[self.slug])

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

    class Meta:
        ordering = ["film", "place"]
        constraints = [
            models.UniqueConstraint(fields=["film", "place"], name="unique_film_location")
        ]

    def __str__(self):
        return self.place

    def get_absolute_url(self):
        return self.film.get_absolute_url()


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
        return reverse("catalog:festival_detail", args=[self.slug])

    def search_names(self):
        return [self.name, self.city]


class FestivalEdition(CitedModel):
    """One year's edition of a festival."""

    festival = models.ForeignKey(Festival, on_delete=models.CASCADE, related_name="editions")
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[validate_year], help_text="Empty if no source gives it."
    )

    is_row = True

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
