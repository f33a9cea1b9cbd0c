"""The review queue (Editors decide, Curators follow their own changes) and the staff
preview of drafts and of pending changes."""

from django.apps import apps
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from ..models import Review
from ..review.changes import change_url_of, queue_url
from ..review.decisions import Refused, accept, may_decide, preview_change, public_page, send_back

RECENT = 20  # decided reviews shown under the queue


def is_curation_staff(user):
    """Curators and Editors (and superusers): those who change films."""
    return user.is_active and user.is_staff and user.has_perm("catalog.change_film")


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """Not a model page but the queue: every pending change with its diff, and the lately
    decided ones with their notes."""

    def has_module_permission(self, request):
        return is_curation_staff(request.user)

    def has_view_permission(self, request, obj=None):
        return is_curation_staff(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:review_id>/accept/", view(require_POST(self.accept)), name="review_accept"),
            path(
                "<int:review_id>/send-back/",
                view(require_POST(self.send_back)),
                name="review_send_back",
            ),
            path("<int:review_id>/preview/", view(self.preview), name="review_preview"),
            path(
                "preview/<str:app_label>/<str:model_name>/<int:pk>/",
                view(self.preview_record),
                name="curation_review_preview_record",
            ),
            path("", view(self.changelist_view), name="curation_review_changelist"),
        ]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        reviews = Review.objects.select_related("content_type", "author", "reviewer")
        pending = list(reviews.pending())
        for review in pending:
            review.may_decide = may_decide(request.user, review)
            review.change_url = reverse(
                f"admin:{review.content_type.app_label}_{review.content_type.model}_change",
                args=[review.object_id],
            )
        decided = reviews.exclude(state=Review.State.PENDING).order_by("-reviewed", "-id")
        context = {
            **self.admin_site.each_context(request),
            "title": "Review queue",
            "opts": self.opts,
            "pending": pending,
            "decided": decided[:RECENT],
        }
        return TemplateResponse(request, "admin/review_queue.html", context)

    def accept(self, request, review_id):
        try:
            review = accept(
                request, self.admin_site, review_id, request.POST.get("confirm_publish") == "yes"
            )
        except Refused as refusal:
            messages.error(request, str(refusal))
        else:
            also = ", ".join(str(s) for s in review.sources_published)
            messages.success(
                request,
                f"Accepted: {review.record_name} is public as reviewed."
                + (f" Published the sources it cites: {also}." if also else ""),
            )
        return redirect(queue_url())

    def send_back(self, request, review_id):
        try:
            review = send_back(request, review_id, request.POST.get("note", ""))
        except Refused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, f"Sent back to {review.author} with your note.")
        return redirect(queue_url())

    def preview(self, request, review_id):
        review = Review.objects.select_related("content_type", "author").filter(pk=review_id)
        review = review.first()
        if review is None:
            raise Http404
        self.check_may_view(request, review.content_type.model_class())
        try:
            return preview_change(request, self.admin_site, review, queue_url())
        except Refused as refusal:
            messages.error(request, str(refusal))
            return redirect(queue_url())

    def preview_record(self, request, app_label, model_name, pk):
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            raise Http404 from None
        if not hasattr(model, "is_published") or not hasattr(model, "get_absolute_url"):
            raise Http404
        self.check_may_view(request, model)
        record = model._base_manager.filter(pk=pk).first()
        if record is None:
            raise Http404
        banner = "Draft — not public." if not record.is_published else "Published."
        return public_page(request, record, banner, change_url_of(record))

    def check_may_view(self, request, model):
        if not request.user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
            raise PermissionDenied
