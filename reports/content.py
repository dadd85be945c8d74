"""What a period report says, read from every app's records: numbered sections of sentences in
the seeds' words, and the annex tables that list the entries behind each figure.

A section with nothing in the period is left out (never "0 hội nghị"); the numbering follows
what is left. Campaign sentences come from `campaigns.reports` and the campaign page's own
helpers (`campaigns.aid`), so the report and the public pages say the same figures.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format

from campaigns.aid import STAGE_ORDER, HouseGroup, gifts_sentence
from campaigns.gifts import GiftBatch
from campaigns.hedges import hedges_for
from campaigns.houses import House, Stage
from campaigns.models import Campaign, Contribution
from campaigns.reports import summary_sentence
from campaigns.rounds import round_results
from congresses.events import MeetingRound
from congresses.festivals import UnityFestival
from congresses.models import Conference, Consultation, FrontCommittee, Membership, Position, roman
from congresses.opinions import Opinion, VoterMeeting
from congresses.supervision import Recommendation, Supervision
from lib.figures import total
from lib.vietnamese import format_number, percent

MONEY, COUNT, TEXT, PERCENT = "money", "count", "text", "percent"


def pad(number):
    """Reports zero-pad counts under ten: `07 hội nghị`."""
    return f"{number:02d}" if 0 <= number < 10 else format_number(number)


def lower_first(text):
    text = str(text)
    return text[:1].lower() + text[1:]


# The XLSX sheet of each annex: Excel allows 31 characters in a sheet's name.
SHEET_NAMES = [
    ("Danh sách hội nghị", "Hội nghị, đại hội"),
    ("Kết quả hiệp thương", "Hiệp thương"),
    ("Hội nghị tiếp xúc cử tri", "Tiếp xúc cử tri"),
    ("Ý kiến, kiến nghị theo lĩnh vực", "Ý kiến theo lĩnh vực"),
    ("Các cuộc giám sát", "Giám sát, phản biện"),
    ("Ngày hội Đại đoàn kết", "Ngày hội Đại đoàn kết"),
    ("Kết quả các cuộc vận động", "Vận động theo khu dân cư"),
    ("Nhà Đại đoàn kết", "Nhà Đại đoàn kết"),
    ("Các đợt trao quà", "Trao quà"),
]


def _plain(value):
    if value is None or isinstance(value, int | str | datetime.date):
        return value
    return str(value)


@dataclass
class Column:
    label: str
    kind: str = TEXT


@dataclass
class Annex:
    """One annex table: `Phụ lục 1. Danh sách hội nghị đã tổ chức`."""

    title: str
    columns: list
    rows: list
    total: list | None = None  # a last row summing the numeric columns
    note: str = ""
    short: str = ""  # the XLSX sheet's name (at most 31 characters with its "PL1 ")
    number: int = 0

    def __post_init__(self):
        if not self.short:
            self.short = next(
                (short for start, short in SHEET_NAMES if self.title.startswith(start)), self.title
            )
        # Labels are lazy translations; a spreadsheet cell and a template need plain text.
        self.rows = [[_plain(value) for value in row] for row in self.rows]
        if self.total:
            self.total = [_plain(value) for value in self.total]

    @property
    def heading(self):
        return f"Phụ lục {self.number}. {self.title}"

    @property
    def reference(self):
        return f"(chi tiết tại Phụ lục {self.number})"

    def cell_text(self, index, value):
        kind = self.columns[index].kind
        if value is None or value == "":
            return ""
        if kind in (MONEY, COUNT) and isinstance(value, int):
            return format_number(value)
        if kind == PERCENT and value is not None:
            return f"{format_number(value)}%" if isinstance(value, int) else f"{value}%"
        return str(value)

    def text_rows(self):
        """Rows as the document prints them: `8.000.000`, `38%`, blanks for unknown figures."""
        rows = [[self.cell_text(i, v) for i, v in enumerate(row)] for row in self.rows]
        if self.total:
            rows.append([self.cell_text(i, v) for i, v in enumerate(self.total)])
        return rows


@dataclass
class Item:
    title: str
    paragraphs: list = field(default_factory=list)
    number: str = ""


@dataclass
class Section:
    title: str
    paragraphs: list = field(default_factory=list)
    items: list = field(default_factory=list)
    number: str = ""


@dataclass
class ReportContent:
    sections: list
    annexes: list
    figures: dict  # the totals a test or the dashboard compares with the pages


def _annex(annexes, annex):
    annexes.append(annex)
    annex.number = len(annexes)
    return annex.reference


# --- conferences and consultations ------------------------------------------------------------


def conferences_in(commune, start, end):
    return (
        Conference.objects.for_commune(commune)
        .held()
        .filter(starts_at__date__gte=start, starts_at__date__lte=end)
        .select_related("committee__commune", "committee__area")
        .order_by("starts_at", "pk")
    )


def meeting_round_sentences(commune, start, end):
    """`07/07 thôn đã tổ chức …`: each round of the period as of its last day in the period
    (the public round page's sentence on that day)."""
    today = timezone.localdate()
    return [
        r.coverage(min(end, today)).sentence
        for r in MeetingRound.objects.for_commune(commune).touching(start, end).select_related("commune")
    ]


def _conference_section(commune, start, end, annexes, figures):
    conferences = list(conferences_in(commune, start, end))
    items = []
    if conferences:
        kinds = Counter(c.kind for c in conferences)
        labels = dict(Conference.Kind.choices)
        parts = [f"{pad(n)} {lower_first(labels[kind])}" for kind, n in kinds.most_common()]
        attendees = [c.attendees_count for c in conferences if c.attendees_count]
        sentence = f"Tổ chức {pad(len(conferences))} hội nghị, đại hội ({'; '.join(parts)})"
        if attendees:
            sentence += f", với {format_number(sum(attendees))} lượt người dự"
        term = [c for c in conferences if c.kind == Conference.Kind.TERM and c.committee.area_id]
        if term:
            areas = {c.committee.area_id for c in term}
            sentence += f"; {pad(len(areas))} khu dân cư đã tổ chức Hội nghị nhiệm kỳ Ban công tác Mặt trận"
        reference = _annex(
            annexes,
            Annex(
                "Danh sách hội nghị, đại hội đã tổ chức",
                [
                    Column("STT", COUNT),
                    Column("Ngày"),
                    Column("Tên hội nghị"),
                    Column("Đơn vị tổ chức"),
                    Column("Số người dự", COUNT),
                    Column("Khu dân cư tham gia"),
                ],
                [
                    [
                        i,
                        date_format(_local_day(c.starts_at), "d/m/Y"),
                        c.title,
                        c.committee.name,
                        c.attendees_count,
                        c.areas_share,
                    ]
                    for i, c in enumerate(conferences, 1)
                ],
                total=[
                    "",
                    "",
                    f"Cộng: {pad(len(conferences))} hội nghị",
                    "",
                    sum(attendees) if attendees else None,
                    "",
                ],
            ),
        )
        items.append(Item("Công tác tổ chức hội nghị, đại hội", [f"{sentence} {reference}."]))
        figures["conferences"] = len(conferences)
        figures["conferences_by_kind"] = dict(kinds)
    consultations = list(
        Consultation.objects.for_commune(commune)
        .filter(conference__starts_at__date__gte=start, conference__starts_at__date__lte=end)
        .select_related("conference__committee__commune", "conference__committee__area")
        .annotate(slate_count=Count("slate", distinct=True), delegate_count=Count("delegates", distinct=True))
        .order_by("conference__starts_at", "pk")
    )
    if consultations:
        for c in consultations:
            # Before the names are entered, the count the minutes state ("06 đại biểu").
            c.delegate_count = c.delegate_count or c.stated_delegates or 0
        slate = sum(c.slate_count for c in consultations)
        delegates = sum(c.delegate_count for c in consultations)
        confirmed = sum(1 for c in consultations if c.is_confirmed)
        sentence = f"Tổ chức hiệp thương tại {pad(len(consultations))} hội nghị, đại hội"
        if slate:
            sentence += (
                f", thống nhất danh sách {format_number(slate)} người tham gia ban, ủy ban nhiệm kỳ mới"
            )
        if delegates:
            sentence += f"; cử {format_number(delegates)} đại biểu đi dự Đại hội"
        if confirmed < len(consultations):
            sentence += f"; còn {pad(len(consultations) - confirmed)} cuộc chưa xác nhận kết quả"
        reference = _annex(
            annexes,
            Annex(
                "Kết quả hiệp thương",
                [
                    Column("STT", COUNT),
                    Column("Hội nghị"),
                    Column("Nhiệm kỳ mới"),
                    Column("Số người được hiệp thương", COUNT),
                    Column("Số đại biểu đi dự Đại hội", COUNT),
                    Column("Tình trạng"),
                ],
                [
                    [
                        i,
                        c.conference.title,
                        c.term_years,
                        c.slate_count,
                        c.delegate_count,
                        c.get_status_display(),
                    ]
                    for i, c in enumerate(consultations, 1)
                ],
                total=["", "Cộng", "", slate, delegates, ""],
            ),
        )
        items.append(Item("Công tác hiệp thương", [f"{sentence} {reference}."]))
        figures["consultations"] = len(consultations)
        figures["slate"] = slate
        figures["delegates"] = delegates
    rounds = meeting_round_sentences(commune, start, end)
    if rounds:
        items.append(Item("Tổ chức hội nghị ở các khu dân cư", [f"{s}." for s in rounds]))
        figures["meeting_rounds"] = rounds
    if not items:
        return None
    return Section("Công tác tổ chức hội nghị, đại hội và hiệp thương", items=items)


def _local_day(moment):
    from django.utils import timezone

    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


# --- voters and opinions ----------------------------------------------------------------------

BODY_WORDS = {
    VoterMeeting.Body.NATIONAL_ASSEMBLY: "đại biểu Quốc hội",
    VoterMeeting.Body.PROVINCE_COUNCIL: "đại biểu HĐND tỉnh",
    VoterMeeting.Body.COMMUNE_COUNCIL: "đại biểu HĐND xã",
}


SOURCE_WORDS = {
    Opinion.Source.VOTER_MEETING: "qua tiếp xúc cử tri",
    Opinion.Source.DIALOGUE: "qua hội nghị đối thoại",
    Opinion.Source.FRONT_COMMITTEE: "do Ban công tác Mặt trận phản ánh",
    Opinion.Source.WEBSITE: "gửi qua cổng thông tin",
}


def _opinion_section(commune, start, end, annexes, figures):
    items = []
    meetings = list(
        VoterMeeting.objects.for_commune(commune)
        .filter(starts_on__gte=start, starts_on__lte=end)
        .annotate(opinion_count=Count("opinions", filter=Q(opinions__duplicate_of__isnull=True)))
        .order_by("starts_on", "pk")
    )
    if meetings:
        bodies = [BODY_WORDS[b] for b in VoterMeeting.Body.values if any(m.body == b for m in meetings)]
        sentence = f"Phối hợp tổ chức {pad(len(meetings))} hội nghị tiếp xúc cử tri của {', '.join(bodies)}"
        attendees = total(m.attendees_figure for m in meetings if m.attendees is not None)
        if attendees is not None:
            sentence += f", với {attendees.with_unit('lượt cử tri')} dự"
        speakers = sum(m.speakers_count or 0 for m in meetings)
        if speakers:
            sentence += f", {format_number(speakers)} lượt cử tri phát biểu"
        reference = _annex(
            annexes,
            Annex(
                "Hội nghị tiếp xúc cử tri",
                [
                    Column("STT", COUNT),
                    Column("Ngày"),
                    Column("Hội nghị"),
                    Column("Số lượt cử tri dự"),
                    Column("Lượt phát biểu", COUNT),
                    Column("Số ý kiến ghi nhận", COUNT),
                ],
                [
                    [
                        i,
                        m.dates,
                        m.title,
                        str(m.attendees_figure) if m.attendees is not None else "",
                        m.speakers_count,
                        m.opinion_count,
                    ]
                    for i, m in enumerate(meetings, 1)
                ],
            ),
        )
        items.append(Item("Tiếp xúc cử tri", [f"{sentence} {reference}."]))
        figures["voter_meetings"] = len(meetings)
    opinions = list(
        Opinion.objects.for_commune(commune).kept().filter(raised_on__gte=start, raised_on__lte=end)
    )
    if opinions:
        answered = [o for o in opinions if o.answered_on and o.answered_on <= end]
        forwarded = [o for o in opinions if (o.forwarded_on and o.forwarded_on <= end) or o in answered]
        overdue = [o for o in opinions if o not in answered and o.due_on and o.due_on < end]
        sources = Counter(o.source for o in opinions)
        by_source = "; ".join(f"{pad(n)} ý kiến {SOURCE_WORDS[s]}" for s, n in sources.most_common())
        sentence = f"Tiếp nhận {pad(len(opinions))} ý kiến, kiến nghị của cử tri và Nhân dân ({by_source})"
        if forwarded:
            sentence += f"; đã chuyển cơ quan có thẩm quyền {pad(len(forwarded))} ý kiến"
        if answered:
            sentence += (
                f"; đã có trả lời {pad(len(answered))}/{pad(len(opinions))} ý kiến, "
                f"đạt {percent(len(answered), len(opinions))}%"
            )
        if overdue:
            sentence += f"; {pad(len(overdue))} ý kiến quá hạn trả lời, đang đôn đốc"
        fields = Counter(o.field for o in opinions)
        answered_fields = Counter(o.field for o in answered)
        field_labels = dict(Opinion.Field.choices)
        reference = _annex(
            annexes,
            Annex(
                "Ý kiến, kiến nghị theo lĩnh vực",
                [
                    Column("Lĩnh vực"),
                    Column("Số ý kiến", COUNT),
                    Column("Đã có trả lời", COUNT),
                    Column("Tỷ lệ", PERCENT),
                ],
                [
                    [
                        str(field_labels[f]),
                        n,
                        answered_fields.get(f, 0),
                        percent(answered_fields.get(f, 0), n),
                    ]
                    for f, n in fields.most_common()
                ],
                total=["Cộng", len(opinions), len(answered), percent(len(answered), len(opinions))],
                note=f"Tình trạng tính đến ngày {date_format(end, 'd/m/Y')}.",
            ),
        )
        items.append(Item("Tiếp nhận, theo dõi ý kiến, kiến nghị", [f"{sentence} {reference}."]))
        figures["opinions"] = len(opinions)
        figures["opinions_answered"] = len(answered)
    if not items:
        return None
    return Section("Tiếp xúc cử tri, tiếp nhận ý kiến, kiến nghị của cử tri và Nhân dân", items=items)


# --- supervision ------------------------------------------------------------------------------


def _supervision_section(commune, start, end, annexes, figures):
    rows = list(
        Supervision.objects.for_commune(commune)
        .between(start, end)
        .annotate(
            recommendation_count=Count("recommendations", distinct=True),
            done_count=Count(
                "recommendations", filter=Q(recommendations__status=Recommendation.Status.DONE), distinct=True
            ),
        )
        .order_by("starts_on", "pk")
    )
    if not rows:
        return None
    forms = Counter(s.form for s in rows if not s.is_social_review)
    labels = dict(Supervision.Form.choices)
    reviews = sum(1 for s in rows if s.is_social_review)
    parts = []
    supervised = sum(forms.values())
    if len(forms) == 1:
        ((form, n),) = forms.items()
        parts.append(f"{pad(n)} cuộc {lower_first(labels[form])}")
    elif supervised:
        detail = ", ".join(f"{pad(n)} {lower_first(labels[f])}" for f, n in forms.most_common())
        parts.append(f"{pad(supervised)} cuộc giám sát ({detail})")
    if reviews:
        parts.append(f"{pad(reviews)} cuộc phản biện xã hội")
    sentence = f"Tổ chức {' và '.join(parts)}"
    recommendations = sum(s.recommendation_count for s in rows)
    done = sum(s.done_count for s in rows)
    if recommendations:
        sentence += f"; qua đó đưa ra {pad(recommendations)} kiến nghị, đến nay {pad(done)} kiến nghị đã được thực hiện"
    reference = _annex(
        annexes,
        Annex(
            "Các cuộc giám sát, phản biện xã hội",
            [
                Column("STT", COUNT),
                Column("Thời gian"),
                Column("Nội dung"),
                Column("Đơn vị được giám sát"),
                Column("Số kiến nghị", COUNT),
                Column("Đã thực hiện", COUNT),
            ],
            [
                [i, s.dates, s.title, s.body_supervised, s.recommendation_count, s.done_count]
                for i, s in enumerate(rows, 1)
            ],
            total=["", "", "Cộng", "", recommendations, done],
        ),
    )
    figures["supervisions"] = supervised
    figures["social_reviews"] = reviews
    return Section("Công tác giám sát và phản biện xã hội", paragraphs=[f"{sentence} {reference}."])


# --- Ngày hội ---------------------------------------------------------------------------------


def _festival_section(commune, start, end, annexes, figures):
    festivals = [
        f
        for f in UnityFestival.objects.for_commune(commune).filter(year__gte=start.year, year__lte=end.year)
        if start <= f.reference_day <= end
    ]
    paragraphs = []
    for festival in festivals:
        rows = list(festival.areas.select_related("area").order_by("area__position", "area__name"))
        if not rows:
            continue
        roll_up = festival.roll_up(rows=rows)
        reference = _annex(
            annexes,
            Annex(
                f"Ngày hội Đại đoàn kết toàn dân tộc năm {festival.year} ở các khu dân cư",
                [
                    Column("STT", COUNT),
                    Column("Khu dân cư"),
                    Column("Nội dung tổ chức"),
                    Column("Lượt người tham gia"),
                ],
                [
                    [
                        i,
                        r.area.full_name,
                        r.parts_label,
                        str(r.participants_figure) if r.participants is not None else "",
                    ]
                    for i, r in enumerate(rows, 1)
                ],
            ),
        )
        paragraphs.append(
            f"Ngày hội Đại đoàn kết toàn dân tộc năm {festival.year}: {roll_up.sentence} {reference}."
        )
        figures.setdefault("festivals", []).append(festival.year)
    if not paragraphs:
        return None
    return Section("Tổ chức Ngày hội Đại đoàn kết toàn dân tộc", paragraphs=paragraphs)


# --- campaigns --------------------------------------------------------------------------------


def campaigns_in(commune, start, end):
    return (
        Campaign.objects.for_commune(commune)
        .public()
        .filter(start_date__lte=end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        .order_by("start_date", "pk")
    )


def _indicator_sentences(indicator, start, end, sums):
    """The indicator's sentence: for the whole campaign when every entry lies in the period
    (the campaign page's very figure), else for the period, which the sentence then names."""
    inside, outside = sums.get(indicator.pk, (0, 0))
    if not inside:
        return None
    if outside:
        return summary_sentence(indicator, start=start, end=end)
    return summary_sentence(indicator)


def _house_stage(house, end):
    for stage, name in (
        (Stage.HANDED_OVER, "handed_over_on"),
        (Stage.BUILDING, "started_on"),
        (Stage.MONEY, "money_handed_on"),
    ):
        day = getattr(house, name)
        if day and day <= end:
            return stage
    return Stage.APPROVED


def _houses(campaign, start, end):
    houses = list(
        House.objects.filter(campaign=campaign)
        .counted()
        .filter(approved_on__lte=end)
        .exclude(handed_over_on__lt=start)
        .select_related("area", "recipient")
        .order_by("area__position", "pk")
    )
    groups = []
    labels = dict(House.Kind.choices)
    for kind in sorted({h.kind for h in houses}):
        mine = [h for h in houses if h.kind == kind]
        stages = Counter(_house_stage(h, end) for h in mine)
        groups.append(
            HouseGroup(
                kind_label=str(labels[kind]).replace("Nhà", "nhà", 1),
                count=len(mine),
                value=sum(h.total_value for h in mine),
                front=sum(h.front_support for h in mine),
                front_paid=sum(
                    h.front_support for h in mine if h.money_handed_on and h.money_handed_on <= end
                ),
                new=sum(1 for h in mine if h.work == House.Work.NEW),
                repair=sum(1 for h in mine if h.work == House.Work.REPAIR),
                stages=[(s, Stage(s).label, stages[s]) for s in STAGE_ORDER if stages[s]],
            )
        )
    return houses, groups


def _campaign_section(commune, start, end, annexes, figures):
    campaigns = list(campaigns_in(commune, start, end).prefetch_related("indicators"))
    indicators = [i for c in campaigns for i in c.indicators.all()]
    ids = [i.pk for i in indicators]
    sums = {}
    if ids:
        inside = Q(date__gte=start, date__lte=end)
        for row in (
            Contribution.objects.countable()
            .filter(indicator_id__in=ids)
            .values("indicator_id")
            .annotate(inside=Count("pk", filter=inside), outside=Count("pk", filter=~inside))
            .order_by()
        ):
            sums[row["indicator_id"]] = (row["inside"], row["outside"])
    items, area_rows, entry_rows, house_rows, gift_rows = [], [], [], [], []
    campaign_figures = {}
    for campaign in campaigns:
        paragraphs = []
        for indicator in campaign.indicators.all():
            sentence = _indicator_sentences(indicator, start, end, sums)
            if sentence is None:
                continue
            paragraphs.append(sentence)
            whole = not sums[indicator.pk][1]
            rows = _area_rows(indicator, None if whole else start, None if whole else end)
            area_rows += [[campaign.name, indicator.name, *row] for row in rows]
            totals = indicator.totals(start=None if whole else start, end=None if whole else end)
            campaign_figures[indicator.pk] = totals["measure"]
            entry_rows += _entry_rows(
                campaign, indicator, start if not whole else None, end if not whole else None
            )
        commune_targets = {i.pk: i.commune_target() for i in campaign.indicators.all()}
        for result in round_results(
            campaign,
            list(campaign.indicators.all()),
            {k: v for k, v in commune_targets.items() if v is not None},
            hedges_for([i.pk for i in campaign.indicators.all()]),
        ):
            if start <= result.round.end_date <= end:
                paragraphs.append(result.sentence)
        houses, groups = _houses(campaign, start, end)
        for group in groups:
            paragraphs.append(f"Hỗ trợ {group.sentence()}")
        house_rows += [
            [
                campaign.name,
                h.area.full_name,
                h.get_kind_display(),
                h.get_work_display(),
                h.total_value,
                h.front_support,
                Stage(_house_stage(h, end)).label,
            ]
            for h in houses
        ]
        batches = GiftBatch.objects.filter(campaign=campaign, date__gte=start, date__lte=end)
        listed = list(batches.select_related("area", "tops_up").order_by("date", "pk"))
        if listed:
            paragraphs.append(gifts_sentence(batches.summary()))
            gift_rows += [
                [
                    date_format(b.date, "d/m/Y"),
                    b.title,
                    b.area.full_name if b.area_id else "Toàn xã",
                    None if b.is_top_up else b.count,
                    b.total_value,
                ]
                for b in listed
            ]
        if paragraphs:
            items.append(Item(campaign.name, paragraphs))
    if not items:
        return None
    figures["campaign_totals"] = campaign_figures
    references = []
    if area_rows:
        references.append(
            _annex(
                annexes,
                Annex(
                    "Kết quả các cuộc vận động theo khu dân cư",
                    [
                        Column("Cuộc vận động"),
                        Column("Chỉ tiêu"),
                        Column("Khu dân cư"),
                        Column("Đơn vị tính"),
                        Column("Chỉ tiêu giao", COUNT),
                        Column("Đạt được", COUNT),
                        Column("Trị giá (đồng)", MONEY),
                        Column("Số khoản", COUNT),
                    ],
                    area_rows,
                    note="Mỗi dòng là tổng các khoản của khu dân cư; từng khoản có ở trang “Chi tiết các khoản” của tệp Excel kèm theo.",
                ),
            )
        )
    if house_rows:
        references.append(
            _annex(
                annexes,
                Annex(
                    "Nhà Đại đoàn kết, nhà tình nghĩa",
                    [
                        Column("Cuộc vận động"),
                        Column("Khu dân cư"),
                        Column("Loại nhà"),
                        Column("Xây mới, sửa chữa"),
                        Column("Tổng trị giá (đồng)", MONEY),
                        Column("Mặt trận xã hỗ trợ (đồng)", MONEY),
                        Column(f"Tiến độ đến {date_format(end, 'd/m/Y')}"),
                    ],
                    house_rows,
                    total=[
                        "Cộng",
                        "",
                        "",
                        "",
                        sum(r[4] for r in house_rows),
                        sum(r[5] for r in house_rows),
                        "",
                    ],
                ),
            )
        )
    if gift_rows:
        references.append(
            _annex(
                annexes,
                Annex(
                    "Các đợt trao quà",
                    [
                        Column("Ngày trao"),
                        Column("Nội dung"),
                        Column("Khu dân cư"),
                        Column("Số suất", COUNT),
                        Column("Tổng trị giá (đồng)", MONEY),
                    ],
                    gift_rows,
                    total=["Cộng", "", "", sum(r[3] or 0 for r in gift_rows), sum(r[4] for r in gift_rows)],
                ),
            )
        )
    figures["entries"] = entry_rows
    paragraphs = []
    if references:
        numbers = ", ".join(str(annex.number) for annex in annexes[-len(references) :])
        paragraphs.append(f"Kết quả cụ thể của các cuộc vận động: chi tiết tại Phụ lục {numbers}.")
    return Section("Các cuộc vận động, phong trào thi đua", paragraphs=paragraphs, items=items)


def _area_rows(indicator, start, end):
    """[area, unit, target, achieved, value, entries] per area with entries or a target."""
    entries = indicator.contributions.countable()
    if start:
        entries = entries.filter(date__gte=start, date__lte=end)
    from django.db.models import Sum
    from django.db.models.functions import Coalesce

    sums = {
        row["area_id"]: row
        for row in entries.values("area_id")
        .annotate(amount=Coalesce(Sum("amount"), 0), quantity=Coalesce(Sum("quantity"), 0), n=Count("pk"))
        .order_by()
    }
    targets = {t.area_id: t.amount for t in indicator.targets.filter(area__isnull=False)}
    from congresses.models import ResidentialArea

    areas = ResidentialArea.objects.filter(pk__in=set(sums) | set(targets)).order_by("position", "name")
    rows = []
    for area in areas:
        row = sums.get(area.pk, {"amount": 0, "quantity": 0, "n": 0})
        measure = row["amount"] if indicator.is_money else row["quantity"]
        value = row["amount"] if not indicator.is_money and row["amount"] else None
        rows.append([area.full_name, indicator.unit_long, targets.get(area.pk), measure, value, row["n"]])
    # Entries of the commune as a whole: their own line, after the hamlets, with no target.
    row = sums.get(None)
    if row:
        measure = row["amount"] if indicator.is_money else row["quantity"]
        value = row["amount"] if not indicator.is_money and row["amount"] else None
        rows.append(["Toàn xã", indicator.unit_long, None, measure, value, row["n"]])
    return rows


def _entry_rows(campaign, indicator, start, end):
    entries = indicator.contributions.countable().select_related("area").order_by("date", "pk")
    if start:
        entries = entries.filter(date__gte=start, date__lte=end)
    return [
        [
            campaign.name,
            indicator.name,
            c.date,
            c.area_name,
            c.public_donor_name or "",
            indicator.unit_long,
            c.amount if indicator.is_money else c.quantity,
            c.amount if not indicator.is_money else None,
        ]
        for c in entries
    ]


# --- the whole report -------------------------------------------------------------------------


def build_content(commune, start, end):
    """The sections and annexes of `commune`'s report for the days `start` to `end` inclusive."""
    annexes, figures = [], {}
    builders = [
        _conference_section,
        _opinion_section,
        _supervision_section,
        _festival_section,
        _campaign_section,
    ]
    sections = [s for s in (b(commune, start, end, annexes, figures) for b in builders) if s is not None]
    for i, section in enumerate(sections, 1):
        section.number = roman(i)
        for j, item in enumerate(section.items, 1):
            item.number = str(j)
    return ReportContent(sections=sections, annexes=annexes, figures=figures)


def commune_chair(commune, on):
    """The name of the head of the commune's Ủy ban MTTQ on `on` ("" when none is recorded)."""
    committee = FrontCommittee.objects.filter(commune=commune, level=FrontCommittee.Level.COMMUNE).first()
    if committee is None:
        return ""
    membership = (
        Membership.objects.on(on)
        .filter(term__committee=committee, position__kind=Position.Kind.HEAD)
        .select_related("person")
        .first()
    )
    return membership.person.full_name if membership else ""
