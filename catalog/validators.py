"""Validators shared by every app's models."""

import re

from django.core.exceptions import ValidationError
from django.utils import timezone

FIRST_FILM_YEAR = 1895
# People and organisations are older than cinema: Hong Myong-hui, whose novel became Rim Kkok
# Jong, was born in 1888; a publisher or a newspaper may be older still.
FIRST_HISTORICAL_YEAR = 1800
MAX_QUOTE_WORDS = 25


def decades():
    """The decades of cinema as (value, label) choices: 1890s (films start in 1895) to the
    decade of next year, the last year a film may have."""
    first = FIRST_FILM_YEAR // 10 * 10
    return [(str(y), f"{y}s") for y in range(first, timezone.now().year + 2, 10)]


def check_year(value, first, last):
    if value is not None and not first <= value <= last:
        raise ValidationError(
            "%(value)s is not a plausible year: use a year from %(first)s to %(last)s.",
            code="year_out_of_range",
            params={"value": value, "first": first, "last": last},
        )


def validate_year(value):
    """A year in the history of cinema: 1895 up to next year (announced films)."""
    check_year(value, FIRST_FILM_YEAR, timezone.now().year + 1)


def validate_historical_year(value):
    """A year in a life or an organisation's history: 1800 up to this year."""
    check_year(value, FIRST_HISTORICAL_YEAR, timezone.now().year)


def validate_lowercase_slug(value):
    """Slugs are addresses: with upper case, /films/Pulgasari/ and /films/pulgasari/ could be
    two records."""
    if value != value.lower():
        raise ValidationError(
            "Use lower case in a slug: %(suggestion)s.",
            code="slug_not_lowercase",
            params={"suggestion": value.lower()},
        )


def raise_errors(errors, clean):
    """Run ``clean`` (a parent class's) and raise its errors together with ``errors`` (field
    name → messages), so a form shows every problem at once."""
    try:
        clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def validate_quote_length(value):
    """Quotes are evidence, not reproduction: at most 25 words."""
    words = len(value.split())
    if words > MAX_QUOTE_WORDS:
        raise ValidationError(
            "A quote may be at most %(max)s words; this one has %(words)s. "
            "Shorten it to the words that prove the fact.",
            code="quote_too_long",
            params={"max": MAX_QUOTE_WORDS, "words": words},
        )


PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def validate_partial_date(value):
    """An ISO date as precise as the source gives it: 2012, 2012-09 or 2012-09-03."""
    if value and not PARTIAL_DATE.match(value):
        raise ValidationError(
            "Write the date as YYYY, YYYY-MM or YYYY-MM-DD (got %(value)s).",
            code="bad_date",
            params={"value": value},
        )
