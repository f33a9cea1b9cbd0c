"""Numbered footnotes for a page: the scholarly apparatus under every record.

A page numbers its citations in the order it first cites them. Every place that cites a
footnote gets a marker with an id of its own (``ref-3-1``, ``ref-3-2``…), so that the source
list can link back to each place, as an encyclopedia's "↑ a b c" does.
"""

from string import ascii_lowercase


def backlink_label(index):
    """The letter of a footnote's ``index``-th marker (0-based): a … z, then aa, ab …"""
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = ascii_lowercase[rest] + label
    return label


class FootnoteNumber(int):
    """A footnote number as a template shows it; ``marker`` hands out the id of one place
    it is cited (templates call it once per marker they write)."""

    def __new__(cls, number, footnotes):
        value = super().__new__(cls, number)
        value.footnotes = footnotes
        return value

    def marker(self):
        return self.footnotes.marker(int(self))


class Footnotes:
    """Numbers citations in the order a page first cites them; equal citations share a number."""

    def __init__(self):
        self.entries = []
        self._numbers = {}
        self._markers = {}

    def number(self, citation):
        key = (citation.source_id, citation.locator, citation.quote)
        if key not in self._numbers:
            self.entries.append(citation)
            self._numbers[key] = len(self.entries)
        return self._numbers[key]

    def numbers(self, citations):
        """The footnote numbers of ``citations``, in order, each able to hand out markers."""
        found = sorted({self.number(citation) for citation in citations})
        return [FootnoteNumber(number, self) for number in found]

    def marker(self, number):
        """A new id for one place footnote ``number`` is cited: ``ref-{number}-{k}``, the
        k-th such place on the page. The id is recorded for the back-links."""
        places = self._markers.setdefault(number, [])
        marker_id = f"ref-{number}-{len(places) + 1}"
        places.append(marker_id)
        return marker_id

    def markers(self, number):
        """The ids handed out for footnote ``number``, in page order."""
        return list(self._markers.get(number, []))

    def with_backlinks(self):
        """(number, citation, [(marker id, letter)]) for each footnote, for the source list;
        call it after the places that cite have been rendered."""
        return [
            (number, citation, [(m, backlink_label(i)) for i, m in enumerate(self.markers(number))])
            for number, citation in self
        ]

    def __iter__(self):
        return iter(enumerate(self.entries, start=1))

    def __len__(self):
        return len(self.entries)
