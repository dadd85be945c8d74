"""Public forms of the Front's pages: a citizen's opinion sent from the site."""

import re
import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Opinion, ResidentialArea

TEXT_MIN, TEXT_MAX = 10, 2000
_PHONE = re.compile(r"^\+?[0-9][0-9 .]{7,17}$")


def clean_citizen_text(text, max_length):
    """NFC text without control characters: NUL is refused outright (no honest text holds one),
    other control characters but line breaks and tabs are dropped, runs of blank lines shortened."""
    text = unicodedata.normalize("NFC", str(text or ""))
    if "\x00" in text:
        raise forms.ValidationError(_("Nội dung có ký tự không hợp lệ."), code="control")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Co", "Cs")
    )
    kept = re.sub(r"\n{3,}", "\n\n", kept).strip()
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

    def __init__(self, data=None, *, commune, **kwargs):
        # A NUL is refused, but never echoed back into the page: the form shows the text without it.
        self.had_nul = set()
        if data is not None:
            data = data.copy()
            for key in list(data):
                values = data.getlist(key)
                if any("\x00" in value for value in values):
                    self.had_nul.add(key)
                    data.setlist(key, [value.replace("\x00", "") for value in values])
        super().__init__(data, **kwargs)
        self.fields["area"].queryset = (
            ResidentialArea.objects.current().filter(commune=commune).order_by("position", "name")
        )
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")

    def full_clean(self):
        super().full_clean()
        for name in self.had_nul & set(self.fields):
            if name not in self.errors:
                self.add_error(
                    name, forms.ValidationError(_("Nội dung có ký tự không hợp lệ."), code="control")
                )

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
