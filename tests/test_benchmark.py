"""The benchmark measures a larger collection and leaves the database as it found it."""

import json
from io import StringIO

from django.core.management import call_command

from catalog.models import Citation, Film
from people.models import Person


def test_the_benchmark_reports_fixed_query_counts_and_rolls_its_films_back(curated, tmp_path):
    before = (Film.objects.count(), Person.objects.count(), Citation.objects.count())
    output = tmp_path / "results.json"
    call_command("benchmark", films=30, repeat=1, output=str(output), stdout=StringIO())
    report = json.loads(output.read_text())
    assert report["added"]["films"] == 30
    for page in report["pages"]:
        assert page["curated_queries"] == page["larger_queries"], page["page"]
    assert (Film.objects.count(), Person.objects.count(), Citation.objects.count()) == before
