"""The film search's index: derived from the catalogue, rebuilt from it at any time.

For every published film, one *document* (every name it is found by, as search keys), its
*words* (the document's words, one row each, so that a search reads an index range instead
of every document), and one *facet row* per value it has in each facet (its decade, kind,
genres, countries, studios, people, festivals, co-production, evidence), with the value's
label. Counting a facet is then one ``GROUP BY`` on one indexed table, and a search is a
look-up in one indexed column, whatever the size of the collection. ``search.index`` keeps
them current
when any record that contributes to them changes; ``manage.py rebuild_search_keys``
rebuilds them after a bulk load.

Only what a visitor may see takes part: drafts have no document and no facet rows, and a
row that links a draft (a draft person's credit) contributes nothing.
"""

from django.db import models

from catalog.models import Film


class FilmDocument(models.Model):
    """Every name a published film is found by: its titles, its credited people (with their
    name variants) and its studios and partners, as the search keys store them."""

    film = models.OneToOneField(
        Film, primary_key=True, on_delete=models.CASCADE, related_name="search_document"
    )
    key = models.TextField()

    def __str__(self):
        return f"search document of film {self.film_id}"


class FilmWord(models.Model):
    """One word of a published film's document (``search.keys.key_words``): a search for
    "kim" reads the index's range of words that start with "kim" (on PostgreSQL, an index
    with ``text_pattern_ops``, made in the migration), not 100,000 documents."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="+", db_index=False)
    word = models.TextField()

    class Meta:
        indexes = [models.Index(fields=["film"], name="search_word_film")]

    def __str__(self):
        return f"{self.word} (film {self.film_id})"


class FilmFacet(models.Model):
    """One value of one facet of a published film, with the label shown for it."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="+", db_index=False)
    facet = models.CharField(max_length=40)
    value = models.CharField(max_length=150)
    label = models.CharField(max_length=300)

    class Meta:
        constraints = [
            # Also the index that counts a facet's values and finds a value's films.
            models.UniqueConstraint(
                fields=["facet", "value", "film"], name="search_facet_value_film"
            ),
        ]
        indexes = [models.Index(fields=["film"], name="search_facet_film")]

    def __str__(self):
        return f"{self.facet}={self.value} (film {self.film_id})"
