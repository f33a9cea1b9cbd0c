"""Read a rendered admin form's fields, so tests submit exactly what a browser would; sign
in as a role and find a record's admin page."""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, unquote, urlencode


class _FormFields(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data = []
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data.append((name, attrs.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image"):
                self.data.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self.select = [name, [], None, "multiple" in attrs]
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            if self.select[2] is None:
                self.select[2] = value
            if "selected" in attrs:
                self.select[1].append(value)
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select" and self.select is not None:
            name, selected, first, multiple = self.select
            if multiple:  # every selected option, or none
                self.data += [(name, value) for value in selected]
            elif selected or first is not None:  # the selected option, or the first
                self.data.append((name, selected[-1] if selected else first))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.data.append((self.textarea[0], self.textarea[1].lstrip("\n")))
            self.textarea = None


def form_data(html, form_id):
    """The fields of form ``form_id`` as a dict (multi-valued fields as lists)."""
    parser = _FormFields(form_id)
    parser.feed(html)
    data = {}
    for name, value in parser.data:
        if name in data:
            data[name] = data[name] if isinstance(data[name], list) else [data[name]]
            data[name].append(value)
        else:
            data[name] = value
    return data


def with_rows(url, *kinds):
    """A record's admin page with these kinds of row opened as forms (``?rows=credits``),
    as its “Edit these … here” links open them (``curation.rows``)."""
    return f"{url}?{urlencode([('rows', kind) for kind in kinds])}"


def row_kinds(html):
    """The kinds of row a record's page shows as tables, as its “Edit … here” links name
    them (``?rows=credits``)."""
    kinds = []
    for query in re.findall(r'<p class="rows-open"><a href="\?([^"#]*)', html):
        for kind in parse_qs(unquote(query.replace("&amp;", "&"))).get("rows", []):
            if kind not in kinds:
                kinds.append(kind)
    return kinds


def change_url(obj):
    """The admin change page of ``obj``."""
    from django.urls import reverse

    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def sign_in(client, group):
    """``client`` signed in as the user named after ``group`` (curator, editor), made if
    needed."""
    from django.contrib.auth.models import User

    from tests.conftest import user_in

    name = group.lower()
    client.force_login(User.objects.filter(username=name).first() or user_in(group))
    return client
