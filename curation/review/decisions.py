"""An Editor's decisions on the review queue: accept (apply a change, or publish a draft),
send back with a note, and preview a draft or a pending change as the public would see it."""

import copy
import re

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import resolve
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html

from catalog.models import CitedModel, Status, cited_rows, previewing

from ..models import Review
from ..publishing import uncited_labels, with_rows
from . import imports, uploads
from .changes import errors_of, replay
from .state import fetch


class Refused(Exception):
    """An acceptance that cannot go through, with the reason and what to do instead."""


def may_decide(user, review):
    """Editors decide: those who may publish the record's kind."""
    model = review.content_type.model_class()
    return user.has_perm(f"{model._meta.app_label}.publish_{model._meta.model_name}")


def locked_pending(review_id):
    review = (
        Review.objects.select_for_update(of=("self",))
        .select_related("content_type", "author")
        .filter(pk=review_id)
        .first()
    )
    if review is None or review.state != Review.State.PENDING:
        raise Refused("This change was already decided (or withdrawn); the queue shows it now.")
    return review


def record_of(review):
    model = review.content_type.model_class()
    record = model._base_manager.filter(pk=review.object_id).first()
    if record is None:
        raise Refused(f"“{review.record_name}” was deleted meanwhile: send this change back.")
    return record


@transaction.atomic
def accept(request, admin_site, review_id, confirm_publish=False):
    """Apply the change (or publish the draft) and mark the review accepted; all or nothing."""
    review = locked_pending(review_id)
    if not may_decide(request.user, review):
        raise PermissionDenied
    record = record_of(review)
    if review.kind == Review.Kind.CHANGE:
        apply_change(request, admin_site, review, record)
        record.refresh_from_db()
        review.record_name = str(record)[:300]  # as it is named now: "Salt (1984)"
    elif not record.is_published:
        publish(record, confirm_publish)
    review.sources_published = publish_cited_sources(record)
    uploads.drop(review.data)  # the image was stored anew on acceptance
    review.state = Review.State.ACCEPTED
    review.reviewer = request.user
    review.reviewed = timezone.now()
    review.save()
    return review


def apply_change(request, admin_site, review, record):
    if imports.IMPORT in review.data:  # lines of an import
        if problems := imports.apply(request, review):
            raise Refused(
                "These imported lines no longer apply to the record as it is now: "
                + " ".join(problems)
                + " Send it back so that its author imports them again."
            )
        return
    try:
        response = replay(admin_site, request, review)
    except PermissionDenied:
        raise Refused(f"{review.author} may no longer change this record: send it back.") from None
    if response.status_code != 302:
        raise Refused(
            "This change no longer applies to the record as it is now: "
            + " ".join(errors_of(response))
            + " Send it back so that its author redoes it on the current record."
        )


def publish_cited_sources(record):
    """The draft sources the accepted record (and its rows) cites are published with it: the
    Editor saw each citation in the diff. Returns them."""
    if not isinstance(record, CitedModel):
        return []
    fetched = fetch(type(record), record.pk)
    drafts = {
        citation.source
        for subject in (fetched, *cited_rows(fetched))
        for claim in subject.claims.all()
        for citation in claim.citations.all()
        if citation.source.status != Status.PUBLISHED
    }
    for source in sorted(drafts, key=lambda s: s.pk):
        source.status = Status.PUBLISHED
        source._change_reason = "published with a record that cites it"
        source.save()
    return sorted(drafts, key=lambda s: s.pk)


def publish(record, confirm):
    missing = []
    if isinstance(record, CitedModel):
        fetched = with_rows(type(record)._base_manager.filter(pk=record.pk)).get()
        missing = uncited_labels(fetched)
    if missing and not confirm:
        raise Refused(
            "These facts have no source yet: "
            + ", ".join(missing)
            + ". Send it back to be cited, or tick “publish anyway”."
        )
    record.status = Status.PUBLISHED
    record._change_reason = "published after review"
    record.save()


@transaction.atomic
def send_back(request, review_id, note):
    review = locked_pending(review_id)
    if not may_decide(request.user, review):
        raise PermissionDenied
    if not note.strip():
        raise Refused("Say in a note what the curator should change before sending it back.")
    uploads.drop(review.data)
    review.state = Review.State.SENT_BACK
    review.note = note.strip()
    review.reviewer = request.user
    review.reviewed = timezone.now()
    review.save()
    return review


BANNER = (
    '<div class="draft-banner" role="status" style="background:#8a1c1c;color:#fff;'
    'padding:.6em 1em;font:600 1rem/1.4 system-ui,sans-serif;text-align:center">'
    '{} <a href="{}" style="color:#fff">Back to the admin</a></div>'
)


def public_page(request, record, banner, back):
    """The record's public page as a visitor would see it if it were published, with a
    banner saying it is not; never cached, never indexed."""
    url = record.get_absolute_url()
    match = resolve(url)
    visitor = copy.copy(request)
    visitor.path = visitor.path_info = url
    visitor.method = "GET"
    visitor.resolver_match = match
    with previewing(record):
        response = match.func(visitor, *match.args, **match.kwargs)
        if hasattr(response, "render"):
            response.render()
    if response.status_code == 200 and "html" in response.get("Content-Type", ""):
        text = response.content.decode()
        shown = format_html(BANNER, banner, back)
        text = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + shown, text, count=1)
        response.content = text.encode()
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


def preview_change(request, admin_site, review, back):
    """The record's page with the pending change applied, then rolled back."""
    record = record_of(review)
    with transaction.atomic():
        if review.kind == Review.Kind.CHANGE:
            apply_change(request, admin_site, review, record)
            record = record_of(review)
        tried = uploads.image_files(record)
        response = public_page(
            request,
            record,
            "Preview of a change waiting for review — not public.",
            back,
        )
        transaction.set_rollback(True)
    uploads.previewed(review, tried, record)  # shown on the page: removed with the review's
    return response
