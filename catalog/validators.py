"""Validators shared by every app's models."""

import re

from django.core.exceptions import ValidationError
from django.utils import timezone

FIRST_FILM_YEAR = 1895
MAX_QUOTE_WORDS = 25


def validate_year(value):
    """A year in the history of cinema: 1895 up to next year (announced films)."""
    if value is None:
        return
    last = timezone.now().year + 1
    if not FIRST_FILM_YEAR <= value <= last:
        raise ValidationError(
            "%(value)s is not a plausible year: use a year from %(first)s to %(last)s.",
            code="year_out_of_range",
            params={"value": value, "first": FIRST_FILM_YEAR, "last": last},
        )


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
