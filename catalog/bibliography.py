"""Sources and pages as researchers' reference managers want them: BibTeX, RIS, CSL-JSON,
and Chicago-style "cite this page" text."""

import re
from urllib.parse import urlsplit

from django.utils import timezone

# Classic BibTeX entry types (no biblatex-only @online); an article without a journal is @misc.
BIBTEX_TYPES = {
    "book": "book",
    "article": "article",
    "interview": "misc",
    "web-page": "misc",
    "film": "misc",
    "archive": "unpublished",
}
RIS_TYPES = {
    "book": "BOOK",
    "article": "JOUR",
    "interview": "PCOMM",
    "web-page": "ELEC",
    "film": "VIDEO",
    "archive": "UNPB",
}
CSL_TYPES = {
    "book": "book",
    "article": "article",
    "interview": "interview",
    "web-page": "webpage",
    "film": "motion_picture",
    "archive": "manuscript",
}


def bibtex_escape(text):
    return re.sub(r"([{}%&$#_])", r"\\\1", text or "")


def bibtex_key(source):
    return re.sub(r"[^a-z0-9]", "", source.slug.lower())


def bibtex_value(name, value):
    """A field's braced value: titles double-braced so styles keep their capitals, URLs as
    they are (their % and _ belong to the address)."""
    if name == "title":
        return f"{{{{{bibtex_escape(value)}}}}}"
    if name in ("url", "urldate"):
        return f"{{{value}}}"
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
    kind = BIBTEX_TYPES[source.kind]
    if kind == "article" and not source.container:
        kind = "misc"  # @article requires a journal
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
    lines = [("TY", RIS_TYPES[source.kind])]
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
    text = "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value)
    return text + "ER  - \r\n"


def csl_json(source):
    def name(author):
        family, _, given = author.partition(", ")
        return {"family": family, "given": given} if given else {"literal": family}

    item = {
        "id": source.slug,
        "type": CSL_TYPES[source.kind],
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
