"""The Atom feed of recent changes (Django's syndication framework), for readers who follow
the collection in a feed reader: the same edits as /changes/, told the same way."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from catalog.models import Festival, Film
from coproductions.models import Studio
from people.models import Person

from ..changes import recent_changes
from .mixins import canonical_url

FEED_MODELS = [Film, Person, Studio, Festival]


def summary(change):
    """One entry's changes in a line: "year: 1985 → 1986; genres: War → War, Drama"."""
    if change["created"]:
        return "added to the collection"
    return "; ".join(said(c) for c in change["changes"])


def said(change):
    """One field's change: "year: 1985 → 1986", "runtime: set to 90", "synopsis: rewritten"."""
    field, old, new = change["field"], change["old"], change["new"]
    if change["rewritten"]:
        return f"{field}: rewritten"
    if change["set"]:
        return f"{field}: set to {new}"
    if change["removed"]:
        return f"{field}: {old} removed"
    return f"{field}: {old} → {new}"


class RecentChangesFeed(Feed):
    feed_type = Atom1Feed
    title = "nkfilms: recent changes"
    subtitle = "The latest edits to the published collection of North Korean cinema."

    def link(self):
        return reverse("front:recent_changes")

    def get_object(self, request, *args, **kwargs):
        return request  # the feed is one instance for every request: nothing kept on it

    def items(self, request):
        """The changes, each with its Atom id: an absolute address, as Atom asks."""
        changes = recent_changes(FEED_MODELS)
        for change in changes:
            url = canonical_url(request, change["record"].get_absolute_url())
            change["guid"] = f"{url}#{change['when'].isoformat()}"
        return changes

    def item_title(self, item):
        return f"{item['record']} ({item['kind']}): {summary(item)}"

    def item_description(self, item):
        return summary(item)

    def item_link(self, item):
        return item["record"].get_absolute_url()

    def item_guid(self, item):
        return item["guid"]

    item_guid_is_permalink = False

    def item_updateddate(self, item):
        return item["when"]

    def item_pubdate(self, item):
        return item["when"]
