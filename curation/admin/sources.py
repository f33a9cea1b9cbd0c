"""The source picker and the source form.

Citing starts with picking a source, so the admin's source search (its autocomplete and its
list) finds sources as the site's search finds records: by any word of their title, authors
or publication, accents and case aside (``Schonherr`` finds Schönherr, on every database:
it reads the folded search key, ``search.keys``). The picker ranks an exact name first,
then a name that starts with what was typed, then the most cited, and shows each source
whole: authors, full title, where and when it appeared, how often it is cited.

A source's authors are typed one per line (``Family, Given``), never as JSON.
"""

from django import forms
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.db.models import Q

from catalog.models import Source
from search.keys import relevance, search_q

from ..concurrency import SeenValuesForm


class LinesField(forms.CharField):
    """A list of short texts, one per line; blank lines are dropped."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 40})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return [str(v).strip() for v in value if str(v).strip()]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def posted(self, value):
        """A saved list as a browser posts it (see ``curation.concurrency.as_form_data``)."""
        return self.prepare_value(value or [])


class SourceForm(SeenValuesForm):
    authors = LinesField(
        required=False,
        help_text="One author per line, family name first: “Schönherr, Johannes”. An "
        "organisation or a single name as it is written.",
    )

    class Meta:
        model = Source
        fields = "__all__"


class SourcePicker:
    """A ModelAdmin mixin for sources: the search and the autocomplete's labels."""

    def get_search_results(self, request, queryset, search_term):
        """Words found in any name, accents aside; or a slug or id typed as such. In the
        picker: ranked by how well a name matches, then by use."""
        term = search_term.strip()
        if not term:
            return queryset, False
        condition = Q(slug__startswith=term.lower())
        condition |= Q(publisher__icontains=term) | Q(notes__icontains=term)  # as before
        if (words := search_q(term)) is not None:
            condition |= words
        if term.isdigit():
            condition |= Q(pk=int(term))
        found = queryset.filter(condition)
        if request.resolver_match and request.resolver_match.url_name == "autocomplete":
            found = found.annotate(match=relevance(term)).order_by(
                "match", "-citation_count", "title", "pk"
            )
        return found, False

    def autocomplete_label(self, source):
        """A source whole: who, the full title, where and when, how often it is cited."""
        who = source.author_label()
        where = ", ".join(filter(None, [source.container, source.publisher, source.date[:4]]))
        parts = [who, f"“{source.title}”" if who else source.title, f"({where})" if where else ""]
        count = getattr(source, "citation_count", None)
        cited = f" · cited {count} time{'s' if count != 1 else ''}" if count is not None else ""
        return " ".join(filter(None, parts)) + cited


class LabelledAutocompleteJsonView(AutocompleteJsonView):
    """The admin's autocomplete, labelling each result as its ModelAdmin says (if it does)."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        label = getattr(self.model_admin, "autocomplete_label", None)
        if label is not None:
            result["text"] = label(obj)
        return result
