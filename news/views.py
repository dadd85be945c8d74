"""Public news pages: lists, a post, search. Each page is one bounded set of queries."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from .models import Category, Photo, Post

PER_PAGE = 12


def _page(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("trang"))


def post_list(request, category_slug=None):
    category = get_object_or_404(Category, slug=category_slug) if category_slug else None
    posts = Post.objects.for_listing()
    if category:
        posts = posts.filter(category=category)
    return render(request, "news/post_list.html", {"category": category, "page_obj": _page(request, posts)})


def post_detail(request, slug):
    photos = Prefetch("photos", queryset=Photo.objects.order_by("position", "pk"))
    post = get_object_or_404(
        Post.objects.published().select_related("category").prefetch_related(photos), slug=slug
    )
    post.register_view()
    context = {"post": post, "related_posts": post.related_posts(), "json_ld": post_json_ld(request, post)}
    return render(request, "news/post_detail.html", context)


def search(request):
    query = request.GET.get("q", "").strip()[:100]
    page_obj = _page(request, Post.objects.search(query)) if query else None
    return render(request, "news/search.html", {"query": query, "page_obj": page_obj})


def post_json_ld(request, post):
    """schema.org NewsArticle data for search engines and sharing previews."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": post.title[:110],
        "description": post.lead,
        "datePublished": post.published_at.isoformat(),
        "dateModified": post.updated_at.isoformat(),
        "mainEntityOfPage": request.build_absolute_uri(post.get_absolute_url()),
        "articleSection": post.category.name,
        "inLanguage": "vi",
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
    }
    if post.author:
        data["author"] = {"@type": "Person", "name": post.author}
    if post.cover_large:
        data["image"] = [request.build_absolute_uri(post.cover_large.jpeg_url)]
    return data
