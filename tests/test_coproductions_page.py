"""/coproductions/: every co-production by partner country and era, with two pictures; on the
test world (``tests/world.py``). What the eras say is in ``test_curated_content.py``."""

import re

from django.urls import reverse

from coproductions.eras import ERAS, era_of
from coproductions.models import CoProduction
from front.charts import node_radius, spread
from tests import factories as f


def page(client):
    response = client.get(reverse("front:coproductions"))
    assert response.status_code == 200
    return response.content.decode()


def section(html, start, end):
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


def test_each_era_lists_its_films(world, client):
    eras = section(page(client), 'id="eras-heading"', "</table>")
    assert "North Korea shoots abroad" in eras and "A location for foreign partners" in eras
    shooting_abroad = section(eras, 'id="era-1984"', "</tr>")
    assert reverse("front:film_detail", args=["thaw"]) in shooting_abroad
    assert reverse("front:film_detail", args=["bird"]) not in shooting_abroad
    assert reverse("front:film_detail", args=["bird"]) in section(eras, 'id="era-1988"', "</tr>")
    early = section(eras, 'id="era-early"', "</tr>")
    assert reverse("front:film_detail", args=["moranbong"]) in early
    assert reverse("front:film_detail", args=["thaw"]) not in early


def test_every_coproduction_row_names_its_era(world, client):
    japan = section(page(client), ">Japan</a>", "</table>")
    bird = section(japan, reverse("front:film_detail", args=["bird"]), "</tr>")
    assert 'href="#era-1988">A location for foreign partners</a>' in bird


def test_the_eras_are_drawn_as_bands_behind_the_timeline(world, client):
    timeline = section(page(client), 'aria-labelledby="timeline-title"', "</svg>")
    assert timeline.count('<g class="band') == len(ERAS)
    assert "<title>1984–1987: North Korea shoots abroad</title>" in timeline


def test_era_of_a_year():
    assert era_of(1959).name == "Early partnerships"
    assert era_of(1987).name == "North Korea shoots abroad"
    assert era_of(1988).name == "A location for foreign partners"
    assert era_of(2012).name == "Chinese and Western partners"
    assert era_of(None) is None


def test_timeline_marks_carry_a_visible_number_that_the_key_explains(world, client):
    html = page(client)
    timeline = section(html, 'aria-labelledby="timeline-title"', "</svg>")
    numbers = re.findall(r'<text class="mark-number"[^>]*>(\d+)</text>', timeline)
    assert numbers and "1" in numbers
    key = section(html, 'class="chart-key timeline-key"', "</ol>")
    first = re.search(r'<li value="1"><a href="([^"]+)">([^<]+)</a>', key)
    assert first.group(1) == reverse("front:film_detail", args=["moranbong"])


def test_a_coproduction_no_source_dates_still_shows_on_the_timeline(world, client):
    timeline = section(page(client), 'aria-labelledby="timeline-title"', "</svg>")
    assert 'aria-label="If There Is No Love, year unknown, with China"' in timeline
    china = CoProduction.objects.filter(partners__country__code="CN").distinct().count()
    assert f"China ({china})" in timeline


def test_films_in_the_same_country_and_year_never_overlap(world, client):
    country = f.country("JP")
    for _ in range(4):
        f.PartnerFactory(coproduction__film__year=1985, country=country)
    timeline = section(page(client), 'aria-labelledby="timeline-title"', "</svg>")
    marks = [
        (float(x), float(y))
        for x, y in re.findall(r'<circle class="mark" cx="([\d.]+)" cy="([\d.]+)"', timeline)
    ]
    for i, (x1, y1) in enumerate(marks):
        for x2, y2 in marks[i + 1 :]:
            assert (x1 - x2) ** 2 + (y1 - y2) ** 2 >= 18**2, (x1, y1, x2, y2)


def test_studios_sharing_several_films_get_a_link_to_each_film(world, client):
    network = section(page(client), 'aria-labelledby="network-title"', "</svg>")
    for slug in ("eternal-comrades-in-arms", "from-spring-to-summer"):  # Korean Film Studio's
        # two films with Mosfilm
        assert f'<a href="{reverse("front:film_detail", args=[slug])}"' in network


def test_the_network_lists_every_link_under_the_picture(world, client):
    links = section(page(client), 'aria-label="Links in the network"', "</ul>")
    assert "Chongryon Film Studio</a> — <a" in links
    assert reverse("front:film_detail", args=["thaw"]) in links


def test_a_studio_with_many_films_gets_a_capped_circle():
    assert node_radius(1) < node_radius(4) < node_radius(9)
    assert node_radius(400) == node_radius(10_000) <= 16


def test_network_labels_are_spread_so_none_collide():
    labels = [{"y": 100 + n} for n in range(8)] + [{"y": 510}]
    spread(labels, gap=17, low=14, high=514)
    ys = sorted(label["y"] for label in labels)
    assert all(b - a >= 17 for a, b in zip(ys, ys[1:], strict=False))
    assert ys[0] >= 14 and ys[-1] <= 514


def test_many_linked_studios_get_labels_that_do_not_collide(world, client):
    coproduction = f.CoProductionFactory(film__title="A Big Co-production", film__year=2001)
    with f.many():
        for _ in range(40):
            f.PartnerFactory(coproduction=coproduction, studio=f.StudioFactory())
        f.FilmStudioFactory(film=coproduction.film, studio=world.mosfilm)
    network = section(page(client), 'aria-labelledby="network-title"', "</svg>")
    labels = re.findall(r'<text x="[\d.]+" y="([\d.]+)" text-anchor="(start|end)">', network)
    by_side = {}
    for y, anchor in labels:
        by_side.setdefault(anchor, []).append(float(y))
    for ys in by_side.values():
        ys.sort()  # positions are written to a tenth: 71.6 - 54.6 is 16.999… in floats
        assert all(round(b - a, 1) >= 17 for a, b in zip(ys, ys[1:], strict=False))
