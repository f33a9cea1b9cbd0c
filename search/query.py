"""The researcher's film query, computed once for the page, the JSON API and the exports."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import QueryDict

from search.keys import is_searchable

from .filters import FACETS, SORTS, FilmFilter, facet_counts, published_films, sorted_films

PAGE_SIZE = 25
KNOWN_PARAMS = {f.param for f in FACETS} | {"q", "year_min", "year_max", "role", "sort", "page"}
PARAM_LABELS = {
    **{facet.param: facet.label for facet in FACETS},
    "q": "Search",
    "year_min": "From",
    "year_max": "To",
    "role": "Role",
    "sort": "Sort",
    "page": "Page",
}


class BadQuery(Exception):
    """A parameter the search cannot use; ``param`` names it."""

    def __init__(self, param, message):
        super().__init__(message)
        self.param = param
        self.message = message


def printable(value):
    """A value as a message may quote it: short, control characters shown as �."""
    return "".join(c if c.isprintable() else "�" for c in value[:60])


def refusal(param, message, value):
    """``message`` about ``param``, naming the value refused if the message does not."""
    shown = printable(value)
    if shown and shown not in message:
        message = f"{message} (got “{shown}”)"
    return f"{param}: {message}"


def page_of(paginator, number):
    """Page ``number`` of ``paginator``; ``BadQuery`` naming the pages there are if there is
    no such page. The one wording of the site's lists, the API's and the films'."""
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        message = "a page is a whole number"
    except EmptyPage:
        if paginator.num_pages == 1:
            message = "there is only page 1"
        else:
            message = f"the pages go from 1 to {paginator.num_pages}"
    raise BadQuery("page", refusal("page", message, str(number)))


def value_error(field, value):
    """Why ``field`` refuses ``value`` on its own, or '' if it takes it."""
    try:
        several = isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
        field.clean([value] if several else value)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


class FilmQuery:
    """The films a query string asks for, with its facets and chips.

    A parameter it cannot use raises ``BadQuery`` (the API's and the exports' 400). The page
    is ``lenient``: it leaves such a value out, says so in ``notices``, and shows the rest.
    ``data`` is the query as understood: bad values left out, the search's spaces tidied,
    and a merged record's old slug replaced by the current one.
    """

    def __init__(self, data, lenient=False):
        self.lenient = lenient
        self.notices = []
        self.data = data.copy()
        for param in list(self.data):  # an empty value, as a form's "any" sends, asks nothing
            kept = [value for value in self.data.getlist(param) if value.strip()]
            if kept:
                self.data.setlist(param, kept)
            else:
                del self.data[param]
        self.filterset = FilmFilter(self.data, queryset=published_films())
        if not self.filterset.is_valid():
            for param, errors in self.filterset.errors.items():
                self.refuse_values(param, " ".join(errors))
            self.filterset = FilmFilter(self.data, queryset=published_films())
            if not self.filterset.is_valid():  # what is left is valid on its own; not together
                for param, errors in self.filterset.errors.items():
                    self.refuse(param, self.data.get(param, ""), " ".join(errors))
                self.filterset = FilmFilter(self.data, queryset=published_films())
                self.filterset.is_valid()
        sort = self.data.get("sort", "")
        if sort and sort not in (*SORTS, "relevance"):
            self.refuse("sort", sort, f"sort by one of: relevance, {', '.join(SORTS)}")
        self.use_cleaned_values()

    def refuse_values(self, param, message):
        """Leave out the values of ``param`` the filter refuses (all, if none alone is bad)."""
        field = self.filterset.form.fields.get(param)
        values = self.data.getlist(param)
        bad = [(v, value_error(field, v)) for v in values] if field else []
        bad = [(value, error) for value, error in bad if error]
        if not bad:
            bad = [(value, message) for value in values[:1]]
        for value, error in bad:
            self.refuse(param, value, error)

    def refuse(self, param, value, message):
        if not self.lenient:
            raise BadQuery(param, refusal(param, message, value))
        if len(self.data.getlist(param)) > 1:
            self.data.setlist(param, [v for v in self.data.getlist(param) if v != value])
        else:
            self.data.pop(param, None)
        self.notices.append(refusal(PARAM_LABELS.get(param, param), message, value))

    def use_cleaned_values(self):
        """Write back what the filters understood: the search without stray spaces, and the
        current slug for an old one (so facets and chips show the value as selected)."""
        cleaned = self.filterset.form.cleaned_data
        if "q" in self.data:
            if cleaned.get("q"):
                self.data["q"] = cleaned["q"]
            else:
                self.data.pop("q")
        for param, field in self.filterset.form.fields.items():
            if param in self.data and isinstance(field, forms.ModelMultipleChoiceField):
                key = field.to_field_name
                current = list(dict.fromkeys(str(getattr(o, key)) for o in cleaned[param]))
                if set(current) != set(self.data.getlist(param)):
                    self.data.setlist(param, current)

    @property
    def search(self):
        return self.filterset.form.cleaned_data.get("q", "")

    @property
    def unsearchable(self):
        """A search with no letter or digit in it ('🎬', '??'): it finds no films."""
        return bool(self.search) and not is_searchable(self.search)

    @property
    def films(self):
        return sorted_films(self.filterset, self.data.get("sort", ""))

    def page(self):
        paginator = Paginator(self.films.for_list(), PAGE_SIZE)
        number = self.data.get("page", "1")
        try:
            return page_of(paginator, number)
        except BadQuery as bad:
            if not self.lenient:
                raise
            self.refuse("page", number, bad.message.removeprefix("page: "))
            return paginator.page(1)

    def labels(self):
        """(param, value) → label for every value chosen: names, not slugs."""
        labels = {}
        cleaned = self.filterset.form.cleaned_data
        for param, field in self.filterset.form.fields.items():
            if isinstance(field, forms.ModelMultipleChoiceField):
                for record in cleaned.get(param) or []:
                    labels[(param, str(getattr(record, field.to_field_name)))] = str(record)
            elif isinstance(field, forms.ChoiceField):
                for value, label in field.choices:
                    labels[(param, str(value))] = str(label)
        return labels

    def facets(self):
        """Every facet's values with live counts: {param: [{value, label, count, selected}]}."""
        labels = self.labels()
        return {
            facet.param: facet_counts(self.filterset, facet, self.data.getlist(facet.param), labels)
            for facet in FACETS
        }

    def active_filters(self):
        """(param, value, label) for each value the researcher chose, page and sort aside."""
        labels = self.labels()
        return [
            (param, value, labels.get((param, value), value))
            for param, values in self.data.lists()
            if param in KNOWN_PARAMS and param not in ("page", "sort")
            for value in values
            if value
        ]

    def without(self, param, value=None):
        """The query string with one value (or the whole parameter) removed."""
        data = self.data.copy()
        data.pop("page", None)
        if value is None:
            data.pop(param, None)
        else:
            data.setlist(param, [v for v in data.getlist(param) if v != value])
        return data.urlencode()

    def widest_drop(self):
        """For an empty result: the one filter whose removal brings back the most films."""
        best = None
        for param, value, label in self.active_filters():
            data = QueryDict(self.without(param, value))
            count = FilmFilter(data, queryset=published_films()).qs.count()
            if count and (best is None or count > best["count"]):
                best = {
                    "label": PARAM_LABELS.get(param, param),
                    "value": label,
                    "count": count,
                    "href": self.without(param, value),
                }
        return best
