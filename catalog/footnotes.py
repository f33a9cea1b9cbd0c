"""Numbered footnotes for a page: the scholarly apparatus under every record."""


class Footnotes:
    """Numbers citations in the order a page first cites them; equal citations share a number."""

    def __init__(self):
        self.entries = []
        self._numbers = {}

    def number(self, citation):
        key = (citation.source_id, citation.locator, citation.quote)
        if key not in self._numbers:
            self.entries.append(citation)
            self._numbers[key] = len(self.entries)
        return self._numbers[key]

    def numbers(self, citations):
        return sorted({self.number(citation) for citation in citations})

    def __iter__(self):
        return iter(enumerate(self.entries, start=1))

    def __len__(self):
        return len(self.entries)
