"""Public news pages: lists, a post, search. Each page is one bounded set of queries."""

from datetime import datetime

from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache

from lib.media import send_media
from lib.pagecache import public_page, remember
from lib.vietnamese import month_name

from .counters import view_counter
from .models import Category, Photo, Post, Tag, post_media_folder, search_overflow, search_page

PER_PAGE = 12


def _page(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("trang"))


def _lazy_page(request, queryset):
    """The page of the list, counted and read only if the template's fragment is rendered
    (news/post_list.html): a list whose cards are in the shared cache costs no query for them."""
    return SimpleLazyObject(lambda: _page(request, queryset))


def _site(request):
    """The request's site, as `for_site` takes it: its commune, or the province's own site."""
    return {"commune": request.commune, "province": request.province}


@public_page
def post_list(request, category_slug=None):
    categories = Category.objects.for_site(**_site(request))
    category = get_object_or_404(categories, slug=category_slug) if category_slug else None
    posts = Post.objects.for_listing().for_site(**_site(request))
    if category:
        posts = posts.filter(category=category)
    return render(
        request, "news/post_list.html", {"category": category, "page_obj": _lazy_page(request, posts)}
    )


@public_page
def post_archive(request, year, month):
    """The site's public posts of one month (local time), newest first, with the months that
    have any as links: `/tin-tuc/2026/11/`."""
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise Http404
    start = timezone.make_aware(datetime(year, month, 1))
    end = timezone.make_aware(datetime(year + month // 12, month % 12 + 1, 1))
    site_posts = Post.objects.for_listing().for_site(**_site(request))
    months = [moment.date() for moment in site_posts.datetimes("published_at", "month", order="DESC")]
    posts = site_posts.filter(published_at__gte=start, published_at__lt=end)
    context = {
        "month": start.date(),
        "month_label": month_name(month),
        "months": months,
        "page_obj": _page(request, posts),
    }
    return render(request, "news/post_archive.html", context)


@public_page
def tag_posts(request, slug):
    tag = get_object_or_404(Tag.objects.for_commune(request.commune), slug=slug)
    posts = Post.objects.for_listing().for_site(**_site(request)).filter(tags=tag)
    return render(request, "news/post_list.html", {"tag": tag, "page_obj": _lazy_page(request, posts)})


def _count_cached_reading(request, meta):
    view_counter.add_soon(meta["post"])


@public_page(on_hit=_count_cached_reading)
def post_detail(request, slug):
    post = get_object_or_404(
        Post.objects.published().for_site(**_site(request)).select_related("category", "conference"),
        slug=slug,
    )
    post.register_view()
    remember(request, post=post.pk)
    context = {
        "post": post,
        # The gallery, videos, tags and related posts are read only when the article's fragments
        # are rendered (news/post_detail.html): from the shared cache they cost no query.
        "media": SimpleLazyObject(lambda: _with_media(post)),
        "related_posts": post.related_posts(),
        "json_ld": post_json_ld(request, post),
    }
    return render(request, "news/post_detail.html", context)


def _with_media(post):
    # Only photos the worker has made: a reader never meets one without its renditions.
    photos = Prefetch("photos", queryset=Photo.objects.ready().order_by("position", "pk"))
    prefetch_related_objects([post], photos, "tags", _public_videos())
    return post


@never_cache
def post_preview(request, pk):
    """A draft or scheduled post as the public will see it, for those who may see posts in the
    admin (their own communes' only); marked as a preview, never cached, never indexed."""
    if not request.user.is_authenticated or not request.user.has_perm("news.view_post"):
        raise Http404
    photos = Prefetch("photos", queryset=Photo.objects.ready().order_by("position", "pk"))
    post = get_object_or_404(
        Post.objects.visible_to(request.user)
        .select_related("category", "conference")
        .prefetch_related(photos, _public_videos()),
        pk=pk,
    )
    context = {"post": post, "media": post, "related_posts": post.related_posts(), "preview": True}
    response = render(request, "news/post_detail.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _public_videos():
    from .videos import Video

    return Prefetch(
        "videos", queryset=Video.objects.published().order_by("recorded_on", "pk"), to_attr="public_videos"
    )


@public_page
def post_photo(request, slug, number):
    """One photo of a post's gallery as a page of its own: what the viewer shows, for readers
    without JavaScript and for a shared link (caption, "3/9", the previous and next photo)."""
    post = get_object_or_404(
        Post.objects.published().for_site(**_site(request)).select_related("category"), slug=slug
    )
    # Numbered as the gallery numbers them: only the photos the worker has made.
    photos = list(Photo.objects.ready().filter(post=post).order_by("position", "pk"))
    return render(request, "news/photo_detail.html", photo_context(post, photos, number))


def photo_context(owner, photos, number):
    """The context of a photo page: the photo numbered `number` (from 1) among `photos`, its
    neighbours' numbers, and the owner (a post or an album); 404 past either end."""
    if not 1 <= number <= len(photos):
        raise Http404
    return {
        "owner": owner,
        "photo_base": owner.get_absolute_url() + "anh/",
        "photo": photos[number - 1],
        "number": number,
        "total": len(photos),
        "previous_number": number - 1 if number > 1 else None,
        "next_number": number + 1 if number < len(photos) else None,
    }


def post_media(request, post_id, path):
    """A post's files (cover, photos, their renditions): to anyone once the post is public; before
    that (draft, scheduled) only to those who may see posts in the admin. A public file costs one
    query; random names alone would not keep a leaked link of a draft private."""
    name = f"{post_media_folder(post_id)}/{path}"
    if Post.objects.published().filter(pk=post_id).exists():
        # Thirty days in the reader's own browser (the names are random, a file never changes),
        # never in a shared cache: a post taken back to draft stops at the server at once.
        return send_media(request, name, cache_control="private, max-age=2592000")
    if request.user.has_perm("news.view_post") and Post.objects.filter(pk=post_id).exists():
        return send_media(request, name, cache_control="private, no-store")
    raise Http404


@public_page
def search(request):
    query = request.GET.get("q", "").strip()[:100]
    page_obj = None
    if query:
        page_obj = search_page(
            Post.objects.for_site(**_site(request)).search(query), request.GET.get("trang")
        )
    context = {"query": query, "page_obj": page_obj, "more_than": search_overflow(page_obj)}
    return render(request, "news/search.html", context)


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
        "publisher": {"@type": "Organization", "name": (request.commune or request.province).display_name},
    }
    if post.author:
        data["author"] = {"@type": "Person", "name": post.author}
    if post.cover_large:
        data["image"] = [request.build_absolute_uri(post.cover_large.jpeg_url)]
    return data
