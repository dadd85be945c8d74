"""Site-wide pages: home, robots.txt, the error pages, the health check and media files."""

import logging

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import Context, loader
from django.urls import reverse
from django.views.decorators.cache import cache_page, never_cache

from lib.media import send_media

from .home import home_page

log = logging.getLogger(__name__)


def home(request):
    return render(request, "home.html", home_page())


@cache_page(60 * 60)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /quan-tri/",
        "Disallow: /nhap-lieu/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", {"home_url": reverse("home")}, status=404)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    # The reason is for developers; the visitor gets what to do next, not why the check failed.
    log.warning("CSRF failure")
    return render(request, "403_csrf.html", status=403)


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
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/lockout.html", context, status=429)


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
    return send_media(request, path, accel="")


def favicon(request):
    """The admin has no <link rel="icon">, so browsers ask for /favicon.ico: send them to ours.

    Resolved per request, not at import, so a missing static manifest cannot stop URL loading.
    """
    from django.http import HttpResponsePermanentRedirect
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
