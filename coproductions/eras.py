"""The eras of North Korea's co-productions, with the source that draws the line.

Johannes Schönherr's essay "North Korea's International Movie Co-Productions, 1985-2012"
closes by distinguishing two periods: until 1987 North Korea's film-makers shot abroad with
partners; from 1988 North Korea offered itself as a location to foreign producers. Moranbong
(1959) came before both, and the Chinese and Western co-productions of the 2000s and 2010s
after them. Each era keeps its citation, so the page can footnote where the line is drawn.
"""

from dataclasses import dataclass

ESSAY = "schonherr-coproductions"  # the source slug of the essay
CONCLUSION = "Conclusion (the unheaded closing section)"  # as the dataset names it


@dataclass(frozen=True)
class Era:
    name: str
    first: int | None  # None: open-ended
    last: int | None
    summary: str  # in our own words
    locator: str  # where in the essay the period is drawn
    quote: str = ""  # verbatim, at most 25 words

    def __contains__(self, year):
        return (
            year is not None
            and (self.first is None or year >= self.first)
            and (self.last is None or year <= self.last)
        )

    @property
    def years_label(self):
        if self.first is None:
            return f"before {self.last + 1}"
        if self.last is None:
            return f"from {self.first}"
        return f"{self.first}–{self.last}"

    @property
    def short_label(self):
        """For a narrow band on the timeline: 1984–87."""
        if self.first is None or self.last is None:
            return self.years_label
        return f"{self.first}–{str(self.last)[-2:]}"

    @property
    def slug(self):
        return f"era-{self.first or 'early'}"


ERAS = (
    Era(
        name="Early partnerships",
        first=None,
        last=1983,
        summary="Occasional films with partners abroad, before the periods the essay sets out.",
        locator=f"{CONCLUSION}, ¶ “Two periods can be clearly distinguished”",
    ),
    Era(
        name="North Korea shoots abroad",
        first=1984,
        last=1987,
        summary=(
            "Shin Sang-ok’s productions and politically charged films with the Chongryon Film "
            "Studio in Japan and with the Soviet Union; North Korean crews work abroad."
        ),
        locator=f"{CONCLUSION}, ¶ “Two periods can be clearly distinguished”",
        quote="politically charged co-productions with the Chongryon Film Studio in Japan",
    ),
    Era(
        name="A location for foreign partners",
        first=1988,
        last=1999,
        summary=(
            "North Korea offers its studios, crews and landscapes to Soviet, Italian and "
            "Japanese producers who come to shoot there."
        ),
        locator=f"{CONCLUSION}, ¶ “From 1988 on, North Korea pursued”",
        quote="From 1988 on, North Korea pursued a different policy",
    ),
    Era(
        name="Chinese and Western partners",
        first=2000,
        last=None,
        summary=(
            "Co-productions with Chinese partners and a Belgian–British team, made for "
            "audiences abroad."
        ),
        locator=f"{CONCLUSION}, ¶ “In fact, Comrade Kim introduced a new breed”",
        quote="In fact, Comrade Kim introduced a new breed of international collaborators",
    ),
)


def era_of(year):
    """The era a year falls in, or None for a film whose year no source gives."""
    return next((era for era in ERAS if year in era), None)
