"""/coproductions/: every co-production by partner country and era, with two pictures."""

import re

from django.urls import reverse

from catalog.models import Country
from coproductions.eras import ERAS, era_of
from coproductions.models import CoProduction, FilmStudio, Partner, Studio
from front.charts import node_radius, spread
from tests import factories


def page(client):
    response = client.get(reverse("front:coproductions"))
    assert response.status_code == 200
    return response.content.decode()


def section(html, start, end):
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


def test_each_era_lists_its_films_and_footnotes_the_essays_conclusion(curated, client):
    html = page(client)
    eras = section(html, 'id="eras-heading"', "</table>")
    assert "North Korea shoots abroad" in eras and "A location for foreign partners" in eras
    shooting_abroad = section(eras, 'id="era-1984"', "</tr>")
    assert reverse("front:film_detail", args=["thaw"]) in shooting_abroad
    assert reverse("front:film_detail", args=["bird"]) not in shooting_abroad
    assert reverse("front:film_detail", args=["bird"]) in section(eras, 'id="era-1988"', "</tr>")
    assert reverse("front:film_detail", args=["moranbong"]) in section(
        eras, 'id="era-early"', "</tr>"
    )
    footnotes = section(html, 'id="sources-heading"', "</section>")
    conclusion = "Conclusion (the unheaded closing section)"  # as the dataset names it
    assert f"{conclusion}, ¶ “From 1988 on, North Korea pursued”" in footnotes
    assert f"{conclusion}, ¶ “Two periods can be clearly distinguished”" in footnotes


def test_every_coproduction_row_names_its_era(curated, client):
    japan = section(page(client), ">Japan</a>", "</table>")
    bird = section(japan, reverse("front:film_detail", args=["bird"]), "</tr>")
    assert 'href="#era-1988">A location for foreign partners</a>' in bird


def test_the_eras_are_drawn_as_bands_behind_the_timeline(curated, client):
    timeline = section(page(client), 'aria-labelledby="timeline-title"', "</svg>")
    assert timeline.count('<g class="band') == len(ERAS)
    assert "<title>1984–1987: North Korea shoots abroad</title>" in timeline


def test_era_of_a_year(curated):
    assert era_of(1959).name == "Early partnerships"
    assert era_of(1987).name == "North Korea shoots abroad"
    assert era_of(1988).name == "A location for foreign partners"
    assert era_of(2012).name == "Chinese and Western partners"
    assert era_of(None) is None


def test_timeline_marks_carry_a_visible_number_that_the_key_explains(curated, client):
    html = page(client)
    timeline = section(html, 'aria-labelledby="timeline-title"', "</svg>")
    numbers = re.findall(r'<text class="mark-number"[^>]*>(\d+)</text>', timeline)
    assert numbers and "1" in numbers
    key = section(html, 'class="chart-key"', "</ol>")
    first = re.search(r'<li value="1"><a href="([^"]+)">([^<]+)</a>', key)
    assert first.group(1) == reverse("front:film_detail", args=["moranbong"])


def test_a_coproduction_no_source_dates_still_shows_on_the_timeline(curated, client):
    timeline = section(page(client), 'aria-labelledby="timeline-title"', "</svg>")
    assert 'aria-label="If There Is No Love, year unknown, with China"' in timeline
    china = CoProduction.objects.filter(partners__country__code="CN").distinct().count()
    assert f"China ({china})" in timeline


def test_films_in_the_same_country_and_year_never_overlap(curated, client):
    country = Country.objects.get(code="JP")
    for n in range(4):
        film = factories.film(f"same-year-{n}", title=f"Same Year {n}", year=1985)
        CoProduction.objects.create(film=film).partners.create(country=country)
    timeline = section(page(client), 'aria-labelledby="timeline-title"', "</svg>")
    marks = [
        (float(x), float(y))
        for x, y in re.findall(r'<circle class="mark" cx="([\d.]+)" cy="([\d.]+)"', timeline)
    ]
    for i, (x1, y1) in enumerate(marks):
        for x2, y2 in marks[i + 1 :]:
            assert (x1 - x2) ** 2 + (y1 - y2) ** 2 >= 18**2, (x1, y1, x2, y2)


def test_studios_sharing_several_films_get_a_link_to_each_film(curated, client):
    network = section(page(client), 'aria-labelledby="network-title"', "</svg>")
    for slug in ("thaw", "a-silver-hairpin"):
        assert f'<a href="{reverse("front:film_detail", args=[slug])}"' in network


def test_the_network_lists_every_link_under_the_picture(curated, client):
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


def test_many_linked_studios_get_labels_that_do_not_collide(curated, client):
    film = factories.film("big-coproduction", title="A Big Co-production", year=2001)
    coproduction = CoProduction.objects.create(film=film)
    for n in range(40):
        studio = Studio.objects.create(
            slug=f"partner-{n}", name=f"Partner {n}", kind="production-company", status="published"
        )
        Partner.objects.create(coproduction=coproduction, studio=studio)
    FilmStudio.objects.create(film=film, studio=Studio.objects.get(slug="mosfilm"), role="producer")
    network = section(page(client), 'aria-labelledby="network-title"', "</svg>")
    labels = re.findall(r'<text x="[\d.]+" y="([\d.]+)" text-anchor="(start|end)">', network)
    by_side = {}
    for y, anchor in labels:
        by_side.setdefault(anchor, []).append(float(y))
    for ys in by_side.values():
        ys.sort()
        assert all(b - a >= 17 for a, b in zip(ys, ys[1:], strict=False))
