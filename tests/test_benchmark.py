"""The benchmark's synthetic collection, grown on the test world (``tests/world.py``): every
page it times costs the same number of queries at two sizes, as its reports say."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.growth import grow
from benchmarks.management.commands.benchmark import LISTS, OTHER_PAGES, find_targets, list_url
from catalog.models import Film


def queries(client, url):
    assert client.get(url).status_code == 200, url  # caches warm, as in the benchmark
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def test_the_grown_collection_costs_every_timed_page_the_same_queries_at_two_sizes(curated, client):
    grow(80, log=lambda *args: None)  # the curated 54 films, and synthetic ones of each shape
    assert Film.objects.count() == 80
    targets = find_targets()
    prefixes = ("/films/", "/api/v1/films/")
    urls = [list_url(prefix, query) for prefix in prefixes for _, query in LISTS]
    urls += [url.format(**targets) for _, url, _ in OTHER_PAGES]
    small = {url: queries(client, url) for url in urls}
    grow(160, log=lambda *args: None)
    assert Film.objects.count() == 160
    assert {url: queries(client, url) for url in urls} == small
