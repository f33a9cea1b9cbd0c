"""The ModelAdmin every row's own page is built on (a title, a credit, a partner…)."""

import nested_admin

from catalog.models import related_paths

from ..concurrency import SeenValuesForm
from ..history import HistoryAdmin
from ..review.changes import ReviewedChangesAdmin
from ..rows import SummarizedRowsAdmin
from .inlines import RowClaimInline
from .widgets import SMALL_TEXT_BOXES


class CitedRowAdmin(
    SummarizedRowsAdmin, ReviewedChangesAdmin, HistoryAdmin, nested_admin.NestedModelAdmin
):
    """A row's own page: its fields and its claim with every citation, and its history.

    Rows are edited on their records' pages too, so the form guards against lost updates; a
    Curator's change to a published record's row waits for review (``curation.review``).
    """

    form = SeenValuesForm
    formfield_overrides = SMALL_TEXT_BOXES
    inlines = [RowClaimInline]

    class Media:
        css = {"all": ["css/admin-curation.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*related_paths(self.model))
