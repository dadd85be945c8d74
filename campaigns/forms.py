"""The campaigns' ModelForms: the admin uses them, and so may any other screen that enters
results, targets or payments, so that every path reads money and dates the same way.

Amounts and counts come from `lib.money.FiguresModelForm`: text inputs that read
`750.000` and `1,5 triệu` exactly, within the bounds of `lib.bounds`.
"""

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.money import FiguresModelForm

from .models import Contribution, Disbursement, Target
from .receipts import ReceiptInput
from .target_shapes import Shape

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]


def vietnamese_date_field(label):
    """Dates typed the Vietnamese way, 07/01/2025, whatever the locale's input formats say."""
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=AdminDateWidget(format="%d/%m/%Y"),
        initial=timezone.localdate,
    )


class ContributionForm(FiguresModelForm):
    date = vietnamese_date_field(_("Ngày"))

    class Meta:
        model = Contribution
        fields = [
            "indicator",
            "area",
            "date",
            "amount",
            "amount_qualifier",
            "quantity",
            "quantity_qualifier",
            "registered",
            "participants",
            "donor_kind",
            "donor_name",
            "receipt",
            "note",
        ]
        widgets = {"receipt": ReceiptInput}

    # In-kind gifts, one a line: `350 m² đất`, `120 ngày công`, `2,5 tấn xi măng`.
    in_kind = forms.CharField(
        label=_("Hiện vật"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
        help_text=_(
            "Mỗi dòng một thứ: số, đơn vị, hiện vật — ví dụ 350 m² đất, 120 ngày công, 2,5 tấn xi măng. "
            "Trị giá (nếu có) ghi ở ô số tiền."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            from .inkind import lines_of

            self.fields["in_kind"].initial = lines_of(self.instance)
        # The people are counted for a few indicators only, and an in-kind gift may have no
        # count of its own: a box left empty is none.
        for name in ("registered", "participants", "quantity"):
            if name in self.fields:
                self.fields[name].required = False

    def clean_in_kind(self):
        from .inkind import parse_items

        items = parse_items(self.cleaned_data.get("in_kind", ""))
        # Read by the model's check (an in-kind entry needs no count of its own) and the admin's write.
        self.instance.pending_items = items
        return items

    def clean_quantity(self):
        value = self.cleaned_data.get("quantity")
        return 0 if value is None or value == "" else value

    def clean_registered(self):
        return self.cleaned_data.get("registered") or 0

    def clean_participants(self):
        return self.cleaned_data.get("participants") or 0


class PercentField(forms.DecimalField):
    """A share typed the Vietnamese way (`87,5`) or with a dot (`87.5`), `%` allowed."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().rstrip("%").strip().replace(",", ".")
        return super().to_python(value)


class TargetShapeForm(FiguresModelForm):
    """The shape columns of a target (`campaigns.target_shapes`), shared by rounds' targets."""

    percent = PercentField(
        label=_("Tỷ lệ (%)"),
        required=False,
        max_digits=4,
        decimal_places=1,
        min_value=0.1,
        max_value=100,
        help_text=_("Chỉ với dạng tỷ lệ: ví dụ 90 hoặc 87,5."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "shape" in self.fields:
            # A form sent without the shape (an older screen, a script) means one number.
            self.fields["shape"].required = False

    def clean_shape(self):
        return self.cleaned_data.get("shape") or Shape.NUMBER


class TargetForm(TargetShapeForm):
    class Meta:
        model = Target
        fields = [
            "indicator",
            "area",
            "shape",
            "amount",
            "amount_max",
            "percent",
            "percent_of",
            "met",
            "assigned_by",
            "note",
        ]


class DisbursementForm(FiguresModelForm):
    date = vietnamese_date_field(_("Ngày chi"))

    class Meta:
        model = Disbursement
        fields = "__all__"
