"""Site-wide pages: home, robots.txt and the error pages."""

from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import Context, loader
from django.urls import reverse
from django.views.decorators.cache import cache_page

from .home import home_page


def home(request):
    return render(request, "home.html", home_page())


@cache_page(60 * 60)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /quan-tri/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", {"home_url": reverse("home")}, status=404)


def server_error(request):
    # Plain template, no context processors or queries: it must render with the database down.
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.template.render(Context({})))
