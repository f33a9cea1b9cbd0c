"""The catalogue's terms as readers say them: one mapping, used by every template (through
the ``citations`` tags) and explained on the About page."""

from django.utils.text import get_text_list

from catalog.models import Rank

# rank → (the word a page shows, what it means)
RANK_WORDS = {
    Rank.PREFERRED: (
        "accepted",
        "the value the curators accept where sources disagree, for the reason given",
    ),
    Rank.NORMAL: (
        "also reported",
        "a value another source gives; kept with its citation, not chosen",
    ),
    Rank.DEPRECATED: (
        "rejected",
        "a value a source gives that the curators judge wrong; kept so readers can check it",
    ),
}

PARAGRAPH = "¶"  # how curators write "the paragraph that begins …" in a locator


def rank_word(rank):
    """ "accepted", "also reported" or "rejected"; an unknown rank as it is stored."""
    return RANK_WORDS.get(rank, (rank, ""))[0]


def rank_meaning(rank):
    return RANK_WORDS.get(rank, (rank, ""))[1]


def rank_legend():
    """[(rank, word, meaning)] in order of weight, for a legend."""
    return [(rank, word, meaning) for rank, (word, meaning) in RANK_WORDS.items()]


def plain_locator(locator):
    """A locator as a reader reads it: ``¶ “In July 1978”`` is the paragraph beginning
    “In July 1978”."""
    return locator.replace(f"{PARAGRAPH} ", "paragraph beginning ").replace(PARAGRAPH, "paragraph")


def in_a_sentence(countries):
    """Countries as a sentence lists them: "France, Japan and the Soviet Union"."""
    return str(get_text_list([country.in_a_sentence for country in countries], "and"))
