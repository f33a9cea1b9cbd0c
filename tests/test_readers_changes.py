"""/changes/ tells each edit from its old value to its new one in readers' words, and the
same edits come as an Atom feed, linked from every page's head. The co-productions page
says what its pictures leave out."""

import re
from xml.etree import ElementTree

from django.urls import reverse

from catalog.models import Genre
from tests import factories as f

ATOM = "{http://www.w3.org/2005/Atom}"


def edited_film():
    film = f.FilmFactory(title="Bird", year=1991, kind="feature")
    film.year = 1992
    film.kind = "documentary"
    film.save()
    film.countries.add(f.country("JP"))
    film.genres.add(Genre.objects.create(slug="drama", name="Drama"))
    film.synopsis = "A long synopsis " * 10
    film.save()
    film.synopsis = "Another long synopsis " * 10
    film.save()
    return film


def test_changes_show_old_and_new_values_as_readers_say_them(db, client):
    edited_film()
    text = client.get(reverse("front:recent_changes")).content.decode()
    row = text[text.index("Bird (1992)") :]
    row = row[: row.index("</tr>")]
    assert "Synopsis</span>: rewritten" in row  # a long text is not quoted twice
    films = client.get(reverse("front:recent_changes")).content.decode()
    assert re.search(r"Year</span>: <del>1991</del>.*?<ins>1992</ins>", films, re.S)
    assert "<ins>documentary</ins>" in films  # a choice's label
    assert "<ins>Japan</ins>" in films and "<ins>Drama</ins>" in films  # names, not keys
    assert "Production countries</span>: set to <ins>Japan</ins>" in films  # none before
    assert "<del>nothing</del>" not in films


def test_the_changes_feed_is_atom_and_every_page_links_to_it(db, client):
    edited_film()
    response = client.get(reverse("front:changes_feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    titles = [entry.find(f"{ATOM}title").text for entry in entries]
    assert any("Bird (1992) (film)" in title and "1991 → 1992" in title for title in titles)
    ids = [entry.find(f"{ATOM}id").text for entry in entries]
    assert len(ids) == len(set(ids))  # each edit its own entry
    assert all(id.startswith("http://testserver/films/") for id in ids)  # absolute, as Atom asks
    home = client.get("/").content.decode()
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="nkfilms: recent changes" '
        f'href="{reverse("front:changes_feed")}">'
    ) in home


def test_the_network_says_how_many_coproductions_it_draws_and_why_not_the_rest(world, client):
    page = client.get(reverse("front:coproductions")).content.decode()
    coverage = re.search(r'<span class="network-coverage">(.*?)</span></figcaption>', page, re.S)
    drawn, total = map(int, re.search(r"It draws <strong>(\d+) of the (\d+)", coverage[1]).groups())
    assert 0 < drawn < total
    assert f"the other {total - drawn}" in coverage[1]
    assert "studio named" in coverage[1]


def test_on_a_phone_the_timeline_is_also_a_list_by_year(world, client):
    page = client.get(reverse("front:coproductions")).content.decode()
    listed = re.search(r'<ol class="timeline-vertical"(.*?)</ol>\s*<div', page, re.S).group(1)
    assert "North Korea shoots abroad" in listed
    assert reverse("front:film_detail", args=["thaw"]) in listed
    assert "Year not known" in listed  # a film no source dates


def test_a_draft_published_reads_as_added_not_as_a_status_changed(db, client):
    from catalog.models import Status

    person = f.PersonFactory(name="Ryu Ho-son", status=Status.DRAFT)
    person.status = Status.PUBLISHED
    person.save()
    text = client.get(reverse("front:recent_changes")).content.decode()
    row = text[text.index("Ryu Ho-son") :]
    row = row[: row.index("</tr>")]
    assert "added to the collection" in row and "Status" not in row


def test_a_new_record_saved_with_its_lists_is_one_addition(db, client):
    """A film is written, then its genres and countries (a second version, moments later):
    a reader sees one "added", not the lists set apart from it; a later edit still shows."""
    film = f.FilmFactory(title="Wolmi Island", year=1982)
    film.countries.add(f.country("KP"))
    text = client.get(reverse("front:recent_changes")).content.decode()
    assert text.count("Wolmi Island") == 1 and "Production countries" not in text
    film.year = 1983
    film.save()
    text = client.get(reverse("front:recent_changes")).content.decode()
    assert re.search(r"Year</span>: <del>1982</del>.*?<ins>1983</ins>", text, re.S)
