"""Sources and pages as researchers' reference managers want them: BibTeX, RIS, CSL-JSON,
and Chicago-style "cite this page" text."""

import re
import unicodedata
from urllib.parse import quote, urlsplit

from django.utils import timezone
from pylatexenc.latexencode import RULE_DICT, UnicodeToLatexConversionRule, UnicodeToLatexEncoder

# A source's kind in the three vocabularies, defined once so they agree: (BibTeX, RIS,
# CSL-JSON). Classic BibTeX (no biblatex-only @online) has no interview, web page or film
# type, and RIS no interview: their generic types stand in. An article whose journal or
# website we do not know is a generic article in all three (@article requires a journal).
TYPES = {
    "book": ("book", "BOOK", "book"),
    "article": ("article", "JOUR", "article-journal"),
    "interview": ("misc", "GEN", "interview"),
    "web-page": ("misc", "ELEC", "webpage"),
    "film": ("misc", "VIDEO", "motion_picture"),
    "archive": ("unpublished", "UNPB", "manuscript"),
}
ARTICLE_WITHOUT_CONTAINER = ("misc", "GEN", "article")

# BibTeX's special characters escaped by pylatexenc (\ ~ ^ % & $ # _ and accented letters
# as LaTeX macros), each replacement in braces; Hangul and other scripts stay as they are.
# BibTeX counts every brace, escaped or not (LaTeX's \} is one brace too many for it), so
# braces become \textbraceleft and \textbraceright: a value always closes where it should,
# and none can end its field and open another.
BRACES = {ord("{"): r"\textbraceleft", ord("}"): r"\textbraceright"}
LATEX = UnicodeToLatexEncoder(
    conversion_rules=[UnicodeToLatexConversionRule(RULE_DICT, BRACES), "defaults"],
    non_ascii_only=False,
    replacement_latex_protection="braces-all",
    unknown_char_policy="keep",
    unknown_char_warning=False,
)
# What a URL keeps as it is: RFC 3986's reserved and unreserved characters and the
# percent-escapes already in it; anything else (a brace, a backslash, a space) is
# percent-encoded, which names the same address and cannot end a BibTeX field.
URL_SAFE = ":/?#[]@!$&'()*+,;=%-._~"
LINE_BREAKS = re.compile(r"[ \t]*[\r\n\v\f\u0085\u2028\u2029]+[ \t]*")


def source_types(source):
    """(BibTeX, RIS, CSL-JSON) types of a source: one mapping for the three exports."""
    if source.kind == "article" and not source.container:
        return ARTICLE_WITHOUT_CONTAINER
    return TYPES[source.kind]


def one_line(value):
    """A value with its line breaks and other control characters as spaces."""
    value = LINE_BREAKS.sub(" ", value or "")
    return "".join(c if unicodedata.category(c) != "Cc" else " " for c in value).strip()


def bibtex_escape(text):
    return LATEX.unicode_to_latex(one_line(text))


def bibtex_url(url):
    return quote(one_line(url), safe=URL_SAFE)


def bibtex_key(source):
    return re.sub(r"[^a-z0-9]", "", source.slug.lower())


def bibtex_value(name, value):
    """A field's braced value: titles double-braced so styles keep their capitals, URLs
    percent-encoded where BibTeX would read a character as markup."""
    if name == "title":
        return f"{{{{{bibtex_escape(value)}}}}}"
    if name == "url":
        return f"{{{bibtex_url(value)}}}"
    return f"{{{bibtex_escape(value)}}}"


def bibtex_entry(kind, key, fields):
    """One BibTeX entry, leaving out the empty fields."""
    body = ",\n".join(
        f"  {name} = {bibtex_value(name, value)}" for name, value in fields.items() if value
    )
    return f"@{kind}{{{key},\n{body}\n}}\n"


def bibtex(source):
    """The source as a classic BibTeX entry.

    ``pages`` is what the collection records: the page or pages of the work it cites (a
    book's page 249, not its length). Our notes on a source describe how we know the work,
    not the work, so they stay out of every export.
    """
    kind = source_types(source)[0]
    fields = {
        "author": " and ".join(source.authors),
        "title": source.title,
        "journal" if kind == "article" else "howpublished": source.container,
        "publisher": source.publisher,
        "address": source.place,
        "year": source.date[:4],
        "date": source.date,
        "pages": source.pages,
        "isbn": source.isbn,
        "url": source.url,
        "language": source.language,
    }
    return bibtex_entry(kind, bibtex_key(source), fields)


def ris(source):
    lines = [("TY", source_types(source)[1])]
    lines += [("AU", author) for author in source.authors]
    lines += [
        ("TI", source.title),
        ("T2", source.container),
        ("PB", source.publisher),
        ("CY", source.place),
        ("PY", source.date[:4]),
        ("DA", source.date.replace("-", "/")),
        ("SP", source.pages),
        ("SN", source.isbn),
        ("UR", source.url),
        ("LA", source.language),
    ]
    # One value per line: a line break in a title would end its tag and could start a forged
    # one (or an early "ER  -"), so every value is put on one line.
    text = "".join(f"{tag}  - {one_line(value)}\r\n" for tag, value in lines if value)
    return text + "ER  - \r\n"


def csl_json(source):
    def name(author):
        family, _, given = author.partition(", ")
        return {"family": family, "given": given} if given else {"literal": family}

    item = {
        "id": source.slug,
        "type": source_types(source)[2],
        "title": source.title,
        "author": [name(a) for a in source.authors],
    }
    if source.container:
        item["container-title"] = source.container
    if source.publisher:
        item["publisher"] = source.publisher
    if source.place:
        item["publisher-place"] = source.place
    if source.date:
        item["issued"] = {"date-parts": [[int(part) for part in source.date.split("-")]]}
    for key, value in (("page", source.pages), ("ISBN", source.isbn), ("URL", source.url)):
        if value:
            item[key] = value
    if source.language:
        item["language"] = source.language
    return [item]


def chicago_title(title):
    """A title in Chicago's double quotes: its own double quotes become single, and the
    period goes inside unless the title ends with its own punctuation."""
    inner = title.replace("“", "‘").replace("”", "’").replace('"', "'")
    return f"“{inner}”" if inner.endswith(("?", "!", ".")) else f"“{inner}.”"


def cite_page(title, url):
    """Chicago-style (web page) and BibTeX citations of one of our pages, accessed today."""
    today = timezone.localdate()
    accessed = f"{today:%B} {today.day}, {today.year}"
    key = "nkfilms-" + re.sub(r"[^a-z0-9]+", "-", urlsplit(url).path.lower()).strip("-")
    return {
        "url": url,
        "chicago": f"{chicago_title(title)} nkfilms. Accessed {accessed}. {url}.",
        "bibtex": bibtex_entry(
            "misc",
            key,
            {
                "title": title,
                "howpublished": "nkfilms",
                "url": url,
                "urldate": today.isoformat(),
                "note": f"Accessed {accessed}",
            },
        ),
    }
