"""The open-data sets: what each one lists of a site's records, in a stable order, as plain rows.

A site is a commune (its own rows) or a province (the rows of every commune of it, each row
naming its commune). Every set is read one page at a time with a fixed handful of queries
(figures are summed in SQL per page), and no row carries what the records keep private: a
committee member's phone and e-mail appear only where `Person.contact_public` says so, and
their birth year, ethnicity, religion and party membership never do.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, Contribution, Indicator, Target
from congresses.models import Commune, Conference, FrontCommittee, Membership, ResidentialArea, Term
from lib.vietnamese import percent
from news.models import Post


@dataclass(frozen=True)
class Site:
    """The site a request is for: one commune, or a province with all its communes."""

    commune: Commune | None = None
    province: object = None

    @property
    def key(self):
        return f"xa-{self.commune.pk}" if self.commune else f"tinh-{self.province.pk}"

    @property
    def slug(self):
        return (self.commune or self.province).slug

    def q(self, lookup):
        """A filter keeping the rows whose commune (reached by `lookup`) belongs to this site."""
        if self.commune is not None:
            return Q(**{lookup: self.commune.pk})
        return Q(**{f"{lookup}__province": self.province.pk})


def _iso(value):
    if value is None:
        return None
    if hasattr(value, "hour") and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.isoformat()


def _commune(commune):
    return commune.full_name if commune else ""


class Dataset:
    """One set: `slug` in the URL, `columns` [(key, CSV heading)], `queryset(site)` in its
    stable order, and `rows(objects, site, link)` turning one page of objects into dicts."""

    slug = ""
    title = ""
    description = ""
    columns = []

    def queryset(self, site):
        raise NotImplementedError

    def rows(self, objects, site, link):
        raise NotImplementedError

    def csv_rows(self, rows):
        """Rows as CSV lines, in `columns` order (nested sets flatten themselves)."""
        keys = [key for key, _label in self.columns]
        for row in rows:
            yield [row.get(key) for key in keys]


class Communes(Dataset):
    slug = "xa-phuong"
    title = _("Xã, phường")
    description = _("Các xã, phường của trang (trang tỉnh: mọi xã, phường của tỉnh), kể cả xã đã sáp nhập.")
    columns = [
        ("id", _("Mã")),
        ("name", _("Tên")),
        ("kind", _("Cấp")),
        ("slug", _("Đường dẫn")),
        ("url", _("Địa chỉ trang")),
        ("merged_into_id", _("Đã sáp nhập vào (mã)")),
    ]

    def queryset(self, site):
        communes = (
            Commune.objects.filter(pk=site.commune.pk) if site.commune else site.province.communes.all()
        )
        return communes.order_by("name", "pk")

    def rows(self, objects, site, link):
        return [
            {
                "id": commune.pk,
                "name": commune.full_name,
                "kind": commune.get_kind_display(),
                "slug": commune.slug,
                "url": link(commune, "/"),
                "merged_into_id": getattr(commune, "merged_into_id", None),
            }
            for commune in objects
        ]


class Campaigns(Dataset):
    slug = "cuoc-van-dong"
    title = _("Cuộc vận động")
    description = _("Các cuộc vận động, phong trào đã công khai (không có bản nháp).")
    columns = [
        ("id", _("Mã")),
        ("commune", _("Xã, phường")),
        ("name", _("Tên")),
        ("kind", _("Loại")),
        ("status", _("Trạng thái")),
        ("start_date", _("Bắt đầu")),
        ("end_date", _("Kết thúc")),
        ("url", _("Địa chỉ trang")),
    ]

    def queryset(self, site):
        return (
            Campaign.objects.public()
            .filter(site.q("commune"))
            .select_related("commune")
            .order_by("-start_date", "-pk")
        )

    def rows(self, objects, site, link):
        return [
            {
                "id": c.pk,
                "commune": _commune(c.commune),
                "name": c.name,
                "kind": c.get_kind_display(),
                "status": c.get_status_display(),
                "start_date": _iso(c.start_date),
                "end_date": _iso(c.end_date),
                "url": link(c.commune, c.get_absolute_url()),
            }
            for c in objects
        ]


def _sums(indicator_ids, *group):
    """{(group values…): (amount, quantity, entries)} of the countable contributions, in SQL."""
    if not indicator_ids:
        return {}
    rows = (
        Contribution.objects.countable()
        .filter(indicator_id__in=indicator_ids)
        .values(*group)
        .annotate(a=Coalesce(Sum("amount"), 0), q=Coalesce(Sum("quantity"), 0), n=Count("id"))
        .order_by()
    )
    return {tuple(row[name] for name in group): (row["a"], row["q"], row["n"]) for row in rows}


def _figures(indicator, target, sums):
    amount, quantity, entries = sums or (0, 0, 0)
    achieved = amount if indicator.is_money else quantity
    return {
        "target": target,
        "achieved": achieved,
        "percent": percent(achieved, target) if target else None,
        "entries": entries,
    }


def _public_indicators(site):
    return Indicator.objects.filter(campaign__in=Campaign.objects.public().filter(site.q("commune")))


class Indicators(Dataset):
    slug = "chi-tieu"
    title = _("Chỉ tiêu và kết quả")
    description = _(
        "Mỗi chỉ tiêu của các cuộc vận động đã công khai: mức chỉ tiêu chung của xã, kết quả đạt được "
        "(tiền tính bằng đồng, số lượng theo đơn vị tính), tỉ lệ phần trăm và số lượt đóng góp."
    )
    columns = [
        ("id", _("Mã")),
        ("commune", _("Xã, phường")),
        ("campaign_id", _("Mã cuộc vận động")),
        ("campaign", _("Cuộc vận động")),
        ("name", _("Chỉ tiêu")),
        ("unit", _("Đơn vị")),
        ("target", _("Chỉ tiêu giao")),
        ("achieved", _("Kết quả")),
        ("percent", _("Đạt (%)")),
        ("entries", _("Số lượt đóng góp")),
    ]

    def queryset(self, site):
        return (
            _public_indicators(site)
            .select_related("campaign__commune")
            .order_by("-campaign__start_date", "campaign_id", "position", "pk")
        )

    def rows(self, objects, site, link):
        indicators = list(objects)
        ids = [indicator.pk for indicator in indicators]
        sums = _sums(ids, "indicator_id")
        targets = dict(
            Target.objects.filter(indicator_id__in=ids, area__isnull=True).values_list(
                "indicator_id", "amount"
            )
        )
        return [
            {
                "id": indicator.pk,
                "commune": _commune(indicator.campaign.commune),
                "campaign_id": indicator.campaign_id,
                "campaign": indicator.campaign.name,
                "name": indicator.name,
                "unit": indicator.unit_long,
                **_figures(indicator, targets.get(indicator.pk), sums.get((indicator.pk,))),
            }
            for indicator in indicators
        ]


class AreaResults(Dataset):
    slug = "ket-qua-khu-dan-cu"
    title = _("Kết quả theo khu dân cư")
    description = _(
        "Mỗi khu dân cư (thôn, tổ dân phố …) với chỉ tiêu được giao và kết quả của nó trong từng chỉ tiêu "
        "của các cuộc vận động đã công khai. Mỗi trang tính theo số khu dân cư; tệp CSV có một dòng cho "
        "mỗi khu dân cư và chỉ tiêu."
    )
    columns = [
        ("area_id", _("Mã khu dân cư")),
        ("commune", _("Xã, phường")),
        ("area", _("Khu dân cư")),
        ("indicator_id", _("Mã chỉ tiêu")),
        ("campaign", _("Cuộc vận động")),
        ("indicator", _("Chỉ tiêu")),
        ("unit", _("Đơn vị")),
        ("target", _("Chỉ tiêu giao")),
        ("achieved", _("Kết quả")),
        ("percent", _("Đạt (%)")),
        ("entries", _("Số lượt đóng góp")),
    ]

    def queryset(self, site):
        return (
            ResidentialArea.objects.current()
            .filter(site.q("commune"))
            .select_related("commune")
            .order_by("commune__name", "commune_id", "position", "name", "pk")
        )

    def rows(self, objects, site, link):
        areas = list(objects)
        commune_ids = {area.commune_id for area in areas}
        indicators = list(
            Indicator.objects.filter(
                campaign__in=Campaign.objects.public().filter(commune_id__in=commune_ids)
            )
            .select_related("campaign")
            .order_by("-campaign__start_date", "campaign_id", "position", "pk")
        )
        ids = [indicator.pk for indicator in indicators]
        area_ids = [area.pk for area in areas]
        sums = _sums(ids, "indicator_id", "area_id")
        targets = {
            (indicator_id, area_id): amount
            for indicator_id, area_id, amount in Target.objects.filter(
                indicator_id__in=ids, area_id__in=area_ids
            ).values_list("indicator_id", "area_id", "amount")
        }
        rows = []
        for area in areas:
            results = []
            for indicator in indicators:
                key = (indicator.pk, area.pk)
                if indicator.campaign.commune_id != area.commune_id or (
                    key not in sums and key not in targets
                ):
                    continue
                results.append(
                    {
                        "indicator_id": indicator.pk,
                        "campaign": indicator.campaign.name,
                        "indicator": indicator.name,
                        "unit": indicator.unit_long,
                        **_figures(indicator, targets.get(key), sums.get(key)),
                    }
                )
            rows.append(
                {
                    "area_id": area.pk,
                    "commune": _commune(area.commune),
                    "area": area.full_name,
                    "results": results,
                }
            )
        return rows

    def csv_rows(self, rows):
        keys = [key for key, _label in self.columns]
        for row in rows:
            for result in row["results"]:
                line = {**row, **result}
                yield [line.get(key) for key in keys]


class Conferences(Dataset):
    slug = "hoi-nghi"
    title = _("Hội nghị, đại hội")
    description = _("Các hội nghị, đại hội của Ủy ban MTTQ xã và các Ban công tác Mặt trận, mới nhất trước.")
    columns = [
        ("id", _("Mã")),
        ("commune", _("Xã, phường")),
        ("committee", _("Ban, ủy ban")),
        ("kind", _("Loại")),
        ("title", _("Tên hội nghị")),
        ("starts_at", _("Thời gian")),
        ("venue", _("Địa điểm")),
        ("attendees_count", _("Số người dự")),
        ("areas_taking_part", _("Số khu dân cư tham gia")),
        ("areas_total", _("Tổng số khu dân cư")),
        ("opinions_count", _("Số ý kiến")),
        ("url", _("Địa chỉ trang")),
    ]

    def queryset(self, site):
        return (
            Conference.objects.filter(site.q("committee__commune"))
            .select_related("committee__commune", "committee__area")
            .order_by("-starts_at", "-pk")
        )

    def rows(self, objects, site, link):
        return [
            {
                "id": c.pk,
                "commune": _commune(c.committee.commune),
                "committee": c.committee.name,
                "kind": c.get_kind_display(),
                "title": c.title,
                "starts_at": _iso(c.starts_at),
                "venue": c.venue,
                "attendees_count": c.attendees_count,
                "areas_taking_part": c.areas_taking_part,
                "areas_total": c.areas_total,
                "opinions_count": c.opinions_count,
                "url": link(c.committee.commune, c.get_absolute_url()),
            }
            for c in objects
        ]


class Committees(Dataset):
    slug = "uy-ban"
    title = _("Ủy ban, Ban công tác Mặt trận")
    description = _("Ủy ban MTTQ xã và các Ban công tác Mặt trận khu dân cư, với nhiệm kỳ đang diễn ra.")
    columns = [
        ("id", _("Mã")),
        ("commune", _("Xã, phường")),
        ("level", _("Cấp")),
        ("name", _("Tên")),
        ("area_id", _("Mã khu dân cư")),
        ("term", _("Nhiệm kỳ hiện tại")),
        ("term_start", _("Nhiệm kỳ bắt đầu")),
        ("term_end", _("Nhiệm kỳ kết thúc (dự kiến)")),
    ]

    def queryset(self, site):
        return (
            FrontCommittee.objects.filter(site.q("commune"))
            .select_related("commune", "area")
            .order_by("commune__name", "commune_id", "-level", "area__position", "area__name", "pk")
        )

    def rows(self, objects, site, link):
        committees = list(objects)
        running = {}
        for term in (
            Term.objects.running().filter(committee__in=committees).order_by("committee_id", "-start_date")
        ):
            running.setdefault(term.committee_id, term)
        rows = []
        for committee in committees:
            term = running.get(committee.pk)
            rows.append(
                {
                    "id": committee.pk,
                    "commune": _commune(committee.commune),
                    "level": committee.get_level_display(),
                    "name": committee.name,
                    "area_id": committee.area_id,
                    "term": term.label if term else None,
                    "term_start": _iso(term.start_date) if term else None,
                    "term_end": _iso(term.end_date) if term else None,
                }
            )
        return rows


class Members(Dataset):
    slug = "thanh-vien"
    title = _("Thành viên đương nhiệm")
    description = _(
        "Người đang giữ chức danh trong nhiệm kỳ hiện tại của mỗi ban, ủy ban. Điện thoại và thư điện "
        "tử chỉ có khi người đó đồng ý công khai; năm sinh, dân tộc, tôn giáo không bao giờ có."
    )
    columns = [
        ("id", _("Mã")),
        ("commune", _("Xã, phường")),
        ("committee_id", _("Mã ban, ủy ban")),
        ("committee", _("Ban, ủy ban")),
        ("full_name", _("Họ và tên")),
        ("position", _("Chức danh")),
        ("organisation", _("Đại diện tổ chức")),
        ("since", _("Từ ngày")),
        ("phone", _("Điện thoại")),
        ("email", _("Thư điện tử")),
    ]

    def queryset(self, site):
        return (
            Membership.objects.on()
            .filter(site.q("term__committee__commune"))
            .select_related("person", "position", "term__committee__commune", "term__committee__area")
            .order_by(
                "term__committee__commune__name",
                "term__committee_id",
                "position__rank",
                "person__full_name",
                "pk",
            )
        )

    def rows(self, objects, site, link):
        return [
            {
                "id": m.pk,
                "commune": _commune(m.term.committee.commune),
                "committee_id": m.term.committee_id,
                "committee": m.term.committee.name,
                "full_name": m.person.full_name,
                "position": m.position.name,
                "organisation": m.organisation,
                "since": _iso(m.since),
                # The one definition of what may be shown (Person.public_phone / public_email).
                "phone": m.person.public_phone or None,
                "email": m.person.public_email or None,
            }
            for m in objects
        ]


class Posts(Dataset):
    slug = "bai-viet"
    title = _("Bài viết đã đăng")
    description = _(
        "Thông tin của các bài viết đã đăng (không có bản nháp, bài hẹn giờ chưa đến giờ): tiêu đề, sa pô, "
        "chuyên mục, tác giả, thời điểm đăng và địa chỉ; không kèm nội dung bài. Trang tỉnh có cả tin "
        "của Ủy ban MTTQ tỉnh (cột xã, phường để trống)."
    )
    columns = [
        ("id", _("Mã")),
        ("commune", _("Xã, phường")),
        ("category", _("Chuyên mục")),
        ("title", _("Tiêu đề")),
        ("lead", _("Sa pô")),
        ("author", _("Tác giả")),
        ("published_at", _("Thời điểm đăng")),
        ("conference_id", _("Mã hội nghị")),
        ("url", _("Địa chỉ bài")),
    ]

    def queryset(self, site):
        scope = site.q("category__commune")
        if site.commune is None:
            scope |= Q(category__province=site.province.pk, category__commune__isnull=True)
        return (
            Post.objects.published()
            .filter(scope)
            .select_related("category__commune", "category__province")
            .defer("body", "search_text", "search_title", "cover_renditions")
            .order_by("-published_at", "-pk")
        )

    def rows(self, objects, site, link):
        return [
            {
                "id": p.pk,
                "commune": _commune(p.category.commune),
                "category": p.category.name,
                "title": p.title,
                "lead": p.lead,
                "author": p.author,
                "published_at": _iso(p.published_at),
                "conference_id": p.conference_id,
                "url": link(p.category.commune or p.category.province, p.get_absolute_url()),
            }
            for p in objects
        ]


DATASETS = {
    dataset.slug: dataset
    for dataset in (
        Communes(),
        Campaigns(),
        Indicators(),
        AreaResults(),
        Conferences(),
        Committees(),
        Members(),
        Posts(),
    )
}
