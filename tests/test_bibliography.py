"""BibTeX, RIS and CSL-JSON of a source: escaped by a library so no value can break out of
its field, one line per RIS value, and one type mapping that the three agree on."""

import json

import bibtexparser
import pytest
from django.urls import reverse
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from catalog.bibliography import bibtex, cite_page, csl_json, ris
from catalog.models import Source
from tests import factories as f

NASTY = "Back\\slash, tilde ~, caret ^, {braces}, 100% & $5 #1 a_b"


def parsed(entry):
    """The entries an independent parser (bibtexparser) reads from ``entry``."""
    library = bibtexparser.parse_string(entry)
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return library.entries


def braces_balance_as_bibtex_counts_them(entry):
    """BibTeX counts every brace, a backslash before it or not: each field's value must
    close only at its own end, and the entry only at the last character."""
    depth, text = 0, entry.rstrip()
    for position, char in enumerate(text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        closes_early = depth == 0 and char == "}" and position != len(text) - 1
        if closes_early and not text[position + 1 :].startswith((",\n", "\n}")):
            return False
    return depth == 0


def latex_printer():
    """pylatexenc's decoder, taught LaTeX's \\textbraceleft and \\textbraceright."""
    context = get_default_latex_context_db()
    braces = [MacroTextSpec("textbraceleft", "{"), MacroTextSpec("textbraceright", "}")]
    context.add_context_category("braces", macros=braces, prepend=True)
    return LatexNodes2Text(latex_context=context)


def as_text(latex):
    """What LaTeX prints for a value (pylatexenc's decoder prints \\textasciicircum as ˆ)."""
    return latex_printer().latex_to_text(latex).replace("ˆ", "^")


def source(**fields):
    defaults = {"slug": "s", "kind": "article", "title": "A title", "authors": ["Chu, Karen"]}
    return Source(**(defaults | fields))


# -- injection -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title", ["Evil}, author = {Mallory", "Evil}}, author = {Mallory}, note = {", "one } brace"]
)
def test_a_title_cannot_close_its_field_and_add_another(title):
    entry = bibtex(source(title=title, container="Variety"))
    assert braces_balance_as_bibtex_counts_them(entry)
    (parsed_entry,) = parsed(entry)
    assert parsed_entry["author"] == "Chu, Karen"
    assert set(parsed_entry.fields_dict) == {"author", "title", "journal"}
    assert as_text(parsed_entry["title"]) == title


def test_latex_specials_survive_as_text():
    entry = bibtex(source(title=NASTY, publisher=NASTY, kind="book"))
    (parsed_entry,) = parsed(entry)
    assert as_text(parsed_entry["title"]) == NASTY
    assert as_text(parsed_entry["publisher"]) == NASTY


def test_a_brace_or_backslash_in_a_url_is_percent_encoded_not_markup():
    url = "https://example.org/a}b{c\\d?q=1%202#x"
    (parsed_entry,) = parsed(bibtex(source(url=url)))
    assert parsed_entry["url"] == "https://example.org/a%7Db%7Bc%5Cd?q=1%202#x"
    assert set(parsed_entry.fields_dict) == {"author", "title", "url"}


def test_hangul_and_accents_stay_readable():
    (parsed_entry,) = parsed(bibtex(source(title="불가사리", authors=["Schönherr, Johannes"])))
    assert parsed_entry["title"] == "{불가사리}"
    assert as_text(parsed_entry["author"]) == "Schönherr, Johannes"


def test_cite_this_page_is_escaped_too(rf):
    citation = cite_page("Pulgasari } @misc{x,", "https://nkfilms.org/films/pulgasari/")
    (parsed_entry,) = parsed(citation["bibtex"])
    assert as_text(parsed_entry["title"]) == "Pulgasari } @misc{x,"


# -- RIS: one value, one line --------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\u2028", "\x0b"])
def test_a_newline_in_a_title_cannot_split_an_ris_record(newline):
    text = ris(source(title=f"First line{newline}ER  - {newline}TY  - BOOK", url="https://x.org"))
    lines = text.split("\r\n")
    assert lines[-1] == "" and lines[-2] == "ER  - "
    assert [line[:6] for line in lines[:-1]] == ["TY  - ", "AU  - ", "TI  - ", "UR  - ", "ER  - "]
    assert "First line ER  - TY  - BOOK" in text


# -- what each export carries and how the three agree -------------------------------------

FULL = {
    "authors": ["Kim, Suk-Young"],
    "title": "Illusive Utopia",
    "container": "A Series",
    "publisher": "The University of Michigan Press",
    "place": "Ann Arbor",
    "date": "2010-05",
    "pages": "20",
    "url": "https://example.org/book",
}


def test_every_export_carries_container_year_url_publisher_and_pages():
    s = source(kind="book", **FULL)
    (entry,) = parsed(bibtex(s))
    assert (entry["howpublished"], entry["year"], entry["url"]) == ("A Series", "2010", FULL["url"])
    assert (entry["publisher"], entry["pages"]) == (FULL["publisher"], "20")
    text = ris(s)
    for line in ("T2  - A Series", "PY  - 2010", f"UR  - {FULL['url']}", "SP  - 20",
                 f"PB  - {FULL['publisher']}"):  # fmt: skip
        assert line + "\r\n" in text
    (item,) = csl_json(s)
    assert item["container-title"] == "A Series" and item["issued"] == {"date-parts": [[2010, 5]]}
    assert (item["URL"], item["publisher"], item["page"]) == (FULL["url"], FULL["publisher"], "20")


@pytest.mark.parametrize(
    "kind, container, expected",
    [
        ("book", "", ("book", "BOOK", "book")),
        ("article", "Variety", ("article", "JOUR", "article-journal")),
        ("article", "", ("misc", "GEN", "article")),  # the essay: no journal known
        ("interview", "Midnight Eye", ("misc", "GEN", "interview")),
        ("web-page", "Letterboxd", ("misc", "ELEC", "webpage")),
        ("film", "", ("misc", "VIDEO", "motion_picture")),
        ("archive", "", ("unpublished", "UNPB", "manuscript")),
    ],
)
def test_a_sources_type_agrees_across_bibtex_ris_and_csl_json(kind, container, expected):
    s = source(kind=kind, container=container)
    (entry,) = parsed(bibtex(s))
    assert (entry.entry_type, ris(s).split("\r\n")[0], csl_json(s)[0]["type"]) == (
        expected[0],
        f"TY  - {expected[1]}",
        expected[2],
    )


def test_every_kind_of_source_has_its_three_types():
    for kind in Source.Kind.values:
        (entry,) = parsed(bibtex(source(kind=kind, container="C")))
        assert entry.entry_type and ris(source(kind=kind)).startswith("TY  - ")


def test_the_download_answers_with_the_escaped_entry(db, client):
    s = f.SourceFactory(title="Evil}, note = {x", kind="web-page", url="https://e.org/}")
    body = client.get(reverse("front:source_export", args=[s.pk, "bib"])).content.decode()
    (entry,) = parsed(body)
    assert "note" not in entry.fields_dict and entry["url"] == "https://e.org/%7D"
    item = json.loads(client.get(reverse("front:source_export", args=[s.pk, "json"])).content)
    assert item[0]["type"] == "webpage" and item[0]["URL"] == "https://e.org/}"
