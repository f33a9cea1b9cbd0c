"""Romanization-insensitive search keys.

Korean names and titles reach researchers in many spellings: McCune–Reischauer (Sŏ Kyŏng-sŏp,
Ch'oe Ŭn-hŭi), Revised Romanization (Seo Gyeong-seop), and informal ones (So Kyong Sop,
Choi Eun-hee). ``fold`` maps all of them to one key, so one query finds every spelling.
Records store the folded forms of all their names in ``search_key``; a query is folded the
same way and matched as a substring, in Python's rules on every database (PostgreSQL adds a
trigram index so the match stays fast).
"""

import re
import unicodedata

from django.db import models

# Whole-word variants of Korean family names (and common syllables written the same way).
FAMILY_NAMES = {
    "lee": "ri", "yi": "ri", "rhee": "ri", "li": "ri", "ree": "ri", "rhie": "ri",
    "park": "pak", "bak": "pak", "pack": "pak",
    "choi": "choe", "chwe": "choe", "choy": "choe",
    "jeong": "jong", "chong": "jong", "chung": "jong", "jung": "jong", "cheong": "jong",
    "lim": "rim", "im": "rim",
    "ryu": "yu", "yoo": "yu", "ryoo": "yu",
    "roh": "no", "noh": "no",
    "kang": "gang",
}  # fmt: skip

# Applied in order inside each word: vowels, then consonant digraphs, then voicing pairs.
SPELLINGS = [
    ("eo", "o"), ("eu", "u"), ("oo", "u"), ("ee", "i"), ("ui", "i"),
    ("tch", "j"), ("ch", "j"), ("sh", "s"), ("ph", "p"), ("th", "t"), ("kh", "k"),
    ("p", "b"), ("k", "g"), ("t", "d"), ("l", "r"),
]  # fmt: skip

APOSTROPHES = "'’‘ʼ`´ʻ"
WORD_BREAKS = re.compile(r"[^\w]+|_")
REPEATS = re.compile(r"(.)\1+")
MAX_QUERY_LENGTH = 200


def strip_accents(text):
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", kept)  # recomposes Hangul syllables


def fold_word(word):
    word = FAMILY_NAMES.get(word, word)
    if not word.isascii():
        return word  # Hangul, kana, hanzi, Cyrillic: matched as written
    for old, new in SPELLINGS:
        word = word.replace(old, new)
    return REPEATS.sub(r"\1", word)


def fold(text):
    """One key for every spelling: 'Ch'oe Ŭn-hŭi', 'Choi Eun-hee' and 'CHOE Un Hui' agree."""
    text = strip_accents(text or "").lower()
    for mark in APOSTROPHES:
        text = text.replace(mark, "")
    return "".join(fold_word(word) for word in WORD_BREAKS.split(text) if word)


def search_key(names):
    """The stored key: every folded name between bars, so '|q' marks a prefix match."""
    folded = [fold(name) for name in names if name]
    return "|" + "|".join(dict.fromkeys(f for f in folded if f)) + "|"


class Searchable(models.Model):
    """A record found by any of its names, in any romanization."""

    search_key = models.TextField(blank=True, editable=False, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_key = self.compute_search_key()
        super().save(*args, **kwargs)

    def search_names(self):
        """Every name of the record; models with name rows add those."""
        raise NotImplementedError

    def compute_search_key(self):
        return search_key(self.search_names())

    def refresh_search_key(self):
        """After a name row changed: store the key without touching anything else."""
        key = self.compute_search_key()
        if key != self.search_key:
            self.search_key = key
            type(self).objects.filter(pk=self.pk).update(search_key=key)


def matching(queryset, folded_query, field="search_key"):
    return queryset.filter(**{f"{field}__contains": folded_query})


def relevance(folded_query, field="search_key"):
    """0 for an exact name match, 1 for a name that starts with the query, 2 otherwise."""
    return models.Case(
        models.When(**{f"{field}__contains": f"|{folded_query}|"}, then=0),
        models.When(**{f"{field}__contains": f"|{folded_query}"}, then=1),
        default=2,
        output_field=models.IntegerField(),
    )
