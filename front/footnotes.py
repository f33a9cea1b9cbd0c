"""Numbered footnotes for a page: the scholarly apparatus under every record.

One note per source and place (a source's page or paragraph): citations of the same place
with different quotes share its number, and the note shows each quote. A fact gets one
marker, ``[1, 4–7]``: runs of three or more numbers read as a range. Every link in a marker
has an id of its own (``ref-3-1``, ``ref-3-2``…), so that the note can link back to each
place that cites it, as an encyclopedia's "↑ a b c" does.
"""

from string import ascii_lowercase

RANGE_FROM = 3  # this many consecutive numbers or more are shown as a range


def backlink_label(index):
    """The letter of a footnote's ``index``-th marker (0-based): a … z, then aa, ab …"""
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = ascii_lowercase[rest] + label
    return label


def runs(numbers):
    """Sorted ``numbers`` cut into runs of consecutive ones: [1, 2, 3, 5] → [[1, 2, 3], [5]]."""
    found = []
    for number in numbers:
        if found and number == found[-1][-1] + 1:
            found[-1].append(number)
        else:
            found.append([number])
    return found


class Note:
    """One source at one place, and the distinct quotes the page cites from it there."""

    def __init__(self, citation):
        self.citation = citation
        self.source = citation.source
        self.locator = citation.locator
        self.quotes = []
        self.add(citation)

    def add(self, citation):
        said = (citation.quote, citation.note)
        if any(said) and said not in [(c.quote, c.note) for c in self.quotes]:
            self.quotes.append(citation)


class FootnoteNumber(int):
    """A footnote number as a template shows it; ``marker`` hands out the id of one place
    it is cited (templates call it once per marker they write)."""

    def __new__(cls, number, footnotes):
        value = super().__new__(cls, number)
        value.footnotes = footnotes
        return value

    def marker(self):
        return self.footnotes.marker(int(self))


class Mark(list):
    """The footnote numbers of one fact, as its one marker shows them: ``links`` are the
    marker's links, a number or a range each (ids are handed out when a template asks)."""

    def __init__(self, numbers, footnotes):
        super().__init__(FootnoteNumber(number, footnotes) for number in numbers)
        self.footnotes = footnotes

    def links(self):
        """[{number, numbers, text, id, label}]: what the marker template writes, in order."""
        found = []
        for run in runs(self):
            groups = [run] if len(run) >= RANGE_FROM else [[n] for n in run]
            for group in groups:
                first = group[0]
                found.append(
                    {
                        "number": first,
                        "numbers": " ".join(str(n) for n in group),
                        "text": f"{first}–{group[-1]}" if len(group) > 1 else str(first),
                        "label": (
                            f"sources {first} to {group[-1]}"
                            if len(group) > 1
                            else f"source {first}"
                        ),
                        "id": self.footnotes.marker(first, also=group[1:]),
                    }
                )
        return found


class Footnotes:
    """Numbers the places a page cites in the order it first cites them: citations of one
    source at one place share a number."""

    def __init__(self):
        self.entries = []
        self._numbers = {}
        self._markers = {}
        self._counts = {}
        self.disputed = False  # set when the page shows a dispute: its legend then shows

    def number(self, citation):
        key = (citation.source_id, citation.locator)
        if key not in self._numbers:
            self.entries.append(Note(citation))
            self._numbers[key] = len(self.entries)
        else:
            self.entries[self._numbers[key] - 1].add(citation)
        return self._numbers[key]

    def numbers(self, citations):
        """The footnote numbers of ``citations``, sorted, as one marker shows them."""
        return Mark(sorted({self.number(citation) for citation in citations}), self)

    def marker(self, number, also=()):
        """A new id for one place footnote ``number`` is cited: ``ref-{number}-{k}``. The
        id is recorded for the back-links of ``number`` and of the numbers ``also`` (the
        rest of a range the same link stands for)."""
        count = self._counts[number] = self._counts.get(number, 0) + 1
        marker_id = f"ref-{number}-{count}"
        for each in (number, *also):
            self._markers.setdefault(each, []).append(marker_id)
        return marker_id

    def markers(self, number):
        """The ids of the links that cite footnote ``number``, in page order."""
        return list(self._markers.get(number, []))

    def with_backlinks(self):
        """(number, note, [(marker id, letter)]) for each footnote, for the source list;
        call it after the places that cite have been rendered."""
        return [
            (number, note, [(m, backlink_label(i)) for i, m in enumerate(self.markers(number))])
            for number, note in self
        ]

    def __iter__(self):
        return iter(enumerate(self.entries, start=1))

    def __len__(self):
        return len(self.entries)
