"""Public organisation pages of a commune's site: giới thiệu, chức năng nhiệm vụ, cơ cấu tổ
chức, liên hệ, and the English page. Each exists only on a commune's site (the province's site
has none: 404)."""

from django.http import Http404
from django.shortcuts import render

from lib.pagecache import public_page

from . import organisation
from .organisation import Page


def _commune(request):
    if request.commune is None:
        raise Http404
    return request.commune


def _text_page(request, kind):
    commune = _commune(request)
    page = organisation.public_page(commune, kind)
    context = {"page": page, "kind": kind, "heading": page.heading if page else Page.Kind(kind).label}
    return render(request, "news/organisation/text_page.html", context)


@public_page
def introduction(request):
    return _text_page(request, Page.Kind.INTRODUCTION)


@public_page
def duties(request):
    return _text_page(request, Page.Kind.DUTIES)


@public_page
def structure(request):
    commune = _commune(request)
    return render(request, "news/organisation/structure.html", {"structure": organisation.structure(commune)})


@public_page
def contact(request):
    _commune(request)
    return render(request, "news/organisation/contact.html")


@public_page
def english(request):
    commune = _commune(request)
    structure = organisation.structure(commune)
    context = {
        "page": organisation.public_page(commune, Page.Kind.ENGLISH),
        "structure": structure,
        "members_en": organisation.english_members(structure),
        "name_en": organisation.english_name(commune),
    }
    return render(request, "news/organisation/english.html", context)
