"""The editors' desk: categories, posts with their gallery, many photos uploaded in one go."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from congresses.models import Commune
from congresses.permissions import working_commune
from lib.scoped_admin import AreaScopedAdminMixin, ScopedInlineMixin
from lib.storage import StorageUnavailable, check_available, private_storage

from . import services, tasks
from .images import prepare_image
from .models import Category, Photo, Post, Tag
from .registry_admin import CommuneFormMixin


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """A file field that takes many files at once (an editor picks 30 photos from a phone)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleImageField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class PostAdminForm(forms.ModelForm):
    cover_upload = forms.FileField(
        label=_("Tải ảnh đại diện"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
        help_text=_("Ảnh JPEG, PNG hoặc WebP. Ảnh được xoay đúng chiều và xóa thông tin vị trí GPS."),
    )
    new_photos = MultipleImageField(
        label=_("Thêm ảnh vào bài (chọn nhiều ảnh một lần)"),
        required=False,
        help_text=_(
            "Có thể chọn cùng lúc nhiều ảnh từ điện thoại. Nếu có ảnh không hợp lệ, không ảnh nào được lưu "
            "và danh sách ảnh bị từ chối hiện ở đây. Ảnh được xử lý (xoay, xóa GPS, tạo các cỡ) sau khi lưu; "
            "tiến độ từng ảnh hiện ở mục “Ảnh trong bài”, ảnh hiện trên trang khi xử lý xong. Mô tả ảnh được "
            "điền sẵn theo tiêu đề bài, sửa lại ở mục “Ảnh trong bài” bên dưới."
        ),
    )

    class Meta:
        model = Post
        fields = [
            "title",
            "category",
            "lead",
            "body",
            "cover_alt",
            "author",
            "status",
            "published_at",
            "is_featured",
            "conference",
            "tags",
        ]

    def clean(self):
        cleaned = super().clean()
        category, tags = cleaned.get("category"), cleaned.get("tags")
        if category and tags and any(tag.commune_id != category.commune_id for tag in tags):
            self.add_error("tags", _("Chỉ chọn từ khóa của xã, phường có chuyên mục này."))
        return cleaned

    def clean_cover_upload(self):
        # Decoded here, once: a broken file is an error on the form, and save_model only writes.
        uploaded = self.cleaned_data.get("cover_upload")
        if uploaded:
            check_available(default_storage)
        return prepare_image(uploaded) if uploaded else None

    def clean_new_photos(self):
        return checked_photo_batch(self.cleaned_data.get("new_photos") or [])


def checked_photo_batch(files):
    """The photos of a gallery's upload field (a post's, an album's), checked before anything
    is saved: the stores are asked first (down, the form says so and nothing is saved), then
    every file; a rejected batch is refused with each rejected file named."""
    if files:
        check_available(default_storage)
        check_available(private_storage())
    try:
        # Checked here, made by the worker: a 30-photo upload returns in seconds.
        return services.check_photo_uploads(files)
    except ValidationError as error:
        summary = ngettext(
            "Chưa lưu ảnh nào: %(count)d tệp bị từ chối. Hãy chọn lại, bỏ tệp này ra.",
            "Chưa lưu ảnh nào: %(count)d tệp bị từ chối. Hãy chọn lại, bỏ các tệp này ra.",
            len(error.messages),
        ) % {"count": len(error.messages)}
        raise ValidationError([summary, *error.messages]) from error


class PhotoInline(ScopedInlineMixin, admin.TabularInline):
    model = Photo
    fields = ["preview", "progress", "alt_text", "caption", "position", "body_address"]
    readonly_fields = ["preview", "progress", "body_address"]
    extra = 0
    ordering = ["position", "pk"]
    verbose_name = _("ảnh trong bài")
    verbose_name_plural = _("Ảnh trong bài (thêm ảnh bằng ô “Thêm ảnh vào bài” ở trên)")

    def has_add_permission(self, request, obj=None):
        # New photos come through the multi-upload field, which checks and resizes them.
        return False

    @admin.display(description=_("xử lý"))
    def progress(self, photo):
        return photo_progress(photo)

    @admin.display(description=_("ảnh"))
    def preview(self, photo):
        thumb = photo.thumb if photo.is_ready else None
        if not thumb:
            return "—"
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="" class="news-admin-thumb">',
            thumb.jpeg_url,
            min(thumb.width, 160),
            round(thumb.height * min(thumb.width, 160) / thumb.width),
        )

    @admin.display(description=_("địa chỉ để chèn vào nội dung"))
    def body_address(self, photo):
        # The editor's "Ảnh" button asks for an address; only the site's own uploads are kept.
        medium = photo.medium
        return format_html("<code>{}</code>", medium.jpeg_url) if medium else "—"


class TagAdminForm(CommuneFormMixin, forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name"]


@admin.register(Tag)
class TagAdmin(AreaScopedAdminMixin, admin.ModelAdmin):
    form = TagAdminForm
    list_display = ["name", "slug", "commune"]
    list_select_related = ["commune"]
    search_fields = ["name"]
    readonly_fields = ["slug"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.working_commune = working_commune(request)
        return form


def photo_progress(photo):
    """`Xong`, `Đang xử lý`, `Đang chờ xử lý` or `Lỗi: …` with the reason, for the editor."""
    css = {"ready": "photo-ready", "failed": "photo-failed"}.get(photo.render_status, "photo-waiting")
    label = photo.get_render_status_display()
    if photo.render_status == Photo.RenderStatus.FAILED:
        label = _("Lỗi: %(reason)s") % {"reason": photo.render_error or _("không rõ lý do")}
    elif photo.render_error and photo.render_status != Photo.RenderStatus.READY:
        label = f"{label} ({photo.render_error})"
    return format_html('<span class="{}">{}</span>', css, label)


def gallery_summary(gallery):
    """`30 ảnh: 12 xong, 17 đang xử lý, 1 lỗi` (one query), or "" for a post or album without photos."""
    counts = dict(gallery.photos.values_list("render_status").annotate(n=Count("pk")).order_by())
    total = sum(counts.values())
    if not total:
        return ""
    Status = Photo.RenderStatus
    waiting = counts.get(Status.QUEUED, 0) + counts.get(Status.PROCESSING, 0)
    return _("%(total)d ảnh: %(ready)d xong, %(waiting)d đang xử lý, %(failed)d lỗi") % {
        "total": total,
        "ready": counts.get(Status.READY, 0),
        "waiting": waiting,
        "failed": counts.get(Status.FAILED, 0),
    }


@admin.register(Category)
class CategoryAdmin(AreaScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "position", "commune", "province"]
    list_editable = ["position"]
    list_select_related = ["commune", "province"]
    search_fields = ["name"]
    readonly_fields = ["slug"]
    fields = ["commune", "province", "name", "slug", "description", "position"]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        first = Commune.objects.visible_to(request.user).order_by("pk").first()
        if first and "commune" not in initial:
            initial["commune"] = first.pk
        return initial


@admin.register(Post)
class PostAdmin(AreaScopedAdminMixin, SimpleHistoryAdmin):
    form = PostAdminForm
    list_display = ["title", "category", "state", "published_at", "is_featured", "photo_total", "view_count"]
    list_filter = ["status", ("category", admin.RelatedOnlyFieldListFilter), "is_featured"]
    list_select_related = ["category"]
    search_fields = ["title", "search_text"]
    date_hierarchy = "published_at"
    readonly_fields = [
        "slug",
        "cover_preview",
        "gallery_progress",
        "preview_link",
        "view_count",
        "created_at",
        "updated_at",
    ]
    inlines = [PhotoInline]
    autocomplete_fields = ["conference", "tags"]
    actions = ["publish_now", "mark_featured", "unmark_featured", "retry_photos"]
    fieldsets = [
        (None, {"fields": ["title", "category", "lead", "body"]}),
        (
            _("Ảnh"),
            {"fields": ["cover_preview", "cover_upload", "cover_alt", "gallery_progress", "new_photos"]},
        ),
        (
            _("Đăng bài"),
            {
                "fields": [
                    "preview_link",
                    "status",
                    "published_at",
                    "is_featured",
                    "author",
                    "conference",
                    "tags",
                ]
            },
        ),
        (
            _("Thông tin khác"),
            {"fields": ["slug", "view_count", "created_at", "updated_at"], "classes": ["collapse"]},
        ),
    ]

    class Media:
        css = {"all": ["css/news-admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(photo_count=Count("photos"))

    @admin.display(description=_("trạng thái"), ordering="status")
    def state(self, post):
        return post.state_label

    @admin.display(description=_("số ảnh"), ordering="photo_count")
    def photo_total(self, post):
        return post.photo_count

    @admin.display(description=_("tiến độ xử lý ảnh"))
    def gallery_progress(self, post):
        summary = gallery_summary(post) if post.pk else ""
        if not summary:
            return _("Chưa có ảnh trong bài")
        return format_html(
            "{}<br><small>{}</small>",
            summary,
            _("Ảnh đang xử lý chưa hiện trên trang; tải lại trang này để xem tiến độ."),
        )

    @admin.display(description=_("xem trước"))
    def preview_link(self, post):
        if not post.pk:
            return _("Lưu bài một lần để xem trước.")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("news:post_preview", args=[post.pk]),
            _("Xem trước bài như bạn đọc sẽ thấy"),
        )

    @admin.display(description=_("ảnh đại diện hiện tại"))
    def cover_preview(self, post):
        thumb = post.cover_thumb if post.pk else None
        if not thumb:
            return _("Chưa có")
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="">', thumb.jpeg_url, thumb.width, thumb.height
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The store may stop between the form's check and the save: the admin's transaction is
        # rolled back (no post, no photo row), the files written are removed, the editor told.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StorageUnavailable as error:
            self.message_user(request, error.messages[0], messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.cleaned_data.get("cover_upload"):
            services.set_cover(obj, form.cleaned_data["cover_upload"])

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        files = form.cleaned_data.get("new_photos") or []
        if files:
            photos = services.add_photos(form.instance, files)
            self.message_user(
                request,
                ngettext(
                    "Đã nhận %(count)d ảnh. Ảnh đang được xử lý và sẽ hiện trên trang khi xong.",
                    "Đã nhận %(count)d ảnh. Ảnh đang được xử lý và sẽ hiện trên trang khi xong.",
                    len(photos),
                )
                % {"count": len(photos)},
                messages.SUCCESS,
            )
        post = form.instance
        waiting = post.photos.unfinished().count()
        if post.is_public and waiting:
            # Published with the photos that are ready; the others join the page when made.
            self.message_user(
                request,
                _(
                    "Bài đã đăng với các ảnh đã xử lý xong; %(count)d ảnh còn đang xử lý sẽ tự hiện "
                    "trên trang khi xong."
                )
                % {"count": waiting},
                messages.WARNING,
            )

    @admin.action(description=_("Đăng ngay các bài đã chọn"), permissions=["change"])
    def publish_now(self, request, queryset):
        count = services.publish(queryset)
        self.message_user(request, _("Đã đăng %(count)d bài.") % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Xử lý lại các ảnh bị lỗi của bài đã chọn"), permissions=["change"])
    def retry_photos(self, request, queryset):
        photos = Photo.objects.filter(post__in=queryset, render_status=Photo.RenderStatus.FAILED)
        count = tasks.retry_failed(list(photos))
        self.message_user(
            request, _("Đã đưa %(count)d ảnh vào hàng đợi xử lý lại.") % {"count": count}, messages.SUCCESS
        )

    @admin.action(description=_("Đánh dấu là tin nổi bật"), permissions=["change"])
    def mark_featured(self, request, queryset):
        count = services.set_featured(queryset, True)
        self.message_user(
            request, _("Đã đánh dấu nổi bật %(count)d bài.") % {"count": count}, messages.SUCCESS
        )

    @admin.action(description=_("Bỏ đánh dấu tin nổi bật"), permissions=["change"])
    def unmark_featured(self, request, queryset):
        count = services.set_featured(queryset, False)
        self.message_user(request, _("Đã bỏ nổi bật %(count)d bài.") % {"count": count}, messages.SUCCESS)


# The document registry and announcements have their own admin module.
# The portal's public duties have admin modules of their own; importing them registers them.
from . import (  # noqa: E402, F401
    album_admin,
    calendar_admin,
    media_admin,
    organisation_admin,
    poll_admin,
    registry_admin,  # noqa: E402, F401
)
