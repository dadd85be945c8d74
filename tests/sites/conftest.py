"""Two communes of one province with look-alike data, each at its own host, and their people."""

import datetime
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from campaigns.funds import FundStatement, FundTransfer
from campaigns.models import (
    AreaOfficer,
    Campaign,
    CommuneShare,
    Contribution,
    GiftBatch,
    House,
    HouseSource,
    Indicator,
    ProvinceCampaign,
    ProvinceIndicator,
    Recipient,
    Round,
    RoundTarget,
    StatedFigure,
    Target,
)
from campaigns.province_services import sync_commune_campaigns
from campaigns.rates import RateFigure
from congresses import activity_services, event_services, personnel_services, services
from congresses.area_profiles import AreaProfile
from congresses.models import (
    ActivityPlan,
    Commune,
    Conference,
    MeetingRound,
    Opinion,
    Person,
    PlannedActivity,
    Position,
    Province,
    ResidentialArea,
    StaffProfile,
    Supervision,
    UnityFestival,
    VoterMeeting,
)
from congresses.outcomes import CongressAward, DocumentApproval, TermSummaryItem
from congresses.personnel import CandidateRound, ConcurrentRole, SupplementaryConsultation
from lib.roles import CHAIR, COMMUNE_STAFF, EDITOR, HAMLET_OFFICER, PROVINCE_STAFF, role_groups
from news import services as news_services
from news.models import (
    Album,
    Announcement,
    Banner,
    Category,
    Document,
    Poll,
    PollOption,
    Post,
    Tag,
    Video,
    WebLink,
)
from news.organisation import Page
from news.work_calendar import CalendarEntry
from reports.documents import DEFAULT_TEMPLATE
from reports.models import Kind, ReportRun, ReportTemplate
from tests.news.conftest import jpeg_upload

PASSWORD = "MatKhau@12345"
HOSTS = {"a": "hoaphu.example.vn", "b": "hoaan.example.vn", "province": "tinh.example.vn"}


@pytest.fixture
def fresh_page_cache(settings):
    """The page cache on (pages kept 60 s), empty before and after the test: the page-cache
    modules use it for every test (`pytestmark`)."""
    from django.core.cache import caches

    settings.PAGE_CACHE_SECONDS = 60
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """`with commits():` around a change runs what waits for its commit (the site's new
    generation in the cache) at the end of the block, as the commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def staff_like(host="a"):
    """A client the page cache steps aside for (a session cookie), as for signed-in staff."""
    from django.test import Client

    client = Client(HTTP_HOST=HOSTS[host])
    client.cookies["sessionid"] = "phien-khong-ton-tai"
    return client


@pytest.fixture(autouse=True)
def hosts_allowed(settings):
    settings.ALLOWED_HOSTS = [".example.vn", "testserver", "127.0.0.1"]


def _build(commune, mark):
    """The same shape in each commune: areas Đông and Tây, a category, two posts, a campaign
    with the same name, a conference; `mark` is a word found only in this commune's rows."""
    east = ResidentialArea.objects.create(commune=commune, name="Đông", position=1)
    ResidentialArea.objects.create(commune=commune, name="Tây", position=2)
    category = Category.objects.create(commune=commune, name="Hoạt động Mặt trận")
    now = timezone.now()
    posts = [
        Post.objects.create(
            category=category,
            title=f"Hội nghị Ban công tác Mặt trận thôn Đông {mark}",
            lead=f"Tin của {mark}.",
            body="<p>Hội nghị dân chủ.</p>",
            status=Post.Status.PUBLISHED,
            published_at=now - timedelta(hours=2),
            is_featured=True,
        ),
        Post.objects.create(
            category=category,
            title=f"Trao quà Tết cho hộ nghèo {mark}",
            lead=f"Quà của {mark}.",
            status=Post.Status.PUBLISHED,
            published_at=now - timedelta(hours=3),
        ),
    ]
    campaign = Campaign.objects.create(
        commune=commune,
        name="Vận động Quỹ “Vì người nghèo” năm 2025",
        description=f"Cuộc vận động của {mark}.",
        status=Campaign.Status.ACTIVE,
        start_date=datetime.date(2025, 1, 1),
    )
    indicator = Indicator.objects.create(campaign=campaign, name="Quỹ “Vì người nghèo”")
    target = Target.objects.create(indicator=indicator, area=east, amount=10_000_000)
    contribution = Contribution.objects.create(
        indicator=indicator,
        area=east,
        amount=500_000,
        donor_name=f"Gia đình {mark}",
        date=datetime.date(2025, 2, 1),
    )
    # An entry of the commune as a whole: no area, scoped through its campaign's commune.
    commune_wide = Contribution.objects.create(
        indicator=indicator,
        area=None,
        amount=300_000,
        donor_kind=Contribution.DonorKind.BUSINESS,
        donor_name=f"Công ty {mark}",
        date=datetime.date(2025, 2, 3),
    )
    stage = Round.objects.create(
        campaign=campaign,
        name=f"Đợt 1 {mark}",
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2025, 6, 30),
    )
    RoundTarget.objects.create(round=stage, indicator=indicator, amount=5_000_000)
    recipient = Recipient.objects.create(commune=commune, label=f"Hộ nghèo {mark}", area=east)
    house = House.objects.create(
        campaign=campaign, recipient=recipient, area=east, total_value=60_000_000, front_support=0
    )
    HouseSource.objects.create(
        house=house, kind=HouseSource.Kind.FAMILY, name=f"Dòng họ {mark}", amount=5_000_000
    )
    gift_batch = GiftBatch.objects.create(
        campaign=campaign,
        title=f"Trao quà Tết {mark}",
        count=20,
        cash_per_gift=500_000,
        date=datetime.date(2025, 1, 20),
    )
    stated_figure = StatedFigure.objects.create(
        campaign=campaign,
        subject=StatedFigure.Subject.GIFTS,
        quote=f"trao 25 phần quà {mark}",
        count=25,
        source="Báo cáo sơ kết",
        source_date=datetime.date(2025, 6, 30),
    )
    fund_transfer = FundTransfer.objects.create(
        indicator=indicator,
        kind=FundTransfer.Kind.FROM_UPPER,
        amount=1_000_000,
        counterpart=f"Quỹ “Vì người nghèo” tỉnh {mark}",
        date=datetime.date(2025, 2, 2),
    )
    fund_statement = FundStatement.objects.create(
        indicator=indicator,
        period_name="6 tháng đầu năm 2025",
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2025, 6, 30),
        prepared_by_name=f"Lê Thị {mark}",
        is_published=True,
    )
    rate_indicator = Indicator.objects.create(
        campaign=campaign, name=f"Tỷ lệ hộ đạt chuẩn văn hóa {mark}", unit=Indicator.Unit.RATE, position=5
    )
    rate = RateFigure.objects.create(indicator=rate_indicator, area=east, year=2025, percent="87.5")
    committee = services.committee_for_area(east)
    conference = Conference.objects.create(
        committee=committee,
        kind=Conference.Kind.TERM,
        title=f"Hội nghị nhiệm kỳ thôn Đông {mark}",
        starts_at=now - timedelta(days=3),
    )
    person = Person.objects.create(commune=commune, full_name=f"Nguyễn Văn {mark}", gender="male")
    voter_meeting = VoterMeeting.objects.create(
        commune=commune,
        body=VoterMeeting.Body.COMMUNE_COUNCIL,
        timing=VoterMeeting.Timing.BEFORE,
        session=f"kỳ họp thứ 5 {mark}",
        starts_on=datetime.date(2025, 6, 1),
    )
    opinion = services.receive_opinion(
        commune,
        summary=f"Đường vào thôn Đông xuống cấp {mark}",
        source=Opinion.Source.VOTER_MEETING,
        area=east,
        voter_meeting=voter_meeting,
        citizen_phone="0905123456",
    )
    document = news_services.save_document(
        Document(
            commune=commune,
            kind=Document.Kind.PLAN,
            number="12/KH-MTTQ",
            issuing_body=f"Ban Thường trực {mark}",
            issued_on=datetime.date(2026, 2, 10),
            summary=f"Kế hoạch vận động Quỹ “Vì người nghèo” {mark}",
        ),
        [SimpleUploadedFile(f"ke-hoach-{mark}.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")],
    )
    announcement = news_services.save_announcement(
        Announcement(
            commune=commune,
            title=f"Tiếp nhận đăng ký hỗ trợ dịp Tết {mark}",
            starts_at=now - timedelta(hours=1),
            expires_at=now + timedelta(days=3),
            is_pinned=True,
        )
    )
    poll = news_services.save_poll(
        Poll(commune=commune, question=f"Bạn quan tâm mục gì nhất {mark}?", results=Poll.Results.ALWAYS)
    )
    poll_option = PollOption.objects.create(poll=poll, text=f"Cuộc vận động {mark}", position=1)
    PollOption.objects.create(poll=poll, text="Thông báo", position=2)
    news_services.cast_ballot(poll, poll_option.pk)
    page = Page.objects.create(
        commune=commune, kind=Page.Kind.INTRODUCTION, body=f"<p>Giới thiệu Mặt trận {mark}.</p>"
    )
    calendar_entry = CalendarEntry.objects.create(
        commune=commune, day=timezone.localdate(), title=f"Giao ban Ban Thường trực {mark}"
    )
    conference_this_week = Conference.objects.create(
        committee=committee,
        kind=Conference.Kind.COMMITTEE,
        title=f"Hội nghị Ủy ban trong tuần {mark}",
        starts_at=now,
    )
    supervision = activity_services.save_supervision(
        Supervision(
            commune=commune,
            form=Supervision.Form.THEMATIC,
            subject=f"việc cấp thẻ bảo hiểm y tế {mark}",
            body_supervised="UBND xã",
            starts_on=datetime.date(2025, 5, 12),
            is_published=True,
        )
    )
    recommendation = activity_services.add_recommendation(supervision, f"Cấp đủ thẻ {mark}", "UBND xã")
    festival = UnityFestival.objects.create(
        commune=commune, year=2025, theme=f"Ngày hội {mark}", is_published=True
    )
    festival_area = activity_services.record_festival_area(
        festival, east, ceremony=True, festivities=True, awards=f"Giấy khen {mark}"
    )
    plan = activity_services.save_activity_plan(
        ActivityPlan(
            commune=commune,
            title=f"Kế hoạch năm 2025 {mark}",
            starts_on=datetime.date(2025, 1, 1),
            ends_on=datetime.date(2025, 12, 31),
            is_published=True,
        )
    )
    activity_services.save_planned_activity(
        PlannedActivity(plan=plan, kind=PlannedActivity.Kind.SUPERVISION, planned_count=3)
    )
    # Personnel between congresses, congress outcomes, an area's figures and a split.
    approval = personnel_services.save_outcome(
        DocumentApproval(conference=conference, document=f"Nghị quyết {mark}", approval_percent=100)
    )
    term_total = personnel_services.save_outcome(
        TermSummaryItem(conference=conference, label=f"Nhà Đại đoàn kết {mark}", unit="count", quantity=3)
    )
    award = personnel_services.save_outcome(
        CongressAward(conference=conference, award="Giấy khen", recipient=f"Chi hội {mark}")
    )
    east_term = committee.terms.create(
        start_date=datetime.date(2024, 2, 1), end_date=datetime.date(2026, 12, 31)
    )
    meeting = Conference.objects.create(
        committee=committee,
        term=east_term,
        kind=Conference.Kind.COMMITTEE,
        title=f"Hội nghị hiệp thương bổ sung {mark}",
        starts_at=now - timedelta(days=2),
    )
    supplementary = SupplementaryConsultation.objects.create(
        conference=meeting,
        term=east_term,
        person=person,
        position=Position.objects.get(name="Thành viên"),
        since=timezone.localdate() - timedelta(days=2),
    )
    personnel_services.confirm_supplementary(supplementary)
    concurrent_role = ConcurrentRole.objects.create(person=person, title=f"Chi hội trưởng {mark}")
    candidate_round = personnel_services.record_candidate_round(
        CandidateRound(
            committee=committee,
            year=2025,
            stage=CandidateRound.Stage.COMMITTEE,
            held_on=datetime.date(2025, 11, 3),
            person=person,
            result=CandidateRound.Result.AGREED,
            note=f"Vòng 1 {mark}",
        )
    )
    area_profile = personnel_services.save_area_profile(
        AreaProfile(area=east, year=2025, households=1250, persons=4812, source=f"Rà soát {mark}")
    )
    old_area = ResidentialArea.objects.create(commune=commune, name=f"Cũ {mark}", position=9)
    succession = personnel_services.split_area(old_area, [(east, 120, True)], on=datetime.date(2025, 7, 1))[0]
    meeting_round = event_services.save_meeting_round(
        MeetingRound(
            commune=commune,
            title=f"Hội nghị nhiệm kỳ các thôn {mark}",
            conference_kind=Conference.Kind.TERM,
            starts_on=datetime.date(2025, 1, 1),
            is_published=True,
        )
    )
    announced = event_services.announce_conference(
        Conference(
            committee=committee,
            kind=Conference.Kind.ROLLOUT,
            title=f"Hội nghị triển khai sắp tới {mark}",
            starts_at=now + datetime.timedelta(days=3),
            part_of_day=Conference.PartOfDay.MORNING,
        )
    )
    report_run = ReportRun(
        commune=commune,
        kind=Kind.FIRST_HALF,
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 6, 30),
        title=f"Kết quả công tác Mặt trận 6 tháng đầu năm 2025 {mark}",
        number="15/BC-MTTQ",
        issued_on=datetime.date(2025, 7, 5),
        template_name="Mẫu mặc định",
    )
    report_run.docx.save("bao-cao.docx", ContentFile(DEFAULT_TEMPLATE.read_bytes()), save=False)
    report_run.xlsx.save("bao-cao.xlsx", ContentFile(b"PK\x03\x04"), save=False)
    report_run.save()
    report_template = ReportTemplate(commune=commune, name=f"Mẫu báo cáo {mark}")
    report_template.file.save("mau.docx", ContentFile(DEFAULT_TEMPLATE.read_bytes()), save=False)
    report_template.save()
    news_services.add_photos(posts[0], [jpeg_upload()], caption=f"Ảnh hội nghị {mark}")
    tag = Tag.objects.create(commune=commune, name=f"Đại đoàn kết {mark}")
    posts[0].tags.add(tag)
    album = Album.objects.create(
        commune=commune, title=f"Ngày hội thôn Đông {mark}", taken_on=datetime.date(2026, 11, 18)
    )
    news_services.add_album_photos(album, [jpeg_upload()], caption=f"Văn nghệ {mark}")
    video = news_services.save_video(
        Video(commune=commune, title=f"Video ngày hội {mark}", post=posts[0], album=album),
        youtube_url="https://youtu.be/aqz-KE-bpKQ",
    )
    web_link = news_services.save_web_link(
        WebLink(commune=commune, title=f"Cổng thông tin {mark}", url=f"https://{mark.lower()}.example.vn")
    )
    banner = news_services.save_banner(
        Banner(
            commune=commune,
            title=f"Băng rôn {mark}",
            starts_at=timezone.now() - datetime.timedelta(days=1),
            ends_at=timezone.now() + datetime.timedelta(days=30),
        ),
        jpeg_upload(),
    )
    return {
        "video": video,
        "web_link": web_link,
        "banner": banner,
        "album": album,
        "approval": approval,
        "term_total": term_total,
        "award": award,
        "meeting": meeting,
        "supplementary": supplementary,
        "concurrent_role": concurrent_role,
        "candidate_round": candidate_round,
        "area_profile": area_profile,
        "old_area": old_area,
        "succession": succession,
        "album_photo": album.photos.get(),
        "commune": commune,
        "tag": tag,
        "area": east,
        "report_run": report_run,
        "report_template": report_template,
        "document": document,
        "document_file": document.files.get(),
        "announcement": announcement,
        "poll": poll,
        "page": page,
        "calendar_entry": calendar_entry,
        "conference_this_week": conference_this_week,
        "plan": plan,
        "meeting_round": meeting_round,
        "announced_conference": announced,
        "supervision": supervision,
        "recommendation": recommendation,
        "festival": festival,
        "festival_area": festival_area,
        "category": category,
        "posts": posts,
        "campaign": campaign,
        "indicator": indicator,
        "target": target,
        "round": stage,
        "contribution": contribution,
        "commune_wide_contribution": commune_wide,
        "conference": conference,
        "committee": committee,
        "person": person,
        "voter_meeting": voter_meeting,
        "opinion": opinion,
        "recipient": recipient,
        "house": house,
        "gift_batch": gift_batch,
        "stated_figure": stated_figure,
        "fund_transfer": fund_transfer,
        "fund_statement": fund_statement,
        "rate": rate,
        "mark": mark,
    }


@pytest.fixture
def province(db):
    return Province.objects.create(name="Quảng Nam", host=HOSTS["province"])


# Each commune's share of the province's fund: B's figure must never show on A's site.
SHARES = {"a": 11_000_000, "b": 13_000_000}


def _province_fund(province, sites):
    """The province's fund launched into both communes, each with its share (CommuneShare)."""
    campaign = ProvinceCampaign.objects.create(
        province=province,
        name="Tháng cao điểm “Vì người nghèo” của tỉnh",
        status=Campaign.Status.ACTIVE,
        start_date=datetime.date(2025, 1, 1),
    )
    fund = ProvinceIndicator.objects.create(campaign=campaign, name="Quỹ “Vì người nghèo” của tỉnh")
    sync_commune_campaigns(campaign)
    for key, site in sites.items():
        site["share"] = CommuneShare.objects.create(
            indicator=fund, commune=site["commune"], amount=SHARES[key]
        )
        copy = Indicator.objects.get(province_indicator=fund, campaign__commune=site["commune"])
        Target.objects.create(indicator=copy, amount=SHARES[key], assigned_by=Target.AssignedBy.PROVINCE)
        site["province_part"] = copy
    return campaign


@pytest.fixture
def sites(province):
    a = Commune.objects.create(name="Hòa Phú", host=HOSTS["a"], province=province)
    b = Commune.objects.create(name="Hòa An", host=HOSTS["b"], province=province)
    built = {"a": _build(a, "Alphaxa"), "b": _build(b, "Betaxa")}
    _province_fund(province, built)
    return built


def make_user(username, role, commune=None, area=None):
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(role_groups()[role])
    StaffProfile.objects.create(user=user, commune=commune)
    if area is not None:
        AreaOfficer.objects.create(user=user, area=area)
    return user


ROLES = {"editor": EDITOR, "staff": COMMUNE_STAFF, "chair": CHAIR, "officer": HAMLET_OFFICER}


@pytest.fixture
def people(sites):
    """Each role in each commune: people["a"]["editor"] …; the officer works for thôn Đông."""
    return {
        key: {
            name: make_user(
                f"{name}.{key}",
                role,
                commune=site["commune"],
                area=site["area"] if role == HAMLET_OFFICER else None,
            )
            for name, role in ROLES.items()
        }
        for key, site in sites.items()
    }


@pytest.fixture
def province_staff(sites):
    return make_user("canbo.tinh", PROVINCE_STAFF)
