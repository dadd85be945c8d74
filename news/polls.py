"""Polls (khảo sát ý kiến): a question with options, open between two times, one answer a browser.

A ballot row names the poll, the option and the time, nothing about who answered: the counts are
the ballots, counted by one grouped query. Which browsers have answered is the browsers' own
business, in a signed cookie (news.poll_votes); a rate limit per address and day, under a
salt that is gone after the day (lib.visitors), stops one machine from answering again and
again with the cookie cleared.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congresses.models import CommuneScopedQuerySet
from lib.slugs import unique_slug
from lib.vietnamese import percent


class PollQuerySet(CommuneScopedQuerySet):
    def public(self, now=None):
        """Polls the public may see: published and opened (running or closed alike)."""
        return self.filter(is_published=True, opens_at__lte=now or timezone.now())

    def running(self, now=None):
        """Public polls still taking answers."""
        now = now or timezone.now()
        return self.public(now).filter(models.Q(closes_at__isnull=True) | models.Q(closes_at__gt=now))

    def for_listing(self):
        return self.order_by("-opens_at", "-pk")


class Poll(models.Model):
    class Results(models.TextChoices):
        ALWAYS = "always", _("Luôn công khai")
        AFTER_ANSWER = "after_answer", _("Khi người đọc đã trả lời, hoặc khảo sát đã kết thúc")
        AFTER_CLOSE = "after_close", _("Chỉ khi khảo sát đã kết thúc")
        STAFF = "staff", _("Không công khai (chỉ cán bộ xem trong trang quản trị)")

    commune = models.ForeignKey(
        "congresses.Commune", on_delete=models.PROTECT, related_name="polls", verbose_name=_("xã, phường")
    )
    question = models.CharField(_("câu hỏi"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=160, unique=True, editable=False)
    description = models.TextField(
        _("lời giới thiệu"), blank=True, help_text=_("Một vài câu nói khảo sát để làm gì (không bắt buộc).")
    )
    opens_at = models.DateTimeField(_("mở từ"), default=timezone.now)
    closes_at = models.DateTimeField(
        _("kết thúc lúc"),
        null=True,
        blank=True,
        help_text=_("Để trống: nhận trả lời đến khi cán bộ đóng lại."),
    )
    results = models.CharField(
        _("công khai kết quả"), max_length=20, choices=Results.choices, default=Results.AFTER_ANSWER
    )
    is_published = models.BooleanField(_("công khai trên trang"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = PollQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khảo sát")
        verbose_name_plural = _("khảo sát ý kiến")
        ordering = ["-opens_at", "-pk"]
        indexes = [models.Index(fields=["commune", "is_published", "opens_at"], name="news_poll_public_idx")]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("news:poll_detail", args=[self.slug])

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Thời điểm kết thúc phải sau thời điểm mở.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Poll.objects.all(), self.question, 160, "khao-sat", exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def has_opened(self, now=None):
        return self.opens_at <= (now or timezone.now())

    def is_closed(self, now=None):
        return self.closes_at is not None and self.closes_at <= (now or timezone.now())

    def is_running(self, now=None):
        return self.is_published and self.has_opened(now) and not self.is_closed(now)

    def results_visible(self, answered, now=None):
        """Whether a reader (who has `answered` or not) sees the counts, as staff chose."""
        if self.results == self.Results.ALWAYS:
            return True
        if self.results == self.Results.AFTER_ANSWER:
            return answered or self.is_closed(now)
        if self.results == self.Results.AFTER_CLOSE:
            return self.is_closed(now)
        return False

    def tally(self):
        """The options in order, each with `.votes` and `.share` ("45%"), and the total; one query."""
        options = list(self.options.annotate(votes=Count("ballots")).order_by("position", "pk"))
        total = sum(option.votes for option in options)
        for option in options:
            option.share = percent(option.votes, total) or 0
        return options, total


class PollOptionQuerySet(CommuneScopedQuerySet):
    commune_lookup = "poll__commune"


class PollOption(models.Model):
    poll = models.ForeignKey(
        Poll, on_delete=models.CASCADE, related_name="options", verbose_name=_("khảo sát")
    )
    text = models.CharField(_("phương án"), max_length=200)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = PollOptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("phương án trả lời")
        verbose_name_plural = _("phương án trả lời")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text


class BallotQuerySet(CommuneScopedQuerySet):
    commune_lookup = "poll__commune"


class Ballot(models.Model):
    """One answer: which option of which poll, and when. Nothing about who."""

    poll = models.ForeignKey(Poll, on_delete=models.PROTECT, related_name="ballots")
    # An option that has answers cannot be deleted (the admin says so): the counts stay true.
    option = models.ForeignKey(PollOption, on_delete=models.PROTECT, related_name="ballots")
    cast_at = models.DateTimeField(default=timezone.now)

    objects = BallotQuerySet.as_manager()

    class Meta:
        verbose_name = _("câu trả lời khảo sát")
        verbose_name_plural = _("câu trả lời khảo sát")

    def __str__(self):
        return f"{self.poll_id}: {self.option_id}"
