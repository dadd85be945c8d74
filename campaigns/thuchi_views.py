"""Public công khai thu – chi of a fund: the HTML page (printable at A4) and its PDF."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from lib.pagecache import public_page

from .funds import FundStatement
from .thuchi import build_table, pdf_filename, render_pdf


def _published(request, slug, pk):
    statements = FundStatement.objects.published().for_commune(request.commune)
    return get_object_or_404(
        statements.select_related("indicator__campaign__commune"), pk=pk, indicator__campaign__slug=slug
    )


def page_context(statement, *, pdf_url, preview=False):
    return {
        "table": build_table(statement),
        "pdf_url": pdf_url,
        "pdf_name": pdf_filename(statement),
        "preview": preview,
    }


def pdf_response(statement):
    response = HttpResponse(render_pdf(build_table(statement)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{pdf_filename(statement)}"'
    return response


def _without_query(request):
    """The page has one address: a query string (which the page cache keys on) would make every
    variant a new rendering, and a PDF costs a second of typesetting."""
    return redirect(request.path, permanent=True) if request.META.get("QUERY_STRING") else None


@public_page
def statement_page(request, slug, pk):
    if bounce := _without_query(request):
        return bounce
    statement = _published(request, slug, pk)
    return render(request, "campaigns/thuchi.html", page_context(statement, pdf_url=statement.pdf_url()))


@public_page
def statement_pdf(request, slug, pk):
    if bounce := _without_query(request):
        return bounce
    return pdf_response(_published(request, slug, pk))
