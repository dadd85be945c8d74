"""The chair's lock and reopen pages, and the admin behaviour that explains a locked entry.

Locking asks for a confirmation first (it cannot be taken back without a recorded reason);
reopening needs a reason. Both go through `services`, so the history records who and when.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services
from .forms import DATE_FORMATS
from .models import Campaign, Contribution, Disbursement, PeriodLock
from .permissions import is_chair


class ExplainsLocksMixin:
    """A change form sent for an entry that is locked (the page was opened before the lock)
    comes back read-only with the lock's explanation, instead of a bare "403"."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id:
            obj = self.get_object(request, unquote(object_id))
            explanation = obj.lock_explanation() if obj is not None else ""
            if explanation:
                self.message_user(request, explanation, messages.ERROR)
                return HttpResponseRedirect(request.path)
        return super().changeform_view(request, object_id, form_url, extra_context)


class LockForm(forms.Form):
    campaign = forms.ModelChoiceField(label=gettext_lazy("Cuộc vận động"), queryset=Campaign.objects.none())
    locked_until = forms.DateField(
        label=gettext_lazy("Khóa sổ đến hết ngày"),
        input_formats=DATE_FORMATS,
        widget=AdminDateWidget(format="%d/%m/%Y"),
        help_text=gettext_lazy(
            "Ví dụ: 30/06/2026. Mọi bút toán ghi ngày này hoặc trước đó sẽ không sửa được."
        ),
    )
    note = forms.CharField(label=gettext_lazy("Ghi chú"), max_length=255, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        campaigns = Campaign.objects.visible_to(user).select_related("commune")
        self.fields["campaign"].queryset = campaigns.order_by("-start_date")

    def clean(self):
        data = super().clean()
        campaign, until = data.get("campaign"), data.get("locked_until")
        if campaign and until:
            try:
                campaign.check_can_lock(until)
            except ValidationError as error:
                self.add_error("locked_until", error)
        return data


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do mở lại kỳ"),
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Hãy ghi lý do mở lại kỳ.")},
    )


def lock_view(model_admin, request):
    """Step one: the campaign and the date; step two: the confirmation; then `lock_period`."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    initial = {"campaign": request.GET.get("campaign")} if request.GET.get("campaign", "").isdigit() else {}
    form = LockForm(request.POST or None, initial=initial, user=request.user)
    confirming = False
    if request.method == "POST" and "sua" not in request.POST and form.is_valid():
        data = form.cleaned_data
        if "xac-nhan" not in request.POST:
            confirming = True
        else:
            try:
                services.lock_period(
                    data["campaign"], until=data["locked_until"], by=request.user, note=data["note"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                model_admin.message_user(
                    request,
                    _("Đã khóa sổ “%(campaign)s” đến hết ngày %(date)s.")
                    % {"campaign": data["campaign"], "date": date_format(data["locked_until"], "d/m/Y")},
                    messages.SUCCESS,
                )
                return redirect("admin:campaigns_periodlock_changelist")
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Xác nhận khóa sổ") if confirming else _("Khóa sổ"),
        "form": form,
        "confirming": confirming,
        "media": model_admin.media + form.media,
    }
    if confirming:
        campaign, until = form.cleaned_data["campaign"], form.cleaned_data["locked_until"]
        context.update(
            campaign=campaign,
            until=until,
            entries=Contribution.objects.for_campaign(campaign).filter(date__lte=until).count(),
            payouts=Disbursement.objects.filter(campaign=campaign, date__lte=until).count(),
            current=campaign.current_lock(),
        )
    return TemplateResponse(request, "admin/campaigns/periodlock/lock.html", context)


def reopen_view(model_admin, request, pk):
    """The chair reopens the lock reaching furthest, with a reason kept on the row and in the history."""
    if not (is_chair(request.user) and request.user.has_perm("campaigns.change_periodlock")):
        raise PermissionDenied
    locks = PeriodLock.objects.visible_to(request.user)
    lock = get_object_or_404(locks.select_related("campaign", "locked_by", "reopened_by"), pk=pk)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reopen_period(lock, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            now_until = lock.campaign.locked_until()
            state = (
                _("Sổ nay khóa đến hết ngày %(date)s.") % {"date": date_format(now_until, "d/m/Y")}
                if now_until
                else _("Cuộc vận động nay không còn kỳ nào khóa.")
            )
            model_admin.message_user(
                request,
                _("Đã mở lại kỳ đến hết ngày %(date)s: các bút toán trong kỳ sửa được như trước. %(state)s")
                % {"date": date_format(lock.locked_until, "d/m/Y"), "state": state},
                messages.SUCCESS,
            )
            return redirect("admin:campaigns_periodlock_changelist")
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Mở lại kỳ đã khóa sổ"),
        "lock": lock,
        "form": form,
    }
    return TemplateResponse(request, "admin/campaigns/periodlock/reopen.html", context)
