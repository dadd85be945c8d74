"""Photo albums (thư viện ảnh) of a commune, apart from any post: ordered photos with captions,
a cover, and the same viewer and photo pages as a post's gallery.

Album photos are stored like a post's (news.images: an upright original without metadata and
its renditions), under `albums/<album id>/…`.
"""

from django.db import models
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from congresses.models import CommuneScopedQuerySet
from lib.slugs import unique_slug
from lib.storage import private_storage
from lib.uploads import RandomName

from .models import GalleryPhoto, RenderedPhotoQuerySet, delete_gallery_photo_files


def album_media_folder(album_id):
    return f"albums/{int(album_id)}"


@deconstructible
class AlbumFileName(RandomName):
    """`upload_to` of an album's photo: `albums/<album id>/photos/<yyyy>/<mm>/<random hex><ext>`."""

    def __call__(self, instance, filename):
        return f"{album_media_folder(instance.album_id)}/{super().__call__(instance, filename)}"


class AlbumQuerySet(CommuneScopedQuerySet):
    def published(self):
        """Albums the public may see: the one definition lists, the sitemap and pages use."""
        return self.filter(is_published=True)

    def for_listing(self):
        """Public albums, newest first, with the chosen cover, the first photo's id (the cover
        when none is chosen) and the photo count, in one query."""
        # Only photos the worker has made count and show, as on the album's page.
        first = AlbumPhoto.objects.ready().filter(album=models.OuterRef("pk")).order_by("position", "pk")
        return (
            self.published()
            .select_related("cover")
            .annotate(
                photo_count=models.Count(
                    "photos", filter=models.Q(photos__render_status=GalleryPhoto.RenderStatus.READY)
                ),
                first_photo_id=models.Subquery(first.values("pk")[:1]),
            )
            .order_by("-taken_on", "-pk")
        )

    @staticmethod
    def with_card_covers(albums):
        """Give each album of a listed page its `card_cover` (one query for those without a
        chosen cover); returns the albums as a list."""
        albums = list(albums)
        firsts = AlbumPhoto.objects.in_bulk(
            [album.first_photo_id for album in albums if not album.cover_id and album.first_photo_id]
        )
        for album in albums:
            album.card_cover = album.cover if album.cover_id else firsts.get(album.first_photo_id)
        return albums


class Album(models.Model):
    commune = models.ForeignKey(
        "congresses.Commune", on_delete=models.PROTECT, related_name="albums", verbose_name=_("xã, phường")
    )
    title = models.CharField(_("tên album"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=160, unique=True, editable=False)
    description = models.TextField(_("giới thiệu"), blank=True)
    taken_on = models.DateField(_("ngày"), help_text=_("Ngày diễn ra sự kiện trong ảnh."))
    cover = models.ForeignKey(
        "news.AlbumPhoto",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ảnh bìa"),
        help_text=_("Để trống thì dùng ảnh đầu tiên."),
    )
    is_published = models.BooleanField(_("hiện trên trang"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = AlbumQuerySet.as_manager()
    is_album = True

    class Meta:
        verbose_name = _("album ảnh")
        verbose_name_plural = _("album ảnh")
        ordering = ["-taken_on", "-pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Album.objects.all(), self.title, 160, "album", exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:album_detail", args=[self.slug])

    def cover_photo(self, photos=None):
        """The chosen cover, else the first photo (from `photos` when the page has them)."""
        if self.cover_id:
            return self.cover
        if photos is not None:
            return photos[0] if photos else None
        return self.photos.ready().order_by("position", "pk").first()


class AlbumPhotoQuerySet(RenderedPhotoQuerySet, CommuneScopedQuerySet):
    commune_lookup = "album__commune"


class AlbumPhoto(GalleryPhoto):
    album = models.ForeignKey(Album, on_delete=models.CASCADE, related_name="photos", verbose_name=_("album"))
    # Empty until the worker has made the photo (news/tasks.py), as a post's photo.
    image = models.ImageField(
        _("ảnh"), upload_to=AlbumFileName("photos"), width_field="width", height_field="height", blank=True
    )
    source = models.FileField(
        _("tệp tải lên"), storage=private_storage, upload_to=AlbumFileName("incoming"), blank=True,
        editable=False, max_length=255,
    )  # fmt: skip

    objects = AlbumPhotoQuerySet.as_manager()
    gallery_kind = "album"
    owner_field = "album"

    class Meta:
        verbose_name = _("ảnh trong album")
        verbose_name_plural = _("ảnh trong album")
        ordering = ["album", "position", "pk"]

    def media_folder(self):
        return album_media_folder(self.album_id)


models.signals.post_delete.connect(
    delete_gallery_photo_files, sender=AlbumPhoto, dispatch_uid="album-photo-files"
)
