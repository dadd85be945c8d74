"""News: categories, posts with a sanitised rich body, and their ordered photo galleries.

`Post.objects.published()` is the one definition of "public": lists, the feed, the sitemap,
search, the detail page and the tests all go through it.
"""

import re

from django.core import paginator as paging
from django.core.exceptions import EmptyResultSet, ValidationError
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_delete
from django.urls import reverse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from simple_history.models import HistoricalRecords

from congresses.models import CommuneScopedQuerySet
from lib.slugs import unique_slug
from lib.storage import private_storage
from lib.templatetags.vn import vndatetime
from lib.uploads import RandomName
from lib.vietnamese import fold

from .counters import view_counter
from .images import delete_renditions, rendition
from .sanitize import EDITOR_EXTENSIONS, clean_body
from .search import has_phrase, match_words

# Underscores too: both full-text tokenizers split words on them.
_PUNCTUATION = re.compile(r"[^\w\s]+|_")
MAX_QUERY_WORDS = 8
# No real word is longer; PostgreSQL does not index words over 2047 bytes.
MAX_WORD_LENGTH = 100
# How many of a search's newest matches are ranked and counted (news.models.PostQuerySet.search).
SEARCH_RANKED = 1000


def post_media_folder(post_id):
    """Where every file of a post lives: `news/<post id>/…`. The media view reads the id back
    from the path to serve a draft's or a scheduled post's files only to editors."""
    return f"news/{int(post_id)}"


@deconstructible
class PostFileName(RandomName):
    """`upload_to` for a post's files: `news/<post id>/<folder>/<yyyy>/<mm>/<random hex><ext>`."""

    def __init__(self, folder, post_attr="post_id"):
        super().__init__(folder)
        self.post_attr = post_attr

    def __call__(self, instance, filename):
        name = super().__call__(instance, filename)
        return f"{post_media_folder(getattr(instance, self.post_attr))}/{name}"

    def __eq__(self, other):
        return isinstance(other, PostFileName) and (other.folder, other.post_attr) == (
            self.folder,
            self.post_attr,
        )


def search_words(text):
    """Folded words without punctuation: `Quỹ “Vì người nghèo”` → `quy vi nguoi ngheo`."""
    return fold(_PUNCTUATION.sub(" ", strip_tags(text or "")))


class SiteScopedQuerySet(CommuneScopedQuerySet):
    """News belongs to a commune's site or to the province's (its Front's own news)."""

    province_lookup = "province"

    def for_site(self, commune=None, province=None):
        """What the site of `commune` (or, without one, of `province`) shows; nothing else."""
        if commune is not None:
            return self.for_commune(commune)
        if province is not None:
            return self.filter(**{self.province_lookup: province, self.commune_lookup: None})
        return self.none()


class CategoryQuerySet(SiteScopedQuerySet):
    pass


class Category(models.Model):
    commune = models.ForeignKey(
        "congresses.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="news_categories",
        verbose_name=_("xã, phường"),
    )
    province = models.ForeignKey(
        "congresses.Province",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="news_categories",
        verbose_name=_("tỉnh (tin của Ủy ban MTTQ tỉnh)"),
        help_text=_("Chỉ với chuyên mục của trang tỉnh; chuyên mục của xã để trống."),
    )
    name = models.CharField(_("tên chuyên mục"), max_length=120)
    slug = models.SlugField(_("đường dẫn"), max_length=140, unique=True, editable=False)
    description = models.TextField(_("giới thiệu"), blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự trên menu"), default=0)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")
        ordering = ["position", "name"]
        constraints = [
            # A category is a commune's or the province's, never both, never neither.
            models.CheckConstraint(
                condition=models.Q(commune__isnull=False, province__isnull=True)
                | models.Q(commune__isnull=True, province__isnull=False),
                name="category_of_one_site",
            ),
        ]

    def clean(self):
        if bool(self.commune_id) == bool(self.province_id):
            raise ValidationError(_("Chuyên mục thuộc một xã, phường hoặc thuộc trang của tỉnh (chọn một)."))

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Category.objects.all(), self.name, 140, "bai-viet", exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:category", args=[self.slug])


def search_page(queryset, number, per_page=12):
    """One page of `queryset` (a `PostQuerySet.search`) with its count read in the same query
    (a window COUNT over the ranked matches): a Paginator's own count would run the search's
    newest-matches subquery a second time. Numbers that are not a page give the first page; a page
    past the end, the last one (as `Paginator.get_page`)."""
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * per_page
    rows = list(queryset.annotate(found=models.Window(models.Count("pk")))[start : start + per_page])
    if not rows:
        return paging.Paginator(queryset, per_page).get_page(number)
    paginator = paging.Paginator(queryset, per_page)
    paginator.count = rows[0].found
    return paging.Page(rows, number, paginator)


def search_overflow(page_obj):
    """SEARCH_RANKED when a search found more posts than it ranks (the page says "hơn 1.000
    bài"), else None; `page_obj` is a page of `PostQuerySet.search`."""
    if page_obj is not None and page_obj.paginator.count > SEARCH_RANKED:
        return SEARCH_RANKED
    return None


class PostQuerySet(SiteScopedQuerySet):
    commune_lookup = "category__commune"
    province_lookup = "category__province"

    def published(self, now=None):
        """Posts the public may see: not a draft, and their publish time has come.

        A scheduled post becomes public at its time with nobody acting.
        """
        return self.exclude(status=Post.Status.DRAFT).filter(published_at__lte=now or timezone.now())

    def for_listing(self):
        """Public posts for cards and lists, newest first, with their category (one query)."""
        return (
            self.published()
            .select_related("category")
            .defer("body", "search_text", "search_title")
            .order_by("-published_at", "-pk")
        )

    def search(self, query, commune=None):
        """Public posts with a word starting with each word of `query`, with or without diacritics.

        Both sides are folded (`Đông` → `dong`), so SQLite and PostgreSQL match alike, through
        each one's full-text index (news.search); words are matched at their start, so `an`
        finds `An Bình` but not `ban`. Posts whose title holds the words side by side come
        first, then those whose text does, then the rest; newest first within each. `commune`
        keeps the posts of that commune's categories.
        """
        words = search_words(query).split()[:MAX_QUERY_WORDS]
        if not words or any(len(word) > MAX_WORD_LENGTH for word in words):
            return self.none()
        matches = match_words(self.for_listing(), words)
        if commune is not None:
            matches = matches.filter(category__commune=commune)
        # Only the newest SEARCH_RANKED + 1 matches are ranked and counted: a word found in most
        # posts ("xa") would otherwise make every search read and sort every matching row, a cost
        # that grows with the site. Up to SEARCH_RANKED matches the order is exactly the
        # relevance order over all of them; beyond, the page says "hơn 1.000" (search_overflow).
        newest = matches.order_by("-published_at", "-pk").values("pk")[: SEARCH_RANKED + 1]
        # Compiled on its own, not nested as a queryset: the index condition (news.search) names
        # the posts' table, which a nested query would rename (U0).
        try:
            newest_sql, newest_params = newest.query.get_compiler(using=newest.db).as_sql()
        except EmptyResultSet:  # a site with no posts to search (no commune, an empty scope)
            return self.none()
        result = self.for_listing().filter(pk__in=RawSQL(newest_sql, newest_params))
        phrase = " " + " ".join(words)
        side_by_side = (
            [models.When(has_phrase(result, words), then=models.Value(1))] if len(words) > 1 else []
        )
        rank = models.Case(
            models.When(search_title__contains=phrase, then=models.Value(0)),
            *side_by_side,
            default=models.Value(2),
        )
        return result.order_by(rank, "-published_at", "-pk")


class Post(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        SCHEDULED = "scheduled", _("Hẹn giờ đăng")
        PUBLISHED = "published", _("Đã đăng")

    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="posts", verbose_name=_("chuyên mục")
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=160, unique=True, editable=False)
    lead = models.TextField(
        _("sa pô (tóm tắt)"), max_length=600, help_text=_("Một đoạn ngắn in đậm dưới tiêu đề.")
    )
    body = ProseEditorField(
        _("nội dung"), config={"extensions": EDITOR_EXTENSIONS}, sanitize=True, blank=True
    )
    cover = models.ImageField(
        _("ảnh đại diện"), upload_to=PostFileName("covers", "pk"), blank=True, width_field="cover_width",
        height_field="cover_height",
    )  # fmt: skip
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_renditions = models.JSONField(default=dict, blank=True, editable=False)
    cover_original_name = models.CharField(
        _("tên tệp gốc của ảnh đại diện"), max_length=255, blank=True, editable=False
    )
    cover_alt = models.CharField(
        _("mô tả ảnh đại diện"), max_length=255, blank=True, help_text=_("Để trống thì dùng tiêu đề bài.")
    )
    author = models.CharField(
        _("tác giả"), max_length=120, blank=True, help_text=_("Ví dụ: Thu Hà (Ban Thường trực)")
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("thời điểm đăng"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Để trống để đăng ngay. Chọn thời điểm trong tương lai để hẹn giờ đăng."),
    )
    is_featured = models.BooleanField(_("tin nổi bật"), default=False)
    # A post reporting on a conference shows on that conference's page (news → congresses,
    # the direction dependencies are allowed to point).
    conference = models.ForeignKey(
        "congresses.Conference",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posts",
        verbose_name=_("về hội nghị"),
        help_text=_("Chọn nếu bài viết đưa tin về một hội nghị: bài sẽ hiện trên trang hội nghị đó."),
    )
    tags = models.ManyToManyField(
        "news.Tag",
        blank=True,
        related_name="posts",
        verbose_name=_("từ khóa"),
        help_text=_("Từ khóa của xã; bạn đọc bấm vào để xem các bài cùng từ khóa."),
    )
    view_count = models.PositiveIntegerField(_("lượt xem"), default=0, editable=False)
    search_text = models.TextField(editable=False, default="")
    search_title = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = PostQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["view_count", "search_text", "search_title", "cover_renditions"]
    )

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "published_at"], name="news_post_public_idx"),
            # Covers the lists' count (a site's categories, public, published by now) without
            # reading the posts' rows, whose bodies make every row read expensive.
            models.Index(fields=["category", "status", "published_at"], name="news_post_listing_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:post_detail", args=[self.slug])

    def save(self, *args, **kwargs):
        self.refresh_derived_fields()
        super().save(*args, **kwargs)

    def refresh_derived_fields(self, now=None):
        """Keep what is derived from the editor's input right: clean body, slug, search text, status.

        A non-draft post without a time is published now; one with a future time is "scheduled".
        """
        self.body = clean_body(self.body)
        if not self.slug:
            self.slug = unique_slug(Post.objects.all(), self.title, 160, "bai-viet", exclude_pk=self.pk)
        # A leading space lets search match word starts with a plain `contains " word"`.
        self.search_text = " " + search_words(" ".join([self.title, self.lead, self.body, self.author]))
        self.search_title = " " + search_words(self.title)
        if self.status != self.Status.DRAFT:
            now = now or timezone.now()
            self.published_at = self.published_at or now
            self.status = self.Status.SCHEDULED if self.published_at > now else self.Status.PUBLISHED

    @property
    def is_public(self):
        return (
            self.status != self.Status.DRAFT
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def state_label(self):
        """What the public sees today: draft, scheduled for a time, or published (status may be stale)."""
        if self.status == self.Status.DRAFT:
            return _("Bản nháp")
        if self.is_public:
            return _("Đã đăng")
        return _("Hẹn giờ: %(time)s") % {"time": vndatetime(self.published_at)}

    def register_view(self):
        """Count one reading without writing to the database, and show it at once.

        The reading waits in `news.counters` until `flush_view_counts` folds it in; the count
        shown is the stored one plus those waiting.
        """
        self.view_count += view_counter.add(self.pk)

    def cover_rendition(self, size="medium"):
        return rendition(self.cover_renditions, size)

    @property
    def cover_thumb(self):
        return self.cover_rendition("thumb")

    @property
    def cover_medium(self):
        return self.cover_rendition("medium")

    @property
    def cover_large(self):
        return self.cover_rendition("large")

    @property
    def cover_alt_text(self):
        return self.cover_alt or self.title

    def related_posts(self, limit=4):
        """Other public posts of the same category, newest first."""
        return Post.objects.for_listing().filter(category_id=self.category_id).exclude(pk=self.pk)[:limit]


# The link table Django makes for `Post.tags`, named in Vietnamese where the admin lists it
# (deleting a post or a tag shows what goes with it).
Post.tags.through._meta.verbose_name = _("từ khóa của bài")
Post.tags.through._meta.verbose_name_plural = _("từ khóa của bài")
Post.tags.through.__str__ = lambda link: f"{link.post} – {link.tag}"


class RenderedPhotoQuerySet(models.QuerySet):
    """What every gallery's photos can be asked (a post's, an album's)."""

    def ready(self):
        """Photos whose renditions exist: the only ones a public page shows."""
        return self.filter(render_status=GalleryPhoto.RenderStatus.READY)

    def unfinished(self):
        """Photos still waiting for the worker or being processed by it."""
        Status = GalleryPhoto.RenderStatus
        return self.filter(render_status__in=[Status.QUEUED, Status.PROCESSING])


class PhotoQuerySet(RenderedPhotoQuerySet, SiteScopedQuerySet):
    commune_lookup = "post__category__commune"
    province_lookup = "post__category__province"


class GalleryPhoto(models.Model):
    """A photo of a gallery (a post's or an album's), made by the worker (news/tasks.py) from the
    file as uploaded: the upright original without metadata, beside its renditions.

    Subclasses add the gallery they belong to (named by `owner_field`), `image` and `source`
    with their own folders, `gallery_kind` (the key news.tasks finds the model by) and
    `media_folder()`.
    """

    class RenderStatus(models.TextChoices):
        QUEUED = "queued", _("Đang chờ xử lý")
        PROCESSING = "processing", _("Đang xử lý")
        READY = "ready", _("Xong")
        FAILED = "failed", _("Lỗi")

    render_status = models.CharField(
        _("xử lý ảnh"),
        max_length=10,
        choices=RenderStatus.choices,
        default=RenderStatus.READY,
        editable=False,
    )
    render_attempts = models.PositiveSmallIntegerField(_("số lần xử lý"), default=0, editable=False)
    render_error = models.CharField(_("lỗi xử lý ảnh"), max_length=300, blank=True, editable=False)
    render_worker = models.CharField(max_length=80, blank=True, editable=False)
    render_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    width = models.PositiveIntegerField(_("chiều rộng"), null=True, editable=False)
    height = models.PositiveIntegerField(_("chiều cao"), null=True, editable=False)
    renditions = models.JSONField(default=dict, blank=True, editable=False)
    alt_text = models.CharField(
        _("mô tả ảnh (cho người khiếm thị)"),
        max_length=255,
        help_text=_("Bắt buộc. Tả ngắn gọn nội dung ảnh, ví dụ: Đại biểu biểu quyết tại hội nghị thôn Đông."),
    )
    caption = models.CharField(_("chú thích"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True, editable=False)
    created_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    gallery_kind = ""
    owner_field = ""  # the foreign key to the post or album

    class Meta:
        abstract = True

    def __str__(self):
        return self.caption or self.alt_text

    def media_folder(self):
        """The folder of the gallery's public files: `posts/12`, `albums/3`."""
        raise NotImplementedError

    @property
    def is_ready(self):
        return self.render_status == self.RenderStatus.READY

    @property
    def thumb(self):
        return rendition(self.renditions, "thumb")

    @property
    def medium(self):
        return rendition(self.renditions, "medium")

    @property
    def large(self):
        return rendition(self.renditions, "large")


class Photo(GalleryPhoto):
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="photos", verbose_name=_("bài viết")
    )
    # Empty until the worker has made the photo.
    image = models.ImageField(
        _("ảnh"), upload_to=PostFileName("photos"), width_field="width", height_field="height", blank=True
    )
    # The file as uploaded (with its EXIF and GPS), in private storage, until the worker has
    # made the photo from it; never served.
    source = models.FileField(
        _("tệp tải lên"), storage=private_storage, upload_to=PostFileName("incoming"), blank=True,
        editable=False, max_length=255,
    )  # fmt: skip

    objects = PhotoQuerySet.as_manager()
    gallery_kind = "post"
    owner_field = "post"

    class Meta:
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")
        ordering = ["post", "position", "pk"]

    def media_folder(self):
        return post_media_folder(self.post_id)


def delete_gallery_photo_files(sender, instance, **kwargs):
    """A deleted photo takes its files with it, once the deletion is committed."""
    names = [instance.image.name] if instance.image else []
    source = instance.source.name if instance.source else ""
    renditions = dict(instance.renditions or {})

    def remove():
        for name in names:
            default_storage.delete(name)
        if source:
            private_storage().delete(source)
        delete_renditions(renditions)

    transaction.on_commit(remove)


post_delete.connect(delete_gallery_photo_files, sender=Photo, dispatch_uid="post-photo-files")


# The portal's public duties keep their models in modules of their own, which import the
# models above; importing them at the end registers them with the app without a cycle.
from .albums import Album, AlbumPhoto  # noqa: E402, F401
from .announcements import Announcement  # noqa: E402, F401
from .documents import Document, DocumentFile  # noqa: E402, F401
from .links import Banner, WebLink  # noqa: E402, F401
from .organisation import Page  # noqa: E402, F401
from .polls import Ballot, Poll, PollOption  # noqa: E402, F401
from .tags import Tag  # noqa: E402, F401
from .videos import Video  # noqa: E402, F401
from .work_calendar import CalendarEntry  # noqa: E402, F401
