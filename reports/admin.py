"""The reports admin: the chair and commune staff choose a period and get the DOCX and XLSX,
find every report made before, and keep their commune's own Word template."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congresses.permissions import working_commune
from lib.scoped_admin import AreaScopedAdminMixin

from . import documents, services
from .forms import PeriodForm, ReportTemplateForm
from .models import ReportRun, ReportTemplate


def _no_commune():
    return PermissionDenied(_("Tài khoản chưa gắn với xã, phường nào nên chưa lập được báo cáo."))


@admin.register(ReportRun)
class ReportRunAdmin(AreaScopedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "period_text", "number", "created_at", "downloads"]
    list_filter = ["kind"]
    change_list_template = "reports/admin/reportrun_change_list.html"
    search_fields = ["title", "number"]
    list_select_related = ["created_by"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "kind",
        "title",
        "number",
        "start",
        "end",
        "issued_on",
        "signer_name",
        "template_name",
        "created_by",
        "created_at",
        "downloads",
    ]
    fields = readonly_fields

    @admin.display(description=gettext_lazy("kỳ báo cáo"))
    def period_text(self, run):
        return run.period_text

    @admin.display(description=gettext_lazy("tải về"))
    def downloads(self, run):
        if not run.pk:
            return ""
        return format_html(
            '<a href="{}">Word (.docx)</a> · <a href="{}">Excel phụ lục (.xlsx)</a>',
            run.download_url("docx"),
            run.download_url("xlsx"),
        )

    # A report is a record of what was sent: made again, never edited or deleted.
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        own = [
            path(
                "<int:pk>/tai-ve/<str:ext>/",
                self.admin_site.admin_view(self.download_view),
                name="reports_reportrun_download",
            ),
            path(
                "bien-cua-mau/",
                self.admin_site.admin_view(self.variables_view),
                name="reports_reportrun_variables",
            ),
            path(
                "mau-mac-dinh.docx",
                self.admin_site.admin_view(self.default_template_view),
                name="reports_reportrun_default_template",
            ),
        ]
        return own + super().get_urls()

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        commune = working_commune(request)
        if commune is None:
            raise _no_commune()
        form = PeriodForm(request.POST or None, commune=commune)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            period = data["period"]
            try:
                run = services.build_period_report(
                    commune,
                    period.start,
                    period.end,
                    period=period,
                    number=data["number"],
                    issued_on=data["issued_on"],
                    by=request.user,
                    template=data["template"],
                    signer_name=data["signer_name"],
                    recipients=data["recipient_lines"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    format_html(
                        'Đã lập báo cáo “{}”. <a href="{}">Tải tệp Word</a> · <a href="{}">Tải phụ lục Excel</a>',
                        run.title,
                        run.download_url("docx"),
                        run.download_url("xlsx"),
                    ),
                )
                return redirect(reverse("admin:reports_reportrun_change", args=[run.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Lập báo cáo sơ kết, tổng kết"),
            "form": form,
            "commune": commune,
            "variables_url": reverse("admin:reports_reportrun_variables"),
        }
        return TemplateResponse(request, "reports/admin/make_report.html", context)

    def download_view(self, request, pk, ext):
        if ext not in ("docx", "xlsx") or not self.has_view_permission(request):
            raise Http404
        run = self.visible_or_404(request, pk)
        field = run.docx if ext == "docx" else run.xlsx
        try:
            handle = field.open("rb")
        except (FileNotFoundError, ValueError) as error:
            raise Http404(_("Tệp của báo cáo này không còn trên máy chủ; hãy lập lại báo cáo.")) from error
        return FileResponse(handle, as_attachment=True, filename=run.download_name(ext))

    def variables_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Các biến của mẫu báo cáo"),
            "variables": documents.VARIABLES,
            "intro": format_html(
                _(
                    "Mẫu báo cáo là một tệp Word (.docx) có các thẻ {value} ở chỗ cần điền số liệu, và các thẻ "
                    "{loop} (mỗi thẻ một đoạn riêng) để lặp các phần, các đoạn, các phụ lục; bảng phụ lục lặp "
                    "dòng bằng {rows} và cột bằng {cells}. Cách dễ nhất: tải mẫu mặc định, sửa chữ, phông, lề "
                    "trong Word mà giữ nguyên các thẻ (mỗi thẻ gõ liền một lần, không đổi định dạng giữa "
                    "chừng), rồi tải lên ở mục “Mẫu báo cáo Word”. Mẫu được thử lập báo cáo ngay khi tải lên; "
                    "mẫu có lỗi bị từ chối kèm lý do."
                ),
                value=format_html("<code>{}</code>", "{{ tên_biến }}"),
                loop=format_html("<code>{}</code>", "{%p for … %} … {%p endfor %}"),
                rows=format_html("<code>{}</code>", "{%tr … %}"),
                cells=format_html("<code>{}</code>", "{%tc … %}"),
            ),
            "default_url": reverse("admin:reports_reportrun_default_template"),
        }
        return TemplateResponse(request, "reports/admin/variables.html", context)

    def default_template_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return FileResponse(
            open(documents.DEFAULT_TEMPLATE, "rb"), as_attachment=True, filename="mau-bao-cao.docx"
        )

    def changelist_view(self, request, extra_context=None):
        extra = {"variables_url": reverse("admin:reports_reportrun_variables"), **(extra_context or {})}
        return super().changelist_view(request, extra)


@admin.register(ReportTemplate)
class ReportTemplateAdmin(AreaScopedAdminMixin, admin.ModelAdmin):
    form = ReportTemplateForm
    list_display = ["name", "original_name", "uploaded_by", "uploaded_at"]
    list_select_related = ["uploaded_by"]
    readonly_fields = ["original_name", "uploaded_by", "uploaded_at"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "file"]
        return ["name", *self.readonly_fields]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            # A stored template is kept as uploaded (private storage has no URL to show);
            # a new version is a new upload, checked like the first.
            kwargs["fields"] = ["name"]
        base = super().get_form(request, obj, change=change, **kwargs)
        commune = obj.commune if obj is not None else working_commune(request)

        class Form(base):
            def __init__(self, *args, **inner):
                super().__init__(*args, commune=commune, **inner)

        return Form

    def save_model(self, request, obj, form, change):
        if not change:
            obj.commune = working_commune(request)
            if obj.commune is None:
                raise _no_commune()
            obj.uploaded_by = request.user
        # The upload was checked (and rendered once) by the form; the service records it.
        if "file" in form.changed_data:
            obj.original_name = (form.cleaned_data["file"].name or "")[:200]
        services.save_template(obj, by=request.user)
