"""The chair's one page for an indicator's targets: the commune's and every current area's share,
typed in one grid, checked against each other, saved all or nothing by `services.set_targets`."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congresses.models import ResidentialArea
from lib.money import CountField, MoneyField
from lib.vietnamese import format_number

from . import services
from .models import Indicator, Target
from .permissions import is_chair

HISTORY_SHOWN = 12


class TargetsGridForm(forms.Form):
    """One text input for the commune, one per current area; blank means "no target"."""

    assigned_by = forms.ChoiceField(
        label=gettext_lazy("Nguồn giao chỉ tiêu của xã"), choices=Target.AssignedBy.choices
    )
    # The targets' version the page showed; the template writes it, the save compares it.
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    accept_difference = forms.BooleanField(
        label=gettext_lazy("Tổng các khu khác chỉ tiêu của xã: vẫn lưu"), required=False
    )

    def __init__(self, *args, indicator, areas, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator, self.areas, self.targets = indicator, list(areas), targets
        field = MoneyField if indicator.is_money else CountField
        unit = indicator.unit_long
        self.fields["commune"] = field(
            label=_("Chỉ tiêu cả xã (%(unit)s)") % {"unit": unit}, required=False, positive=True
        )
        for area in self.areas:
            self.fields[self.area_key(area)] = field(label=area.full_name, required=False, positive=True)
        commune_target = targets.get(None)
        self.initial.setdefault("commune", _grouped(commune_target))
        self.initial.setdefault(
            "assigned_by", commune_target.assigned_by if commune_target else Target.AssignedBy.COMMUNE
        )
        for area in self.areas:
            self.initial.setdefault(self.area_key(area), _grouped(targets.get(area.pk)))
        if indicator.province_indicator_id:
            # The commune's target is the province's share: shown, compared with, never typed here.
            for name in ("commune", "assigned_by"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Do Ủy ban MTTQ tỉnh giao.")

    @staticmethod
    def area_key(area):
        return f"khu_{area.pk}"

    def rows(self):
        """One row per area, in the commune's order: the area, its input, the target it has now,
        and the value as the server read it (`= 2.500.000 đ` after "2,5 triệu")."""
        return [self._row(area, self.area_key(area), self.targets.get(area.pk)) for area in self.areas]

    def commune_row(self):
        return self._row(None, "commune", self.targets.get(None))

    def _row(self, area, name, target):
        value = getattr(self, "cleaned_data", {}).get(name) if self.is_bound else None
        return {
            "area": area,
            "field": self[name],
            "target": target,
            "now": self.indicator.format_value(target.amount) if target else "",
            "echo": self.echo(name, value),
        }

    def echo(self, name, value):
        """The value as the server read it, shown only when it was typed another way
        (`2,5 triệu` → `2.500.000 đ`), so an input typed plainly carries no noise."""
        if not value or str(self.data.get(name, "")).strip() == format_number(value):
            return ""
        return self.indicator.format_value(value)

    def values(self):
        """What the inputs hold, as numbers: (commune, {area: amount or None}); unreadable ones left out."""
        if self.is_bound and not hasattr(self, "cleaned_data"):
            self.is_valid()
        source = self.cleaned_data if self.is_bound else None
        if source is None:
            commune = self.targets.get(None)
            shares = {area: getattr(self.targets.get(area.pk), "amount", None) for area in self.areas}
            return (commune.amount if commune else None), shares
        shares = {area: source[self.area_key(area)] for area in self.areas if self.area_key(area) in source}
        return source.get("commune"), shares

    def summary(self):
        """The sum of the shares against the commune target, as the page and the script show it."""
        commune, shares = self.values()
        total = sum(amount for amount in shares.values() if amount)
        given = sum(1 for amount in shares.values() if amount)
        fmt = self.indicator.format_value
        difference = (total - commune) if commune else None
        if not given:
            state, text = "none", _("Chưa giao cho khu nào.")
        elif commune is None:
            state, text = "none", _("Xã chưa có chỉ tiêu chung để so.")
        elif difference == 0:
            state, text = "equal", _("Tổng các khu bằng đúng chỉ tiêu của xã.")
        elif difference < 0:
            state, text = (
                "under",
                _("Tổng các khu còn thiếu %(diff)s so với chỉ tiêu của xã.") % {"diff": fmt(-difference)},
            )
        else:
            state, text = (
                "over",
                _("Tổng các khu vượt %(diff)s so với chỉ tiêu của xã.") % {"diff": fmt(difference)},
            )
        incomplete = self.is_bound and any(self.area_key(area) in self.errors for area in self.areas)
        if incomplete:
            text += " " + _("(Chưa tính các ô còn sai.)")
        return {
            "state": state,
            "text": text,
            "total": fmt(total),
            "given": _("%(given)s/%(count)s khu có chỉ tiêu") % {"given": given, "count": len(self.areas)},
            "commune": fmt(commune) if commune else "—",
        }

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        summary = self.summary()
        if summary["state"] in ("under", "over") and not data.get("accept_difference"):
            self.add_error(
                "accept_difference",
                _("%(text)s Sửa lại các ô, hoặc đánh dấu “Tổng các khu khác chỉ tiêu của xã: vẫn lưu”.")
                % {"text": summary["text"]},
            )
        return data

    def merged_targets(self):
        """(area name, target) of areas no longer current: not in the grid, their targets kept."""
        shown = {area.pk for area in self.areas}
        return [
            (target.area.full_name, self.indicator.format_value(target.amount))
            for area_id, target in self.targets.items()
            if area_id is not None and area_id not in shown
        ]

    def add_service_errors(self, error):
        """Put the service's per-row messages (keyed "commune" or an area id) on their inputs."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        by_id = {area.pk: self.area_key(area) for area in self.areas}
        for key, messages_ in error.message_dict.items():
            field = "commune" if key == "commune" else by_id.get(_int(key))
            for message in messages_:
                self.add_error(field, message)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _grouped(target):
    return format_number(target.amount) if target and target.amount is not None else ""


def _history(indicator):
    """The latest changes to this indicator's targets, removals included (the rows are gone)."""
    records = (
        Target.history.filter(indicator_id=indicator.pk)
        .select_related("history_user", "area")
        .order_by("-history_date", "-history_id")[:HISTORY_SHOWN]
    )
    fmt = indicator.format_value
    rows = []
    for record in records:
        whom = record.area.full_name if record.area_id else _("Cả xã")
        what = {
            "+": _("Giao %(value)s"),
            "~": _("Đổi thành %(value)s"),
            "-": _("Bỏ chỉ tiêu (trước: %(value)s)"),
        }[record.history_type] % {"value": fmt(record.amount)}
        rows.append({"record": record, "whom": whom, "what": what})
    return rows


def targets_grid_view(model_admin, request, pk):
    """GET shows the grid; POST "kiem-tra" (or the script, asking for JSON) only checks; POST saves."""
    if not (
        is_chair(request.user) and request.user.has_perms(["campaigns.add_target", "campaigns.change_target"])
    ):
        raise PermissionDenied
    indicator = get_object_or_404(Indicator.objects.select_related("campaign__commune"), pk=pk)
    areas = (
        ResidentialArea.objects.current()
        .filter(commune_id=indicator.campaign.commune_id)
        .order_by("position", "name")
    )
    targets = {target.area_id: target for target in indicator.targets.select_related("area")}
    form = TargetsGridForm(request.POST or None, indicator=indicator, areas=areas, targets=targets)
    if request.method == "POST":
        if request.headers.get("Accept") == "application/json":
            return JsonResponse(_check_json(form))
        if "kiem-tra" not in request.POST and form.is_valid() and _save(model_admin, request, form):
            return redirect("admin:campaigns_indicator_targets", pk=indicator.pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Giao chỉ tiêu: %(name)s") % {"name": indicator.name},
        "indicator": indicator,
        "form": form,
        "summary": form.summary(),
        "history": _history(indicator),
        "version": indicator.targets_version(),
        "merged_targets": form.merged_targets(),
    }
    return TemplateResponse(request, "admin/campaigns/indicator/targets_grid.html", context)


def _save(model_admin, request, form):
    """Hand the grid to `set_targets`; True when saved, else the errors are on the form."""
    commune, shares = form.values()
    try:
        changed = services.set_targets(
            form.indicator,
            by=request.user,
            commune=commune,
            shares=shares,
            assigned_by=form.cleaned_data["assigned_by"],
            seen_version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        form.add_service_errors(error)
        return False
    model_admin.message_user(request, _saved_message(form.indicator, changed), messages.SUCCESS)
    return True


def _check_json(form):
    """What the page's script shows while the chair types: each value as the server read it."""
    form.is_valid()
    rows = {}
    for name in ["commune", *(form.area_key(area) for area in form.areas)]:
        value = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
        rows[name] = {
            "error": " ".join(form.errors.get(name, [])),
            "value": form.echo(name, value),
        }
    return {"rows": rows, "summary": form.summary()}


def _saved_message(indicator, changed):
    if not changed:
        return _("Không có mức chỉ tiêu nào thay đổi.")
    removed = [area.full_name if area else _("cả xã") for kind, area, _old in changed if kind == "removed"]
    text = _("Đã lưu %(count)s thay đổi chỉ tiêu của “%(name)s”.") % {
        "count": len(changed),
        "name": indicator.name,
    }
    if removed:
        text += " " + _("Đã bỏ chỉ tiêu của: %(areas)s (lịch sử vẫn giữ mức cũ).") % {
            "areas": ", ".join(removed)
        }
    return text
