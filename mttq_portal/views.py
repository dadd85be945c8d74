"""Site-wide pages: home, robots.txt, the error pages, the health check and media files."""

import logging

from django.conf import settings
from django.contrib import admin
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import Context, loader
from django.templatetags.static import static
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from campaigns.permissions import uses_officer_screen
from lib.media import send_media
from lib.pagecache import public_page

from .dashboard import page_for
from .home import home_page, province_page
from .visits import statistics

log = logging.getLogger(__name__)


@public_page
def home(request):
    if request.commune is None and request.province is not None:
        return render(request, "province_home.html", province_page(request.province, request))
    commune = request.commune
    context = {
        # Read only when its fragments are rendered (templates/home.html): a cached home page
        # column costs no query. The visit statistics move every minute and are read each time.
        "home": SimpleLazyObject(lambda: home_page(commune, visits=False)),
        "visits": statistics(commune) if commune is not None else None,
    }
    return render(request, "home.html", context)


def admin_index(request):
    """The admin's first page: the dashboard (mttq_portal.dashboard) above the list of what the
    user may manage; a hamlet officer lands on their own entry screen instead."""
    if uses_officer_screen(request.user):
        return redirect("officer:home")
    return admin.site.admin_view(_dashboard_index)(request)


def _dashboard_index(request):
    return admin.site.index(request, extra_context={"dashboard": page_for(request)})


@public_page
def sitemap_xml(request):
    """/sitemap.xml of the request's site: each app's sitemap made for this commune."""
    from django.contrib.sitemaps.views import sitemap

    from .urls import province_sitemaps, sitemaps

    if request.commune is None and request.province is not None:
        made = {name: cls(request.province) for name, cls in province_sitemaps.items()}
    else:
        made = {name: cls(request.commune) for name, cls in sitemaps.items()}
    return sitemap(request, sitemaps=made)


@public_page
def privacy(request):
    """What personal data the site keeps and why (Nghị định 13/2023/NĐ-CP)."""
    return render(request, "pages/privacy.html")


@public_page
def accessibility(request):
    """The accessibility statement: what the site does for WCAG 2.1 AA, what it does not yet."""
    return render(request, "pages/accessibility.html")


@public_page
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /quan-tri/",
        "Disallow: /nhap-lieu/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def error_page(request, status, heading, *paragraphs):
    """400, 403, 404, CSRF failure and login lockout share one page (templates/error.html):
    what happened and what to do next, never the technical cause."""
    return render(request, "error.html", {"heading": heading, "paragraphs": paragraphs}, status=status)


def page_not_found(request, exception=None):
    return error_page(
        request,
        404,
        _("Không tìm thấy trang"),
        _("Trang bạn tìm không có hoặc đã được chuyển đi. Mời bạn quay về trang chủ hoặc tìm kiếm bài viết."),
    )


def bad_request(request, exception=None):
    return error_page(
        request,
        400,
        _("Yêu cầu không hợp lệ"),
        _("Máy chủ không hiểu yêu cầu vừa gửi. Mời bạn kiểm tra lại địa chỉ trang hoặc quay về trang chủ."),
    )


def permission_denied(request, exception=None):
    return error_page(
        request,
        403,
        _("Không có quyền truy cập"),
        _(
            "Tài khoản của bạn không được phép xem hoặc thay đổi nội dung này. Nếu bạn cho rằng đây là "
            "nhầm lẫn, hãy liên hệ cán bộ quản trị của Ủy ban Mặt trận xã."
        ),
    )


def csrf_failure(request, reason=""):
    # The reason is for developers; the visitor gets what to do next, not why the check failed.
    log.warning("CSRF failure")
    return error_page(
        request,
        403,
        _("Phiên làm việc đã hết hạn"),
        _(
            "Biểu mẫu bạn vừa gửi không còn hợp lệ, thường vì trang đã mở quá lâu hoặc trình duyệt đang "
            "chặn cookie. Dữ liệu chưa được lưu."
        ),
        _(
            "Mời bạn quay lại trang trước, tải lại trang rồi gửi lại. Hãy bật cookie cho trang này nếu "
            "trình duyệt đang tắt."
        ),
    )


def server_error(request):
    # Plain template, no context processors or queries: it must render with the database down.
    template = loader.get_template("500.html")
    try:
        nonce = str(request.csp_nonce)  # lets the page's one inline <style> pass the CSP
    except Exception:
        nonce = ""
    return HttpResponseServerError(template.template.render(Context({"nonce": nonce})))


def lockout(request, original_response=None, credentials=None):
    """What django-axes shows once a username and address pair is locked (429)."""
    return error_page(
        request,
        429,
        _("Tạm khóa đăng nhập"),
        _("Tài khoản này đã đăng nhập sai %(limit)s lần liên tiếp từ địa chỉ mạng của bạn.")
        % {"limit": settings.AXES_FAILURE_LIMIT},
        _(
            "Để bảo vệ tài khoản, việc đăng nhập đã bị tạm khóa trong %(minutes)s phút. Mời bạn thử lại "
            "sau, hoặc nhờ cán bộ quản trị mở khóa."
        )
        % {"minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)},
        _("Nếu quên mật khẩu, hãy liên hệ cán bộ quản trị của Ủy ban Mặt trận xã để được cấp lại."),
    )


@never_cache
def healthz(request):
    """200 "ok" when the database answers a trivial query, 503 when it does not. Cheap enough
    to probe every few seconds; logged at DEBUG only (RequestLogMiddleware)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        log.exception("health check: database unreachable")
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


def media(request, path):
    """Uploaded files, served by Django only in development and demo (nginx does the same in
    production: deploy/nginx-mttq-portal.conf). A post's files have their own view, which
    checks the post is public (news.views.post_media); nothing else under news/ is served."""
    if not settings.SERVE_MEDIA or path.startswith("news/"):
        raise Http404
    # Thirty days, as nginx's `expires 30d`: an upload's name is random and never reused.
    return send_media(request, path, cache_control="public, max-age=2592000", accel="")


def favicon(request):
    """The admin has no <link rel="icon">, so browsers ask for /favicon.ico: send them to ours.

    Resolved per request, not at import, so a missing static manifest cannot stop URL loading.
    """
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


@public_page
def search(request):
    """The site's search: the news (ranked, paged, news.models.PostQuerySet.search), and on the
    first page a group per other kind of record (mttq_portal/search.py)."""
    from news.models import Post, search_overflow, search_page

    from .search import other_kinds

    query = request.GET.get("q", "").strip()[:100]
    page_obj, groups = None, []
    if query:
        site = {"commune": request.commune, "province": request.province}
        page_obj = search_page(Post.objects.for_site(**site).search(query), request.GET.get("trang"))
        groups = other_kinds(query, request.commune) if page_obj.number == 1 else []
    context = {"query": query, "page_obj": page_obj, "groups": groups, "more_than": search_overflow(page_obj)}
    return render(request, "search.html", context)
