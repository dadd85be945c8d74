"""The forms of the reports admin: choosing a report's period, uploading a Word template."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congresses.models import FrontCommittee, Term

from . import periods, services
from .models import Kind, ReportTemplate

DATE_HELP = _("Viết ngày trước, ví dụ 30/06/2026")


def _date_field(label, required=False, help_text=DATE_HELP):
    return forms.DateField(
        label=label,
        required=required,
        input_formats=["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y"],
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "size": 12}),
        help_text=help_text,
        error_messages={"invalid": _("Ngày chưa đúng. Viết như 30/06/2026.")},
    )


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại báo cáo"), choices=Kind.choices, initial=Kind.FIRST_HALF)
    year = forms.TypedChoiceField(
        label=_("Năm"), coerce=int, required=False, help_text=_("Với sơ kết 6 tháng và tổng kết năm")
    )
    term = forms.ModelChoiceField(
        label=_("Nhiệm kỳ"),
        queryset=Term.objects.none(),
        required=False,
        empty_label=_("— chọn nhiệm kỳ —"),
        help_text=_("Với báo cáo nhiệm kỳ: nhiệm kỳ của Ủy ban MTTQ xã"),
    )
    start = _date_field(
        _("Từ ngày"), help_text=_("Với báo cáo theo thời gian tùy chọn; viết ngày trước: 01/03/2026")
    )
    end = _date_field(_("Đến ngày"))
    number = forms.CharField(
        label=_("Số"),
        max_length=40,
        required=False,
        help_text=_("Ví dụ 15 (thành 15/BC-MTTQ); để trống để ghi số bằng tay khi ký"),
    )
    issued_on = _date_field(_("Ngày ban hành"), help_text=_("Để trống là hôm nay"))
    signer_name = forms.CharField(label=_("Người ký (Chủ tịch)"), max_length=120, required=False)
    recipients = forms.CharField(
        label=_("Nơi nhận"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        required=False,
        help_text=_("Mỗi dòng một nơi nhận"),
    )
    template = forms.ModelChoiceField(
        label=_("Mẫu Word"),
        queryset=ReportTemplate.objects.none(),
        required=False,
        empty_label=_("Mẫu mặc định (Nghị định 30/2020/NĐ-CP)"),
    )

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.commune = commune
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(y, str(y)) for y in range(this_year, this_year - 11, -1)]
        self.fields["year"].initial = this_year
        self.fields["term"].queryset = (
            Term.objects.for_commune(commune)
            .filter(committee__level=FrontCommittee.Level.COMMUNE)
            .order_by("-start_date")
        )
        self.fields["term"].label_from_instance = lambda term: term.label
        self.fields["template"].queryset = services.templates_for(commune)
        self.fields["template"].initial = services.templates_for(commune).first()
        self.fields["signer_name"].initial = services.commune_chair(commune, timezone.localdate())
        self.fields["recipients"].initial = "\n".join(services.DEFAULT_RECIPIENTS)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in (Kind.FIRST_HALF, Kind.SECOND_HALF, Kind.YEAR):
            year = data.get("year")
            if not year:
                raise forms.ValidationError(_("Hãy chọn năm của báo cáo."))
            data["period"] = (
                periods.whole_year(year)
                if kind == Kind.YEAR
                else periods.half_year(year, kind == Kind.FIRST_HALF)
            )
        elif kind == Kind.TERM:
            if not data.get("term"):
                self.add_error("term", _("Hãy chọn nhiệm kỳ của báo cáo."))
                return data
            data["period"] = periods.term_period(data["term"], timezone.localdate())
        elif kind == Kind.CUSTOM:
            start, end = data.get("start"), data.get("end")
            if not start or not end:
                if "start" not in self.errors and "end" not in self.errors:
                    raise forms.ValidationError(_("Hãy ghi cả ngày đầu và ngày cuối của kỳ báo cáo."))
                return data
            if end < start:
                self.add_error("end", _("Ngày cuối kỳ phải sau ngày đầu kỳ."))
                return data
            if end - start > datetime.timedelta(days=366 * 10):
                self.add_error("end", _("Một báo cáo không quá 10 năm."))
                return data
            data["period"] = periods.custom(start, end)
        lines = [line.strip() for line in (data.get("recipients") or "").splitlines() if line.strip()]
        data["recipient_lines"] = lines or None
        return data


class ReportTemplateForm(forms.ModelForm):
    class Meta:
        model = ReportTemplate
        fields = ["name", "file"]

    def __init__(self, *args, commune=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.commune = commune
        if "file" in self.fields:
            self.fields["file"].help_text = _(
                "Tệp .docx, tối đa 5 MB, soạn từ mẫu mặc định; mẫu được thử lập báo cáo ngay khi tải lên."
            )

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded is not None and hasattr(uploaded, "content_type") and self.commune is not None:
            services.check_template_upload(uploaded, self.commune)
        return uploaded
