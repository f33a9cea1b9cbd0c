"""Review before the public sees it: a Curator's save of a published record waits for an
Editor, and a Curator marks a draft ready to publish.

A curator's save of a published record is carried out as usual — every check of the form,
its rows, claims and citations — inside a transaction that is then rolled back: nothing
changes, and the record before and after is compared (``state.diff``). The form as posted
is kept with the diff in a ``Review``, an image posted with it in storage (``uploads``). An
Editor's acceptance posts the same form again, through the same admin view, as its author:
the record, its rows and claims change as if the curator had saved then (history names the
author, and the Editor as who accepted it), and a record someone changed meanwhile is
refused with the reason (``curation.concurrency``), never overwritten. Editors' own saves go
through at once.
"""

import contextlib
import copy
from contextvars import ContextVar

from django.apps import apps
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.db import router, transaction
from django.http import HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils.text import Truncator
from simple_history.models import HistoricalRecords

from catalog.models import Citation, CitedModel, Claim, Publishable, Source, Status

from ..models import Review
from . import uploads
from .state import diff, record_state

# What has a public page only once published: records, and sources.
REVIEWED = (Publishable, Source)
SUBMIT_BUTTONS = ("_save", "_continue", "_addanother", "_saveasnew", "_ready_for_review")


class Discarded:
    """Messages the admin queues inside the block (“changed successfully”) are dropped."""

    def __init__(self, request):
        self.storage = getattr(request, "_messages", None)

    def __enter__(self):
        self.count = len(getattr(self.storage, "_queued_messages", []))

    def __exit__(self, *exc):
        if self.storage is not None:
            del self.storage._queued_messages[self.count :]


def posted(request):
    """The form as posted, without the CSRF token and the button pressed."""
    return {
        name: request.POST.getlist(name)
        for name in request.POST
        if name != "csrfmiddlewaretoken" and name not in SUBMIT_BUTTONS
    }


def errors_of(response):
    """The messages a refused admin form shows, as text."""
    context = getattr(response, "context_data", None) or {}
    found = [str(e) for e in context.get("errors") or []]
    form = getattr(context.get("adminform"), "form", None)
    if form is not None:
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            found += [f"{label}: {e}" if label else e for e in errors]
    return list(dict.fromkeys(found)) or ["The form was refused."]


# The Editor whose acceptance is being applied: history names them beside the author.
_accepted_by = ContextVar("accepted_by", default=None)
REASON_LENGTH = 100  # simple-history's change reason column


@contextlib.contextmanager
def made_by_author(author_request, editor):
    """Inside, history records what is saved as made by the review's author (the Curator),
    with “accepted by <editor>” as the reason: simple-history reads the user from the
    request its middleware keeps, which is the Editor's."""
    context = HistoricalRecords.context
    before = getattr(context, "request", None)
    context.request = author_request
    token = _accepted_by.set(editor)
    try:
        yield
    finally:
        _accepted_by.reset(token)
        context.request = before


def name_acceptance(sender, history_instance, **kwargs):
    """pre_create_historical_record: a change applied on acceptance says who accepted it."""
    editor = _accepted_by.get()
    if editor is None:
        return
    accepted = f"accepted by {editor}"
    reason = "; ".join(filter(None, [history_instance.history_change_reason, accepted]))
    history_instance.history_change_reason = Truncator(reason).chars(REASON_LENGTH)


def replay(admin_site, request, review):
    """Post the review's form again through the admin view it was made on, as its author:
    the response (302 when saved)."""
    model_admin = admin_site._registry[apps.get_model(review.form_model)]
    again = copy.copy(request)
    again.method = "POST"
    again.user = review.author
    data = QueryDict(mutable=True)
    for name, values in review.data.items():
        if name not in ("_revert_to", uploads.FILES, uploads.PREVIEWED):
            data.setlist(name, values)
    data["_continue"] = "1"
    again.POST = data
    again._files = uploads.posted_again(review.data)
    again._dont_enforce_csrf_checks = True
    again.applying_review = True
    with Discarded(request), made_by_author(again, request.user):
        form_id = None if review.form_id is None else str(review.form_id)
        if revert_to := review.data.get("_revert_to"):
            response = model_admin.history_form_view(again, form_id, revert_to[0])
        else:
            response = model_admin.changeform_view(again, form_id)
        if hasattr(response, "render"):
            response.render()
    return response


def latest_of(user, record):
    return Review.objects.about(record).filter(author=user).order_by("-submitted", "-id").first()


def record_behind(obj):
    """The record whose public page shows ``obj``: a citation's or claim's subject's, a row's
    (a credit → its film), an image's film; a record itself."""
    if isinstance(obj, Citation):
        obj = obj.claim.subject
    if isinstance(obj, Claim):
        obj = obj.subject
    if isinstance(obj, CitedModel):
        obj = obj.record()
    elif obj is not None and not isinstance(obj, REVIEWED):
        obj = getattr(obj, "film", None)
    return obj if isinstance(obj, REVIEWED) else None


def may_publish(user, model):
    return user.has_perm(f"{model._meta.app_label}.publish_{model._meta.model_name}")


class ReviewedChangesAdmin:
    """What a Curator saves that would change a published record's public page — on the
    record's page, or a row's, claim's or citation's own page — waits for an Editor; a draft
    is marked ready for review; the record's page says what waits or was sent back."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if getattr(request, "applying_review", False):
            return super().changeform_view(request, object_id, form_url, extra_context)
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        if request.method == "POST":
            return self.save_or_hold(
                request,
                obj,
                lambda: super(ReviewedChangesAdmin, self).changeform_view(
                    request, object_id, form_url, extra_context
                ),
            )
        if obj is not None and isinstance(obj, REVIEWED):
            self.notify_reviews(request, obj)
        may_ask = (
            issubclass(self.model, REVIEWED)
            and not may_publish(request.user, self.model)
            and (obj is None or not obj.is_published)
        )
        extra_context = {**(extra_context or {}), "may_ask_review": may_ask}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def hold_revert(self, request, object_id, version_id, revert):
        """A revert (``revert()`` runs the History page's view) is held as a save is."""
        if request.method != "POST" or getattr(request, "applying_review", False):
            return revert()
        obj = self.get_object(request, unquote(object_id))
        return self.save_or_hold(request, obj, revert, {"_revert_to": [str(version_id)]})

    def save_or_hold(self, request, obj, run, extra_data=None):
        """Save as usual (``run()`` is the admin's view); if that changed a published record
        its author may not publish, undo it and keep it for review instead."""
        before_record = record_behind(obj)
        discarded = Discarded(request)
        with transaction.atomic(using=router.db_for_write(self.model)):
            start = transaction.savepoint()
            discarded.__enter__()
            response = run()
            if hasattr(response, "render"):
                response.render()  # a refused form, read while the data is as it saw it
            saved = getattr(request, "saved_for_review", None)
            if response.status_code != 302 or saved is None:
                return response
            held = [
                record
                for record in (before_record, record_behind(saved))
                if record is not None
                and record.is_published
                and not may_publish(request.user, type(record))
            ]
            if not held:
                return response
            record = held[0]
            model = type(record)
            after = record_state(model, record.pk)
            tried = uploads.image_files(record)
            transaction.savepoint_rollback(start)
            before = record_state(model, record.pk)
            transaction.set_rollback(True)
        discarded.__exit__()
        uploads.remove_unnamed(tried, record)
        lines = diff(before, after)
        if not lines:
            messages.info(request, "Nothing changed.")
            return response
        data = {**posted(request), **(extra_data or {})}
        if request.FILES:  # an image: kept until an Editor decides
            data[uploads.FILES] = uploads.keep(request.FILES)
        hold(request.user, record, self.model, obj, data, lines)
        messages.success(
            request,
            f"Your change to “{record}” waits for an Editor's "
            "review. The public page shows the published version until an Editor accepts it.",
        )
        return response

    def response_add(self, request, obj, post_url_continue=None):
        request.saved_for_review = obj  # saved: what it changed is compared next
        response = super().response_add(request, obj, post_url_continue)
        return self.ask_review_if_wanted(request, obj, response)

    def response_change(self, request, obj):
        request.saved_for_review = obj
        response = super().response_change(request, obj)
        return self.ask_review_if_wanted(request, obj, response)

    def ask_review_if_wanted(self, request, obj, response):
        """“Save and mark ready for review”: a draft goes to the Editors' queue."""
        if "_ready_for_review" not in request.POST or not isinstance(obj, REVIEWED):
            return response
        if obj.is_published:
            return response
        mark_ready(obj, request.user)
        messages.success(
            request, f"“{obj}” is ready for review: an Editor will publish it or send it back."
        )
        return HttpResponseRedirect(change_url_of(obj))

    def notify_reviews(self, request, obj):
        """On the record's page: what waits for review, and a note if it was sent back."""
        waiting = list(Review.objects.about(obj).pending().select_related("author"))
        for review in waiting:
            mine = review.author_id == request.user.pk
            who = "Your" if mine else f"{review.author}'s"
            replaces = mine and review.kind == Review.Kind.CHANGE and review.form_id == obj.pk
            messages.info(
                request,
                f"{who} {review.get_kind_display()}, submitted {review.submitted:%Y-%m-%d %H:%M}, "
                "waits in the review queue."
                + (
                    " This form shows the published record: saving it again replaces that change."
                    if replaces
                    else ""
                ),
            )
        latest = latest_of(request.user, obj)
        if latest is not None and latest.state == Review.State.SENT_BACK:
            messages.warning(
                request, f"An Editor ({latest.reviewer}) sent back your change: {latest.note}"
            )

    def get_view_on_site_url(self, obj=None):
        """A draft's “View on site” is its preview, which staff may see."""
        if isinstance(obj, REVIEWED) and not obj.is_published:
            return preview_url(obj)
        return super().get_view_on_site_url(obj)


def hold(user, record, form_model, form_object, data, lines):
    """Keep a change for review; it replaces the author's earlier one made on the same form."""
    content_type = ContentType.objects.get_for_model(record)
    form_id = form_object.pk if form_object is not None else None
    if form_id is not None:
        replaced = Review.objects.filter(
            content_type=content_type,
            object_id=record.pk,
            author=user,
            state=Review.State.PENDING,
            form_model=form_model._meta.label,
            form_id=form_id,
        )
        for earlier in replaced:
            uploads.drop(earlier.data)
        replaced.delete()
    return Review.objects.create(
        content_type=content_type,
        object_id=record.pk,
        record_name=str(record)[:300],
        kind=Review.Kind.CHANGE,
        author=user,
        form_model=form_model._meta.label,
        form_id=form_id,
        data=data,
        diff=lines,
    )


class DraftSourcesAdmin(ReviewedChangesAdmin):
    """Sources: one a Curator adds is a draft until an Editor publishes it; an Editor's is
    published at once (and an Editor may set the status)."""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not may_publish(request.user, self.model):
            fields.append("status")
        return fields

    def save_model(self, request, obj, form, change):
        if not change and not may_publish(request.user, self.model):
            obj.status = Status.DRAFT
        super().save_model(request, obj, form, change)


def mark_ready(obj, user):
    model = type(obj)
    Review.objects.about(obj).filter(author=user, state=Review.State.PENDING).delete()
    return Review.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_id=obj.pk,
        record_name=str(obj)[:300],
        kind=Review.Kind.PUBLISH,
        author=user,
        diff=diff({}, record_state(model, obj.pk)),
    )


def change_url_of(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def queue_url():
    return reverse("admin:curation_review_changelist")


def preview_url(obj):
    return reverse(
        "admin:curation_review_preview_record",
        args=[obj._meta.app_label, obj._meta.model_name, obj.pk],
    )
