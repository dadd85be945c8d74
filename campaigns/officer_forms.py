"""The officer screen's entry form: one result, in as few taps as a phone allows.

One figure field ("Số tiền / số lượng") read by the chosen indicator's unit, so the officer
never meets an amount and a quantity box side by side. The form only offers the officer's
own areas and the indicators of active campaigns; `record_contribution` checks again.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congresses.models import ResidentialArea
from lib.figures import Figure, split_word
from lib.money import CountField, MoneyField
from lib.uploads import validate_image_upload

from . import receipts, services
from .models import Campaign, Contribution, Indicator
from .permissions import areas_within_scope

# The model's errors name its columns; on this form both figures are the one field.
_FIELD_OF = {"amount": "figure", "quantity": "figure", "receipt": "receipt"}


# Up to this many hamlets are offered as buttons (one tap each); more as a list.
AREA_BUTTONS = 4


def _bound(figure):
    return figure.value if isinstance(figure, Figure) else figure


class EntryForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label=_("Chỉ tiêu"),
        queryset=Indicator.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Hãy chọn chỉ tiêu."), "invalid_choice": _("Hãy chọn chỉ tiêu.")},
    )
    area = forms.ModelChoiceField(
        label=_("Khu dân cư"),
        queryset=ResidentialArea.objects.none(),
        empty_label=_("— Chọn khu dân cư —"),
        error_messages={
            "required": _("Hãy chọn khu dân cư."),
            "invalid_choice": _("Bạn chỉ được nhập kết quả cho khu dân cư mình phụ trách."),
        },
    )
    figure = forms.CharField(
        label=_("Số tiền / số lượng"),
        max_length=60,
        help_text=_(
            "Tiền: 1.500.000 hoặc 2,5 triệu. Số lượng: 3. Số báo cáo ước: trên 214 triệu, hơn 300, gần 40."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Hãy nhập số tiền hoặc số lượng.")},
    )
    date = forms.DateField(
        label=_("Ngày"),
        input_formats=["%d/%m/%Y"],
        help_text=_("Hôm nay, nếu không sửa. Viết ngày/tháng/năm: 07/01/2025."),
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"class": "form-control date-field", "autocomplete": "off"}
        ),
        error_messages={"invalid": _("Ngày viết theo dạng ngày/tháng/năm, ví dụ 07/01/2025.")},
    )
    donor_kind = forms.ChoiceField(
        label=_("Người ủng hộ là"),
        choices=Contribution.DonorKind.choices,
        initial=Contribution.DonorKind.PERSON,
    )
    donor_name = forms.CharField(
        label=_("Tên người ủng hộ"),
        max_length=200,
        required=False,
        help_text=_("Người giấu tên: tên (nếu có) chỉ cán bộ thấy."),
    )
    receipt = forms.ImageField(
        label=_("Ảnh biên nhận"),
        required=False,
        # The phone opens its camera (rear side) straight away; the gallery stays one tap away.
        widget=forms.FileInput(attrs={"accept": "image/*", "capture": "environment"}),
        error_messages={"invalid_image": _("Tệp đã chọn không phải là ảnh. Hãy chụp lại biên nhận.")},
    )
    receipt_token = forms.CharField(required=False, widget=forms.HiddenInput)
    # Shown only when an offered indicator counts people (a blood drive): typed as officers
    # type counts (`1.250`), read by the one count parser.
    registered = CountField(label=_("Số người đăng ký"), required=False)
    participants = CountField(label=_("Số người tham gia"), required=False)

    # In-kind gifts, one a line (`350 m² đất`, `120 ngày công`), read by campaigns.inkind.
    in_kind = forms.CharField(
        label=_("Hiện vật (nếu có)"),
        required=False,
        max_length=800,
        help_text=_("Mỗi dòng một thứ: 350 m² đất, 120 ngày công, 2,5 tấn xi măng."),
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off", "spellcheck": "false"}),
    )

    figure_understood = ""

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        areas = areas_within_scope(ResidentialArea.objects.current(), user).order_by("position", "name")
        indicators = (
            Indicator.objects.filter(
                campaign__in=Campaign.objects.current(),
                campaign__commune_id__in=areas.values("commune_id"),
            )
            .exclude(unit=Indicator.Unit.RATE)
            .select_related("campaign")
            .order_by("-campaign__start_date", "campaign_id", "position", "id")
        )
        self.fields["area"].queryset = areas
        self.fields["indicator"].queryset = indicators
        self.areas, self.indicators = list(areas), list(indicators)
        if all(i.is_money for i in self.indicators):
            del self.fields["in_kind"]  # in-kind gifts go with counted indicators only
        self.people_indicators = [i for i in self.indicators if i.counts_people]
        if not any(i.counts_registered for i in self.people_indicators):
            del self.fields["registered"]
        if not self.people_indicators:
            del self.fields["participants"]
        else:
            verbs = {i.people_verb for i in self.people_indicators}
            if len(verbs) == 1:
                self.fields["participants"].label = _("Số người %(verb)s") % {"verb": verbs.pop()}
            self.fields["participants"].help_text = _("Chỉ với: %(names)s. Để trống nếu không có.") % {
                "names": ", ".join(i.name for i in self.people_indicators)
            }
        self.fields["date"].initial = timezone.localdate
        # The next entry usually continues the last one: same indicator, same hamlet.
        last = (
            Contribution.objects.filter(entered_by=user, reverses__isnull=True)
            .order_by("-entered_at", "-id")
            .values("indicator_id", "area_id")
            .first()
        )
        if len(self.indicators) == 1:
            self.fields["indicator"].initial = self.indicators[0].pk
        elif last and any(i.pk == last["indicator_id"] for i in self.indicators):
            self.fields["indicator"].initial = last["indicator_id"]
        if len(self.areas) == 1:
            self.fields["area"].initial = self.areas[0].pk
            self.fields["area"].widget = forms.HiddenInput()
        else:
            if len(self.areas) <= AREA_BUTTONS:
                area_field = self.fields["area"]
                area_field.empty_label = None
                area_field.widget = forms.RadioSelect()
                area_field.widget.choices = area_field.choices
            if last and any(a.pk == last["area_id"] for a in self.areas):
                self.fields["area"].initial = last["area_id"]
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            if not isinstance(field.widget, forms.RadioSelect | forms.HiddenInput):
                field.widget.attrs.setdefault("class", css)
        self.pending = receipts.pending_name(self.data.get("receipt_token"), user) if self.is_bound else None

    def indicator_groups(self):
        """[(campaign, [(indicator, radio)])]: the radios under their campaign's name."""
        groups = []
        for indicator, radio in zip(self.indicators, self["indicator"], strict=True):
            if not groups or groups[-1][0] != indicator.campaign:
                groups.append((indicator.campaign, []))
            groups[-1][1].append((indicator, radio))
        return groups

    @property
    def single_area(self):
        return self.areas[0] if len(self.areas) == 1 else None

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise ValidationError(_("Ngày nhận không được sau hôm nay."))
        if day < datetime.date(2000, 1, 1):
            raise ValidationError(_("Ngày này quá xa, hãy kiểm tra lại năm."))
        return day

    def clean_in_kind(self):
        from .inkind import parse_items

        return parse_items(self.cleaned_data.get("in_kind", ""))

    def clean_receipt(self):
        upload = self.cleaned_data.get("receipt")
        if upload:
            validate_image_upload(upload)
        return upload

    def clean(self):
        data = super().clean()
        indicator, text = data.get("indicator"), data.get("figure")
        if indicator and text:
            field = MoneyField() if indicator.is_money else CountField()
            # `trên 214 triệu`: the hedge word is kept beside the number the money parser reads.
            qualifier, number = split_word(text)
            try:
                value = Figure(field.clean(number), qualifier)
            except ValidationError as error:
                self.add_error("figure", error)
            else:
                data["amount"], data["quantity"] = (value, 0) if indicator.is_money else (0, value)
                # Said back when the form returns, so the officer sees the number that was understood.
                self.figure_understood = value.with_unit(indicator.unit_text)
        self._check_with_the_model(data)
        return data

    def _check_with_the_model(self, data):
        """The model's own rules (donor named, figure given, period not locked) said now, next
        to the other errors, rather than one round later when the service refuses."""
        probe = Contribution(
            indicator=data.get("indicator"),
            area=data.get("area"),
            amount=_bound(data.get("amount", 0)),
            quantity=_bound(data.get("quantity", 0)),
            date=data.get("date"),
            donor_kind=data.get("donor_kind") or Contribution.DonorKind.PERSON,
            donor_name=data.get("donor_name", ""),
            registered=data.get("registered") or 0,
            participants=data.get("participants") or 0,
        )
        probe.pending_items = data.get("in_kind") or []
        try:
            probe.clean()
        except ValidationError as error:
            self.add_service_errors(error)

    def save(self):
        """Record the entry through the service; the receipt kept from an earlier try is used
        when no new photo came. Raises ValidationError (see `add_service_errors`)."""
        data = self.cleaned_data
        receipt = data.get("receipt") or (receipts.pending_upload(self.pending) if self.pending else None)
        entry = services.record_contribution(
            by=self.user,
            indicator=data["indicator"],
            area=data["area"],
            amount=data["amount"],
            quantity=data["quantity"],
            date=data["date"],
            donor_kind=data["donor_kind"],
            donor_name=data["donor_name"].strip(),
            registered=data.get("registered") or 0,
            participants=data.get("participants") or 0,
            items=data.get("in_kind") or None,
            **({"receipt": receipt} if receipt else {}),
        )
        receipts.discard_pending(self.pending)
        return entry

    def add_service_errors(self, error):
        """Put the service's (model's) errors next to the fields the officer sees."""
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                target = _FIELD_OF.get(field, field if field in self.fields else None)
                if target in self.errors:
                    continue  # the officer already has this field's own message
                for item in errors:
                    self.add_error(target, item)
        else:
            locked = any(item.code == "locked" for item in error.error_list)
            self.add_error("date" if locked and "date" not in self.errors else None, error)

    def keep_receipt(self):
        """After errors: store a newly chosen photo as pending and put its token in the form,
        so the next submit has it without choosing it again."""
        upload = self.cleaned_data.get("receipt") if hasattr(self, "cleaned_data") else None
        if upload and "receipt" not in self.errors:
            receipts.discard_pending(self.pending)
            token = receipts.keep_pending(upload, self.user)
            self.data = self.data.copy()
            self.data["receipt_token"] = token
            self.pending = receipts.pending_name(token, self.user)
        elif not self.pending:
            self.data = self.data.copy()
            self.data["receipt_token"] = ""
