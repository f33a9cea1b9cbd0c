"""A Curator's import waits for review where it changes published records, as their saves in
the admin do: the rest of the file is imported at once; each published record's lines are
one change in the queue, applied as their author's when an Editor accepts it, refused
(naming the line) if the record changed meanwhile. An Editor's import publishes at once."""

import pytest
from django.urls import reverse

from catalog.models import Citation, Film, Status
from curation.models import Review
from people.models import Credit
from tests.admin_forms import sign_in
from tests.test_import import confirm, dry_run
from tests.test_import_explains import text_of

FILMS = "admin:catalog_film_import"
CREDITS = "admin:people_credit_import"
# A new film, and a new year for Bird (published, its year cited).
TEXT = (
    "slug,title,year,kind,source,locator\n"
    "brand-new,Brand New,1989,feature,coproductions-essay,p. 1\n"
    "bird,Bird,1993,feature,coproductions-essay,p. 9\n"
)


def imports(client, group, url_name, text):
    sign_in(client, group)
    return confirm(client, url_name, dry_run(client, url_name, text))


@pytest.fixture
def held(world, client):
    """A curator's import of TEXT, confirmed."""
    response = imports(client, "Curator", FILMS, TEXT)
    assert response.status_code == 302
    return Review.objects.get()


def test_the_lines_changing_a_published_film_wait_and_the_rest_is_imported(client, held):
    assert Film.objects.get(slug="brand-new").status == Status.DRAFT  # imported at once
    bird = Film.objects.get(slug="bird")
    assert bird.year == 1992  # the public page keeps the published year
    assert not Citation.objects.filter(locator="p. 9").exists()
    assert held.record == bird and held.author.username == "curator"
    assert {"what": "year", "before": "1992", "after": "1993", "change": "changed"} in held.diff
    page = client.get(reverse("admin:index"), follow=True).content.decode()
    assert "wait for an Editor&#x27;s review" in page or "wait for an Editor's review" in page
    queue = sign_in(client, "Editor").get(reverse("admin:curation_review_changelist"))
    assert "from an import of import.csv" in text_of(queue)


def test_accepting_imports_the_lines_as_their_authors(client, held):
    sign_in(client, "Editor")
    response = client.post(reverse("admin:review_accept", args=[held.pk]), follow=True)
    assert "is public as reviewed" in text_of(response)
    bird = Film.objects.get(slug="bird")
    assert bird.year == 1993
    assert Citation.objects.get(locator="p. 9").claim.value == "1993"  # cited, preferred
    latest = bird.history.first()
    assert latest.history_user.username == "curator"
    assert "accepted by editor" in latest.history_change_reason


def test_a_record_changed_since_is_refused_naming_its_line(client, held):
    Film.objects.filter(slug="bird").update(synopsis="Someone else's edit.")
    sign_in(client, "Editor")
    response = client.post(reverse("admin:review_accept", args=[held.pk]), follow=True)
    assert (
        "Line 3 (slug bird): someone changed this record since the import was confirmed."
        in text_of(response)
    )
    assert Film.objects.get(slug="bird").year == 1992
    held.refresh_from_db()
    assert held.state == Review.State.PENDING  # the editor sends it back


def test_a_credit_for_a_published_film_waits_under_the_film(world, client):
    text = (
        "film,person,role,character,source,locator\n"
        "bird,shin-sang-ok,adviser,,coproductions-essay,note 7\n"
    )
    assert imports(client, "Curator", CREDITS, text).status_code == 302
    assert not Credit.objects.filter(film__slug="bird", role="adviser").exists()
    review = Review.objects.get()
    assert review.record == Film.objects.get(slug="bird")
    sign_in(client, "Editor")
    client.post(reverse("admin:review_accept", args=[review.pk]))
    assert Credit.objects.filter(film__slug="bird", role="adviser").exists()


def test_an_editors_import_publishes_at_once(world, client):
    assert imports(client, "Editor", FILMS, TEXT).status_code == 302
    assert Film.objects.get(slug="bird").year == 1993
    assert not Review.objects.exists()
