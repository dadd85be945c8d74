"""Supervision and social review by the Front (giám sát, phản biện xã hội) under Quyết định
217-QĐ/TW and Quy định 124-QĐ/TW: the activity, what it found, the recommendations (kiến nghị)
it made, and the follow-up of each recommendation until it is done.

Nothing is lost: a recommendation's state is the last of its dated follow-up entries (sent to a
body, answered, done, not done); a wrong entry is answered by a later one, never edited or
erased. Writes go through `congresses.activity_services`.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib import bounds
from lib.fields import recorded_by
from lib.figures import Figure, Qualifier
from lib.slugs import unique_slug

from .models import Commune, CommuneScopedQuerySet


def staff_scope(queryset, user):
    """Commune staff, the chair and province staff see their communes' rows; nobody else any."""
    from lib.roles import CHAIR, COMMUNE_STAFF, PROVINCE_STAFF, has_role

    if any(has_role(user, role) for role in (COMMUNE_STAFF, CHAIR, PROVINCE_STAFF)):
        return queryset
    return queryset.none()


class SupervisionQuerySet(CommuneScopedQuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_listing(self):
        return self.order_by("-starts_on", "-pk")

    def social_reviews(self):
        return self.filter(form=Supervision.Form.DRAFT_REVIEW)

    def supervisions(self):
        return self.exclude(form=Supervision.Form.DRAFT_REVIEW)

    def between(self, start, end):
        return self.filter(starts_on__gte=start, starts_on__lte=end)

    def visible_to(self, user):
        return staff_scope(super().visible_to(user), user)


class Supervision(models.Model):
    """One supervision (giám sát) or social review of a draft document (phản biện xã hội)."""

    # A commune merger leaves it with the old commune: it is that commune's history.
    KEPT_BY_THE_OLD_COMMUNE = True

    class Form(models.TextChoices):
        THEMATIC = "chuyen_de", _("Giám sát chuyên đề")
        REGULAR = "thuong_xuyen", _("Giám sát thường xuyên")
        DRAFT_REVIEW = "du_thao", _("Phản biện xã hội dự thảo văn bản")

    class Basis(models.TextChoices):
        DECISION_217 = "217", _("Quyết định 217-QĐ/TW")
        REGULATION_124 = "124", _("Quy định 124-QĐ/TW")
        FRONT_LAW = "luat", _("Luật Mặt trận Tổ quốc Việt Nam")
        OTHER = "khac", _("Căn cứ khác")

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="supervisions", verbose_name=_("xã, phường")
    )
    form = models.CharField(_("hình thức"), max_length=14, choices=Form.choices)
    basis = models.CharField(_("căn cứ"), max_length=6, choices=Basis.choices, default=Basis.DECISION_217)
    basis_note = models.CharField(
        _("văn bản căn cứ, kế hoạch"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Kế hoạch số 12/KH-MTTQ ngày 05/3/2026 của Ban Thường trực"),
    )
    subject = models.CharField(
        _("nội dung"),
        max_length=255,
        help_text=_("Ví dụ: việc thực hiện chính sách bảo hiểm y tế cho hộ cận nghèo"),
    )
    body_supervised = models.CharField(
        _("đối tượng, cơ quan được giám sát"),
        max_length=255,
        help_text=_("Với phản biện xã hội: cơ quan soạn thảo dự thảo"),
    )
    draft_title = models.CharField(_("dự thảo văn bản được phản biện"), max_length=255, blank=True)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(
        _("đến ngày"), null=True, blank=True, help_text=_("Bỏ trống nếu trong một ngày")
    )
    members = models.TextField(
        _("thành phần đoàn"), blank=True, help_text=_("Mỗi dòng một người, kèm chức vụ")
    )
    findings = models.TextField(_("kết quả, nhận xét"), blank=True)
    opinions_count = models.PositiveIntegerField(
        _("số lượt ý kiến góp ý"), null=True, blank=True, validators=[bounds.CountLimit()]
    )
    opinions_qualifier = models.CharField(
        _("cách ghi số ý kiến"), max_length=8, choices=Qualifier.choices, blank=True, default=""
    )
    slug = models.SlugField(_("đường dẫn"), max_length=200, blank=True, editable=False)
    is_published = models.BooleanField(
        _("đăng trên cổng"), default=False, help_text=_("Khi Ban Thường trực quyết định công khai")
    )

    objects = SupervisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("giám sát, phản biện xã hội")
        verbose_name_plural = _("giám sát, phản biện xã hội")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "slug"], name="unique_supervision_slug_per_commune"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="supervision_ends_after_start",
            ),
            models.CheckConstraint(
                condition=bounds.within("opinions_count", bounds.MAX_COUNT),
                name="supervision_opinions_bounded",
            ),
        ]
        indexes = [models.Index(fields=["commune", "is_published", "-starts_on"], name="supervision_public")]

    def __str__(self):
        return self.title

    @property
    def is_social_review(self):
        return self.form == self.Form.DRAFT_REVIEW

    @property
    def title(self):
        """`Giám sát chuyên đề: việc thực hiện …` or `Phản biện xã hội dự thảo …`."""
        if self.is_social_review:
            return f"Phản biện xã hội {self.draft_title or self.subject}"
        return f"{self.get_form_display()}: {self.subject}"

    @property
    def opinions_figure(self):
        return Figure.of(self.opinions_count, self.opinions_qualifier)

    @property
    def dates(self):
        start, end = self.starts_on, self.ends_on
        if not end or end == start:
            return f"{start:%d/%m/%Y}"
        return f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"

    def clean(self):
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Ngày kết thúc không thể trước ngày bắt đầu.")})
        if self.is_social_review and not self.draft_title:
            raise ValidationError({"draft_title": _("Hãy ghi tên dự thảo văn bản được phản biện.")})
        if self.basis == self.Basis.OTHER and not self.basis_note:
            raise ValidationError({"basis_note": _("Hãy ghi văn bản căn cứ.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            text = f"{self.title} {self.starts_on:%m-%Y}"
            self.slug = unique_slug(
                Supervision.objects.filter(commune_id=self.commune_id), text, 184, exclude_pk=self.pk
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("congresses:supervision", kwargs={"slug": self.slug})


class RecommendationQuerySet(CommuneScopedQuerySet):
    commune_lookup = "supervision__commune"

    def unfinished(self):
        return self.exclude(status=Recommendation.Status.DONE)

    def overdue(self, on=None):
        """Not done and past the deadline: what the standing board chases."""
        on = on or timezone.localdate()
        return self.unfinished().filter(deadline__lt=on)

    def visible_to(self, user):
        return staff_scope(super().visible_to(user), user)


class Recommendation(models.Model):
    """A recommendation (kiến nghị) of a supervision or review, to a body, with a deadline."""

    class Status(models.TextChoices):
        NEW = "new", _("Chưa gửi")
        SENT = "sent", _("Đã gửi, chờ trả lời")
        ANSWERED = "answered", _("Đã có trả lời")
        PARTLY = "partly", _("Thực hiện một phần")
        NOT_DONE = "not_done", _("Chưa thực hiện")
        DONE = "done", _("Đã thực hiện")

    supervision = models.ForeignKey(
        Supervision, on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("cuộc giám sát")
    )
    text = models.TextField(_("nội dung kiến nghị"))
    responsible_body = models.CharField(
        _("cơ quan có trách nhiệm"), max_length=200, help_text=_("Ví dụ: UBND xã; Trạm Y tế xã")
    )
    deadline = models.DateField(_("hạn thực hiện"), null=True, blank=True)
    # The last follow-up entry's state and date, kept in step by the services.
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.NEW, editable=False
    )
    status_on = models.DateField(_("ngày của tình trạng"), null=True, blank=True, editable=False)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("kiến nghị sau giám sát")
        verbose_name_plural = _("kiến nghị sau giám sát")
        ordering = ["supervision", "pk"]
        indexes = [models.Index(fields=["status", "deadline"], name="recommendation_open_due")]

    def __str__(self):
        text = " ".join(self.text.split())
        return text if len(text) <= 70 else text[:70] + "…"

    @property
    def is_overdue(self):
        return (
            self.status != self.Status.DONE
            and self.deadline is not None
            and self.deadline < timezone.localdate()
        )

    @property
    def status_label(self):
        if self.is_overdue:
            return _("Quá hạn: %(state)s") % {"state": self.get_status_display().lower()}
        return self.get_status_display()


class FollowUpQuerySet(CommuneScopedQuerySet):
    commune_lookup = "recommendation__supervision__commune"

    def visible_to(self, user):
        return staff_scope(super().visible_to(user), user)


class FollowUp(models.Model):
    """One dated step of a recommendation: sent to a body, an answer, done or not done."""

    class Kind(models.TextChoices):
        SENT = "sent", _("Gửi kiến nghị")
        ANSWERED = "answered", _("Nhận trả lời")
        PARTLY = "partly", _("Thực hiện một phần")
        NOT_DONE = "not_done", _("Chưa thực hiện")
        DONE = "done", _("Đã thực hiện")

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="follow_ups", verbose_name=_("kiến nghị")
    )
    kind = models.CharField(_("bước"), max_length=10, choices=Kind.choices)
    on = models.DateField(_("ngày"))
    body = models.CharField(
        _("gửi đến, cơ quan trả lời"), max_length=200, blank=True, help_text=_("Ví dụ: UBND xã")
    )
    note = models.TextField(_("nội dung"), blank=True)
    recorded_at = models.DateTimeField(_("ghi lúc"), default=timezone.now, editable=False)
    recorded_by = recorded_by(_("người ghi"))

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("theo dõi kiến nghị")
        verbose_name_plural = _("theo dõi kiến nghị")
        ordering = ["recommendation", "on", "pk"]

    def __str__(self):
        return f"{self.on:%d/%m/%Y} — {self.get_kind_display()}"


# --- what the public pages read -----------------------------------------------------------------


def public_supervisions(commune):
    """Published supervisions and reviews of a commune, newest first (one query; two paginated)."""
    return Supervision.objects.for_commune(commune).published().for_listing()


def supervision_page(commune, slug):
    """A published supervision with its recommendations and their follow-up: three queries.
    Raises Supervision.DoesNotExist."""
    steps = FollowUp.objects.order_by("on", "pk")
    recommendations = Recommendation.objects.order_by("pk").prefetch_related(
        models.Prefetch("follow_ups", steps)
    )
    return (
        Supervision.objects.for_commune(commune)
        .published()
        .prefetch_related(models.Prefetch("recommendations", recommendations))
        .get(slug=slug)
    )
