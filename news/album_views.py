"""Public album pages: the list, an album with the viewer, one photo's own page."""

from django.shortcuts import get_object_or_404, render

from lib.pagecache import public_page

from .albums import Album
from .views import _page, photo_context


def _photos(album):
    # Only photos the worker has made: a reader never meets one without its renditions.
    return list(album.photos.ready().order_by("position", "pk"))


@public_page
def album_list(request):
    page = _page(request, Album.objects.for_listing().for_commune(request.commune))
    page.object_list = Album.objects.with_card_covers(page.object_list)
    return render(request, "news/album_list.html", {"page_obj": page})


@public_page
def album_detail(request, slug):
    album = get_object_or_404(Album.objects.published().for_commune(request.commune), slug=slug)
    photos = _photos(album)
    videos = list(album.videos.published().order_by("recorded_on", "pk"))
    context = {"album": album, "photos": photos, "cover": album.cover_photo(photos), "videos": videos}
    return render(request, "news/album_detail.html", context)


@public_page
def album_photo(request, slug, number):
    album = get_object_or_404(Album.objects.published().for_commune(request.commune), slug=slug)
    return render(request, "news/photo_detail.html", photo_context(album, _photos(album), number))
