"""Public pages of the document registry and the announcements: lists that filter without
JavaScript, a page per record, a document's files sent as attachments. Each page is a bounded
set of queries; every record shown is the request's commune's."""

from django import forms
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.admin_input import parse_id
from lib.pagecache import public_page

from .announcements import Announcement
from .documents import EARLIEST_YEAR, LATEST_YEAR, Document, DocumentFile

PER_PAGE = 20


def _page(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("trang"))


class DocumentFilterForm(forms.Form):
    """The list's filters, read from the query string; a value that is not offered is an error
    on the form (and the filter is left out), never a failed query."""

    q = forms.CharField(label=_("Số ký hiệu hoặc từ khóa"), required=False, max_length=100)
    loai = forms.ChoiceField(label=_("Loại văn bản"), required=False)
    nam = forms.IntegerField(
        label=_("Năm ban hành"),
        required=False,
        min_value=EARLIEST_YEAR,
        max_value=LATEST_YEAR,
        error_messages={
            "invalid": _("Năm ban hành phải là một số, ví dụ 2025."),
            "min_value": _("Năm ban hành không hợp lệ."),
            "max_value": _("Năm ban hành không hợp lệ."),
        },
    )
    linh_vuc = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    co_quan = forms.CharField(label=_("Cơ quan ban hành"), required=False, max_length=200)

    def __init__(self, data, *, years, bodies):
        super().__init__(data)
        self.years, self.bodies = years, bodies
        self.fields["loai"].choices = [("", _("Tất cả"))] + Document.Kind.choices
        self.fields["linh_vuc"].choices = [("", _("Tất cả"))] + Document.Field.choices
        self.fields["loai"].error_messages["invalid_choice"] = _("Không có loại văn bản này.")
        self.fields["linh_vuc"].error_messages["invalid_choice"] = _("Không có lĩnh vực này.")

    def apply(self, documents):
        """`documents` narrowed by every valid filter; invalid ones are left out."""
        self.is_valid()  # Django keeps only the valid fields in cleaned_data
        data = self.cleaned_data
        if data.get("loai"):
            documents = documents.filter(kind=data["loai"])
        if data.get("nam"):
            documents = documents.filter(issued_on__year=data["nam"])
        if data.get("linh_vuc"):
            documents = documents.filter(field=data["linh_vuc"])
        if data.get("co_quan"):
            documents = documents.filter(issuing_body=data["co_quan"])
        if data.get("q", "").strip():
            documents = documents.search(data["q"])
        return documents

    @property
    def active(self):
        return any(self.data.get(name) for name in self.fields)


@public_page
def document_list(request):
    documents = Document.objects.for_listing().for_commune(request.commune)
    years, bodies = documents.filter_options()
    form = DocumentFilterForm(request.GET, years=years, bodies=bodies)
    page_obj = _page(request, form.apply(documents).defer("search_text"))
    return render(request, "news/document_list.html", {"form": form, "page_obj": page_obj})


@public_page
def document_detail(request, slug):
    document = get_object_or_404(
        Document.objects.public()
        .for_commune(request.commune)
        .select_related("conference")
        .prefetch_related("files"),
        slug=slug,
    )
    return render(request, "news/document_detail.html", {"document": document})


def document_file(request, slug, file_id):
    """A public document's file, as an attachment under its original name; one query."""
    pk = parse_id(file_id)
    if pk is None:
        raise Http404
    row = get_object_or_404(
        DocumentFile.objects.public().for_commune(request.commune).filter(document__slug=slug), pk=pk
    )
    try:
        handle = row.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=row.download_name())
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=3600"
    return response


@public_page
def announcement_list(request):
    now = timezone.now()
    announcements = Announcement.objects.public(now).for_commune(request.commune).for_listing()
    return render(
        request, "news/announcement_list.html", {"page_obj": _page(request, announcements), "now": now}
    )


@public_page
def announcement_detail(request, slug):
    announcement = get_object_or_404(Announcement.objects.public().for_commune(request.commune), slug=slug)
    return render(request, "news/announcement_detail.html", {"announcement": announcement})
