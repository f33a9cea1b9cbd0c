"""The researcher's film query, computed once for the page, the JSON API and the exports.

Each chosen filter is resolved once, through the index (``search.models``), to the set of
films it allows; the result is their intersection, and each facet counts its values over
the intersection of the *other* filters (so picking one studio does not zero the other
studios). Within a facet, several values widen the result (OR); across facets they narrow
it (AND). A query costs one look-up for the chosen facet values (``search.counts``), one for
the search or each year bound, one statement for every facet's counts, and the page: a
fixed number of queries, whatever the size of the collection.
"""

from dataclasses import replace
from functools import cached_property, reduce

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Q, QuerySet, Window
from django.http import QueryDict

from catalog.models import Film

from .counts import Part, films_with, read_counts
from .facets import ALL_SCOPES, DEFAULT_SCOPES, FACETS, credit_facet
from .filters import SORTS, FilmFilter
from .keys import is_searchable, relevance, relevant_q, search_q, word_index_q
from .models import FilmDocument, FilmFacet, FilmWord

PAGE_SIZE = 25


def is_chosen(value):
    """Whether a filter's cleaned value asks for anything (an empty list does not)."""
    if isinstance(value, list | tuple | QuerySet):
        return len(value) > 0  # a chosen queryset is already fetched: no query
    return value not in (None, "")


class AllBut(frozenset):
    """Every published film but these ids: a filter that leaves out a few films, kept as
    what it leaves out. The default scope (North Korean cinema) leaves out the films cited
    for context; as a set of what it allows it would be nearly the whole collection, and
    every facet would be counted over it."""


KNOWN_PARAMS = {f.param for f in FACETS} | {"q", "year_min", "year_max", "role", "sort", "page"}
MORE = "more"  # ?more=person: that facet shows all its values, not only the most frequent
PARAM_LABELS = {
    **{facet.param: facet.label for facet in FACETS},
    "q": "Search",
    "year_min": "From",
    "year_max": "To",
    "role": "Role",
    "sort": "Sort",
    "page": "Page",
}


class ByRelevance:
    """A search's films in relevance order, as a paginator slices them: first the films
    whose own names hold the search (equal to it, starting with it, or with every word of
    it; found through the names' trigram index), then every other match in title order,
    read from the title index a page at a time. Ordering ``films`` by relevance itself
    reads every match (37,616 films for "kim" in a collection of 100,000) to sort them."""

    def __init__(self, films, text):
        self.films = films.order_by(*SORTS["title"])
        self.by_id = films.model.objects.for_list().order_by()  # a page's 25, by id alone
        named = relevant_q(text)[2]
        self.relevant = (
            self.films.filter(named)
            .annotate(relevance=relevance(text), named=Window(Count("*")))
            .order_by("relevance", *SORTS["title"])
            .values_list("pk", "named")
        )
        self.rest = self.films.exclude(named).values_list("pk", flat=True)

    def __getitem__(self, index):
        start, stop = index.start or 0, index.stop
        rows = list(self.relevant[start:stop])  # with how many there are, in one query
        named = rows[0][1] if rows else self.relevant.count()
        ids = [pk for pk, _ in rows]
        if stop > named:
            ids += list(self.rest[max(start - named, 0) : stop - named])
        films = {film.pk: film for film in self.by_id.filter(pk__in_ids=ids)}
        return [films[pk] for pk in ids]


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
        self._ids = {}
        self.data = data.copy()
        for param in list(self.data):  # an empty value, as a form's "any" sends, asks nothing
            # (and a value repeated in a hand-made address is asked once)
            kept = list(dict.fromkeys(v for v in self.data.getlist(param) if v.strip()))
            if kept:
                self.data.setlist(param, kept)
            else:
                del self.data[param]
        self.filterset = FilmFilter(self.data, queryset=Film.objects.none())
        if not self.filterset.is_valid():
            for param, errors in self.filterset.errors.items():
                self.refuse_values(param, " ".join(errors))
            self.filterset = FilmFilter(self.data, queryset=Film.objects.none())
            if not self.filterset.is_valid():  # what is left is valid on its own; not together
                for param, errors in self.filterset.errors.items():
                    self.refuse(param, self.data.get(param, ""), " ".join(errors))
                self.filterset = FilmFilter(self.data, queryset=Film.objects.none())
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

    # -- the films each chosen filter allows -------------------------------------------------

    @cached_property
    def scopes(self):
        """The scopes the result covers: those chosen, else North Korean cinema (films cited
        for context left out); every one for ``scope=all``."""
        chosen = self.filterset.form.cleaned_data.get("scope") or []
        if ALL_SCOPES in chosen:
            return [value for value, _ in Film._meta.get_field("scope").choices]
        return list(chosen or DEFAULT_SCOPES)

    @property
    def default_scope(self):
        """Whether the result covers North Korean cinema because no scope was chosen."""
        return not self.filterset.form.cleaned_data.get("scope")

    def selected(self, param):
        """The values of ``param`` the result is filtered by: the scope's default included."""
        return self.scopes if param == "scope" else self.data.getlist(param)

    @cached_property
    def chosen(self):
        """The cleaned value of each filter that asks for something; the scope does unless
        it covers every scope."""
        cleaned = self.filterset.form.cleaned_data
        chosen = {name: value for name, value in cleaned.items() if is_chosen(value)}
        chosen.pop("scope", None)
        if self.scopes_left_out:
            chosen["scope"] = self.scopes
        return chosen

    @property
    def scopes_left_out(self):
        every = [value for value, _ in Film._meta.get_field("scope").choices]
        return [value for value in every if value not in self.scopes]

    def in_index(self, name, value):
        """(facet, values): the index rows of the films that filter ``name`` with ``value``
        allows; None for a filter not read from the facets (the search, the years). The
        default scope's rows are those of the films it leaves out (cited for context)."""
        if name in ("q", "year_min", "year_max"):
            return None
        if name == "scope" and self.default_scope:
            return "scope", self.scopes_left_out
        if isinstance(value, str):
            return name, [value]
        return name, [getattr(v, "natural_key", lambda v=v: (v,))()[0] for v in value]

    @staticmethod
    def searched(text):
        """The ids of the films whose names match ``text``: from the word index, one query
        per word of the search (a union of index ranges, read from the index alone), or from
        the documents' keys for a search in Hangul, kana or Chinese characters, which match
        anywhere in a name."""
        if (conditions := word_index_q(text)) is not None:
            found = None
            for matches in conditions:
                parts = [FilmWord.objects.filter(match).values_list("film_id") for match in matches]
                ids = {pk for (pk,) in parts[0].union(*parts[1:])}
                found = ids if found is None else found & ids
            return found
        condition = search_q(text, "key")
        if condition is None:
            return set()
        return set(FilmDocument.objects.filter(condition).values_list("film_id", flat=True))

    @staticmethod
    def credit_rows(people, role):
        """(facet, values): the index rows of the films with any of ``people`` (in ``role``,
        if given), or with anyone in ``role``."""
        if people:
            return credit_facet(role) if role else "person", [person.slug for person in people]
        return "role", [role]

    @cached_property
    def film_sets(self):
        """{filter: the set of film ids it allows} for each chosen filter; those read from
        the facets, in one query. A person and a role are one filter, ``credits``."""
        sets, rows = {}, {}
        for name, value in self.chosen.items():
            if name in ("person", "role"):
                continue
            if (in_index := self.in_index(name, value)) is not None:
                rows[name] = in_index
            elif name == "q":
                sets[name] = self.searched(value)
            else:
                lookup = "year__gte" if name == "year_min" else "year__lte"
                films = Film.objects.published().filter(**{lookup: value})
                sets[name] = set(films.values_list("pk", flat=True))
        people, role = self.chosen.get("person"), self.chosen.get("role")
        if people or role:
            rows["credits"] = self.credit_rows(people, role)
        found = films_with(rows.values())
        for name, (facet, values) in rows.items():
            ids = set().union(*(found[facet, value] for value in values))
            sets[name] = AllBut(ids) if name == "scope" and self.default_scope else ids
        return sets

    def narrowing(self, param=None):
        """The chosen filters that narrow ``param``'s facet (all but its own), as a key:
        facets with the same key count over the same films. Without its person, the person
        facet keeps a chosen role: it counts the people credited in that role."""
        people, role = self.chosen.get("person"), self.chosen.get("role")
        excluded = param
        if param == "person":
            excluded = "credits" if people else None
        names = tuple(sorted(name for name in self.film_sets if name != excluded))
        return names, bool(param == "person" and people and role)

    def ids_without(self, param=None):
        """The ids of the films matching every chosen filter but ``param``'s own; None when
        nothing narrows them (every published film), ``AllBut`` when only filters that
        leave out a few films do."""
        key = self.narrowing(param)
        if key not in self._ids:
            names, role_alone = key
            sets = [self.film_sets[name] for name in names]
            if role_alone:
                found = films_with([self.credit_rows(None, self.chosen["role"])])
                sets.append(set().union(*found.values()))
            allowed = [ids for ids in sets if not isinstance(ids, AllBut)]
            left_out = set().union(*(ids for ids in sets if isinstance(ids, AllBut)))
            if allowed:
                ids = reduce(set.intersection, sorted(allowed, key=len)) - left_out
            else:
                ids = AllBut(left_out) if left_out else None
            self._ids[key] = ids
        return self._ids[key]

    @cached_property
    def ids(self):
        return self.ids_without()

    @property
    def films(self):
        """The films of the result, in the order asked for; by relevance first when
        searching (an exact title, a title that starts with the search, a title with its
        words, then films found by their people or studios), each tier by title."""
        films = Film.objects.published()
        if isinstance(self.ids, AllBut):
            films = films.exclude(pk__in_ids=self.ids)
        elif self.ids is not None:
            films = films.filter(pk__in_ids=self.ids)
        sort = self.data.get("sort", "")
        if sort in SORTS:
            return films.order_by(*SORTS[sort])
        if self.search and is_searchable(self.search):
            films = films.annotate(relevance=relevance(self.search))
            return films.order_by("relevance", *SORTS["title"])
        return films.order_by(*SORTS["title"])

    @cached_property
    def count(self):
        if self.ids is None or isinstance(self.ids, AllBut):  # the index holds published films
            return Film.objects.published().count() - len(self.ids or ())
        return len(self.ids)

    def page(self):
        films = self.films.for_list()
        if self.search and is_searchable(self.search) and self.data.get("sort", "") not in SORTS:
            films = ByRelevance(films, self.search)
        paginator = Paginator(films, PAGE_SIZE)
        paginator.count = self.count  # known already: no COUNT query
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
        """Every facet's values with live counts: {param: [{value, label, count, selected}]}.

        Facets counted over the same films (all those whose own filter is not chosen) are
        one part of one counting statement (``search.counts``); over every film, each facet
        is a part of its own, read from its range of the index. Where a filter leaves
        out a few films (the default scope leaves out those cited for context), the facets
        are counted without leaving them out and those films' values subtracted
        afterwards; the scope facet, counted over the films of every scope, shares its
        part with the facets counted over the same films less the few left out.
        """
        labels = self.labels()
        expanded = set(self.data.getlist(MORE))
        facets_asked = [replace(f, limit=0) if f.param in expanded else f for f in FACETS]
        self.totals = {}  # {param: how many values the facet has} for facets shown in part
        together = {}
        for facet in facets_asked:
            together.setdefault(self.narrowing(facet.param), []).append(facet)
        plans = []
        left_out, over = self.film_sets.get("scope"), self.ids_without("scope")
        if isinstance(left_out, AllBut) and isinstance(over, set):
            with_scope = together.pop(self.narrowing("scope"))
            rest = together.pop(self.narrowing(None), [])
            less = self.counted_within([self.facet_name(f) for f in rest], over & left_out)
            plans.append(self.plan(with_scope + rest, over, less))
        for facets in together.values():
            ids = self.ids_without(facets[0].param)
            if isinstance(ids, AllBut):  # every film less a few: each facet from its index range
                less = self.counted_within([self.facet_name(f) for f in facets], ids)
                plans += [self.plan([facet], None, less) for facet in facets]
            elif ids is None:
                plans += [self.plan([facet], None) for facet in facets]
            else:
                plans.append(self.plan(facets, ids))
        counted, totals = read_counts([part for part, _ in plans])
        subtractions = {}  # parts over the same films subtract together
        for part, (names, taken) in plans:
            self.totals |= {names[name].param: totals[name] for name in names if name in totals}
            if taken:
                _, all_names, all_taken = subtractions.setdefault(id(part.ids), (part.ids, {}, {}))
                all_names.update(names)
                all_taken.update(taken)
        for over, names, taken in subtractions.values():
            self.subtract(names, counted, taken, over)
        counted = {names[name].param: counted[name] for _, (names, _) in plans for name in names}
        return {
            facet.param: self.shown(facet, counted[facet.param], labels) for facet in facets_asked
        }

    def facet_name(self, facet):
        """The facet's part of the index: with a role chosen, the people in that role."""
        role = self.chosen.get("role")
        return credit_facet(role) if facet.param == "person" and role else facet.param

    def plan(self, facets, ids, less=None):
        """How to count ``facets`` over the films ``ids`` (None: every film): a part of the
        counting statement, with {facet name: facet} and the values to take away. ``less``
        ({facet name: {value: count}}, from ``counted_within``): for those facets, the
        values of a few films to subtract, which widen what is read."""
        names = {self.facet_name(facet): facet for facet in facets}
        taken = {name: less[name] for name in names if less and name in less}
        names = {name: self.widened(facet, taken.get(name, {})) for name, facet in names.items()}
        selected = {name: self.data.getlist(facet.param) for name, facet in names.items()}
        part = Part({name: facet.limit for name, facet in names.items()}, ids, selected)
        return part, (names, taken)

    def counted_within(self, names, films):
        """{facet name: {value: count}} over ``films`` (a few: those left out)."""
        less = {name: {} for name in names}
        if names and films:
            rows = FilmFacet.objects.filter(facet__in=names, film_id__in_ids=films)
            for row in rows.values("facet", "value").annotate(count=Count("film_id")).order_by():
                less[row["facet"]][row["value"]] = row["count"]
        return less

    @staticmethod
    def widened(facet, taken):
        """``facet`` read ``limit`` plus as many values as the films left out have: whatever
        those values lose, no value further down can overtake the last one shown."""
        return replace(facet, limit=facet.limit + len(taken)) if facet.limit else facet

    def subtract(self, names, counted, less, over):
        """Each facet's rows in ``counted`` less the counts in ``less``; a value all of whose
        films are left out is dropped, and from the facet's total too (those not read are
        counted over ``over``, None for every film, in one query)."""
        emptied = Q()
        for name, taken in less.items():
            rows, facet = counted[name], names[name]
            counted[name] = [
                {**row, "count": row["count"] - taken.get(row["value"], 0)}
                for row in rows
                if row["count"] > taken.get(row["value"], 0)
            ]
            if facet.limit:
                read = {row["value"]: row["count"] for row in rows}
                self.totals[facet.param] -= sum(
                    1 for value, n in taken.items() if value in read and read[value] == n
                )
                if unread := [value for value in taken if value not in read]:
                    emptied |= Q(facet=name, value__in=unread)
        if emptied:
            rows = FilmFacet.objects.filter(emptied)
            if over is not None:
                rows = rows.filter(film_id__in_ids=over)
            for row in rows.values("facet", "value").annotate(count=Count("film_id")).order_by():
                if less[row["facet"]][row["value"]] == row["count"]:
                    self.totals[names[row["facet"]].param] -= 1

    def shown(self, facet, rows, labels):
        """The values a facet shows: the most frequent first (decades in order), at most its
        limit; a selected value always, with 0 if no film has it any more."""
        selected = self.selected(facet.param)
        values = [
            {
                "value": row["value"],
                "label": row["label"],
                "count": row["count"],
                "selected": row["value"] in selected,
            }
            for row in rows
        ]
        found = {value["value"] for value in values}
        for value in selected:
            if value not in found:
                label = labels.get((facet.param, value), value)
                values.append({"value": value, "label": label, "count": 0, "selected": True})
        if facet.order:
            rank = {value: index for index, value in enumerate(facet.order)}
            values.sort(key=lambda v: rank.get(v["value"], len(rank)))
        elif facet.order_by_value:
            values.sort(key=lambda v: v["value"])
        else:
            values.sort(key=lambda v: (-v["count"], v["label"], v["value"]))  # as counts.RANKED
        if facet.limit:
            values = values[: facet.limit] + [v for v in values[facet.limit :] if v["selected"]]
        return values

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
            count = FilmQuery(data, lenient=True).count
            if count and (best is None or count > best["count"]):
                best = {
                    "label": PARAM_LABELS.get(param, param),
                    "value": label,
                    "count": count,
                    "href": self.without(param, value),
                }
        return best
