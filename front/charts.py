"""The pictures of the co-productions page, computed here and drawn as SVG by the template.

Both are readable without JavaScript: every mark is a link with an accessible name and a
tooltip, and the page lists what each picture shows. The template sets a minimum width, so
on a phone the figure scrolls sideways inside its frame instead of shrinking its text.
"""

import math
from collections import defaultdict

from coproductions.eras import ERAS, era_of


def partner_countries(coproduction):
    """The countries on the foreign side of a co-production (from its public partners)."""
    return sorted(
        {p.country for p in coproduction.partners.all() if p.is_foreign},
        key=lambda country: country.name,
    )


def timeline(coproductions, width=960, left=170, undated_width=70, mark_radius=9):
    """An SVG timeline: one row per partner country, one numbered mark per film.

    Films share a number wherever they appear (a film with two partner countries has a mark
    in each row), and the key under the chart lists the numbers. Marks that would overlap
    move to another lane of their row; films no source dates go to a "year unknown" column
    rather than vanishing. Eras are drawn as bands behind the marks.
    """
    rows, countries_of = defaultdict(list), defaultdict(list)
    for coproduction in coproductions:
        for country in partner_countries(coproduction):
            rows[country].append(coproduction.film)
            countries_of[coproduction.film].append(country)
    films = sorted(
        {film for row in rows.values() for film in row},
        key=lambda f: (f.year is None, f.year or 0, f.title),
    )
    if not films:
        return None
    number = {film: index for index, film in enumerate(films, start=1)}
    years = [f.year for f in films if f.year]
    first, last = (min(years) - 2, max(years) + 2) if years else (2000, 2001)
    plot_right = width - undated_width - 10
    top, lane_height, row_gap = 34, 2 * mark_radius + 3, 14

    def x(year):
        return round(left + (year - first) * (plot_right - left) / (last - first), 1)

    undated_x = width - undated_width / 2
    marks, labels, y = [], [], top
    for country, row in sorted(rows.items(), key=lambda r: r[0].name):
        lanes = []  # the x of the last mark in each lane
        for film in sorted(row, key=lambda f: (f.year is None, f.year or 0, f.title)):
            mx = x(film.year) if film.year else undated_x
            lane = next(
                (i for i, end in enumerate(lanes) if mx - end >= 2 * mark_radius + 2), len(lanes)
            )
            lanes[lane : lane + 1] = [mx]
            marks.append(
                {
                    "x": mx,
                    "y": y + mark_radius + lane * lane_height,
                    "film": film,
                    "number": number[film],
                    "country": country.name,
                }
            )
        height = len(lanes) * lane_height
        labels.append({"y": y + mark_radius + 4, "name": country.name, "count": len(row)})
        y += height + row_gap
    axis_y = y
    step = 5 if last - first <= 60 else 10
    ticks = [{"x": x(year), "year": year} for year in range(first + 1, last) if year % step == 0]
    bands = []
    for index, era in enumerate(ERAS):
        start = max(era.first if era.first is not None else first, first)
        end = min(era.last if era.last is not None else last, last)
        if start > end:
            continue
        x1, x2 = x(max(start - 0.5, first)), x(min(end + 0.5, last))
        bands.append(
            {
                "era": era,
                "x": x1,
                "width": round(x2 - x1, 1),
                "shade": index % 2,
                "mid": (x1 + x2) / 2,
            }
        )
    key = [{"number": number[f], "film": f, "countries": countries_of[f]} for f in films]
    by_era = {}
    for item in key:
        by_era.setdefault(era_of(item["film"].year), []).append(item)
    return {
        "by_era": [(era, by_era[era]) for era in [*ERAS, None] if era in by_era],
        "marks": marks,
        "labels": labels,
        "ticks": ticks,
        "bands": bands,
        "key": key,
        "undated": any(f.year is None for f in films),
        "undated_x": undated_x,
        "undated_left": width - undated_width,
        "width": width,
        "height": axis_y + 24,
        "axis_y": axis_y,
        "left": left,
        "plot_right": plot_right,
        "top": top,
        "radius": mark_radius,
    }


def node_radius(films, smallest=5, largest=16):
    """Circle area grows with the number of films (a square-root scale), up to a cap."""
    return round(min(smallest + 3 * math.sqrt(films), largest), 1)


def spread(labels, gap, low, high):
    """Move label positions (dicts with "y") apart so that no two are closer than ``gap``,
    keeping them inside [low, high] and as near their nodes as they can be."""
    labels.sort(key=lambda label: label["y"])
    for before, after in zip(labels, labels[1:], strict=False):
        after["y"] = max(after["y"], before["y"] + gap)
    overflow = labels[-1]["y"] - high if labels else 0
    if overflow > 0:
        labels[-1]["y"] = high
        for after, before in zip(reversed(labels), list(reversed(labels))[1:], strict=False):
            before["y"] = min(before["y"], after["y"] - gap)
    for label in labels:
        label["y"] = round(max(label["y"], low), 1)


def network(coproductions, size=520, margin=190, label_gap=17):
    """Studios linked by the films they made together, laid out on a circle.

    Labels sit outside the circle, left or right of it, moved apart where they would
    collide (with a leader line back to their node). Two studios that share several films
    are joined by one line per film, each opening its film. A co-production for which the
    sources name fewer than two studios has no line to draw: ``left_out`` names them, with
    how many studios each names, so the page can say why.
    """
    films_by_studio = defaultdict(set)
    for coproduction in coproductions:
        for partner in coproduction.partners.all():
            if partner.studio:
                films_by_studio[partner.studio].add(coproduction.film)
        for link in coproduction.film.studio_roles.all():
            films_by_studio[link.studio].add(coproduction.film)
    studios = sorted(films_by_studio, key=lambda s: s.name)
    pairs = []
    for i, a in enumerate(studios):
        for b in studios[i + 1 :]:
            shared = sorted(
                films_by_studio[a] & films_by_studio[b], key=lambda f: (f.year or 0, f.title)
            )
            if shared:
                pairs.append({"a": a, "b": b, "films": shared})
    linked = sorted({s for pair in pairs for s in (pair["a"], pair["b"])}, key=lambda s: s.name)
    if not linked:
        return None
    drawn = {film for pair in pairs for film in pair["films"]}
    left_out = [
        {
            "film": c.film,
            "studios": sum(1 for films in films_by_studio.values() if c.film in films),
        }
        for c in coproductions
        if c.film not in drawn
    ]
    size = max(size, label_gap * math.ceil(len(linked) / 2) + 60)  # room for every label
    centre, radius = size / 2, size / 2 - 50
    position, nodes, sides = {}, [], {"start": [], "end": []}
    for index, studio in enumerate(linked):
        # Half a step off the vertical, so that no label sits on top of or under the circle.
        angle = 2 * math.pi * (index + 0.5) / len(linked) - math.pi / 2
        px, py = margin + centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        position[studio] = (round(px, 1), round(py, 1))
        r = node_radius(len(films_by_studio[studio]))
        anchor = "start" if math.cos(angle) >= 0 else "end"
        label = {"y": py + 4, "node_y": py}
        sides[anchor].append(label)
        nodes.append(
            {
                "studio": studio,
                "x": position[studio][0],
                "y": position[studio][1],
                "r": r,
                "films": len(films_by_studio[studio]),
                "anchor": anchor,
                "lx": round(px + (r + 6 if anchor == "start" else -r - 6), 1),
                "label": label,
            }
        )
    for labels in sides.values():
        spread(labels, label_gap, 14, size - 6)
    for node in nodes:
        node["ly"] = node["label"]["y"]
        node["leader_y"] = round(node["ly"] - 4, 1)  # the middle of the label's line
        node["leader"] = abs(node["leader_y"] - node["y"]) > 6
    edges = []
    for pair in pairs:
        (x1, y1), (x2, y2) = position[pair["a"]], position[pair["b"]]
        length = math.hypot(x2 - x1, y2 - y1) or 1
        nx, ny = -(y2 - y1) / length, (x2 - x1) / length  # the unit normal
        count = len(pair["films"])
        for index, film in enumerate(pair["films"]):
            offset = (index - (count - 1) / 2) * 5
            edges.append(
                {
                    "a": pair["a"],
                    "b": pair["b"],
                    "film": film,
                    "x1": round(x1 + nx * offset, 1),
                    "y1": round(y1 + ny * offset, 1),
                    "x2": round(x2 + nx * offset, 1),
                    "y2": round(y2 + ny * offset, 1),
                }
            )
    return {
        "nodes": nodes,
        "edges": edges,
        "pairs": pairs,
        "drawn": len(drawn),
        "total": len(coproductions),
        "left_out": left_out,
        "width": size + 2 * margin,
        "height": size,
    }
