"""The organisation of the Front in a commune: communes, residential areas, committees,
terms, people and their memberships, conferences, documents and personnel consultations.

Areas are merged and renamed but never deleted: `valid_until` and `merged_into` keep
their history and let old URLs resolve to the successor. Terms end, memberships close,
consultations are confirmed: rows are added or dated, never erased.
"""

import datetime
import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lib import bounds
from lib.fields import recorded_by
from lib.slugs import unique_slug
from lib.uploads import RandomName, validate_document_upload, validate_image_upload
from lib.vietnamese import fold, percent, slugify_vi, tel_uri

from .event_kinds import ORGANISER_WORDS, PART_HOURS, ConferenceStatus, Organiser, PartOfDay


def normalize_host(value):
    """`HoaPhu.Example.vn:8000` → `hoaphu.example.vn`: host names compare without case or port."""
    value = (value or "").strip().lower().rstrip(".")
    if value.startswith("[") and "]" in value:  # an IPv6 literal keeps its colons
        return value[: value.index("]") + 1]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class CommuneScopedQuerySet(models.QuerySet):
    """Records that belong to one commune. `commune_lookup` is the path from the record to its
    commune; `for_commune(commune)` is what a commune's public site shows of them (nothing when
    no commune is given), `visible_to(user)` what the admin shows a user (`commune_scope`)."""

    commune_lookup = "commune"

    def for_commune(self, commune):
        if commune is None:
            return self.none()
        return self.filter(**{self.commune_lookup: commune.pk})

    def in_communes(self, scope):
        """Rows of the communes in `scope` (ids), every row for EVERY_COMMUNE (None)."""
        if scope is None:
            return self
        if not scope:
            return self.none()
        return self.filter(**{f"{self.commune_lookup}__in": scope})

    def visible_to(self, user):
        from .permissions import commune_scope  # deferred: permissions reads these models

        return self.in_communes(commune_scope(user))


class SiteFields(models.Model):
    """What a commune's or a province's own site shows of itself: its host name, name, emblem,
    contacts and footer."""

    host = models.CharField(
        _("tên miền"),
        max_length=253,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "Ví dụ: mattran.xahoaphu.example.vn. Bỏ trống khi cả hệ thống chỉ có một xã: xã đó được "
            "phục vụ ở mọi địa chỉ."
        ),
    )
    site_name = models.CharField(
        _("tên hiển thị trên trang"),
        max_length=200,
        blank=True,
        help_text=_("Bỏ trống để dùng tên đầy đủ, ví dụ: Ủy ban MTTQ Việt Nam xã Hòa Phú"),
    )
    emblem = models.ImageField(
        _("biểu trưng (logo)"),
        upload_to=RandomName("emblems"),
        blank=True,
        validators=[validate_image_upload],
    )
    address = models.CharField(_("địa chỉ trụ sở"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    # What Nghị định 42/2022/NĐ-CP asks the footer of an agency's site to name.
    governing_body = models.CharField(
        _("cơ quan chủ quản"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Ủy ban MTTQ Việt Nam xã Hòa Phú"),
    )
    responsible_person = models.CharField(
        _("người chịu trách nhiệm nội dung"),
        max_length=255,
        blank=True,
        help_text=_("Họ tên và chức vụ, ví dụ: Nguyễn Văn An, Chủ tịch Ủy ban MTTQ Việt Nam xã"),
    )
    licence = models.CharField(
        _("giấy phép"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Giấy phép số 12/GP-TTĐT ngày 05/3/2025 của Sở Văn hóa, Thể thao và Du lịch"),
    )
    map_url = models.URLField(
        _("đường dẫn bản đồ"),
        max_length=500,
        blank=True,
        help_text=_(
            "Đường dẫn đến trụ sở trên một trang bản đồ (OpenStreetMap, Google Maps). Bỏ trống để tìm "
            "theo địa chỉ trên OpenStreetMap. Trang liên hệ chỉ đặt đường dẫn, không nhúng bản đồ."
        ),
    )
    footer_text = models.TextField(
        _("chân trang"), blank=True, help_text=_("Ghi chú thêm ở chân trang, ví dụ: ghi chú nguồn tin")
    )

    class Meta:
        abstract = True

    # Both subclasses declare `name`, `kind` (their own choices) and `slug`.
    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        """`xã Hòa Phú`, `tỉnh Quảng Nam`: the kind in lower case, as the portals write it
        inside a sentence."""
        return f"{_kind_word(type(self), self.kind)} {self.name}"

    @property
    def phone_tel(self):
        """`+842353812345` for a `tel:` link: digits and a leading plus only, as RFC 3966 writes
        a global number (`0235 3812 345` is dialled in Viet Nam as +84 235 3812 345)."""
        return tel_uri(self.phone)

    @property
    def map_link(self):
        """Where the site's map link points: the typed address of a map site, or a search of the
        address on OpenStreetMap. No map is embedded: no third-party script on the page."""
        if self.map_url:
            return self.map_url
        if not self.address:
            return ""
        from urllib.parse import quote

        return f"https://www.openstreetmap.org/search?query={quote(self.address)}"

    @property
    def display_name(self):
        return self.site_name or f"Ủy ban MTTQ Việt Nam {self.full_name}"

    def site_url(self, request):
        """`http://hoaphu.localhost:8000/`: the site's home, on the scheme and port of `request`
        (the demo runs every site on one port); None when the site has no host name."""
        if not self.host:
            return None
        port = request.get_port()
        default = "443" if request.is_secure() else "80"
        suffix = f":{port}" if port and port != default and ":" in request.get_host() else ""
        return f"{request.scheme}://{self.host}{suffix}/"

    def clean(self):
        super().clean()
        self.host = normalize_host(self.host) or None
        if self.host:
            others = [
                model.objects.filter(host=self.host).exclude(pk=self.pk if model is type(self) else None)
                for model in (Province, Commune)
            ]
            if any(qs.exists() for qs in others):
                raise ValidationError({"host": _("Tên miền này đã dùng cho một xã hoặc tỉnh khác.")})

    def save(self, *args, **kwargs):
        self.host = normalize_host(self.host) or None
        if not self.slug:
            self.slug = slugify_vi(self.full_name, max_length=140)
        super().save(*args, **kwargs)


class ProvinceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Provinces are managed by province staff; commune staff pick none (their news is the
        commune's, not the province's)."""
        from .permissions import commune_scope

        return self if commune_scope(user) is None else self.none()


class Province(SiteFields):
    """A province (or centrally run city) whose Front runs the platform for its communes."""

    class Kind(models.TextChoices):
        PROVINCE = "tinh", _("Tỉnh")
        CITY = "thanh_pho", _("Thành phố")

    name = models.CharField(_("tên"), max_length=120, help_text=_("Không kèm cấp, ví dụ: Quảng Nam"))
    kind = models.CharField(_("cấp"), max_length=10, choices=Kind.choices, default=Kind.PROVINCE)
    slug = models.SlugField(_("đường dẫn"), max_length=140, unique=True, blank=True)

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        verbose_name = _("tỉnh, thành phố")
        verbose_name_plural = _("tỉnh, thành phố")
        ordering = ["name"]


# The province's pages name a hundred communes: translating each one's kind anew (a lazy label
# through gettext) was a fifth of the page's time. Kept per language and kind.
_KIND_WORDS = {}


def _kind_word(model, kind):
    key = (model, translation.get_language(), kind)
    word = _KIND_WORDS.get(key)
    if word is None:
        word = _KIND_WORDS[key] = str(dict(model.Kind.choices).get(kind, kind)).lower()
    return word


class CommuneQuerySet(CommuneScopedQuerySet):
    commune_lookup = "pk"


class Commune(SiteFields):
    class Kind(models.TextChoices):
        COMMUNE = "xa", _("Xã")
        WARD = "phuong", _("Phường")
        SPECIAL_ZONE = "dac_khu", _("Đặc khu")

    name = models.CharField(_("tên"), max_length=120, help_text=_("Không kèm cấp, ví dụ: Hòa Phú"))
    kind = models.CharField(_("cấp"), max_length=10, choices=Kind.choices, default=Kind.COMMUNE)
    slug = models.SlugField(_("đường dẫn"), max_length=140, unique=True, blank=True)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="communes",
        verbose_name=_("thuộc tỉnh, thành phố"),
    )
    province_name = models.CharField(
        _("tên tỉnh, thành phố"),
        max_length=120,
        blank=True,
        help_text=_("Khi xã chưa gắn với tỉnh trong hệ thống, ví dụ: tỉnh Quảng Nam"),
    )
    # A merged commune stays, with its history; its host answers with a 301 to its successor.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="merged_from",
        verbose_name=_("đã sáp nhập vào"),
    )
    merged_on = models.DateField(_("sáp nhập từ ngày"), null=True, blank=True, editable=False)

    objects = CommuneQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["emblem"])

    class Meta:
        verbose_name = _("xã, phường")
        verbose_name_plural = _("xã, phường")
        ordering = ["name"]

    def get_absolute_url(self):
        return reverse("congresses:commune", kwargs={"commune": self.slug})

    def successor(self):
        """The commune that exists today in place of this one (itself when never merged);
        follows a chain of mergers, stops on a loop. The site table calls it with every
        commune loaded, so it costs no query there."""
        commune, seen = self, {self.pk}
        while commune.merged_into_id and commune.merged_into_id not in seen:
            seen.add(commune.merged_into_id)
            commune = commune.merged_into
        return commune


class StaffProfile(models.Model):
    """Where a staff account works: one commune, or the province's Front (province staff).

    Editors, commune staff, chairs and hamlet officers belong to a commune; the admin shows
    them that commune's records only (`congresses.permissions.commune_scope`).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_profile",
        verbose_name=_("tài khoản"),
    )
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("thuộc xã, phường"),
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("thuộc tỉnh (cán bộ tỉnh)"),
    )

    objects = CommuneScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đơn vị công tác của tài khoản")
        verbose_name_plural = _("đơn vị công tác của tài khoản")

    def __str__(self):
        return f"{self.user} — {self.commune or self.province or '—'}"


class ResidentialAreaQuerySet(CommuneScopedQuerySet):
    def current(self, on=None):
        """Areas that exist today (or on a given date): not merged away, not ended."""
        on = on or timezone.localdate()
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=on),
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gt=on),
        )


class ResidentialArea(models.Model):
    class Kind(models.TextChoices):
        VILLAGE = "thon", _("Thôn")
        HAMLET = "ap", _("Ấp")
        BAN = "ban", _("Bản")
        BUON = "buon", _("Buôn")
        QUARTER = "khu_pho", _("Khu phố")
        CIVIL_GROUP = "to_dan_pho", _("Tổ dân phố")
        AREA = "khu_dan_cu", _("Khu dân cư")
        LANG = "lang", _("Làng")
        XOM = "xom", _("Xóm")
        KHOM = "khom", _("Khóm")
        KHU = "khu", _("Khu")
        SUB_QUARTER = "tieu_khu", _("Tiểu khu")
        ZONE = "khu_vuc", _("Khu vực")
        SELF_GOVERNED = "to_tu_quan", _("Tổ dân cư tự quản")

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="areas", verbose_name=_("xã, phường")
    )
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices, default=Kind.VILLAGE)
    name = models.CharField(_("tên"), max_length=120, help_text=_("Không kèm loại, ví dụ: Đông"))
    slug = models.SlugField(_("đường dẫn"), max_length=140, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    valid_from = models.DateField(_("có từ ngày"), null=True, blank=True)
    valid_until = models.DateField(
        _("đến ngày"), null=True, blank=True, help_text=_("Ngày sáp nhập hoặc giải thể")
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("sáp nhập vào"),
    )

    objects = ResidentialAreaQuerySet.as_manager()
    # Which commune an area belonged to, before a merger of communes moved it.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khu dân cư")
        verbose_name_plural = _("khu dân cư")
        ordering = ["commune", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "slug"], name="unique_area_slug_per_commune"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        """`Thôn Đông`."""
        return f"{self.get_kind_display()} {self.name}"

    @property
    def in_sentence(self):
        """`thôn Đông`: the kind in lower case, as written inside a sentence."""
        return f"{_kind_word(type(self), self.kind)} {self.name}"

    @property
    def is_current(self):
        today = timezone.localdate()
        return self.merged_into_id is None and (self.valid_until is None or self.valid_until > today)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_vi(self.full_name, max_length=140)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The area page; the commune must be loaded (select_related) by list pages."""
        return reverse("congresses:area", kwargs={"commune": self.commune.slug, "slug": self.slug})

    def successor(self):
        """The area that exists today in place of this one (itself when it was never merged).

        Follows a chain of mergers (thôn A → thôn B in 2019 → thôn C in 2025); stops on a loop.
        """
        area, seen = self, {self.pk}
        while area.merged_into_id and area.merged_into_id not in seen:
            seen.add(area.merged_into_id)
            area = area.merged_into
        return area


ROMAN = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(number):
    """Congress ordinals as the Front writes them: 1 → I, 12 → XII."""
    out = ""
    for value, letters in ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


class FrontCommitteeQuerySet(CommuneScopedQuerySet):
    pass


class DocumentQuerySet(CommuneScopedQuerySet):
    commune_lookup = "conference__committee__commune"


class ConsultationQuerySet(CommuneScopedQuerySet):
    commune_lookup = "conference__committee__commune"


class ConsultationPartQuerySet(CommuneScopedQuerySet):
    """Slate entries and delegates: the commune of their consultation's conference."""

    commune_lookup = "consultation__conference__committee__commune"


class FrontCommittee(models.Model):
    """The commune's Ủy ban MTTQ, or the Ban công tác Mặt trận of one residential area."""

    class Level(models.TextChoices):
        COMMUNE = "commune", _("Ủy ban MTTQ cấp xã")
        RESIDENTIAL = "residential", _("Ban công tác Mặt trận khu dân cư")

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="committees", verbose_name=_("xã, phường")
    )
    level = models.CharField(_("cấp"), max_length=12, choices=Level.choices, default=Level.RESIDENTIAL)
    area = models.ForeignKey(
        ResidentialArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committees",
        verbose_name=_("khu dân cư"),
        help_text=_("Bỏ trống với Ủy ban MTTQ cấp xã"),
    )

    objects = FrontCommitteeQuerySet.as_manager()

    class Meta:
        verbose_name = _("ban, ủy ban Mặt trận")
        verbose_name_plural = _("ban, ủy ban Mặt trận")
        ordering = ["commune", "-level", "area__position", "area__name"]
        constraints = [
            models.UniqueConstraint(fields=["area"], name="one_committee_per_area"),
            models.UniqueConstraint(
                fields=["commune"], condition=models.Q(level="commune"), name="one_committee_per_commune"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        """`Ủy ban MTTQ Việt Nam xã Hòa Phú` or `Ban công tác Mặt trận thôn Đông`."""
        # Without its commune or area (a form sent back with errors names it in its title)
        # the name stays general rather than failing.
        if self.level == self.Level.COMMUNE:
            return (
                f"Ủy ban MTTQ Việt Nam {self.commune.full_name}"
                if self.commune_id
                else "Ủy ban MTTQ Việt Nam"
            )
        if self.area_id is None:
            return "Ban công tác Mặt trận"
        return f"Ban công tác Mặt trận {self.area.in_sentence}"

    @property
    def short_name(self):
        return "Ủy ban MTTQ" if self.level == self.Level.COMMUNE else "Ban CTMT"

    def clean(self):
        if self.level == self.Level.RESIDENTIAL and not self.area_id:
            raise ValidationError({"area": _("Ban công tác Mặt trận phải thuộc một khu dân cư.")})
        if self.level == self.Level.COMMUNE and self.area_id:
            raise ValidationError({"area": _("Ủy ban MTTQ cấp xã không gắn với khu dân cư.")})
        if self.area_id and self.commune_id and self.area.commune_id != self.commune_id:
            raise ValidationError({"area": _("Khu dân cư không thuộc xã, phường đã chọn.")})

    def get_absolute_url(self):
        if self.level == self.Level.COMMUNE:
            return self.commune.get_absolute_url()
        return self.area.get_absolute_url()

    def term_on(self, day=None):
        """The term running on `day` (today by default), or None."""
        day = day or timezone.localdate()
        return self.terms.running(day).first()


def _stated_count(label):
    return models.PositiveSmallIntegerField(
        label,
        null=True,
        blank=True,
        validators=[bounds.CountLimit()],
        help_text=_("Theo quyết định; để trống nếu không ghi"),
    )


class TermQuerySet(CommuneScopedQuerySet):
    commune_lookup = "committee__commune"

    def running(self, on=None):
        """Terms that have started and not ended on the given day (today by default)."""
        on = on or timezone.localdate()
        return self.filter(start_date__lte=on).filter(
            models.Q(ended_on__gte=on) | models.Q(ended_on__isnull=True, end_date__gte=on)
        )


class Term(models.Model):
    """A term of a committee with its real dates: 2021–2024, 2024–2026, 2025–2030 …

    `end_date` is the planned end; `ended_on` is set when the term really ended (a new term
    was chosen, or it ended early, for instance when communes merged in 2025).
    """

    committee = models.ForeignKey(
        FrontCommittee, on_delete=models.PROTECT, related_name="terms", verbose_name=_("ban, ủy ban")
    )
    start_date = models.DateField(_("bắt đầu"))
    end_date = models.DateField(_("kết thúc theo dự kiến"))
    ended_on = models.DateField(
        _("kết thúc thực tế"), null=True, blank=True, help_text=_("Điền khi nhiệm kỳ đã kết thúc")
    )
    end_reason = models.CharField(
        _("lý do kết thúc"), max_length=255, blank=True, help_text=_("Ví dụ: sáp nhập xã năm 2025")
    )
    congress_ordinal = models.PositiveSmallIntegerField(
        _("đại hội lần thứ"),
        null=True,
        blank=True,
        help_text=_("Số thứ tự của đại hội bầu ra nhiệm kỳ; bắt đầu lại từ 1 sau khi sáp nhập"),
    )
    stated_members = models.PositiveSmallIntegerField(
        _("số thành viên (theo quyết định)"),
        null=True,
        blank=True,
        validators=[bounds.CountLimit()],
        help_text=_(
            "Khi chưa nhập danh sách thành viên, ví dụ: 11. Khi đã nhập danh sách, số được tính từ danh sách."
        ),
    )
    # The make-up as the decision gives it ("4 nữ, 7 đảng viên"), while the names are not entered;
    # once they are, the composition is counted from them (congresses.selectors.Composition).
    stated_women = _stated_count(_("trong đó nữ"))
    stated_young = _stated_count(_("trong đó trẻ (dưới 35 tuổi)"))
    stated_minorities = _stated_count(_("trong đó người dân tộc thiểu số"))
    stated_religious = _stated_count(_("trong đó người theo tôn giáo"))
    stated_party = _stated_count(_("trong đó đảng viên"))

    objects = TermQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        ordering = ["committee", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")), name="term_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.committee} — {self.label}"

    @property
    def years(self):
        """`2024–2029`."""
        return f"{self.start_date.year}–{self.end_date.year}"

    @property
    def label(self):
        """`nhiệm kỳ 2024–2029`, or `lần thứ I, nhiệm kỳ 2025–2030` when the congress ordinal is known."""
        if self.congress_ordinal:
            return f"lần thứ {roman(self.congress_ordinal)}, nhiệm kỳ {self.years}"
        return f"nhiệm kỳ {self.years}"

    @property
    def effective_end(self):
        return self.ended_on or self.end_date

    @property
    def ended_early(self):
        return bool(self.ended_on and self.ended_on < self.end_date)

    def is_current_on(self, day):
        return self.start_date <= day <= self.effective_end

    @property
    def is_current(self):
        return self.is_current_on(timezone.localdate())

    def clean(self):
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            raise ValidationError({"end_date": _("Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.")})
        if self.ended_on and self.start_date and self.ended_on < self.start_date:
            raise ValidationError({"ended_on": _("Nhiệm kỳ không thể kết thúc trước khi bắt đầu.")})
        if self.ended_on and not self.end_reason and self.end_date and self.ended_on < self.end_date:
            raise ValidationError({"end_reason": _("Nhiệm kỳ kết thúc sớm: hãy ghi lý do.")})
        self.clean_stated_parts()
        if self.committee_id and self.start_date and self.end_date:
            for other in Term.objects.filter(committee_id=self.committee_id).exclude(pk=self.pk):
                if other.start_date <= self.effective_end and self.start_date <= other.effective_end:
                    raise ValidationError(
                        _("Nhiệm kỳ %(this)s trùng thời gian với %(other)s của cùng ban (%(from)s – %(to)s).")
                        % {
                            "this": self.years,
                            "other": other.label,
                            "from": other.start_date.strftime("%d/%m/%Y"),
                            "to": other.effective_end.strftime("%d/%m/%Y"),
                        }
                    )

    def get_absolute_url(self):
        return self.committee.get_absolute_url()

    STATED_PARTS = ["stated_women", "stated_young", "stated_minorities", "stated_religious", "stated_party"]

    def clean_stated_parts(self):
        """A part of the stated make-up cannot exceed the stated number of members."""
        errors = {}
        for name in self.STATED_PARTS:
            value = getattr(self, name)
            if value is None:
                continue
            if self.stated_members is None:
                errors[name] = _("Hãy ghi số thành viên trước khi ghi cơ cấu.")
            elif value > self.stated_members:
                errors[name] = _("Không thể lớn hơn số thành viên (%(count)d).") % {
                    "count": self.stated_members
                }
        if errors:
            raise ValidationError(errors)

    def members_count(self, members):
        """(count, stated count when it differs): from the names entered, else as stated."""
        people = len({m.person_id for m in members})
        if not people:
            return self.stated_members, None
        differs = self.stated_members if self.stated_members not in (None, people) else None
        return people, differs


def proposed_term_end(committee, previous, term_start):
    """Terms keep their cycle: after 2020–2023 comes 2023–2026, even when the conference is
    held a few weeks late, in January 2024. Without an outgoing term: 5 years for the commune
    committee, 2 for a Ban CTMT, to the end of the year."""
    if previous is None:
        years = 5 if committee.level == FrontCommittee.Level.COMMUNE else 2
        return datetime.date(term_start.year + years, 12, 31)
    years = max(1, previous.end_date.year - previous.start_date.year)
    end = previous.end_date
    proposed = _same_day_in(end, end.year + years)
    while proposed <= term_start:  # a conference held a whole cycle late
        proposed = _same_day_in(end, proposed.year + years)
    return proposed


def _same_day_in(day, year):
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)


class PositionQuerySet(models.QuerySet):
    # name, kind, level, rank — the usual positions; migration 0003 seeded the same list.
    STANDARD = [
        ("Chủ tịch", "head", "commune", 10),
        ("Phó Chủ tịch", "deputy", "commune", 20),
        ("Ủy viên Ban Thường trực", "standing", "commune", 30),
        ("Ủy viên", "member", "commune", 40),
        ("Trưởng ban", "head", "residential", 10),
        ("Phó Trưởng ban", "deputy", "residential", 20),
        ("Thành viên", "member", "residential", 40),
    ]

    def ensure_standard(self):
        """Create the usual positions that are missing (a wiped database, a demo on a fresh copy)."""
        for name, kind, level, rank in self.STANDARD:
            self.get_or_create(name=name, defaults={"kind": kind, "level": level, "rank": rank})
        return self


class Position(models.Model):
    """A position in a committee, ordered by rank: Chủ tịch, Phó Chủ tịch … Thành viên."""

    class Kind(models.TextChoices):
        HEAD = "head", _("người đứng đầu")
        DEPUTY = "deputy", _("cấp phó")
        STANDING = "standing", _("ủy viên thường trực")
        MEMBER = "member", _("ủy viên, thành viên")

    name = models.CharField(_("tên chức danh"), max_length=80, unique=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.MEMBER)
    level = models.CharField(
        _("dùng cho"),
        max_length=12,
        choices=FrontCommittee.Level.choices,
        blank=True,
        help_text=_("Bỏ trống nếu dùng cho mọi cấp"),
    )
    rank = models.PositiveSmallIntegerField(_("thứ tự"), default=100, help_text=_("Số nhỏ đứng trước"))

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("chức danh")
        verbose_name_plural = _("chức danh")
        ordering = ["rank", "name"]

    def __str__(self):
        return self.name

    @property
    def is_leading(self):
        """Head or deputy: the people the directory shows."""
        return self.kind in (self.Kind.HEAD, self.Kind.DEPUTY)

    @property
    def on_standing_board(self):
        return self.kind in (self.Kind.HEAD, self.Kind.DEPUTY, self.Kind.STANDING)


def validate_photo(uploaded):
    if getattr(uploaded, "normalized", False):
        return  # made by normalized_photo from an upload it already decoded and checked
    validate_image_upload(uploaded)


DOCUMENT_TYPES = {".pdf", ".docx"}
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


def validate_conference_document(uploaded):
    """Conference documents are PDF or DOCX, checked by content, at most 20 MB."""
    validate_document_upload(uploaded, allowed=DOCUMENT_TYPES, max_bytes=DOCUMENT_MAX_BYTES)


class PersonQuerySet(CommuneScopedQuerySet):
    def search(self, query):
        """Name search with or without diacritics: `nguyen thi` finds `Nguyễn Thị Hoa`."""
        folded = fold(query)
        return self.filter(search_text__contains=folded) if folded else self


class Person(models.Model):
    class Gender(models.TextChoices):
        MALE = "male", _("Nam")
        FEMALE = "female", _("Nữ")

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="people", verbose_name=_("xã, phường")
    )
    full_name = models.CharField(_("họ và tên"), max_length=120)
    search_text = models.CharField(max_length=200, blank=True, editable=False, db_index=True)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    ethnicity = models.CharField(_("dân tộc"), max_length=40, default="Kinh")
    religion = models.CharField(
        _("tôn giáo"), max_length=60, blank=True, help_text=_("Bỏ trống nếu không theo tôn giáo")
    )
    party_member = models.BooleanField(_("đảng viên"), default=False)
    occupation = models.CharField(_("chức vụ, nghề nghiệp"), max_length=160, blank=True)
    photo = models.ImageField(
        _("ảnh chân dung"), upload_to=RandomName("people"), blank=True, validators=[validate_photo]
    )
    photo_original_name = models.CharField(
        _("tên tệp gốc của ảnh"), max_length=255, blank=True, editable=False
    )
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    contact_public = models.BooleanField(
        _("công khai điện thoại, thư điện tử"),
        default=False,
        help_text=_("Chỉ khi người này đồng ý, số điện thoại và thư điện tử mới hiện trên trang công khai"),
    )

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("người")
        verbose_name_plural = _("danh sách người")
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_text = fold(self.full_name)
        super().save(*args, **kwargs)

    def clean(self):
        this_year = timezone.localdate().year
        if self.birth_year and not (this_year - 110 <= self.birth_year <= this_year - 15):
            raise ValidationError({"birth_year": _("Năm sinh không hợp lý.")})

    def age_in(self, year):
        return year - self.birth_year if self.birth_year else None

    @property
    def initial(self):
        """First letter of the given name, for a portrait placeholder: `Nguyễn Thị Hoa` → `H`."""
        words = self.full_name.split()
        return words[-1][:1].upper() if words else ""

    @property
    def public_phone(self):
        return self.phone if self.contact_public else ""

    @property
    def public_email(self):
        return self.email if self.contact_public else ""

    @property
    def is_ethnic_minority(self):
        return bool(self.ethnicity) and fold(self.ethnicity) != "kinh"


class MembershipQuerySet(CommuneScopedQuerySet):
    commune_lookup = "term__committee__commune"

    def on(self, day=None):
        """Memberships held on the given day (today by default) in a running term."""
        day = day or timezone.localdate()
        return (
            self.filter(since__lte=day)
            .filter(models.Q(until__isnull=True) | models.Q(until__gte=day))
            .filter(term__in=Term.objects.running(day))
        )

    def open(self):
        return self.filter(until__isnull=True)

    def for_display(self):
        return self.select_related("person", "position").order_by("position__rank", "person__full_name")


class Membership(models.Model):
    """A person holding a position in a term of a committee, from/until given dates."""

    term = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("nhiệm kỳ")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("người")
    )
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="+", verbose_name=_("chức danh")
    )
    organisation = models.CharField(
        _("đại diện tổ chức"), max_length=160, blank=True, help_text=_("Ví dụ: Chi hội Phụ nữ thôn")
    )
    since = models.DateField(_("từ ngày"), blank=True)
    until = models.DateField(_("đến ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên nhiệm kỳ")
        verbose_name_plural = _("thành viên nhiệm kỳ")
        ordering = ["term", "position__rank", "person__full_name"]

    def __str__(self):
        return f"{self.person} — {self.position}"

    def clean(self):
        if self.term_id and not self.since:
            self.since = self.term.start_date
        if self.since and self.until and self.until < self.since:
            raise ValidationError({"until": _("Ngày thôi giữ chức phải sau ngày bắt đầu.")})
        if (
            self.term_id
            and self.since
            and not (self.term.start_date <= self.since <= self.term.effective_end)
        ):
            raise ValidationError({"since": _("Ngày bắt đầu phải nằm trong nhiệm kỳ.")})
        if self.term_id and self.position_id and self.position.kind == Position.Kind.HEAD:
            self.check_single_head()

    def save(self, *args, **kwargs):
        if self.since is None:
            # Left blank in a form: a member serves from the start of the term.
            self.since = self.term.start_date
        super().save(*args, **kwargs)

    def check_single_head(self):
        """One head (Chủ tịch, Trưởng ban) per committee per term at any one time."""
        far = datetime.date.max
        others = Membership.objects.filter(term_id=self.term_id, position__kind=Position.Kind.HEAD).exclude(
            pk=self.pk
        )
        for other in others.select_related("person", "position"):
            if other.since <= (self.until or far) and (self.since or self.term.start_date) <= (
                other.until or far
            ):
                raise ValidationError(
                    _("%(person)s đang là %(position)s của nhiệm kỳ này; mỗi ban chỉ có một người đứng đầu.")
                    % {"person": other.person.full_name, "position": other.position.name}
                )

    def is_current_on(self, day):
        return (
            self.since <= day and (self.until is None or self.until >= day) and self.term.is_current_on(day)
        )


class ConferenceQuerySet(CommuneScopedQuerySet):
    commune_lookup = "committee__commune"

    def for_listing(self):
        return self.select_related("committee__commune", "committee__area__commune", "term").order_by(
            "-starts_at"
        )

    def search(self, query):
        folded = fold(query)
        return self.filter(search_text__contains=folded) if folded else self

    def held(self):
        """What was held: an announced meeting is never counted or listed as recent."""
        return self.filter(status=ConferenceStatus.HELD)

    def announced(self):
        return self.filter(status=ConferenceStatus.ANNOUNCED)

    def upcoming(self, now=None):
        """Announced meetings from today on, soonest first."""
        today = timezone.localtime(now or timezone.now()).replace(hour=0, minute=0, second=0, microsecond=0)
        return self.announced().filter(starts_at__gte=today).order_by("starts_at")


# The figures a conference reports, each within lib.bounds.MAX_COUNT.
COUNT_FIELDS = [
    "attendees_count",
    "delegates_convened",
    "delegates_present",
    "sessions_count",
    "areas_taking_part",
    "areas_total",
    "speakers_count",
    "opinions_count",
]


class Conference(models.Model):
    class Kind(models.TextChoices):
        TERM = "term", _("Hội nghị nhiệm kỳ Ban công tác Mặt trận")
        CONGRESS = "congress", _("Đại hội đại biểu")
        MID_YEAR = "mid_year", _("Hội nghị sơ kết 6 tháng")
        YEAR_END = "year_end", _("Hội nghị tổng kết năm")
        DIALOGUE = "dialogue", _("Hội nghị đối thoại")
        VOTERS = "voters", _("Tiếp xúc cử tri")
        COMMITTEE = "committee", _("Hội nghị Ủy ban")
        ROLLOUT = "rollout", _("Hội nghị triển khai")
        LAUNCH = "launch", _("Lễ ra mắt")
        CAMPAIGN_LAUNCH = "campaign", _("Lễ phát động")

    # Announced, then held: the fields of an announcement and of the Front's partners live in
    # congresses/events.py with the coverage of a round of meetings.
    Status = ConferenceStatus
    PartOfDay = PartOfDay
    Organiser = Organiser

    committee = models.ForeignKey(
        FrontCommittee,
        on_delete=models.PROTECT,
        related_name="conferences",
        verbose_name=_("ban, ủy ban tổ chức"),
    )
    term = models.ForeignKey(
        Term,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conferences",
        verbose_name=_("nhiệm kỳ"),
    )
    kind = models.CharField(_("loại hội nghị"), max_length=12, choices=Kind.choices)
    title = models.CharField(
        _("tên hội nghị"), max_length=255, blank=True, help_text=_("Bỏ trống để tự đặt tên")
    )
    slug = models.SlugField(_("đường dẫn"), max_length=200, unique=True, blank=True, editable=False)
    search_text = models.CharField(max_length=400, blank=True, editable=False)
    ordinal = models.PositiveSmallIntegerField(_("lần thứ"), null=True, blank=True)
    starts_at = models.DateTimeField(_("thời gian"))
    venue = models.CharField(_("địa điểm"), max_length=255, blank=True)
    guests = models.TextField(_("đại biểu khách mời"), blank=True)
    attendees_count = models.PositiveIntegerField(
        _("số người dự"), null=True, blank=True, validators=[bounds.CountLimit()]
    )
    sessions_count = models.PositiveIntegerField(
        _("số cuộc"),
        null=True,
        blank=True,
        help_text=_("Với tiếp xúc cử tri tổ chức nhiều cuộc"),
        validators=[bounds.CountLimit()],
    )
    areas_taking_part = models.PositiveSmallIntegerField(
        _("số khu dân cư tham gia"),
        null=True,
        blank=True,
        validators=[bounds.CountLimit(), MaxValueValidator(bounds.MAX_AREAS, bounds.AREAS_TOO_MANY)],
    )
    areas_total = models.PositiveSmallIntegerField(
        _("tổng số khu dân cư"),
        null=True,
        blank=True,
        validators=[bounds.CountLimit(), MaxValueValidator(bounds.MAX_AREAS, bounds.AREAS_TOO_MANY)],
    )
    speakers_count = models.PositiveIntegerField(
        _("số người phát biểu"), null=True, blank=True, validators=[bounds.CountLimit()]
    )
    opinions_count = models.PositiveIntegerField(
        _("số ý kiến"), null=True, blank=True, validators=[bounds.CountLimit()]
    )
    summary = models.TextField(_("nội dung, kết quả"), blank=True)
    status = models.CharField(
        _("tình trạng"),
        max_length=10,
        choices=ConferenceStatus.choices,
        default=ConferenceStatus.HELD,
        editable=False,
    )
    part_of_day = models.CharField(
        _("buổi"),
        max_length=6,
        choices=PartOfDay.choices,
        blank=True,
        help_text=_("Khi thông báo chỉ ghi buổi (sáng, chiều, tối), không ghi giờ"),
    )
    invited = models.TextField(_("thành phần mời"), blank=True)
    to_bring = models.TextField(_("đề nghị mang theo"), blank=True)
    organiser = models.CharField(
        _("cơ quan chủ trì"),
        max_length=8,
        choices=Organiser.choices,
        blank=True,
        help_text=_("Bỏ trống khi Mặt trận chủ trì; khi cơ quan khác chủ trì, Mặt trận phối hợp tổ chức"),
    )
    organiser_name = models.CharField(
        _("tên cơ quan chủ trì"),
        max_length=160,
        blank=True,
        help_text=_("Bỏ trống để tự ghi, ví dụ: Đảng ủy xã; ghi khi chọn “Cơ quan khác”"),
    )
    delegates_convened = models.PositiveIntegerField(
        _("số đại biểu được triệu tập"), null=True, blank=True, validators=[bounds.CountLimit()]
    )
    delegates_present = models.PositiveIntegerField(
        _("số đại biểu có mặt"), null=True, blank=True, validators=[bounds.CountLimit()]
    )

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("hội nghị")
        verbose_name_plural = _("hội nghị")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=bounds.within(
                    name, bounds.MAX_AREAS if name.startswith("areas_") else bounds.MAX_COUNT
                ),
                name=f"conference_{name}_bounded",
            )
            for name in COUNT_FIELDS
        ]

    def __str__(self):
        return self.title or self.default_title()

    def default_title(self):
        """`Hội nghị Ban công tác Mặt trận thôn Đông nhiệm kỳ 2024–2026` and the like."""
        committee = self.committee.name if self.committee_id else ""
        # The term a meeting is held in, by its years: the label would repeat the ordinal.
        term = f" nhiệm kỳ {self.term.years}" if self.term_id else ""
        ordinal = f" lần thứ {roman(self.ordinal)}" if self.ordinal else ""
        elected = self._elected_term_words()
        when = self.starts_at
        year = (timezone.localtime(when) if timezone.is_aware(when) else when).year if when else ""
        names = {
            self.Kind.TERM: f"Hội nghị {committee}{elected}",
            self.Kind.CONGRESS: f"Đại hội đại biểu MTTQ Việt Nam {self.committee.commune.full_name if self.committee_id else ''}{elected}",
            self.Kind.MID_YEAR: f"Hội nghị sơ kết công tác Mặt trận 6 tháng đầu năm {year} của {committee}",
            self.Kind.YEAR_END: f"Hội nghị tổng kết công tác Mặt trận năm {year} của {committee}",
            self.Kind.DIALOGUE: f"Hội nghị đối thoại của {committee}",
            self.Kind.VOTERS: f"Tiếp xúc cử tri do {committee} tổ chức",
            self.Kind.COMMITTEE: f"Hội nghị {committee}{ordinal}{term}",
        }
        return " ".join(names.get(self.kind, committee).split())

    def _elected_term_words(self):
        """` lần thứ XIII, nhiệm kỳ 2024–2029`: a congress or term conference is named after the
        term it elects (its consultation's), never the outgoing one it is held in."""
        consultation = None
        if self.pk:
            consultation = Consultation.objects.filter(conference_id=self.pk).first()
        number = (consultation.congress_ordinal if consultation else None) or self.ordinal
        words = f" lần thứ {roman(number)}" if number and self.kind == self.Kind.CONGRESS else ""
        years = consultation.term_years if consultation else self._expected_term_years()
        if years:
            words += f"{',' if words else ''} nhiệm kỳ {years}"
        return words

    def _expected_term_years(self):
        """Before its consultation is entered: the term the conference will elect, from the
        conference day and the outgoing term's cycle (`2024–2027` after 2021–2024)."""
        if not (self.committee_id and self.starts_at):
            return ""
        when = timezone.localtime(self.starts_at) if timezone.is_aware(self.starts_at) else self.starts_at
        start = when.date()
        previous = self.committee.terms.filter(start_date__lt=start).order_by("-start_date").first()
        return f"{start.year}–{proposed_term_end(self.committee, previous, start).year}"

    def clean(self):
        if self.term_id and self.committee_id and self.term.committee_id != self.committee_id:
            raise ValidationError({"term": _("Nhiệm kỳ này thuộc ban khác.")})
        if self.organiser == Organiser.OTHER and not self.organiser_name.strip():
            raise ValidationError({"organiser_name": _("Hãy ghi tên cơ quan chủ trì.")})
        if self.organiser_name.strip() and not self.organiser:
            raise ValidationError({"organiser": _("Hãy chọn cơ quan chủ trì, hoặc bỏ trống tên cơ quan.")})
        present, convened = self.delegates_present, self.delegates_convened
        if present is not None and convened is not None and present > convened:
            raise ValidationError(
                {"delegates_present": _("Số đại biểu có mặt không thể lớn hơn số đại biểu được triệu tập.")}
            )
        taking_part, total = self.areas_taking_part, self.areas_total
        if taking_part is not None and total is not None and taking_part > total:
            raise ValidationError(
                {"areas_taking_part": _("Số khu dân cư tham gia không thể lớn hơn tổng số khu dân cư.")}
            )

    def save(self, *args, **kwargs):
        if self.part_of_day and self.starts_at:
            self.starts_at = self._at_part_of_day()
        if not self.title:
            self.title = self.default_title()
        if not self.slug:
            self.slug = self._unique_slug()
        self.search_text = fold(f"{self.title} {self.venue}")
        super().save(*args, **kwargs)

    def _unique_slug(self):
        day = timezone.localtime(self.starts_at) if timezone.is_aware(self.starts_at) else self.starts_at
        title = self.title.replace("–", " ").replace("—", " ")
        return unique_slug(Conference.objects.all(), f"{title} {day:%d-%m-%Y}", 184, exclude_pk=self.pk)

    def get_absolute_url(self):
        return reverse("congresses:conference", kwargs={"slug": self.slug})

    def _at_part_of_day(self):
        """The day at the hour its part of the day is filed under (sáng: 7h30)."""
        when = self.starts_at
        aware = timezone.is_aware(when)
        local = timezone.localtime(when) if aware else when
        day = datetime.datetime.combine(local.date(), PART_HOURS[self.part_of_day])
        return timezone.make_aware(day) if aware else day

    @property
    def is_announced(self):
        return self.status == ConferenceStatus.ANNOUNCED

    @property
    def when(self):
        """`sáng 12/11/2026` when only the part of the day is known, else `8h00, ngày 12/11/2026`."""
        local = timezone.localtime(self.starts_at) if timezone.is_aware(self.starts_at) else self.starts_at
        if self.part_of_day:
            return f"{self.get_part_of_day_display().lower()} {local:%d/%m/%Y}"
        return f"{local:%H}h{local:%M}, ngày {local:%d/%m/%Y}"

    @property
    def organiser_label(self):
        """`Đảng ủy xã`, or the name staff typed; "" when the Front chairs its own meeting."""
        if not self.organiser:
            return ""
        if self.organiser_name.strip():
            return self.organiser_name.strip()
        kind = self.committee.commune.get_kind_display().lower() if self.committee_id else ""
        return f"{ORGANISER_WORDS.get(self.organiser, '')} {kind}".strip()

    @property
    def organisers(self):
        """`Đảng ủy xã chủ trì, Ủy ban MTTQ xã phối hợp tổ chức`, or the Front's committee alone."""
        if not self.committee_id:
            return ""
        committee = self.committee
        if committee.level == FrontCommittee.Level.COMMUNE:
            front = f"Ủy ban MTTQ {committee.commune.get_kind_display().lower()}"
        else:
            front = committee.name
        if not self.organiser:
            return committee.name
        return f"{self.organiser_label} chủ trì, {front} phối hợp tổ chức"

    @property
    def delegates_share(self):
        """`95/100 đại biểu`: present out of convened."""
        if self.delegates_present is None or not self.delegates_convened:
            return ""
        return f"{self.delegates_present}/{self.delegates_convened}"

    @property
    def areas_share(self):
        """`7/7 thôn`: the number of areas that took part out of all of them."""
        if self.areas_taking_part is None or not self.areas_total:
            return ""
        return f"{self.areas_taking_part}/{self.areas_total}"

    @property
    def elects_committee(self):
        return self.kind in (self.Kind.TERM, self.Kind.CONGRESS)


class ConferenceDocument(models.Model):
    class Kind(models.TextChoices):
        REPORT = "report", _("Báo cáo kết quả nhiệm kỳ")
        DIRECTIONS = "directions", _("Phương hướng, nhiệm vụ")
        RESOLUTION = "resolution", _("Nghị quyết")
        MINUTES = "minutes", _("Biên bản")
        OTHER = "other", _("Tài liệu khác")

    conference = models.ForeignKey(
        Conference, on_delete=models.PROTECT, related_name="documents", verbose_name=_("hội nghị")
    )
    kind = models.CharField(_("loại tài liệu"), max_length=12, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("tên tài liệu"), max_length=255, blank=True)
    file = models.FileField(
        _("tệp (PDF, DOCX)"), upload_to=RandomName("documents"), validators=[validate_conference_document]
    )
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True, editable=False)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), default=0, editable=False)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("tài liệu hội nghị")
        verbose_name_plural = _("tài liệu hội nghị")
        ordering = ["conference", "kind", "pk"]

    def __str__(self):
        return self.title or self.get_kind_display()

    def save(self, *args, **kwargs):
        # A fresh upload still carries the user's file name; keep it as data before RandomName renames it.
        if self.file and not self.file._committed:
            self.original_name = os.path.basename(self.file.name)[:255]
            self.size = self.file.size or 0
        if not self.title:
            self.title = self.get_kind_display()
        super().save(*args, **kwargs)

    @property
    def extension(self):
        return os.path.splitext(self.original_name or self.file.name)[1].lstrip(".").upper()

    def download_name(self):
        return self.original_name or os.path.basename(self.file.name)

    def get_absolute_url(self):
        return reverse("congresses:document", kwargs={"pk": self.pk})


class Consultation(models.Model):
    """Hiệp thương at a conference: the slate agreed for a new term and the delegates sent on."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang dự kiến")
        CONFIRMED = "confirmed", _("Đã xác nhận")

    conference = models.OneToOneField(
        Conference, on_delete=models.PROTECT, related_name="consultation", verbose_name=_("hội nghị")
    )
    term_start = models.DateField(_("nhiệm kỳ mới bắt đầu"))
    term_end = models.DateField(_("nhiệm kỳ mới kết thúc (dự kiến)"))
    congress_ordinal = models.PositiveSmallIntegerField(
        _("đại hội lần thứ"), null=True, blank=True, help_text=_("Để trống với Ban công tác Mặt trận")
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    new_term = models.OneToOneField(
        Term,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="consultation",
        verbose_name=_("nhiệm kỳ được lập"),
    )
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True, editable=False)
    confirmed_by = recorded_by(_("người xác nhận"))
    note = models.TextField(_("ghi chú"), blank=True)
    stated_delegates = models.PositiveSmallIntegerField(
        _("số đại biểu đi dự đại hội (theo biên bản)"),
        null=True,
        blank=True,
        validators=[bounds.CountLimit()],
        help_text=_("Khi chưa nhập tên từng đại biểu, ví dụ: 6. Khi đã nhập tên, số được tính từ danh sách."),
    )

    history = HistoricalRecords()

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("kết quả hiệp thương")
        verbose_name_plural = _("kết quả hiệp thương")
        ordering = ["-conference__starts_at"]
        permissions = [("confirm_consultation", _("Có thể xác nhận kết quả hiệp thương"))]

    def __str__(self):
        return f"Hiệp thương — {self.conference}"

    @property
    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED

    @property
    def term_years(self):
        return f"{self.term_start.year}–{self.term_end.year}" if self.term_start and self.term_end else ""

    def delegates_count(self):
        """(count, stated count when it differs), from the prefetched delegates where entered."""
        entered = len(self.delegates.all())
        if not entered:
            return self.stated_delegates, None
        differs = self.stated_delegates if self.stated_delegates not in (None, entered) else None
        return entered, differs

    def clean(self):
        if self.term_start and self.term_end and self.term_end <= self.term_start:
            raise ValidationError({"term_end": _("Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.")})
        if self.conference_id and not self.conference.elects_committee:
            raise ValidationError(
                {"conference": _("Chỉ hội nghị nhiệm kỳ hoặc đại hội mới hiệp thương cử ban mới.")}
            )


class SlateEntry(models.Model):
    """One person agreed for one position of the new term, with the share that agreed."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="slate", verbose_name=_("hiệp thương")
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("người"))
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="+", verbose_name=_("chức danh")
    )
    organisation = models.CharField(_("đại diện tổ chức"), max_length=160, blank=True)
    votes_for = models.PositiveIntegerField(
        _("số đồng ý"), null=True, blank=True, validators=[bounds.CountLimit()]
    )
    votes_total = models.PositiveIntegerField(
        _("tổng số biểu quyết"), null=True, blank=True, validators=[bounds.CountLimit()]
    )
    agreement_percent = models.PositiveSmallIntegerField(
        _("tỷ lệ đồng ý (%)"),
        null=True,
        blank=True,
        help_text=_("Điền khi không có số phiếu"),
        validators=[bounds.CountLimit(), MaxValueValidator(100, _("Tỷ lệ đồng ý không thể vượt 100%%."))],
    )

    history = HistoricalRecords()

    objects = ConsultationPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("người được hiệp thương")
        verbose_name_plural = _("danh sách hiệp thương")
        ordering = ["consultation", "position__rank", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "person"], name="one_slate_entry_per_person"),
            models.CheckConstraint(
                condition=bounds.within("votes_for", bounds.MAX_COUNT), name="slate_votes_for_bounded"
            ),
            models.CheckConstraint(
                condition=bounds.within("votes_total", bounds.MAX_COUNT), name="slate_votes_total_bounded"
            ),
            models.CheckConstraint(
                condition=bounds.within("agreement_percent", 100), name="slate_agreement_percent_bounded"
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.position}"

    def clean(self):
        if (self.votes_for is None) != (self.votes_total is None):
            raise ValidationError(_("Hãy điền cả số đồng ý và tổng số biểu quyết, hoặc bỏ trống cả hai."))
        if self.votes_for is not None and self.votes_for > self.votes_total:
            raise ValidationError({"votes_for": _("Số đồng ý không thể lớn hơn tổng số biểu quyết.")})
        if self.agreement_percent is not None and self.agreement_percent > 100:
            raise ValidationError({"agreement_percent": _("Tỷ lệ đồng ý không thể vượt 100%.")})

    @property
    def agreement(self):
        """Whole-number percentage that agreed, from the votes when known."""
        if self.votes_total:
            return percent(self.votes_for, self.votes_total)
        return self.agreement_percent


class Delegate(models.Model):
    """A person sent by the conference to the commune congress (đại biểu đi dự Đại hội)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="delegates", verbose_name=_("hiệp thương")
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("người"))
    congress_term = models.ForeignKey(
        Term,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đi dự đại hội nhiệm kỳ"),
        help_text=_("Nhiệm kỳ của Ủy ban MTTQ xã mà đại hội bầu ra"),
    )
    congress = models.CharField(
        _("tên đại hội"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Đại hội đại biểu MTTQ Việt Nam xã Hòa Phú nhiệm kỳ 2024–2029"),
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    history = HistoricalRecords()

    objects = ConsultationPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("đại biểu đi dự đại hội")
        verbose_name_plural = _("đại biểu đi dự đại hội")
        ordering = ["consultation", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "person"], name="one_delegate_entry_per_person"),
        ]

    def __str__(self):
        return str(self.person)

    @property
    def congress_name(self):
        if self.congress:
            return self.congress
        if self.congress_term_id:
            commune = self.congress_term.committee.commune.full_name
            return f"Đại hội đại biểu MTTQ Việt Nam {commune} {self.congress_term.label}"
        return ""


# The Front's work between congresses lives in its own module; imported here so Django finds
# the models of the app in one place.
# Areas' yearly profiles and splits, congress outcomes and personnel between congresses.
from .area_profiles import AreaProfile, AreaSuccession  # noqa: E402, F401
from .events import MeetingRound  # noqa: E402, F401
from .festivals import FestivalArea, UnityFestival  # noqa: E402, F401
from .opinions import Opinion, VoterMeeting  # noqa: E402, F401
from .outcomes import CongressAward, DocumentApproval, TermSummaryItem  # noqa: E402, F401
from .personnel import CandidateRound, ConcurrentRole, SupplementaryConsultation  # noqa: E402, F401
from .plans import ActivityPlan, PlannedActivity  # noqa: E402, F401
from .supervision import FollowUp, Recommendation, Supervision  # noqa: E402, F401
