"""What films are described with: countries, genres, and the sources facts are cited to."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from ..validators import validate_lowercase_slug, validate_partial_date
from .publishing import Status, previewed_pks, published_q
from .searchable import Searchable


class Romanization(models.TextChoices):
    """How a name or title in Latin letters was romanized."""

    NONE = "", "—"
    MR = "mr", "McCune–Reischauer"
    RR = "rr", "Revised Romanization"
    HEPBURN = "hepburn", "Hepburn"
    PINYIN = "pinyin", "Hanyu Pinyin"
    OTHER = "other", "other or informal"


# Words that make English say a country's name with "the": the Soviet Union, the United
# Kingdom, the Czech Republic, the Netherlands, the Philippines.
WITH_THE = {
    "Union",
    "Kingdom",
    "Republic",
    "States",
    "Emirates",
    "Islands",
    "Netherlands",
    "Philippines",
    "Bahamas",
    "Gambia",
    "Maldives",
}


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
        return reverse("front:film_list") + f"?country={self.code}"

    def natural_key(self):
        return (self.code,)

    @property
    def in_a_sentence(self):
        """Its name as a sentence says it, where a heading or a label says "Soviet Union":
        "with the Soviet Union", "with France"."""
        return f"the {self.name}" if WITH_THE & set(self.name.split()) else self.name


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
        return reverse("front:film_list") + f"?genre={self.slug}"

    def natural_key(self):
        return (self.slug,)


class SourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_q(self.model))


class Source(Searchable):
    """A work that facts are cited to: a book, article, interview, web page, film or archive.

    A source a Curator adds is a draft until an Editor publishes it (``status``): it is not
    listed, searched, in the sitemap or the API, and a published page that cites it says
    "citation pending review" in its place. Sources from the dataset and imports, and those
    an Editor adds, are published.
    """

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
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PUBLISHED, db_index=True
    )

    history = HistoricalRecords()
    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        permissions = [("publish_source", "Can publish and unpublish sources")]

    def __str__(self):
        return self.short_label()

    def get_absolute_url(self):
        return reverse("front:source_detail", args=[self.pk])

    def natural_key(self):
        return (self.slug,)

    @property
    def is_published(self):
        """Published, or being previewed by staff as if it were."""
        return self.status == Status.PUBLISHED or self.pk in previewed_pks(Source)

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
