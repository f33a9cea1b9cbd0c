"""Template tags that put a footnote marker, or "citation needed", on every fact."""

import json

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info

from catalog.models import ROW, Country, Rank
from front import plainwords
from front.footnotes import Footnotes

register = template.Library()


def _footnotes(context):
    """The page's one footnote collector, which the view puts in the context."""
    notes = context.get("footnotes")
    if not isinstance(notes, Footnotes):
        raise template.TemplateSyntaxError("Pages that cite need a 'footnotes' collector.")
    return notes


@register.inclusion_tag("includes/cite.html", takes_context=True)
def cite(context, obj, field=ROW):
    """Footnote markers for a field's preferred value (or a row), or "citation needed"."""
    claim = obj.row_claim() if field == ROW else obj.preferred_claim(field)
    citations = list(claim.citations.all()) if claim else []
    return {
        "numbers": _footnotes(context).numbers(citations),
        "deprecated": bool(claim and claim.rank == Rank.DEPRECATED),
        "note": claim.note if claim else "",
    }


def related_names(context, model):
    """Names of ``model``'s records by the key a claim stores (a country's code, any other
    record's slug), looked up once per page however many disputed values it shows."""
    cache = context.render_context.setdefault("citations: related names", {})
    if model not in cache:
        key = "code" if model is Country else "slug"
        cache[model] = {k: str(name) for k, name in model.objects.values_list(key, "name")}
    return cache[model]


def display_value(context, obj, field, value):
    """A claim's stored text as a reader should see it (choice labels, names for codes)."""
    model_field = obj._meta.get_field(field)
    if model_field.is_relation:  # countries, nationalities, a parent: stored by their keys
        names = related_names(context, model_field.related_model)
        return ", ".join(names.get(key, key) for key in value.split(",") if key)
    if model_field.choices:
        return dict(model_field.flatchoices).get(value, value)
    return value


@register.filter
def rank_word(rank):
    """A claim's rank as readers say it: "accepted", "also reported", "rejected"."""
    return plainwords.rank_word(rank)


@register.filter
def rank_meaning(rank):
    return plainwords.rank_meaning(rank)


@register.filter
def plain_locator(locator):
    return plainwords.plain_locator(locator)


@register.filter
def in_a_sentence(countries):
    """Countries as a sentence lists them: "France, Japan and the Soviet Union"."""
    return plainwords.in_a_sentence(countries)


@register.inclusion_tag("includes/rank_legend.html")
def rank_legend():
    """What "accepted", "also reported" and "rejected" mean, and "citation needed"."""
    return {"ranks": plainwords.rank_legend()}


@register.simple_tag
def field_name(obj, field):
    """A field as readers know it: "production countries", not ``countries``."""
    return obj._meta.get_field(field).verbose_name


@register.simple_tag(takes_context=True)
def claim_value(context, claim):
    """A claim's value as a reader should see it: "Japan, North Korea", not ``JP,KP``."""
    return display_value(context, claim.subject, claim.field, claim.value)


@register.filter
def language_name(code):
    """An ISO 639-1 code as a reader says it: "ko" is Korean. Unknown codes stay as they are."""
    if code == "zh":
        return "Chinese"  # Django knows only its written forms, zh-hans and zh-hant
    try:
        return get_language_info(code)["name"]
    except KeyError:
        return code


@register.inclusion_tag("includes/fact.html", takes_context=True)
def fact(context, obj, field, display=None):
    """A fact with its footnotes; when sources disagree, every value side by side."""
    claims = obj.claims_for(field)
    notes = _footnotes(context)
    preferred_value = display if display is not None else getattr(obj, f"get_{field}_display", None)
    if callable(preferred_value):
        preferred_value = preferred_value()
    if preferred_value is None:
        preferred_value = getattr(obj, field)
    others = [
        {
            "value": display_value(context, obj, field, claim.value),
            "rank": claim.rank,
            "note": claim.note,
            "numbers": notes.numbers(claim.citations.all()),
        }
        for claim in claims
        if claim.rank != Rank.PREFERRED
    ]
    preferred = obj.preferred_claim(field)
    if others:
        notes.disputed = True  # the source list then explains the ranks
    long_text = isinstance(preferred_value, str) and len(preferred_value) > 120
    return {
        "value": preferred_value,
        "summary": "the text above" if long_text else preferred_value,
        "numbers": notes.numbers(preferred.citations.all()) if preferred else [],
        "note": preferred.note if preferred else "",
        "others": others,
        "field": field,
    }


@register.inclusion_tag("includes/footnotes.html", takes_context=True)
def footnote_list(context):
    return {"footnotes": _footnotes(context)}


@register.simple_tag
def jsonld(data):
    """schema.org JSON-LD in a script element, escaped like json_script."""
    if not data:
        return ""
    cleaned = {k: v for k, v in data.items() if v not in (None, "", [])}
    text = json.dumps(cleaned, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
