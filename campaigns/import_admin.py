"""The import page every campaign admin list shares: a spreadsheet upload checked row by row,
saved only when every row is right, the errors listed by row otherwise. Results
(campaigns.imports) and the support records (campaigns.record_imports) both use it."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Font

from lib.sheets import append_row
from lib.vietnamese import format_number

from . import imports
from .models import Campaign

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RecordImportForm(forms.Form):
    campaign = forms.ModelChoiceField(label=_("Cuộc vận động"), queryset=Campaign.objects.none())
    file = forms.FileField(label=_("Tệp Excel (.xlsx) hoặc CSV"))

    def __init__(self, *args, user=None, with_campaign=True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_campaign:
            self.fields["campaign"].queryset = Campaign.objects.current().visible_to(user)
        else:
            del self.fields["campaign"]


class RecordImportMixin:
    """An admin list whose records staff can also import from a spreadsheet: a link above the
    list, an import page, a template file. A list whose template file differs (one per
    campaign) overrides `import_template_urls` and `import_context`, and its page extends
    the shared template's `instructions` block."""

    change_list_template = "admin/campaigns/records/change_list.html"
    import_page_template = "admin/campaigns/records/import.html"
    import_headers = []
    import_explanation = ""
    import_with_campaign = True
    import_title = None  # None: "Nhập <the model's plural name> từ tệp Excel hoặc CSV"
    import_saved_message = _("Đã nhập %(count)s dòng.")

    def run_import(self, request, form):
        raise NotImplementedError

    def _name(self, view):
        return f"{self.model._meta.app_label}_{self.model._meta.model_name}_{view}"

    def import_template_urls(self):
        wrap = self.admin_site.admin_view
        return [path("mau-nhap/", wrap(self.import_template_view), name=self._name("import_template"))]

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("nhap-tu-tep/", wrap(self.import_view), name=self._name("import")),
            *self.import_template_urls(),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "import_url": reverse(f"admin:{self._name('import')}")}
        return super().changelist_view(request, extra_context)

    def import_context(self, request):
        """What the page's instructions show besides the limits."""
        return {
            "explanation": self.import_explanation,
            "template_url": reverse(f"admin:{self._name('import_template')}"),
        }

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = RecordImportForm(
            request.POST or None,
            request.FILES or None,
            user=request.user,
            with_campaign=self.import_with_campaign,
        )
        errors, refused = [], None
        if request.method == "POST" and form.is_valid():
            try:
                result = self.run_import(request, form)
            except imports.ImportRefused as error:
                refused = str(error)
            else:
                if result.ok:
                    self.message_user(
                        request,
                        self.import_saved_message % {"count": format_number(len(result.saved))},
                        messages.SUCCESS,
                    )
                    return redirect(f"admin:{self._name('changelist')}")
                errors = result.errors
        title = self.import_title or _("Nhập %(what)s từ tệp Excel hoặc CSV") % {
            "what": self.model._meta.verbose_name_plural
        }
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "form": form,
            "refused": refused,
            "errors": errors[: imports.MAX_ERRORS_SHOWN],
            "error_count": len(errors),
            "changelist_url": reverse(f"admin:{self._name('changelist')}"),
            "max_rows": format_number(imports.MAX_ROWS),
            "max_kb": format_number(imports.MAX_BYTES // 1024),
            **self.import_context(request),
        }
        return TemplateResponse(request, self.import_page_template, context)

    def import_template_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = str(self.model._meta.verbose_name_plural)[:31]
        append_row(sheet, self.import_headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        response = HttpResponse(content_type=XLSX)
        workbook.save(response)
        response["Content-Disposition"] = (
            f'attachment; filename="mau-nhap-{self.model._meta.model_name}.xlsx"'
        )
        return response
