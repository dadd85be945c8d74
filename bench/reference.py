"""The reference views of the page benchmarks, mounted under /bench/ by `bench.settings`.

- `/bench/bare/`: a bare Django view rendering a small template, the ceiling any page is
  compared with;
- `/bench/tin-ghi/<slug>/`: the post page as it was, with its UPDATE of the view count on
  every GET, to compare with the real `/tin/<slug>/` in the same run.
"""

from django.db.models import F
from django.template import engines
from django.urls import include, path

from news import views as news_views
from news.models import Post

SMALL = engines["django"].from_string(
    "<!doctype html><html lang='vi'><head><title>{{ title }}</title></head>"
    "<body><h1>{{ title }}</h1><ul>{% for item in items %}<li>{{ item }}</li>{% endfor %}</ul></body></html>"
)


def bare(request):
    from django.http import HttpResponse

    return HttpResponse(SMALL.render({"title": "Trang mẫu", "items": ["một", "hai", "ba"]}, request))


def post_with_write(request, slug):
    Post.objects.filter(slug=slug).update(view_count=F("view_count") + 1)
    return news_views.post_detail(request, slug)


urlpatterns = [
    path("bench/bare/", bare),
    path("bench/tin-ghi/<slug:slug>/", post_with_write),
    path("", include("mttq_portal.urls")),
]
