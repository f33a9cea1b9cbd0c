from django import template

from people.models import Role

register = template.Library()

ROLE_ORDER = {value: index for index, value in enumerate(Role.values)}


@register.filter
def by_role(credits, within="order"):
    """Credits grouped by role, directors first, as (role label, [credits]) pairs.

    Within a role: billing order on a film page, film year on a person's filmography (films
    no source dates come last).
    """

    def key(credit):
        film = credit.film
        inner = (
            (film.year is None, film.year or 0, film.title) if within == "year" else (credit.order,)
        )
        return (ROLE_ORDER.get(credit.role, 99), *inner)

    groups = {}
    for credit in sorted(credits, key=key):
        groups.setdefault(credit.get_role_display(), []).append(credit)
    return list(groups.items())
