"""Voters' opinions from the citizen to the answer: voter meetings (tiếp xúc cử tri) and the
opinions (ý kiến, kiến nghị) raised there, at a dialogue, by a Ban CTMT or sent from the site.

An opinion is received, forwarded to the body that must answer, answered, then closed; past
its due date without an answer it is overdue. A duplicate is never deleted: it points at the
opinion kept and shows that one's answer. Nothing is public until staff publish it with its
answer. Writes go through `congresses.services`.
"""

import datetime
import secrets

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib import bounds
from lib.fields import recorded_by
from lib.figures import Figure, Qualifier
from lib.slugs import unique_slug

from .models import Commune, CommuneScopedQuerySet, Conference, ResidentialArea

# Reference codes: no 0/O, 1/I/L, so a code read over the phone is typed right.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_PREFIX = "YK"
# How long a body has to answer when staff set no due date (the usual 30-day reply of
# Luật Tiếp công dân and the councils' own rules for voters' recommendations).
DEFAULT_ANSWER_DAYS = 30


def new_reference_code():
    """`YK-7K3M-Q9`: 6 random characters of 31 (≈ 8.9 × 10⁸ codes), from `secrets`."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _i in range(6))
    return f"{CODE_PREFIX}-{chars[:4]}-{chars[4:]}"


def normalise_code(text):
    """What a citizen typed (`yk 7k3m q9`, `7K3MQ9`) as the stored form, or "" when it cannot be one."""
    raw = "".join(ch for ch in str(text or "").upper() if ch.isascii() and ch.isalnum())
    if raw.startswith(CODE_PREFIX) and len(raw) == 8:
        raw = raw[2:]
    if len(raw) != 6 or any(ch not in CODE_ALPHABET for ch in raw):
        return ""
    return f"{CODE_PREFIX}-{raw[:4]}-{raw[4:]}"


class VoterMeetingQuerySet(CommuneScopedQuerySet):
    def of(self, commune):
        return self.filter(commune=commune)

    def published(self):
        return self.filter(is_published=True)

    def for_listing(self):
        return self.select_related("commune").order_by("-starts_on", "-pk")


class VoterMeeting(models.Model):
    """Tiếp xúc cử tri before or after a session of the People's Council or the National Assembly:
    one voting area (covering some hamlets), held over one or several days."""

    class Body(models.TextChoices):
        NATIONAL_ASSEMBLY = "quoc_hoi", _("Quốc hội")
        PROVINCE_COUNCIL = "hdnd_tinh", _("HĐND tỉnh")
        COMMUNE_COUNCIL = "hdnd_xa", _("HĐND xã")

    class Timing(models.TextChoices):
        BEFORE = "before", _("trước kỳ họp")
        AFTER = "after", _("sau kỳ họp")

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="voter_meetings", verbose_name=_("xã, phường")
    )
    body = models.CharField(_("cơ quan dân cử"), max_length=12, choices=Body.choices)
    timing = models.CharField(_("trước hay sau kỳ họp"), max_length=8, choices=Timing.choices)
    session = models.CharField(
        _("kỳ họp"),
        max_length=160,
        help_text=_(
            "Ví dụ: kỳ họp thứ 10, HĐND tỉnh khóa X (tên trang sẽ là “Tiếp xúc cử tri trước kỳ họp thứ 10 …”)"
        ),
    )
    voting_area = models.CharField(
        _("đơn vị bầu cử"), max_length=160, blank=True, help_text=_("Ví dụ: đơn vị bầu cử số 3")
    )
    areas = models.ManyToManyField(
        ResidentialArea, blank=True, related_name="voter_meetings", verbose_name=_("các thôn thuộc đơn vị")
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(
        _("đến ngày"), null=True, blank=True, help_text=_("Bỏ trống nếu trong một ngày")
    )
    venue = models.CharField(_("địa điểm"), max_length=255, blank=True)
    deputies = models.TextField(
        _("đại biểu dân cử dự"), blank=True, help_text=_("Mỗi dòng một đại biểu, kèm chức vụ")
    )
    attendees = models.PositiveIntegerField(
        _("số lượt cử tri dự"), null=True, blank=True, validators=[bounds.CountLimit()]
    )
    attendees_qualifier = models.CharField(
        _("cách ghi số cử tri"), max_length=8, choices=Qualifier.choices, blank=True, default=""
    )
    speakers_count = models.PositiveIntegerField(
        _("lượt cử tri phát biểu"), null=True, blank=True, validators=[bounds.CountLimit()]
    )
    summary = models.TextField(_("nội dung"), blank=True)
    slug = models.SlugField(_("đường dẫn"), max_length=200, blank=True, editable=False)
    is_published = models.BooleanField(_("đăng trên cổng"), default=False)

    objects = VoterMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("hội nghị tiếp xúc cử tri")
        verbose_name_plural = _("tiếp xúc cử tri")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "slug"], name="unique_voter_meeting_slug_per_commune"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="voter_meeting_ends_after_start",
            ),
            models.CheckConstraint(
                condition=bounds.within("attendees", bounds.MAX_COUNT), name="voter_meeting_attendees_bounded"
            ),
            models.CheckConstraint(
                condition=bounds.within("speakers_count", bounds.MAX_COUNT),
                name="voter_meeting_speakers_bounded",
            ),
        ]
        indexes = [
            models.Index(fields=["commune", "is_published", "-starts_on"], name="voter_meeting_public"),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self):
        """`Tiếp xúc cử tri trước kỳ họp thứ 10, HĐND tỉnh khóa X — đơn vị bầu cử số 3`."""
        where = f" — {self.voting_area}" if self.voting_area else ""
        when = "trước" if self.timing == self.Timing.BEFORE else "sau"
        return f"Tiếp xúc cử tri {when} {self.session}{where}"

    @property
    def attendees_figure(self):
        return Figure.of(self.attendees, self.attendees_qualifier)

    @property
    def dates(self):
        """`12/11/2026` or `12–14/11/2026` or `28/11 – 02/12/2026`."""
        start, end = self.starts_on, self.ends_on
        if not end or end == start:
            return f"{start:%d/%m/%Y}"
        if (start.year, start.month) == (end.year, end.month):
            return f"{start:%d}–{end:%d/%m/%Y}"
        if start.year == end.year:
            return f"{start:%d/%m} – {end:%d/%m/%Y}"
        return f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Ngày kết thúc không thể trước ngày bắt đầu.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            text = f"{self.title} {self.starts_on:%d-%m-%Y}".replace("—", " ")
            self.slug = unique_slug(
                VoterMeeting.objects.filter(commune_id=self.commune_id), text, 184, exclude_pk=self.pk
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("congresses:voter_meeting", kwargs={"slug": self.slug})


class OpinionQuerySet(CommuneScopedQuerySet):
    def of(self, commune):
        return self.filter(commune=commune)

    def kept(self):
        """Not merged into another opinion."""
        return self.filter(duplicate_of__isnull=True)

    def public(self):
        """The one definition of a public opinion: published by staff with its answer."""
        return self.filter(is_public=True, duplicate_of__isnull=True).exclude(answer="")

    def open(self):
        return self.filter(status__in=[Opinion.Status.RECEIVED, Opinion.Status.FORWARDED])

    def overdue(self, on=None):
        """Open opinions past their due date: what the commune committee must chase."""
        on = on or timezone.localdate()
        return self.kept().open().filter(due_on__lt=on)

    def visible_to(self, user):
        """Commune staff and the chair see every opinion of their commune, province staff every
        commune's; no one else any (a citizen's phone number is in them)."""
        from lib.roles import CHAIR, COMMUNE_STAFF, PROVINCE_STAFF, has_role

        if any(has_role(user, role) for role in (COMMUNE_STAFF, CHAIR, PROVINCE_STAFF)):
            return super().visible_to(user)
        return self.none()


class Opinion(models.Model):
    class Source(models.TextChoices):
        VOTER_MEETING = "voter_meeting", _("Tiếp xúc cử tri")
        DIALOGUE = "dialogue", _("Hội nghị đối thoại")
        FRONT_COMMITTEE = "ban_ctmt", _("Ban công tác Mặt trận")
        WEBSITE = "website", _("Gửi qua cổng thông tin")

    class Field(models.TextChoices):
        LAND = "dat_dai", _("Đất đai")
        TRANSPORT = "giao_thong", _("Giao thông")
        ENVIRONMENT = "moi_truong", _("Môi trường")
        SOCIAL_POLICY = "chinh_sach", _("Chính sách xã hội")
        HEALTH = "y_te", _("Y tế")
        EDUCATION = "giao_duc", _("Giáo dục")
        SECURITY = "an_ninh", _("An ninh trật tự")
        ECONOMY = "kinh_te", _("Kinh tế, sản xuất")
        OTHER = "khac", _("Khác")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Đã tiếp nhận")
        FORWARDED = "forwarded", _("Đã chuyển cơ quan có thẩm quyền")
        ANSWERED = "answered", _("Đã có trả lời")
        CLOSED = "closed", _("Đã kết thúc")

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="opinions", verbose_name=_("xã, phường")
    )
    reference_code = models.CharField(_("mã tra cứu"), max_length=12, unique=True, editable=False)
    source = models.CharField(_("nguồn"), max_length=16, choices=Source.choices)
    voter_meeting = models.ForeignKey(
        VoterMeeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opinions",
        verbose_name=_("hội nghị tiếp xúc cử tri"),
    )
    conference = models.ForeignKey(
        Conference,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opinions",
        verbose_name=_("hội nghị đối thoại"),
    )
    field = models.CharField(_("lĩnh vực"), max_length=12, choices=Field.choices, default=Field.OTHER)
    area = models.ForeignKey(
        ResidentialArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opinions",
        verbose_name=_("thôn, khu dân cư"),
    )
    summary = models.TextField(_("nội dung ý kiến"))
    raised_on = models.DateField(_("ngày nêu"), default=timezone.localdate)
    citizen_name = models.CharField(_("người gửi"), max_length=120, blank=True)
    citizen_phone = models.CharField(
        _("điện thoại người gửi"), max_length=20, blank=True, help_text=_("Không bao giờ hiện công khai")
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.RECEIVED, editable=False
    )
    due_on = models.DateField(_("hạn trả lời"), null=True, blank=True)
    forwarded_to = models.CharField(_("chuyển đến"), max_length=200, blank=True, editable=False)
    forwarded_on = models.DateField(_("ngày chuyển"), null=True, blank=True, editable=False)
    answer = models.TextField(_("nội dung trả lời"), blank=True, editable=False)
    answered_by = models.CharField(_("cơ quan trả lời"), max_length=200, blank=True, editable=False)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True, editable=False)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True, editable=False)
    is_public = models.BooleanField(_("công khai"), default=False, editable=False)
    published_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True, editable=False)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="duplicates",
        verbose_name=_("trùng với"),
    )
    received_at = models.DateTimeField(_("tiếp nhận lúc"), default=timezone.now, editable=False)
    received_by = recorded_by(_("người tiếp nhận"))

    objects = OpinionQuerySet.as_manager()

    class Meta:
        verbose_name = _("ý kiến, kiến nghị")
        verbose_name_plural = _("ý kiến, kiến nghị")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["commune", "status", "due_on"], name="opinion_open_due"),
            models.Index(fields=["commune", "voter_meeting", "field"], name="opinion_by_meeting"),
            models.Index(fields=["commune", "is_public", "-answered_on"], name="opinion_public"),
        ]
        permissions = [("publish_opinion", _("Có thể công khai ý kiến và trả lời"))]

    def __str__(self):
        text = " ".join(self.summary.split())
        return f"{self.reference_code}: {text[:60]}{'…' if len(text) > 60 else ''}"

    @property
    def is_overdue(self):
        return (
            self.duplicate_of_id is None
            and self.status in (self.Status.RECEIVED, self.Status.FORWARDED)
            and self.due_on is not None
            and self.due_on < timezone.localdate()
        )

    @property
    def status_label(self):
        """The status as the committee reads it: `Quá hạn trả lời` wins over received/forwarded."""
        if self.duplicate_of_id:
            return _("Đã gộp với ý kiến %(code)s") % {"code": self.duplicate_of.reference_code}
        if self.is_overdue:
            return _("Quá hạn trả lời")
        return self.get_status_display()

    @staticmethod
    def default_due(day=None):
        return (day or timezone.localdate()) + datetime.timedelta(days=DEFAULT_ANSWER_DAYS)

    def save(self, *args, **kwargs):
        if not self.reference_code:
            code = new_reference_code()
            while Opinion.objects.filter(reference_code=code).exists():
                code = new_reference_code()
            self.reference_code = code
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("opinions:lookup") + f"?ma={self.reference_code}"
