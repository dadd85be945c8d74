"""The hamlet officer's own screen (/nhap-lieu/): their hamlets against targets, one short
entry form, their recent entries; and the receipt photos, served only to who may see them.

Staff and the chair keep the full admin; officers are sent here from the admin's index
(mttq_portal.views.admin_index).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import receipts
from .models import Contribution
from .officer_forms import EntryForm
from .permissions import sees_everything, uses_officer_screen
from .selectors import area_results

RECENT_ENTRIES = 6


@never_cache
@login_required
def home(request):
    if not uses_officer_screen(request.user):
        if sees_everything(request.user):
            return redirect("admin:campaigns_contribution_changelist")
        raise PermissionDenied
    form = EntryForm(request.user, request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                entry = form.save()
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(
                    request,
                    _("Đã lưu %(figure)s — %(indicator)s, %(area)s.")
                    % {
                        "figure": entry.figure,
                        "indicator": entry.indicator.name,
                        "area": entry.area_name,
                    },
                )
                return redirect("officer:home")
        form.keep_receipt()
    return render(request, "campaigns/officer/home.html", _page(request.user, form))


def _page(user, form):
    recent = (
        Contribution.objects.visible_to(user)
        .with_related()
        .select_related("reversed_by")
        .order_by("-entered_at", "-id")[:RECENT_ENTRIES]
    )
    return {
        "form": form,
        "summaries": [(area, area_results(area)) for area in form.areas],
        "recent": recent,
        "has_areas": bool(form.areas),
    }


def _entry_for(request, pk):
    """The entry, when this user may see it (staff and chair: all; an officer: their areas)."""
    entry = get_object_or_404(
        Contribution.objects.visible_to(request.user).only("id", "area_id", "receipt"), pk=pk
    )
    if not entry.receipt:
        raise Http404
    return entry


@login_required
def receipt(request, pk):
    entry = _entry_for(request, pk)
    return receipts.receipt_response(entry.receipt.name, download_name=f"bien-nhan-{entry.pk}.jpg")


@login_required
def receipt_thumbnail(request, pk):
    entry = _entry_for(request, pk)
    return receipts.receipt_response(
        entry.receipt.name, thumbnail=True, download_name=f"bien-nhan-{entry.pk}.jpg"
    )


@login_required
def pending_receipt(request, token):
    """The photo kept from a form that came back with errors, for the one who chose it."""
    name = receipts.pending_name(token, request.user)
    if not name:
        raise Http404
    return receipts.receipt_response(name)
