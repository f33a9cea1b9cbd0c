"""People who made films (and who wrote about them), their names, and their credits."""

from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.urls import reverse

from catalog.models import (
    NORTH_KOREAN_CINEMA,
    CitedModel,
    Country,
    Film,
    NameRow,
    Publishable,
    PublishableQuerySet,
    Romanization,
    RowQuerySet,
    Searchable,
    claims_prefetch,
    year_constraint,
)
from catalog.validators import (
    FIRST_HISTORICAL_YEAR,
    raise_errors,
    validate_historical_year,
    validate_lowercase_slug,
)


class PersonQuerySet(PublishableQuerySet):
    def of_north_korean_cinema(self):
        """Everyone but the people known here only from films cited for context (Bryan
        Singer for X-Men): lists and counts leave those out unless asked for."""
        in_scope = Credit.objects.filter(
            person=OuterRef("person"), film__scope__in=NORTH_KOREAN_CINEMA
        )
        # Found from the few credits in context films, not by asking of every person
        # whether all their credits are (0.5 s for a count at 100,000 films).
        context_only = (
            Credit.objects.exclude(film__scope__in=NORTH_KOREAN_CINEMA)
            .exclude(Exists(in_scope))
            .values("person")
        )
        return self.exclude(pk__in=context_only)

    def for_list(self):
        """What the list of people shows: names and nationality, not biographies."""
        return self.select_related("nationality").only(
            "slug", "name", "hangul_name", "status", "nationality__code", "nationality__name"
        )

    def with_own_citations(self):
        """A person with every name, and their claims and citations: not their credits,
        which a page shows a page at a time (``Person.filmography``)."""
        return self.select_related("nationality").prefetch_related(
            claims_prefetch(),
            Prefetch("names", queryset=PersonName.objects.prefetch_related(claims_prefetch())),
        )

    def with_citations(self):
        """A person with every name and public credit, and all their claims and citations.

        Credits on draft films are left out, so a page never lists (or groups under a role
        heading) a film a visitor cannot open.
        """
        return self.with_own_citations().prefetch_related(
            Prefetch(
                "credits",
                queryset=Credit.objects.public()
                .select_related("film")
                .prefetch_related(claims_prefetch()),
            ),
        )


class Person(Searchable, Publishable):
    """A person named in connection with a film, or the author of a source."""

    slug = models.SlugField(unique=True, max_length=100, validators=[validate_lowercase_slug])
    name = models.CharField(
        max_length=200, help_text="Primary name: the form most used in English, family name first."
    )
    hangul_name = models.CharField(max_length=50, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[validate_historical_year]
    )
    death_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[validate_historical_year]
    )
    nationality = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="people"
    )
    bio = models.TextField(blank=True, help_text="A short biography in our own words.")
    distinct_from = models.ManyToManyField(
        "self",
        blank=True,
        help_text="Other people with the same normalised name who are known to be different.",
    )

    _history_m2m_fields = ["distinct_from"]
    cited_fields = ("name", "hangul_name", "birth_year", "death_year", "nationality", "bio")

    objects = PersonQuerySet.as_manager()

    class Meta:
        permissions = [
            ("publish_person", "Can publish and unpublish people"),
            ("merge_person", "Can merge duplicate people"),
        ]
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            year_constraint("birth_year", "person_birth_year_from_1800", FIRST_HISTORICAL_YEAR),
            year_constraint("death_year", "person_death_year_from_1800", FIRST_HISTORICAL_YEAR),
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True)
                | Q(death_year__isnull=True)
                | Q(death_year__gte=F("birth_year")),
                name="person_dies_after_birth",
                violation_error_message="The year of death cannot come before the year of birth.",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("front:person_detail", args=[self.slug])

    def filmography(self):
        """The person's credits a visitor may see, with their films, in filmography order."""
        credits = Credit.objects.public().filter(person=self).select_related("film")
        return credits.in_filmography_order()

    def search_names(self):
        variants = [n.name for n in self.names.all()] if self.pk else []
        return [self.name, self.hangul_name, *variants]

    def clean(self):
        errors = {}
        if self.birth_year and self.death_year and self.death_year < self.birth_year:
            errors["death_year"] = ["The year of death cannot come before the year of birth."]
        raise_errors(errors, super().clean)


class PersonName(NameRow, CitedModel):
    """Another name of a person: a spelling, romanization, birth, stage or foreign name."""

    class Kind(models.TextChoices):
        ROMANIZATION = "romanization", "romanization variant"
        SPELLING = "spelling", "spelling variant"
        BIRTH_NAME = "birth-name", "birth name"
        STAGE_NAME = "stage-name", "stage name"
        JAPANESE = "japanese", "Japanese name"
        CHINESE = "chinese", "Chinese name"
        KOREAN = "korean", "Korean name"
        RUSSIAN = "russian", "Russian name"
        ENGLISH = "english", "English name"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    language = models.CharField(max_length=8, blank=True)
    romanization = models.CharField(max_length=8, choices=Romanization.choices, blank=True)

    is_row = True
    record_path = "person"  # the record whose page shows this row
    search_parent = "person"

    objects = RowQuerySet.as_manager()

    class Meta:
        ordering = ["person", "name"]
        verbose_name = "name variant"
        constraints = [
            models.UniqueConstraint(fields=["person", "name"], name="unique_person_name")
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"

    def get_absolute_url(self):
        return self.person.get_absolute_url()


class Role(models.TextChoices):
    DIRECTOR = "director", "director"
    CO_DIRECTOR = "co-director", "co-director"
    WRITER = "writer", "writer"
    PRODUCER = "producer", "producer"
    EXECUTIVE_PRODUCER = "executive-producer", "executive producer"
    ACTOR = "actor", "actor"
    CINEMATOGRAPHER = "cinematographer", "cinematographer"
    COMPOSER = "composer", "composer"
    EDITOR = "editor", "editor"
    SPECIAL_EFFECTS = "special-effects", "special effects"
    SUIT_PERFORMER = "suit-performer", "suit performer"
    ADVISER = "adviser", "adviser"
    ORIGINAL_AUTHOR = "original-author", "author of the original work"
    SELF = "self", "appears as self"
    OTHER = "other", "other"


class Credit(CitedModel):
    """A person's part in a film: their role, the character they played, the name credited."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="credits")
    role = models.CharField(max_length=20, choices=Role.choices)
    character = models.CharField(max_length=200, blank=True)
    credited_as = models.CharField(max_length=200, blank=True)
    uncredited = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)

    is_row = True
    record_path = "film"  # the record whose page shows this row

    objects = RowQuerySet.as_manager()

    class Meta:
        ordering = ["film", "order", "role", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "person", "role", "character"], name="unique_credit"
            )
        ]

    def __str__(self):
        played = f" as {self.character}" if self.character else ""
        return f"{self.person} — {self.get_role_display()}{played} in {self.film.title}"

    def get_absolute_url(self):
        return self.film.get_absolute_url()
