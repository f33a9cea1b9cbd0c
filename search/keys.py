"""Romanization-insensitive search keys.

Korean names and titles reach researchers in many spellings: McCune–Reischauer (Sŏ Kyŏng-sŏp,
Ch'oe Ŭn-hŭi), Revised Romanization (Seo Gyeong-seop), North Korea's own (P'hyŏngyang) and
informal ones (So Kyong Sop, Choi Eun-hee). The rule, word by word:

1. Case, accents (ŏ, ŭ, é) and apostrophes (p', ch', Rodman's) do not count, and an
   apostrophe typed as a space finds the name too ("Fait d hiver"). Hyphens and
   spaces separate words: "Sang-ok" is "sang ok". A hyphenated word is also kept joined
   ("sangok"), and so are two neighbouring one-syllable Korean words ("Kil Dong": "kildong"),
   so "Sangok" and "Gildong" find them too. (The reverse is not done: a name stored as one
   word, "Sangok", is found by "Sangok" and "Sang", not by "Sang Ok".)
2. A word that reads as romanized Korean — a run of Korean syllables such as "kyong", "sop",
   "choi", "pulgasari", and family names such as Lee or Park — also has a *Korean spelling*
   in which the usual variants agree: ŏ/eo, ŭ/eu, ee/i, Ri/Lee/Yi/Rhee, Pak/Park/Bak,
   Jong/Chong/Jeong, and the consonant pairs p/b, t/d, k/g, l/r, ch/j. English words ("the",
   "dear", "singer") are not Korean syllables and keep their spelling.
3. Each word of the query must match a word of the record: the spelling typed matches the
   *start* of a word ("Pulga" finds Pulgasari), its Korean spelling matches a *whole* word
   ("Lee" finds Ri, Yi and Rhee, not Rim; "Shin" finds Sin, not Sinbo or Singer).
4. Hangul, kana and Chinese characters have no reliable word spaces: runs of them are kept
   together without spaces and matched anywhere ("꽃 파는 처녀" finds 꽃파는 처녀).
5. Hangul is also read in Latin letters, both ways: a name in Hangul is stored with its
   Revised Romanization (korean-romanizer, with its sound changes: 꽃 → kkot), as a whole word
   and syllable by syllable ("불가사리": "bulgasari", "bul ga sa ri"), so "Pulgasari" finds a
   record known only as 불가사리; and a Hangul query matches a romanized record's words in
   Korean spelling: as one word (불가사리 → Pulgasari), syllable by syllable (신상옥 → Shin
   Sang-ok) or as a family name and a given name (신상옥 → Sin Sangok).

Records store every name in ``search_key`` twice: as typed, a space before each word, and in
Korean spelling, a "~" around each word, every rendering between bars:
``| shin sang ok |~sin~sang~og~| shin sangok |~sin~sangog~|``. A query becomes ``LIKE``
conditions on that key (``search_q``), the same on SQLite and PostgreSQL, where the trigram
(pg_trgm) GIN index (``trigram_index``, in each app's search-index migration) serves
``LIKE '%…%'``. ``relevance`` ranks an exact
name first, then a name that starts with the query, then the rest.
"""

import re
import unicodedata
from functools import lru_cache

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from korean_romanizer.romanizer import Romanizer

# Korean family names whose spellings differ by more than the letter rules below.
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

# Applied in order inside a Korean word: vowels, then consonant digraphs, then voicing pairs.
SPELLINGS = [
    ("eo", "o"), ("eu", "u"), ("oo", "u"), ("ee", "i"), ("ui", "i"),
    ("tch", "j"), ("ch", "j"), ("sh", "s"), ("ph", "p"), ("th", "t"), ("kh", "k"),
    ("p", "b"), ("k", "g"), ("t", "d"), ("l", "r"),
]  # fmt: skip

# The letters of romanized Korean syllables (McCune–Reischauer without its marks, Revised,
# North Korean, and the common informal spellings): an optional initial, a vowel, a final.
INITIALS = (
    "", "g", "k", "kk", "gg", "kh", "n", "d", "t", "tt", "dd", "th", "r", "l", "m", "b", "p",
    "pp", "bb", "ph", "s", "ss", "sh", "j", "jj", "ch", "tch", "h",
)  # fmt: skip
VOWELS = (
    "a", "ae", "ya", "yae", "eo", "o", "e", "yeo", "yo", "ye", "wa", "wae", "oe", "u", "wo",
    "weo", "we", "wi", "yu", "eu", "ui", "i", "ee", "oo", "yoo",
)  # fmt: skip
FINALS = ("", "k", "g", "n", "t", "d", "l", "m", "p", "b", "ng")
KOREAN_SYLLABLES = frozenset(i + v + f for i in INITIALS for v in VOWELS for f in FINALS)
LONGEST_SYLLABLE = max(map(len, KOREAN_SYLLABLES))

APOSTROPHES = "'’‘ʼ`´ʻ"
HYPHENS = "-‐‑"
HYPHEN = f"[{re.escape(HYPHENS)}]"
CHUNKS = re.compile(rf"(?:\w|{HYPHEN})+")
REPEATS = re.compile(r"(.)\1+")
CJK_NAMES = ("HANGUL", "CJK", "HIRAGANA", "KATAKANA")
HANGUL = re.compile("[\uac00-\ud7a3]+")  # runs of Hangul syllables
MAX_QUERY_LENGTH = 200


class SearchField(forms.CharField):
    """Search text as a visitor types or pastes it: runs of spaces, tabs and newlines become
    one space; other control characters (a NUL byte) and over-long text are refused."""

    default_error_messages = {
        "max_length": "search for at most %(limit_value)d characters (this is %(show_value)d)",
    }

    def __init__(self, *, max_length=MAX_QUERY_LENGTH, required=False, **kwargs):
        super().__init__(max_length=max_length, required=required, **kwargs)

    def to_python(self, value):
        return " ".join(super().to_python(value).split())

    def validate(self, value):
        super().validate(value)
        if any(ord(c) < 32 or ord(c) == 127 for c in value):
            raise ValidationError("the search contains control characters")


class SearchFilter(django_filters.CharFilter):
    """A FilterSet's search box; its ``method`` does the matching."""

    field_class = SearchField


def strip_accents(text):
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", kept)  # recomposes Hangul syllables


def is_cjk(word):
    """Hangul, kana or Chinese characters: scripts written without reliable word spaces."""
    return any(unicodedata.name(c, "").startswith(CJK_NAMES) for c in word)


@lru_cache(maxsize=10_000)
def korean_syllables(word):
    """How many Korean syllables ``word`` reads as (fewest), or 0 if it is not romanized Korean."""
    if not (word.isascii() and word.isalpha()):
        return 0
    fewest = [0] + [None] * len(word)  # fewest[i]: syllables spelling word[:i]
    for start in range(len(word)):
        if fewest[start] is None:
            continue
        for end in range(start + 1, min(len(word), start + LONGEST_SYLLABLE) + 1):
            if word[start:end] in KOREAN_SYLLABLES:
                count = fewest[start] + 1
                if fewest[end] is None or count < fewest[end]:
                    fewest[end] = count
    return fewest[-1] or 0


def korean_spelling(word):
    """The spelling every romanization of a Korean word shares, or the word itself."""
    if word in FAMILY_NAMES:
        word = FAMILY_NAMES[word]
    elif not korean_syllables(word):
        return word
    for old, new in SPELLINGS:
        word = word.replace(old, new)
    return REPEATS.sub(r"\1", word)


def words(text):
    """The words of ``text`` as (word, joined) pairs: lower case, without accents or
    apostrophes; ``joined`` is True for a form made by joining neighbouring words."""
    text = strip_accents(text or "").lower()
    for mark in APOSTROPHES:
        text = text.replace(mark, "")
    found = []
    for chunk in CHUNKS.findall(text):
        parts = [p for p in re.split(rf"(?:_|{HYPHEN})+", chunk) if p]
        if not parts:
            continue
        if found and is_cjk(parts[0]) and is_cjk(found[-1]):
            found[-1] += parts.pop(0)  # Hangul written with or without its spaces
        found.extend(parts)
    return found


@lru_cache(maxsize=50_000)
def romanize(hangul):
    """A run of Hangul syllables in Revised Romanization, with its sound changes; "" for
    one the library cannot read (a few double final consonants at the end of a word, 않)."""
    try:
        return Romanizer(hangul).romanize()
    except (KeyError, IndexError, ValueError):
        return ""


def romanized_names(name):
    """The Hangul in ``name`` in Latin letters, for searches typed in romanization: each
    Hangul word whole ("꽃파는 처녀": "kkotpaneun cheonyeo") and syllable by syllable
    ("kkot pa neun cheo nyeo"); [] for a name without Hangul."""
    if not HANGUL.search(name):
        return []
    whole = HANGUL.sub(lambda run: f" {romanize(run.group())} ", name)
    syllables = HANGUL.sub(lambda run: " ".join(map(romanize, run.group())) + " ", name)
    return [text for text in dict.fromkeys([whole, syllables]) if text.strip()]


def hangul_readings(word):
    """The ways a Hangul query word may be written in romanization, each as a list of words:
    whole, syllable by syllable, and as a family name and a given name (신상옥: sinsangok;
    sin sang ok; sin sangok)."""
    if not HANGUL.fullmatch(word):
        return []
    readings = [[romanize(word)], [romanize(syllable) for syllable in word]]
    if len(word) >= 3:
        readings.append([romanize(word[0]), romanize(word[1:])])
    found = []
    for reading in readings:
        if not all(reading):
            continue  # a syllable the library cannot read
        spelled = [korean_spelling(w) for part in reading for w in words(part)]
        if spelled and spelled not in found:
            found.append(spelled)
    return found


def renderings(text):
    """The word lists a name is stored as: its words, the same with hyphenated words and
    neighbouring one-syllable Korean words joined, and with apostrophes as spaces."""
    plain = words(text)
    if not plain:
        return []
    text = strip_accents(text).lower()
    joined = words(re.sub(rf"(?<=\w){HYPHEN}+(?=\w)", "", text))
    one_syllable = [korean_syllables(w) == 1 for w in joined]
    pairs = [
        joined[i] + joined[i + 1]
        for i in range(len(joined) - 1)
        if one_syllable[i] and one_syllable[i + 1]
    ]
    # "Fait d'Hiver" is also "fait d hiver", for whoever types the apostrophe as a space
    split = words(re.sub(f"[{re.escape(APOSTROPHES)}]", " ", text))
    found = [plain]
    for rendering in (joined, pairs, split):
        if rendering and rendering not in found:
            found.append(rendering)
    return found


def search_key(names):
    """The stored key: every rendering of every name, as typed and in Korean spelling."""
    segments = []
    for name in names:
        for rendering in (
            r for text in (name or "", *romanized_names(name or "")) for r in renderings(text)
        ):
            segments.append(" " + " ".join(rendering) + " ")
            segments.append("~" + "~".join(korean_spelling(w) for w in rendering) + "~")
    if not segments:
        return ""
    return "|" + "|".join(dict.fromkeys(segments)) + "|"


def fold(text):
    """The query's words in Korean spelling, as the key stores them: '~sin~sang~og~'.

    ``search_key__contains=fold(q)`` matches the query's whole words in order; ``search_q``
    is the full rule (typed words also match the start of a word) and what searches use.
    """
    found = [korean_spelling(w) for w in words(text)]
    return "~" + "~".join(found) + "~" if found else ""


def is_searchable(text):
    """Whether ``text`` has a letter or digit to search for ('🎬' and '??' do not)."""
    return bool(words(text))


def spelled_match(word):
    """The Korean spelling a (non-CJK) query word also matches as a whole word, or None for
    a word that is not romanized Korean (it matches only as typed)."""
    spelling = korean_spelling(word)
    if spelling == word and not korean_syllables(word):
        return None
    return spelling


def word_q(word, field):
    if is_cjk(word):
        condition = Q(**{f"{field}__contains": word})
        for reading in hangul_readings(word):
            condition |= Q(**{f"{field}__contains": "~" + "~".join(reading) + "~"})
        return condition
    typed = Q(**{f"{field}__contains": " " + word})
    if (spelling := spelled_match(word)) is None:
        return typed
    return typed | Q(**{f"{field}__contains": f"~{spelling}~"})


def key_words(key):
    """The words of a stored key, as a word index keeps them: each typed word as it is
    (a query word matches its start), each word in Korean spelling after a "~" (a query
    word's Korean spelling matches it whole). ``word_index_q`` looks them up."""
    found = set()
    for segment in key.split("|"):
        if segment.startswith("~"):
            found.update("~" + word for word in segment.split("~") if word)
        else:
            found.update(segment.split())
    return found


def word_index_q(text, field="word"):
    """For a search with no Hangul, kana or Chinese characters: for each distinct word of
    ``text``, the conditions on a table of ``key_words`` any of which it matches (a film
    matches if each word finds one of its words) — ``search_q``'s rule, answered from an
    index of words instead of a scan of keys. None when the rule needs the whole key (a CJK
    word) or there is no word."""
    found = list(dict.fromkeys(words(text)))
    if not found or any(is_cjk(word) for word in found):
        return None
    conditions = []
    for word in found:
        matches = [Q(**{f"{field}__startswith": word})]
        if (spelling := spelled_match(word)) is not None:
            matches.append(Q(**{field: "~" + spelling}))
        conditions.append(matches)
    return conditions


def cjk_parts(text):
    """{a run of Hangul (or kana, Chinese) typed with spaces, joined: its words}, so that
    "불가사리 신상옥" can match a title and a name, not only one name written so."""
    found, run = {}, []
    for token in (text or "").split() + [""]:
        for word in words(token) or [""]:
            if word and is_cjk(word):
                run.append(word)
                continue
            if len(run) > 1:
                found["".join(run)] = run
            run = []
    return found


def search_q(text, field="search_key"):
    """A filter for records matching every word of ``text`` (see the module's rule), or
    None when ``text`` has nothing to search for."""
    found = words(text)
    if not found:
        return None
    parts = cjk_parts(text)
    condition = Q()
    for word in dict.fromkeys(found):
        matches = word_q(word, field)
        if word in parts:  # typed with spaces: each part may match on its own
            each = Q()
            for part in parts[word]:
                each &= word_q(part, field)
            matches |= each
        condition &= matches
    return condition


def matching(queryset, text, field="search_key"):
    """``queryset`` narrowed to records matching ``text``; none if it has nothing to search."""
    condition = search_q(text, field)
    return queryset.none() if condition is None else queryset.filter(condition)


def relevant_q(text, field="search_key"):
    """(a name equal to the query, a name that starts with it, a name with every word of
    it) as conditions on the key, or None for a query with no word. The last holds for
    the first two as well."""
    typed = words(text)
    if not typed:
        return None
    spelled = [korean_spelling(w) for w in typed]
    exact = Q(**{f"{field}__contains": "|~" + "~".join(spelled) + "~|"})
    prefix = Q(**{f"{field}__contains": "| " + " ".join(typed)}) | Q(
        **{f"{field}__contains": "|~" + "~".join(spelled) + "~"}
    )
    return exact, prefix, search_q(text, field)


def relevance(text, field="search_key"):
    """0 for a name equal to the query, 1 for a name that starts with it, 2 for a name with
    every word of it ("Spirit of Korean Celadon" for "korean"), 3 otherwise (a film found
    by its people or studios)."""
    if (conditions := relevant_q(text, field)) is None:
        return models.Value(3, output_field=models.IntegerField())
    exact, prefix, named = conditions
    return models.Case(
        models.When(exact, then=0),
        models.When(prefix, then=1),
        models.When(named, then=2),
        default=3,
        output_field=models.IntegerField(),
    )
