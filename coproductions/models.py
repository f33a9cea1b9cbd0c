"""Studios and organisations, their links to films, and co-production arrangements."""

from collections import defaultdict
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Min, Prefetch, Q
from django.urls import reverse

from catalog.models import (
    CitedModel,
    Country,
    Film,
    NameRow,
    Publishable,
    PublishableQuerySet,
    RowQuerySet,
    Searchable,
    claims_prefetch,
)
from catalog.validators import raise_errors, validate_historical_year, validate_lowercase_slug

NORTH_KOREA = "KP"  # the home side of every co-production: its partners abroad are the others


class StudioQuerySet(PublishableQuerySet):
    def studios(self):
        """Studios and organisations, without the publishers that sources appear in (Variety,
        IMDb, McFarland): lists and counts leave those out unless asked for."""
        return self.exclude(kind=Studio.Kind.PUBLISHER)

    def for_list(self):
        """What the list of studios shows: name, kind, city and country, not notes."""
        return self.select_related("country").only(
            "slug", "name", "kind", "city", "status", "country__code", "country__name"
        )

    def with_own_citations(self):
        """A studio with its names, and their claims and citations: not its films, which
        a page shows a page at a time (``Studio.filmography``)."""
        return self.select_related("country", "parent").prefetch_related(
            claims_prefetch(),
            Prefetch("names", queryset=StudioName.objects.prefetch_related(claims_prefetch())),
        )

    def with_citations(self):
        """A studio with its names and its public film roles (published films only), each
        with claims and citations; film roles come in year order, undated last."""
        return self.with_own_citations().prefetch_related(
            Prefetch(
                "film_roles",
                queryset=FilmStudio.objects.public()
                .select_related("film")
                .prefetch_related(claims_prefetch())
                .order_by(F("film__year").asc(nulls_last=True), "film__title"),
            ),
        )


def most_films_first(films_by_key, records):
    """(record, number of films) pairs, most films first, then by name."""
    counted = [(records[key], len(films)) for key, films in films_by_key.items() if key in records]
    return sorted(counted, key=lambda pair: (-pair[1], pair[0].name))


class Studio(Searchable, Publishable):
    """A studio or organisation: state studio, company, collective, publisher, trade body…"""

    class Kind(models.TextChoices):
        STATE_STUDIO = "state-studio", "state film studio"
        PRODUCTION_COMPANY = "production-company", "production company"
        FILM_COLLECTIVE = "film-collective", "film collective"
        DISTRIBUTOR = "distributor", "distributor"
        BROADCASTER = "broadcaster", "broadcaster"
        PUBLISHER = "publisher", "publisher"
        ORGANISATION = "organisation", "organisation"

    slug = models.SlugField(unique=True, max_length=100, validators=[validate_lowercase_slug])
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="studios"
    )
    city = models.CharField(max_length=100, blank=True)
    # Organisations, publishers and newspapers may be older than cinema: years from 1800.
    founded = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[validate_historical_year]
    )
    dissolved = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[validate_historical_year]
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
        verbose_name="parent organisation",
    )
    distinct_from = models.ManyToManyField(
        "self",
        blank=True,
        help_text="Other studios with the same normalised name that are known to be different.",
    )
    notes = models.TextField(blank=True)

    _history_m2m_fields = ["distinct_from"]
    cited_fields = ("name", "kind", "country", "city", "founded", "dissolved", "parent")

    objects = StudioQuerySet.as_manager()

    class Meta:
        permissions = [
            ("publish_studio", "Can publish and unpublish studios"),
            ("merge_studio", "Can merge duplicate studios"),
        ]
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("front:studio_detail", args=[self.slug])

    def search_names(self):
        variants = [n.name for n in self.names.all()] if self.pk else []
        return [self.name, *variants]

    @property
    def public_parent(self):
        """The parent organisation, unless it is a draft a visitor may not see."""
        return self.parent if self.parent is not None and self.parent.is_published else None

    def filmography(self):
        """Its part in each film a visitor may see, with the film, in filmography order."""
        links = FilmStudio.objects.public().filter(studio=self).select_related("film")
        return links.in_filmography_order()

    @cached_property
    def published_film_ids(self):
        """The ids of the published films it has a part in or was a co-production partner
        of: one query (a union of two look-ups, not one join of both relations)."""
        made = Film.objects.published().filter(studio_roles__studio=self)
        partnered = Film.objects.published().filter(coproduction__partners__studio=self)
        ids = [films.values_list("pk", flat=True).order_by() for films in (made, partnered)]
        return set(ids[0].union(ids[1]))

    def partner_studios(self):
        """Other published studios on its published films, as (studio, number of films).

        A studio on the same film counts whether it took part (producer, facilities…) or
        was recorded as a co-production partner; the page and the API share this count.
        """
        films = self.published_film_ids
        shared = defaultdict(set)
        for studio, film in (
            FilmStudio.objects.public()
            .filter(film__in_ids=films)
            .exclude(studio=self)
            .values_list("studio", "film")
        ):
            shared[studio].add(film)
        for studio, film in (
            Partner.objects.public()
            .filter(coproduction__film__in_ids=films, studio__isnull=False)
            .exclude(studio=self)
            .values_list("studio", "coproduction__film")
        ):
            shared[studio].add(film)
        return most_films_first(shared, Studio.objects.published().in_bulk(shared))

    def partner_countries(self):
        """Countries on the other side of its published films, as (country, number of films).

        A film's sides are its production countries and its co-production partners'
        countries; the studio's own side (its country, and the country its own partner row
        gives) is not a partner of itself.
        """
        films = self.published_film_ids
        own = {self.country_id} - {None}
        sides = defaultdict(set)
        countries = Film.countries.through.objects.filter(film__in_ids=films)
        for film, country in countries.values_list("film", "country"):
            sides[country].add(film)
        for studio, film, country in (
            Partner.objects.public()
            .filter(coproduction__film__in_ids=films, country__isnull=False)
            .values_list("studio", "coproduction__film", "country")
        ):
            if studio == self.pk:
                own.add(country)
            else:
                sides[country].add(film)
        others = {country: films for country, films in sides.items() if country not in own}
        return most_films_first(others, Country.objects.in_bulk(others))

    def clean(self):
        errors = {}
        if self.founded and self.dissolved and self.dissolved < self.founded:
            errors["dissolved"] = ["A studio cannot be dissolved before it was founded."]
        if self.pk and self.parent_id == self.pk:
            errors["parent"] = ["A studio cannot be its own parent organisation."]
        raise_errors(errors, super().clean)


class StudioName(NameRow, CitedModel):
    """Another name of a studio: a former name (a renaming), a translation, an abbreviation."""

    class Kind(models.TextChoices):
        FORMER = "former", "former name"
        ALTERNATIVE = "alternative", "alternative name"
        ROMANIZATION = "romanization", "romanization"
        TRANSLATION = "translation", "translation"
        ABBREVIATION = "abbreviation", "abbreviation"
        SPELLING = "spelling", "spelling variant"

    studio = models.ForeignKey(Studio, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    language = models.CharField(max_length=8, blank=True)
    start_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[validate_historical_year]
    )
    end_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[validate_historical_year]
    )

    is_row = True
    record_path = "studio"  # the record whose page shows this row
    search_parent = "studio"

    objects = RowQuerySet.as_manager()

    class Meta:
        ordering = ["studio", "start_year", "name"]
        verbose_name = "studio name"
        constraints = [
            models.UniqueConstraint(fields=["studio", "name"], name="unique_studio_name")
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"

    def clean(self):
        errors = {}
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = ["A name cannot stop being used before it was first used."]
        raise_errors(errors, super().clean)

    def get_absolute_url(self):
        return self.studio.get_absolute_url()


class FilmStudio(CitedModel):
    """A studio's part in a film: producer, co-producer, service, facilities, distributor."""

    class Role(models.TextChoices):
        PRODUCER = "producer", "producer"
        CO_PRODUCER = "co-producer", "co-producer"
        PRODUCTION_SERVICE = "production-service", "production service"
        FACILITIES = "facilities", "studio facilities"
        DISTRIBUTOR = "distributor", "distributor"

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="studio_roles")
    studio = models.ForeignKey(Studio, on_delete=models.PROTECT, related_name="film_roles")
    role = models.CharField(max_length=20, choices=Role.choices)

    is_row = True
    record_path = "film"  # the record whose page shows this row

    objects = RowQuerySet.as_manager()

    class Meta:
        ordering = ["film", "role", "studio__name"]
        verbose_name = "film studio"
        constraints = [
            models.UniqueConstraint(fields=["film", "studio", "role"], name="unique_film_studio")
        ]

    def __str__(self):
        return f"{self.studio} — {self.get_role_display()} of {self.film.title}"

    def get_absolute_url(self):
        return self.film.get_absolute_url()


class CoProduction(CitedModel):
    """How a film was made between North Korea and partners abroad, and how it stands."""

    class Standing(models.TextChoices):
        APPROVED = "approved", "approved by both sides"
        DISOWNED = "disowned", "disowned by one side"
        UNRELEASED = "unreleased", "unreleased"
        SHELVED = "shelved", "shelved after few screenings"
        ANNOUNCED = "announced", "announced; not known to be made"
        UNKNOWN = "unknown", "unknown"

    film = models.OneToOneField(Film, on_delete=models.CASCADE, related_name="coproduction")
    standing = models.CharField(max_length=12, choices=Standing.choices, default=Standing.UNKNOWN)
    notes = models.TextField(blank=True)

    is_row = True  # its row claim's citations cover the arrangement
    record_path = "film"  # the record whose page shows this row
    cited_fields = ("standing",)  # how it ended, with competing standings ranked

    objects = RowQuerySet.as_manager()

    class Meta:
        ordering = ["film__year", "film__title"]
        verbose_name = "co-production"

    def __str__(self):
        return f"Co-production: {self.film}"

    def get_absolute_url(self):
        return self.film.get_absolute_url()


class Contribution(models.TextChoices):
    FINANCE = "finance", "finance"
    EQUIPMENT = "equipment", "equipment"
    CREW = "crew", "crew"
    CAST = "cast", "cast"
    LOCATIONS = "locations", "locations"
    POST_PRODUCTION = "post-production", "post-production"
    DISTRIBUTION = "distribution", "distribution"
    SCRIPT = "script", "script"
    DIRECTION = "direction", "direction"


def validate_contributions(value):
    allowed = set(Contribution.values)
    if not isinstance(value, list) or not set(value) <= allowed:
        raise ValidationError(
            "Contributions must be a list of: %(allowed)s.",
            params={"allowed": ", ".join(Contribution.values)},
        )


class PartnerQuerySet(RowQuerySet):
    def foreign(self):
        """Partners on the foreign side: those with a country, and not North Korea (as
        ``Partner.is_foreign`` says of one partner)."""
        return self.exclude(country=None).exclude(country__code=NORTH_KOREA)

    def countries(self):
        """The countries of these partners, each once, in the order each first took part:
        by the year of its earliest film (``first_year``; undated films count last), then
        by name. One query."""
        return (
            Country.objects.filter(partnerships__in=self)
            .annotate(first_year=Min("partnerships__coproduction__film__year"))
            .order_by(F("first_year").asc(nulls_last=True), "name")
        )


class Partner(CitedModel):
    """One side of a co-production (a studio, a country, or both) and what it contributed."""

    coproduction = models.ForeignKey(
        CoProduction, on_delete=models.CASCADE, related_name="partners"
    )
    studio = models.ForeignKey(
        Studio, on_delete=models.PROTECT, null=True, blank=True, related_name="partnerships"
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="partnerships"
    )
    contributions = models.JSONField(default=list, blank=True, validators=[validate_contributions])
    notes = models.TextField(blank=True)

    is_row = True
    record_path = "coproduction.film"  # the record whose page shows this row

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["coproduction", "country__name", "studio__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(studio__isnull=False) | Q(country__isnull=False),
                name="partner_has_studio_or_country",
                violation_error_message="A partner needs a studio, a country, or both.",
            ),
            models.UniqueConstraint(
                fields=["coproduction", "studio", "country"], name="unique_partner"
            ),
            # The constraint above lets rows with an empty studio or country repeat (NULLs
            # are never equal): these catch a studio, or a country, named twice on its own.
            models.UniqueConstraint(
                fields=["coproduction", "studio"],
                condition=Q(country__isnull=True),
                name="unique_partner_studio",
                violation_error_message="This studio is already a partner of this co-production.",
            ),
            models.UniqueConstraint(
                fields=["coproduction", "country"],
                condition=Q(studio__isnull=True),
                name="unique_partner_country",
                violation_error_message="This country is already a partner of this co-production.",
            ),
        ]

    @property
    def is_foreign(self):
        """On the foreign side: a country, and not North Korea (``PartnerQuerySet.foreign``
        in SQL)."""
        return self.country is not None and self.country.code != NORTH_KOREA

    def label_under_record(self):
        return f"partner in {self.coproduction.film.title}: {self}"

    def __str__(self):
        return " / ".join(str(x) for x in (self.studio, self.country) if x)

    def get_absolute_url(self):
        return self.coproduction.film.get_absolute_url()

    def get_contributions_display(self):
        labels = dict(Contribution.choices)
        return ", ".join(labels.get(c, c) for c in self.contributions)
