"""Public video pages: the list and one video on its own page."""

from django.shortcuts import get_object_or_404, render

from lib.pagecache import public_page

from .videos import Video
from .views import _page


@public_page
def video_list(request):
    videos = Video.objects.for_listing().for_commune(request.commune)
    return render(request, "news/video_list.html", {"page_obj": _page(request, videos)})


@public_page
def video_detail(request, slug):
    video = get_object_or_404(
        Video.objects.published().for_commune(request.commune).select_related("post", "album"), slug=slug
    )
    # Its post or album only when the public may see them.
    owner_post = video.post if video.post and video.post.is_public else None
    owner_album = video.album if video.album and video.album.is_published else None
    others = list(Video.objects.for_listing().for_commune(request.commune).exclude(pk=video.pk)[:3])
    context = {"video": video, "owner_post": owner_post, "owner_album": owner_album, "others": others}
    return render(request, "news/video_detail.html", context)
