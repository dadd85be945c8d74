"""Personnel between congresses and around them.

- `SupplementaryConsultation`: hiệp thương bổ sung in the middle of a term, at a meeting of
  the committee: a person added to the running term, or moved from one position to another
  (first joining as a member, later elected Phó Chủ tịch). Confirmed by the chair, which
  closes the old membership the day before and opens the new one: the person's membership
  history keeps both, with their dates.
- `ConcurrentRole`: what a member also holds outside the Front's committee (Chủ tịch Hội Nông
  dân xã, Bí thư Chi bộ thôn), shown beside their name where the record says it may be.
- `CandidateRound`: the consultation of candidates for hamlet head (Trưởng thôn) in successive
  rounds: first within the Ban CTMT, then at the residents' meeting, which only a candidate
  agreed in the first round reaches.

Writes go through `congresses.personnel_services`.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lib import bounds
from lib.fields import recorded_by
from lib.vietnamese import percent

from .models import CommuneScopedQuerySet, Conference, FrontCommittee, Membership, Person, Position, Term


def _votes():
    return (
        models.PositiveIntegerField(_("số đồng ý"), null=True, blank=True, validators=[bounds.CountLimit()]),
        models.PositiveIntegerField(
            _("tổng số biểu quyết"), null=True, blank=True, validators=[bounds.CountLimit()]
        ),
        models.PositiveSmallIntegerField(
            _("tỷ lệ đồng ý (%)"),
            null=True,
            blank=True,
            help_text=_("Điền khi không có số phiếu"),
            validators=[bounds.CountLimit(), MaxValueValidator(100, _("Tỷ lệ đồng ý không thể vượt 100%%."))],
        ),
    )


class VotesMixin:
    """Votes for / total, or a stated percentage: the same checks as a slate entry's."""

    def check_votes(self):
        if (self.votes_for is None) != (self.votes_total is None):
            raise ValidationError(_("Hãy điền cả số đồng ý và tổng số biểu quyết, hoặc bỏ trống cả hai."))
        if self.votes_for is not None and self.votes_for > self.votes_total:
            raise ValidationError({"votes_for": _("Số đồng ý không thể lớn hơn tổng số biểu quyết.")})

    @property
    def agreement(self):
        if self.votes_total:
            return percent(self.votes_for, self.votes_total)
        return self.agreement_percent


class SupplementaryQuerySet(CommuneScopedQuerySet):
    commune_lookup = "conference__committee__commune"

    def confirmed(self):
        return self.filter(status=SupplementaryConsultation.Status.CONFIRMED)


class SupplementaryConsultation(VotesMixin, models.Model):
    """Hiệp thương bổ sung: one person into one position of a running term, at a meeting."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang dự kiến")
        CONFIRMED = "confirmed", _("Đã xác nhận")

    conference = models.ForeignKey(
        Conference,
        on_delete=models.PROTECT,
        related_name="supplementary_consultations",
        verbose_name=_("tại hội nghị"),
    )
    term = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="supplementary_consultations", verbose_name=_("nhiệm kỳ")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="supplementary_consultations", verbose_name=_("người")
    )
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="+", verbose_name=_("chức danh")
    )
    organisation = models.CharField(_("đại diện tổ chức"), max_length=160, blank=True)
    since = models.DateField(_("giữ chức từ ngày"), help_text=_("Để trống: ngày hội nghị"), blank=True)
    replaces = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thôi chức danh cũ"),
        help_text=_("Chức danh người này (hoặc người được thay) thôi giữ từ ngày trước đó"),
    )
    votes_for, votes_total, agreement_percent = _votes()
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    membership = models.OneToOneField(
        Membership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="supplementary_consultation",
        verbose_name=_("chức danh được lập"),
    )
    confirmed_by = recorded_by(_("người xác nhận"))
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True, editable=False)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    objects = SupplementaryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hiệp thương bổ sung")
        verbose_name_plural = _("hiệp thương bổ sung")
        ordering = ["-since", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=bounds.within("agreement_percent", 100), name="supplementary_agreement_bounded"
            ),
            models.CheckConstraint(
                condition=bounds.within("votes_for", bounds.MAX_COUNT), name="supplementary_votes_for_bounded"
            ),
            models.CheckConstraint(
                condition=bounds.within("votes_total", bounds.MAX_COUNT),
                name="supplementary_votes_total_bounded",
            ),
        ]

    def __str__(self):
        return f"Hiệp thương bổ sung {self.person} — {self.position}"

    @property
    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED

    def clean(self):
        self.check_votes()
        if self.conference_id and self.term_id:
            if self.conference.committee_id != self.term.committee_id:
                raise ValidationError(
                    {"conference": _("Hội nghị phải của chính ban có nhiệm kỳ được bổ sung.")}
                )
            if not self.since:
                self.since = self.conference.starts_at.date()
            if not (self.term.start_date <= self.since <= self.term.effective_end):
                raise ValidationError({"since": _("Ngày giữ chức phải nằm trong nhiệm kỳ.")})
        if self.replaces_id and self.term_id and self.replaces.term_id != self.term_id:
            raise ValidationError({"replaces": _("Chức danh được thay phải thuộc cùng nhiệm kỳ.")})
        if self.replaces_id and not self.is_confirmed and self.replaces.until is not None:
            raise ValidationError({"replaces": _("Chức danh được thay đã thôi từ trước.")})


class ConcurrentRoleQuerySet(CommuneScopedQuerySet):
    commune_lookup = "person__commune"

    def shown(self, on=None):
        """Public and held today (or on `on`)."""
        from django.utils import timezone

        on = on or timezone.localdate()
        return self.filter(is_public=True).filter(
            models.Q(since__isnull=True) | models.Q(since__lte=on),
            models.Q(until__isnull=True) | models.Q(until__gte=on),
        )


class ConcurrentRole(models.Model):
    """A role a person also holds (kiêm nhiệm): the chair of a mass organisation, a Party post."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="concurrent_roles", verbose_name=_("người")
    )
    title = models.CharField(
        _("chức vụ kiêm nhiệm"), max_length=160, help_text=_("Ví dụ: Chủ tịch Hội Nông dân xã")
    )
    since = models.DateField(_("từ ngày"), null=True, blank=True)
    until = models.DateField(_("đến ngày"), null=True, blank=True)
    is_public = models.BooleanField(_("hiện trên cổng"), default=True)

    objects = ConcurrentRoleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chức vụ kiêm nhiệm")
        verbose_name_plural = _("chức vụ kiêm nhiệm")
        ordering = ["person", "-since", "pk"]

    def __str__(self):
        return f"{self.person} — {self.title}"

    def clean(self):
        if self.since and self.until and self.until < self.since:
            raise ValidationError({"until": _("Ngày thôi phải sau ngày bắt đầu.")})


class CandidateRoundQuerySet(CommuneScopedQuerySet):
    commune_lookup = "committee__commune"


class CandidateRound(VotesMixin, models.Model):
    """One round of the consultation of a candidate for hamlet head."""

    class Stage(models.TextChoices):
        COMMITTEE = "ban_ctmt", _("Vòng 1: Hội nghị Ban công tác Mặt trận")
        RESIDENTS = "cu_tri", _("Vòng 2: Hội nghị cử tri, đại diện hộ gia đình")

    class Result(models.TextChoices):
        AGREED = "agreed", _("Được thống nhất giới thiệu")
        NOT_AGREED = "not_agreed", _("Không được thống nhất")

    committee = models.ForeignKey(
        FrontCommittee,
        on_delete=models.PROTECT,
        related_name="candidate_rounds",
        verbose_name=_("Ban công tác Mặt trận"),
    )
    office = models.CharField(_("chức danh ứng cử"), max_length=80, default="Trưởng thôn")
    year = models.PositiveSmallIntegerField(_("năm bầu"))
    stage = models.CharField(_("vòng"), max_length=10, choices=Stage.choices)
    held_on = models.DateField(_("ngày hội nghị"))
    conference = models.ForeignKey(
        Conference,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidate_rounds",
        verbose_name=_("hội nghị"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="candidate_rounds",
        verbose_name=_("người được giới thiệu"),
    )
    votes_for, votes_total, agreement_percent = _votes()
    result = models.CharField(_("kết quả"), max_length=12, choices=Result.choices)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    objects = CandidateRoundQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hiệp thương giới thiệu Trưởng thôn")
        verbose_name_plural = _("hiệp thương giới thiệu Trưởng thôn")
        ordering = ["committee", "-year", "stage", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "year", "stage", "person"], name="one_candidate_round_per_stage"
            ),
            models.CheckConstraint(
                condition=bounds.within("agreement_percent", 100), name="candidate_agreement_bounded"
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.get_stage_display()}"

    def clean(self):
        self.check_votes()
        if self.committee_id and self.committee.level != FrontCommittee.Level.RESIDENTIAL:
            raise ValidationError(
                {"committee": _("Chỉ Ban công tác Mặt trận khu dân cư giới thiệu Trưởng thôn.")}
            )
        if self.person_id and self.committee_id and self.person.commune_id != self.committee.commune_id:
            raise ValidationError({"person": _("Người được giới thiệu phải thuộc cùng xã, phường.")})
        if self.stage == self.Stage.RESIDENTS and self.committee_id and self.person_id:
            first = CandidateRound.objects.filter(
                committee_id=self.committee_id,
                year=self.year,
                person_id=self.person_id,
                stage=self.Stage.COMMITTEE,
                result=self.Result.AGREED,
            ).first()
            if first is None:
                raise ValidationError(
                    _("Hãy ghi kết quả vòng 1 (Ban công tác Mặt trận thống nhất giới thiệu) trước vòng 2.")
                )
            if self.held_on and self.held_on < first.held_on:
                raise ValidationError(
                    {
                        "held_on": _("Vòng 2 phải diễn ra sau vòng 1 (%(day)s).")
                        % {"day": first.held_on.strftime("%d/%m/%Y")}
                    }
                )
