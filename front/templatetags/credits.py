from django import template

from people.models import Role

register = template.Library()

ROLE_ORDER = {value: index for index, value in enumerate(Role.values)}


@register.filter
def by_role(credits):
    """A film's credits grouped by role, directors first, in billing order, as (role label,
    [credits]) pairs. (A person's or a studio's filmography comes grouped in the database's
    order: ``FilmographyMixin``.)"""

    def key(credit):
        return (ROLE_ORDER.get(credit.role, 99), credit.order)

    groups = {}
    for credit in sorted(credits, key=key):
        groups.setdefault(credit.get_role_display(), []).append(credit)
    return list(groups.items())
