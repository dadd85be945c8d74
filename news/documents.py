"""The document registry (văn bản): resolutions, plans, notices … each with its number, issuing
body, dates, trích yếu and files.

`Document.objects.public()` is the one definition of "public": the list, a document's page,
its files, the feed, the sitemap and the tests all go through it. Files are kept in private
storage and sent only by the view that checks the document is public on the request's site,
so a document taken off the site takes its files with it.
"""

import datetime
import os
import re

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congresses.models import CommuneScopedQuerySet
from lib.slugs import unique_slug
from lib.storage import private_storage
from lib.uploads import RandomName, validate_document_upload
from lib.vietnamese import fold

# Underscores too: the same word split as posts' search text (news.models).
_PUNCTUATION = re.compile(r"[^\w\s]+|_")
_NOT_ALNUM = re.compile(r"[\W_]+")
MAX_QUERY_WORDS = 8
MAX_WORD_LENGTH = 100
FILE_TYPES = {".pdf", ".docx"}
FILE_MAX_BYTES = 20 * 1024 * 1024
# Dates a registry may hold: nothing before the Front's founding decades, nothing absurdly far on.
EARLIEST_YEAR = 1930
LATEST_YEAR = 2100


def search_words(text):
    """Folded words without punctuation: `12/KH-MTTQ về Quỹ “Vì người nghèo”` → `12 kh mttq ve quy …`."""
    return fold(_PUNCTUATION.sub(" ", text or ""))


def number_key(text):
    """A số ký hiệu reduced to its letters and digits, folded: `12/KH-MTTQ` and `12 kh mttq` → `12khmttq`."""
    return _NOT_ALNUM.sub("", fold(text or ""))


def validate_document_file(uploaded):
    """Registry files are PDF or DOCX, checked by their content as conference documents are."""
    validate_document_upload(uploaded, allowed=FILE_TYPES, max_bytes=FILE_MAX_BYTES)


class DocumentQuerySet(CommuneScopedQuerySet):
    def public(self):
        """Documents the public may see: those marked to be published on the site."""
        return self.filter(is_published=True)

    def for_listing(self):
        """Public documents for the list, the feed and the sitemap: newest issue first."""
        return self.public().order_by("-issued_on", "-pk")

    def search(self, query):
        """Documents with a word starting with each word of `query`, with or without diacritics;
        a query that is a document's số ký hiệu (`12/KH-MTTQ`, `12 kh mttq`) finds it first."""
        words = search_words(query).split()[:MAX_QUERY_WORDS]
        if not words or any(len(word) > MAX_WORD_LENGTH for word in words):
            return self.none()
        result = self
        for word in words:
            result = result.filter(search_text__contains=" " + word)
        exact = models.Case(
            models.When(number_key=number_key(query), then=models.Value(0)), default=models.Value(1)
        )
        return result.order_by(exact, "-issued_on", "-pk")

    def filter_options(self):
        """(years, issuing bodies) these documents have, for the list's filters; one query."""
        pairs = self.order_by().values_list("issued_on__year", "issuing_body").distinct()
        years, bodies = set(), set()
        for year, body in pairs:
            years.add(year)
            bodies.add(body)
        return sorted(years, reverse=True), sorted(bodies, key=fold)


class Document(models.Model):
    # A commune merger leaves it with the old commune: it is that commune's history.
    KEPT_BY_THE_OLD_COMMUNE = True

    class Kind(models.TextChoices):
        RESOLUTION = "resolution", _("Nghị quyết")
        DECISION = "decision", _("Quyết định")
        PLAN = "plan", _("Kế hoạch")
        PROGRAMME = "programme", _("Chương trình")
        GUIDANCE = "guidance", _("Hướng dẫn")
        NOTICE = "notice", _("Thông báo")
        REPORT = "report", _("Báo cáo")
        LETTER = "letter", _("Công văn")
        REGULATION = "regulation", _("Quy chế")
        OTHER = "other", _("Văn bản khác")

    class Field(models.TextChoices):
        FRONT_WORK = "front_work", _("Công tác Mặt trận")
        GREAT_UNITY = "great_unity", _("Đại đoàn kết toàn dân tộc")
        SOCIAL_WELFARE = "social_welfare", _("An sinh xã hội, Quỹ “Vì người nghèo”")
        SUPERVISION = "supervision", _("Giám sát, phản biện xã hội")
        ORGANISATION = "organisation", _("Tổ chức, cán bộ")
        EMULATION = "emulation", _("Thi đua, khen thưởng")
        PROPAGANDA = "propaganda", _("Tuyên truyền, vận động")
        ELECTIONS = "elections", _("Bầu cử, hiệp thương")
        OTHER = "other", _("Lĩnh vực khác")

    commune = models.ForeignKey(
        "congresses.Commune",
        on_delete=models.PROTECT,
        related_name="registry_documents",
        verbose_name=_("xã, phường"),
    )
    kind = models.CharField(_("loại văn bản"), max_length=12, choices=Kind.choices)
    number = models.CharField(
        _("số ký hiệu"), max_length=60, help_text=_("Ghi như trên văn bản, ví dụ: 12/KH-MTTQ")
    )
    issuing_body = models.CharField(
        _("cơ quan ban hành"),
        max_length=200,
        help_text=_("Ví dụ: Ban Thường trực Ủy ban MTTQ Việt Nam xã Hòa Phú"),
    )
    issued_on = models.DateField(_("ngày ban hành"))
    effective_on = models.DateField(
        _("ngày có hiệu lực"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu có hiệu lực từ ngày ban hành."),
    )
    summary = models.TextField(_("trích yếu"), max_length=1000)
    field = models.CharField(_("lĩnh vực"), max_length=16, choices=Field.choices, default=Field.FRONT_WORK)
    signer = models.CharField(
        _("người ký"), max_length=160, blank=True, help_text=_("Ví dụ: Nguyễn Thị Hoa, Chủ tịch")
    )
    # A document of a conference (its resolution, its plan) shows on the conference's page too
    # (news → congresses, the direction dependencies may point).
    conference = models.ForeignKey(
        "congresses.Conference",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registry_documents",
        verbose_name=_("thuộc hội nghị"),
    )
    is_published = models.BooleanField(
        _("công khai trên trang"), default=True, help_text=_("Bỏ chọn để giữ văn bản trong nội bộ.")
    )
    slug = models.SlugField(_("đường dẫn"), max_length=160, unique=True, editable=False)
    number_key = models.CharField(max_length=60, editable=False, db_index=True, default="")
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text", "number_key"])

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-issued_on", "-pk"]
        indexes = [models.Index(fields=["commune", "is_published", "issued_on"], name="news_doc_public_idx")]

    def __str__(self):
        return f"{self.number} – {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("news:document_detail", args=[self.slug])

    @property
    def title(self):
        """How a list or a feed names it: `Kế hoạch số 12/KH-MTTQ`."""
        return _("%(kind)s số %(number)s") % {"kind": self.get_kind_display(), "number": self.number}

    @property
    def takes_effect_on(self):
        return self.effective_on or self.issued_on

    def clean(self):
        errors = {}
        for name in ("issued_on", "effective_on"):
            day = getattr(self, name)
            if day and not (EARLIEST_YEAR <= day.year <= LATEST_YEAR):
                errors[name] = _("Năm phải trong khoảng %(first)d – %(last)d.") % {
                    "first": EARLIEST_YEAR,
                    "last": LATEST_YEAR,
                }
        if self.issued_on and self.effective_on and self.effective_on < self.issued_on:
            errors["effective_on"] = _("Ngày có hiệu lực không thể trước ngày ban hành (%(day)s).") % {
                "day": self.issued_on.strftime("%d/%m/%Y")
            }
        if self.number and not number_key(self.number):
            errors["number"] = _("Số ký hiệu phải có chữ hoặc số, ví dụ: 12/KH-MTTQ.")
        if not errors and self.commune_id and self.number and isinstance(self.issued_on, datetime.date):
            same = Document.objects.filter(
                commune_id=self.commune_id,
                number_key=number_key(self.number),
                issued_on__year=self.issued_on.year,
            ).exclude(pk=self.pk)
            if same.exists():
                errors["number"] = _("Năm %(year)d đã có văn bản số %(number)s.") % {
                    "year": self.issued_on.year,
                    "number": self.number,
                }
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.refresh_derived_fields()
        super().save(*args, **kwargs)

    def refresh_derived_fields(self):
        """Slug, number key and the folded search text, from what the editor typed."""
        if not self.slug:
            base = f"{self.number} {' '.join(self.summary.split()[:10])}"
            self.slug = unique_slug(Document.objects.all(), base, 160, "van-ban", exclude_pk=self.pk)
        self.number_key = number_key(self.number)[:60]
        # A leading space lets search match word starts with a plain `contains " word"`.
        self.search_text = " " + search_words(
            " ".join(
                [
                    self.number,
                    self.get_kind_display(),
                    self.summary,
                    self.issuing_body,
                    self.signer,
                    self.get_field_display(),
                ]
            )
        )


class DocumentFileQuerySet(CommuneScopedQuerySet):
    commune_lookup = "document__commune"

    def public(self):
        return self.filter(document__is_published=True)


class DocumentFile(models.Model):
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="files", verbose_name=_("văn bản")
    )
    title = models.CharField(
        _("tên tệp hiển thị"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: Phụ lục kèm theo. Để trống thì dùng tên tệp."),
    )
    file = models.FileField(
        _("tệp (PDF, DOCX)"),
        upload_to=RandomName("van-ban"),
        storage=private_storage,
        validators=[validate_document_file],
    )
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True, editable=False)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), default=0, editable=False)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    objects = DocumentFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("tệp văn bản")
        verbose_name_plural = _("tệp văn bản")
        ordering = ["document", "position", "pk"]

    def __str__(self):
        return self.title or self.original_name or os.path.basename(self.file.name)

    def save(self, *args, **kwargs):
        # A fresh upload still carries the user's file name; keep it before RandomName renames it.
        if self.file and not self.file._committed:
            self.original_name = os.path.basename(self.file.name)[:255]
            self.size = self.file.size or 0
        super().save(*args, **kwargs)

    @property
    def extension(self):
        return os.path.splitext(self.original_name or self.file.name)[1].lstrip(".").upper()

    @property
    def label(self):
        return self.title or self.original_name or _("Tệp văn bản")

    def download_name(self):
        return self.original_name or os.path.basename(self.file.name)

    def get_absolute_url(self):
        return reverse("news:document_file", args=[self.document.slug, self.pk])


@receiver(post_delete, sender=DocumentFile)
def delete_document_file(sender, instance, **kwargs):
    """A removed file leaves the disk too, once the removal is committed."""
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
