"""The open-data API: each set as JSON pages and CSV files, read-only, for the request's site.

Plain Django views and JsonResponse rather than a framework: eight read-only lists with one
shape (a page of rows), no writes, no authentication, no content negotiation; the scoping
comes from the site middleware like every other public page. What a framework would add
(serializers, routers, throttling, a browsable API) is not needed here, and its defaults
(English error messages, unbounded ordering) would have to be overridden one by one.
"""

import csv
import hashlib
import io
import json
import math

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from lib.pagecache import public_page
from lib.sheets import csv_row

from .datasets import DATASETS, Site

CACHE_SECONDS = 300
PAGE_SIZES = {"json": (20, 100), "csv": (1000, 2000)}  # (default, largest) rows a page
PAGE_PARAM, SIZE_PARAM = "trang", "so_dong"
MAX_PAGE = 10**6


class BadRequest(Exception):
    def __init__(self, status, code, message):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_response(status, code, message):
    """A Vietnamese error, as JSON, whatever the format asked for: clients read one shape."""
    body = json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False)
    response = HttpResponse(body, status=status, content_type="application/json; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


def site_of(request):
    if request.commune is not None:
        return Site(commune=request.commune)
    if request.province is not None:
        return Site(province=request.province)
    return None


def _whole_number(request, name, default, largest):
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw.strip())
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= largest:
        raise BadRequest(
            400,
            f"{name}_khong_hop_le",
            _("Tham số “%(name)s” phải là số nguyên từ 1 đến %(largest)s.")
            % {"name": name, "largest": largest},
        )
    return value


def _linker(request):
    """Absolute URLs to a record's page on its own site (a province's rows point to each
    commune's host), on the scheme and port of the request."""

    def link(owner, path):
        base = owner.site_url(request) if owner is not None else None
        return base.rstrip("/") + path if base else request.build_absolute_uri(path)

    return link


def _page_url(request, fmt, slug, page, size, default_size):
    params = {PAGE_PARAM: page}
    if size != default_size:
        params[SIZE_PARAM] = size
    return request.build_absolute_uri(f"/du-lieu-mo/{slug}.{fmt}?{urlencode(params)}")


def _render(request, dataset, site, fmt, page, size):
    """(body bytes, content type, filename or None) of one page; raises BadRequest."""
    queryset = dataset.queryset(site)
    count = queryset.count()
    pages = max(1, math.ceil(count / size))
    if page > pages:
        raise BadRequest(
            404,
            "trang_khong_co",
            _("Không có trang %(page)s: dữ liệu này có %(pages)s trang với %(size)s dòng mỗi trang.")
            % {"page": page, "pages": pages, "size": size},
        )
    start = (page - 1) * size
    rows = dataset.rows(queryset[start : start + size], site, _linker(request))
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([str(label) for _key, label in dataset.columns])
        for line in dataset.csv_rows(rows):
            writer.writerow(csv_row(line))
        # A byte-order mark: Excel then reads the Vietnamese as UTF-8.
        body = ("\ufeff" + out.getvalue()).encode()
        suffix = f"-trang-{page}" if pages > 1 else ""
        return body, "text/csv; charset=utf-8", f"{dataset.slug}-{site.slug}{suffix}.csv"
    default_size = PAGE_SIZES["json"][0]
    document = {
        "dataset": dataset.slug,
        "site": str(site.commune or site.province),
        "page": page,
        "page_size": size,
        "count": count,
        "pages": pages,
        "previous": _page_url(request, fmt, dataset.slug, page - 1, size, default_size) if page > 1 else None,
        "next": _page_url(request, fmt, dataset.slug, page + 1, size, default_size) if page < pages else None,
        "results": rows,
    }
    body = json.dumps(document, ensure_ascii=False, cls=DjangoJSONEncoder).encode()
    return body, "application/json; charset=utf-8", None


@public_page
def dataset_view(request, slug, fmt):
    if request.method not in ("GET", "HEAD"):
        response = error_response(405, "chi_doc", _("Dữ liệu mở chỉ đọc: chỉ nhận yêu cầu GET."))
        response["Allow"] = "GET, HEAD"
        return response
    dataset = DATASETS.get(slug)
    if dataset is None or fmt not in PAGE_SIZES:
        return error_response(
            404, "khong_co_du_lieu", _("Không có bộ dữ liệu này. Danh sách các bộ dữ liệu ở /du-lieu-mo/.")
        )
    site = site_of(request)
    if site is None:
        return error_response(404, "chua_co_trang", _("Địa chỉ này chưa gắn với xã, phường hay tỉnh nào."))
    default, largest = PAGE_SIZES[fmt]
    try:
        page = _whole_number(request, PAGE_PARAM, 1, MAX_PAGE)
        size = _whole_number(request, SIZE_PARAM, default, largest)
        key = (
            "opendata:"
            + hashlib.sha256(
                f"{request.scheme}://{request.get_host()}|{site.key}|{slug}|{fmt}|{page}|{size}".encode()
            ).hexdigest()
        )
        cached = cache.get(key)
        if cached is None:
            cached = _render(request, dataset, site, fmt, page, size)
            cache.set(key, cached, CACHE_SECONDS)
    except BadRequest as error:
        return error_response(error.status, error.code, error.message)
    body, content_type, filename = cached
    etag = '"' + hashlib.md5(body, usedforsecurity=False).hexdigest() + '"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(body, content_type=content_type)
        if filename:
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@public_page
def documentation(request):
    site = site_of(request)
    base = request.build_absolute_uri("/du-lieu-mo/")
    datasets = [
        {
            "dataset": dataset,
            "json": f"{base}{dataset.slug}.json",
            "csv": f"{base}{dataset.slug}.csv",
            "columns": dataset.columns,
        }
        for dataset in DATASETS.values()
    ]
    context = {
        "datasets": datasets,
        "site_for_data": site,
        "base": base,
        "json_sizes": PAGE_SIZES["json"],
        "csv_sizes": PAGE_SIZES["csv"],
        "cache_minutes": CACHE_SECONDS // 60,
        "example": f"{base}bai-viet.json?{PAGE_PARAM}=2&{SIZE_PARAM}=50",
    }
    return render(request, "opendata/index.html", context)
