"""The researcher's film query, computed once for the page, the JSON API and the exports."""

from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import QueryDict

from .filters import FACETS, SORTS, FilmFilter, all_facets, published_films, sorted_films

PAGE_SIZE = 25
KNOWN_PARAMS = {f.param for f in FACETS} | {"q", "year_min", "year_max", "role", "sort", "page"}


class BadQuery(Exception):
    """A parameter the search cannot use; ``param`` names it."""

    def __init__(self, param, message):
        super().__init__(message)
        self.param = param
        self.message = message


@dataclass
class FilmQuery:
    data: QueryDict
    filterset: FilmFilter = field(init=False)

    def __post_init__(self):
        self.filterset = FilmFilter(self.data, queryset=published_films())
        if not self.filterset.is_valid():
            param, messages = next(iter(self.filterset.errors.items()))
            value = self.data.get(param, "")
            raise BadQuery(param, f"{param}: {' '.join(messages)} (got {value[:60]!r})")
        sort = self.data.get("sort", "")
        if sort and sort not in (*SORTS, "relevance"):
            raise BadQuery("sort", f"sort must be one of: relevance, {', '.join(SORTS)}")

    @property
    def films(self):
        return sorted_films(self.filterset, self.data.get("sort", ""))

    def page(self):
        paginator = Paginator(self.films.for_list(), PAGE_SIZE)
        number = self.data.get("page", "1")
        try:
            return paginator.page(number)
        except PageNotAnInteger:
            raise BadQuery("page", f"page must be a whole number (got {number[:20]!r})") from None
        except EmptyPage:
            raise BadQuery(
                "page", f"page {number} is out of range: there are {paginator.num_pages} pages"
            ) from None

    def facets(self):
        return all_facets(self.data)

    def active_filters(self):
        """(param, value) pairs the researcher chose, page and sort aside."""
        return [
            (param, value)
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
        for param, value in self.active_filters():
            data = QueryDict(self.without(param, value))
            count = FilmFilter(data, queryset=published_films()).qs.count()
            if count and (best is None or count > best[2]):
                best = (param, value, count)
        return best
