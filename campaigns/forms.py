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
            "quantity",
            "donor_kind",
            "donor_name",
            "receipt",
            "note",
        ]
        widgets = {"receipt": ReceiptInput}


class TargetForm(FiguresModelForm):
    class Meta:
        model = Target
        fields = ["indicator", "area", "amount", "assigned_by", "note"]


class DisbursementForm(FiguresModelForm):
    date = vietnamese_date_field(_("Ngày chi"))

    class Meta:
        model = Disbursement
        fields = "__all__"
