"""Sources and pages as researchers' reference managers want them: BibTeX, RIS, CSL-JSON,
and Chicago-style "cite this page" text."""

import re

from django.utils import timezone

BIBTEX_TYPES = {
    "book": "book",
    "article": "article",
    "interview": "misc",
    "web-page": "online",
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


def bibtex(source):
    fields = {
        "author": " and ".join(source.authors),
        "title": source.title,
        "journal" if source.kind == "article" else "howpublished": source.container,
        "publisher": source.publisher,
        "address": source.place,
        "year": source.date[:4],
        "date": source.date,
        "pages": source.pages,
        "isbn": source.isbn,
        "url": source.url,
        "language": source.language,
        "note": source.notes,
    }
    body = ",\n".join(
        f"  {name} = {{{bibtex_escape(value)}}}" for name, value in fields.items() if value
    )
    return f"@{BIBTEX_TYPES[source.kind]}{{{bibtex_key(source)},\n{body}\n}}\n"


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
        ("N1", source.notes),
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


def cite_page(title, url, kind="page"):
    """Chicago-style and BibTeX citations of one of our pages, with today's access date."""
    today = timezone.localdate()
    accessed = f"{today:%B} {today.day}, {today.year}"
    key = "nkfilms-" + re.sub(r"[^a-z0-9]+", "-", url.rstrip("/").rsplit("/", 1)[-1].lower())
    return {
        "url": url,
        "chicago": f"“{title}.” nkfilms, {kind}. Accessed {accessed}. {url}.",
        "bibtex": (
            f"@misc{{{key},\n  title = {{{bibtex_escape(title)}}},\n"
            f"  howpublished = {{nkfilms}},\n  url = {{{url}}},\n"
            f"  urldate = {{{today.isoformat()}}},\n  note = {{Accessed {accessed}}}\n}}\n"
        ),
    }
