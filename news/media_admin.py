"""Videos, website links and banners in the admin. Every save goes through news.services, so
an address, a video file and an image are checked the same way whatever path they come by."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from congresses.permissions import working_commune
from lib.scoped_admin import AreaScopedAdminMixin

from . import services
from .images import prepare_image
from .links import Banner, WebLink
from .registry_admin import CommuneFormMixin
from .videos import Video, parse_youtube, validate_mp4

_IMAGE_ACCEPT = {"accept": "image/jpeg,image/png,image/webp,image/gif"}


class VideoAdminForm(CommuneFormMixin, forms.ModelForm):
    youtube_url = forms.CharField(
        label=_("Địa chỉ video YouTube"),
        required=False,
        max_length=500,
        help_text=_(
            "Dán địa chỉ video trên YouTube (https://www.youtube.com/watch?v=… hoặc https://youtu.be/…). "
            "Video phát ở chế độ bảo vệ riêng tư, chỉ khi người đọc bấm xem."
        ),
    )
    video_file = forms.FileField(
        label=_("Hoặc tải tệp video MP4"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "video/mp4"}),
        help_text=_("Tệp .mp4, tối đa 200 MB."),
    )
    poster_upload = forms.FileField(
        label=_("Ảnh đại diện của video"),
        required=False,
        widget=forms.ClearableFileInput(attrs=_IMAGE_ACCEPT),
        help_text=_("Ảnh JPEG, PNG hoặc WebP hiện trước khi bấm xem."),
    )

    class Meta:
        model = Video
        fields = ["title", "recorded_on", "description", "post", "album", "is_published"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.is_youtube:
            self.fields["youtube_url"].initial = self.instance.watch_url

    def clean_youtube_url(self):
        url = self.cleaned_data.get("youtube_url", "").strip()
        if url and not (self.instance.pk and self.instance.is_youtube and url == self.instance.watch_url):
            parse_youtube(url)
            return url
        return ""

    def clean_video_file(self):
        uploaded = self.cleaned_data.get("video_file")
        return validate_mp4(uploaded) if uploaded else None

    def clean_poster_upload(self):
        uploaded = self.cleaned_data.get("poster_upload")
        return prepare_image(uploaded) if uploaded else None

    def clean(self):
        cleaned = super().clean()
        url, upload = cleaned.get("youtube_url"), cleaned.get("video_file")
        if url and upload:
            raise ValidationError(_("Chọn một nguồn: địa chỉ YouTube hoặc tệp MP4, không cả hai."))
        if not self.errors and not url and not upload and not self.instance.source:
            raise ValidationError(_("Hãy dán địa chỉ video YouTube hoặc chọn tệp MP4 để tải lên."))
        return cleaned


@admin.register(Video)
class VideoAdmin(AreaScopedAdminMixin, admin.ModelAdmin):
    form = VideoAdminForm
    list_display = ["title", "recorded_on", "source", "post", "album", "is_published"]
    list_filter = ["source", "is_published"]
    search_fields = ["title", "description"]
    date_hierarchy = "recorded_on"
    readonly_fields = ["slug", "source"]
    fields = [
        "title",
        "recorded_on",
        "youtube_url",
        "video_file",
        "poster_upload",
        "description",
        "post",
        "album",
        "is_published",
        "source",
        "slug",
    ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.working_commune = working_commune(request)
        return form

    def save_model(self, request, obj, form, change):
        services.save_video(
            obj,
            youtube_url=form.cleaned_data.get("youtube_url") or None,
            file=form.cleaned_data.get("video_file"),
            poster=form.cleaned_data.get("poster_upload"),
        )


class WebLinkAdminForm(CommuneFormMixin, forms.ModelForm):
    class Meta:
        model = WebLink
        fields = ["title", "url", "position", "is_published"]


@admin.register(WebLink)
class WebLinkAdmin(AreaScopedAdminMixin, admin.ModelAdmin):
    form = WebLinkAdminForm
    list_display = ["title", "url", "position", "is_published"]
    list_editable = ["position"]
    list_filter = ["is_published"]
    search_fields = ["title", "url"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.working_commune = working_commune(request)
        return form

    def save_model(self, request, obj, form, change):
        services.save_web_link(obj)


class BannerAdminForm(CommuneFormMixin, forms.ModelForm):
    image_upload = forms.FileField(
        label=_("Ảnh băng rôn"),
        required=False,
        widget=forms.ClearableFileInput(attrs=_IMAGE_ACCEPT),
        help_text=_("Ảnh JPEG, PNG hoặc WebP. Bắt buộc khi thêm băng rôn mới."),
    )

    class Meta:
        model = Banner
        fields = ["title", "url", "place", "position", "starts_at", "ends_at", "is_published"]

    def clean_image_upload(self):
        uploaded = self.cleaned_data.get("image_upload")
        return prepare_image(uploaded) if uploaded else None

    def clean(self):
        cleaned = super().clean()
        if (
            "image_upload" not in self.errors
            and not cleaned.get("image_upload")
            and not self.instance.image_renditions
        ):
            self.add_error("image_upload", _("Hãy chọn ảnh cho băng rôn."))
        return cleaned


class BannerStateFilter(admin.SimpleListFilter):
    title = _("thời hạn")
    parameter_name = "han"

    def lookups(self, request, model_admin):
        return [
            ("dang-hien", _("Đang hiện")),
            ("het-han", _("Đã hết hạn")),
            ("sap-hien", _("Chưa đến lúc hiện")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "dang-hien":
            return queryset.live(now)
        if self.value() == "het-han":
            return queryset.filter(ends_at__lte=now)
        if self.value() == "sap-hien":
            return queryset.filter(starts_at__gt=now)
        return queryset


@admin.register(Banner)
class BannerAdmin(AreaScopedAdminMixin, admin.ModelAdmin):
    form = BannerAdminForm
    list_display = ["preview", "title", "place", "position", "starts_at", "ends_at", "state"]
    list_filter = ["place", BannerStateFilter]
    search_fields = ["title"]
    fields = ["title", "image_upload", "url", "place", "position", "starts_at", "ends_at", "is_published"]

    class Media:
        css = {"all": ["css/news-admin.css"]}

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.working_commune = working_commune(request)
        return form

    @admin.display(description=_("ảnh"))
    def preview(self, banner):
        image = banner.image
        if not image:
            return "—"
        return format_html('<img src="{}" width="120" alt="" class="news-admin-thumb">', image.jpeg_url)

    @admin.display(description=_("trạng thái"))
    def state(self, banner):
        now = timezone.now()
        if banner.is_live(now):
            return _("Đang hiện")
        if banner.ends_at and banner.ends_at <= now:
            return _("Đã hết hạn")
        if banner.starts_at > now:
            return _("Chưa đến lúc hiện")
        return _("Không hiện")

    def save_model(self, request, obj, form, change):
        services.save_banner(obj, image=form.cleaned_data.get("image_upload"))
