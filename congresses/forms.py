"""Public forms of the Front's pages: a citizen's opinion sent from the site."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from lib.text import clean_text

from .models import Opinion, ResidentialArea

TEXT_MIN, TEXT_MAX = 10, 2000
_PHONE = re.compile(r"^\+?[0-9][0-9 .]{7,17}$")


def clean_citizen_text(text, max_length):
    """The shared normaliser (control characters, NUL, bidi marks dropped; NFC), blank-line
    runs shortened, then bounded with a message rather than cut: nothing typed is lost silently."""
    kept = re.sub(r"\n{3,}", "\n\n", clean_text(str(text or ""), multiline=True)).strip()
    if len(kept) > max_length:
        raise forms.ValidationError(
            _("Nội dung dài quá %(max)s ký tự; hãy viết gọn lại.") % {"max": max_length}, code="max_length"
        )
    return kept


class CitizenOpinionForm(forms.Form):
    name = forms.CharField(label=_("Họ và tên (không bắt buộc)"), required=False, max_length=120)
    phone = forms.CharField(
        label=_("Số điện thoại (không bắt buộc)"),
        required=False,
        max_length=20,
        help_text=_("Chỉ cán bộ Mặt trận xem, để liên hệ khi cần. Không bao giờ công khai."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    area = forms.ModelChoiceField(
        label=_("Thôn, khu dân cư"),
        queryset=ResidentialArea.objects.none(),
        required=False,
        empty_label=_("— Chọn thôn —"),
    )
    field = forms.ChoiceField(label=_("Lĩnh vực"), choices=Opinion.Field.choices, initial=Opinion.Field.OTHER)
    text = forms.CharField(
        label=_("Nội dung ý kiến, kiến nghị"),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": TEXT_MAX}),
    )
    # Left empty by people; filled by the bots that fill every field.
    website = forms.CharField(required=False, label=_("Để trống ô này"))

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = (
            ResidentialArea.objects.current().filter(commune=commune).order_by("position", "name")
        )
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")

    def clean_name(self):
        return " ".join(clean_citizen_text(self.cleaned_data["name"], 120).split())

    def clean_phone(self):
        phone = " ".join(clean_citizen_text(self.cleaned_data["phone"], 20).split())
        if phone and not _PHONE.match(phone):
            raise forms.ValidationError(_("Số điện thoại chưa đúng. Viết như 0912 345 678."))
        return phone

    def clean_text(self):
        text = clean_citizen_text(self.cleaned_data["text"], TEXT_MAX)
        if len(text) < TEXT_MIN:
            raise forms.ValidationError(_("Hãy viết rõ hơn (ít nhất %(min)s ký tự).") % {"min": TEXT_MIN})
        return text

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Ô này phải để trống."))
        return ""
