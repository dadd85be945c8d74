"""Albums in the admin: an editor uploads many photos at once (the post's upload path: checked in
the request, made by the worker), follows their progress, then orders them, writes captions and
picks a cover."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from congresses.permissions import working_commune
from lib.scoped_admin import AreaScopedAdminMixin, ScopedInlineMixin

from . import services, tasks
from .admin import MultipleImageField, checked_photo_batch, gallery_summary, photo_progress
from .albums import Album, AlbumPhoto
from .registry_admin import CommuneFormMixin


class AlbumAdminForm(CommuneFormMixin, forms.ModelForm):
    new_photos = MultipleImageField(
        label=_("Thêm ảnh vào album (chọn nhiều ảnh một lần)"),
        required=False,
        help_text=_(
            "Có thể chọn cùng lúc nhiều ảnh từ điện thoại. Nếu có ảnh không hợp lệ, không ảnh nào được lưu "
            "và danh sách ảnh bị từ chối hiện ở đây."
        ),
    )

    class Meta:
        model = Album
        fields = ["title", "taken_on", "description", "cover", "is_published"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The cover is one of this album's own photos.
        photos = self.instance.photos.ready() if self.instance.pk else AlbumPhoto.objects.none()
        self.fields["cover"].queryset = photos

    def clean_new_photos(self):
        return checked_photo_batch(self.cleaned_data.get("new_photos") or [])


class AlbumPhotoInline(ScopedInlineMixin, admin.TabularInline):
    model = AlbumPhoto
    fields = ["preview", "progress", "alt_text", "caption", "position"]
    readonly_fields = ["preview", "progress"]
    extra = 0
    ordering = ["position", "pk"]
    verbose_name_plural = _("Ảnh trong album (thêm ảnh bằng ô “Thêm ảnh vào album” ở trên)")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("xử lý"))
    def progress(self, photo):
        return photo_progress(photo)

    @admin.display(description=_("ảnh"))
    def preview(self, photo):
        thumb = photo.thumb if photo.is_ready else None
        if not thumb:
            return "—"
        return format_html('<img src="{}" width="120" alt="" class="news-admin-thumb">', thumb.jpeg_url)


@admin.register(Album)
class AlbumAdmin(AreaScopedAdminMixin, admin.ModelAdmin):
    form = AlbumAdminForm
    list_display = ["title", "taken_on", "photo_total", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title", "description"]
    date_hierarchy = "taken_on"
    readonly_fields = ["slug", "gallery_progress"]
    inlines = [AlbumPhotoInline]
    actions = ["retry_photos"]
    fields = [
        "title",
        "taken_on",
        "description",
        "gallery_progress",
        "new_photos",
        "cover",
        "is_published",
        "slug",
    ]

    class Media:
        css = {"all": ["css/news-admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(photo_count=Count("photos"))

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.working_commune = working_commune(request)
        return form

    @admin.display(description=_("tiến độ xử lý ảnh"))
    def gallery_progress(self, album):
        summary = gallery_summary(album) if album.pk else ""
        if not summary:
            return _("Chưa có ảnh trong album")
        return format_html(
            "{}<br><small>{}</small>",
            summary,
            _("Ảnh đang xử lý chưa hiện trên trang; tải lại trang này để xem tiến độ."),
        )

    @admin.action(description=_("Xử lý lại các ảnh bị lỗi của album đã chọn"), permissions=["change"])
    def retry_photos(self, request, queryset):
        photos = AlbumPhoto.objects.filter(album__in=queryset, render_status=AlbumPhoto.RenderStatus.FAILED)
        count = tasks.retry_failed(list(photos))
        self.message_user(
            request, _("Đã đưa %(count)d ảnh vào hàng đợi xử lý lại.") % {"count": count}, messages.SUCCESS
        )

    @admin.display(description=_("số ảnh"), ordering="photo_count")
    def photo_total(self, album):
        return album.photo_count

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        files = form.cleaned_data.get("new_photos") or []
        if files:
            photos = services.add_album_photos(form.instance, files)
            self.message_user(
                request,
                ngettext(
                    "Đã nhận %(count)d ảnh. Ảnh đang được xử lý và sẽ hiện trong album khi xong.",
                    "Đã nhận %(count)d ảnh. Ảnh đang được xử lý và sẽ hiện trong album khi xong.",
                    len(photos),
                )
                % {"count": len(photos)},
                messages.SUCCESS,
            )
