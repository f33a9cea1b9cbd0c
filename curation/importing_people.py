"""Bulk import of people and credits (see curation.importing)."""

from import_export import fields

from catalog.models import Country, Film
from curation.importing import CITATION_COLUMNS, CitedResource, SlugWidget
from people.models import Credit, Person


class PersonResource(CitedResource):
    nationality = fields.Field(
        attribute="nationality", column_name="nationality", widget=SlugWidget(Country, "code")
    )
    cited_columns = ("name", "hangul_name", "birth_year", "death_year", "nationality")

    class Meta:
        model = Person
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "hangul_name",
            "birth_year",
            "death_year",
            "nationality",
            "bio",
            *CITATION_COLUMNS,
        ]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        rollback_on_validation_errors = True


class CreditResource(CitedResource):
    film = fields.Field(attribute="film", column_name="film", widget=SlugWidget(Film, "slug"))
    person = fields.Field(
        attribute="person", column_name="person", widget=SlugWidget(Person, "slug")
    )

    class Meta:
        model = Credit
        import_id_fields = ["film", "person", "role", "character"]
        fields = [
            "film",
            "person",
            "role",
            "character",
            "credited_as",
            "uncredited",
            "order",
            *CITATION_COLUMNS,
        ]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        rollback_on_validation_errors = True
