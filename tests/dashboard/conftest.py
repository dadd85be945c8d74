"""A commune with something on every part of the chair's dashboard: a running fund against
last year's, a hamlet behind, entries not yet confirmed, a stated figure that disagrees, an
opinion past its answer date, a recommendation past its deadline, a conference coming up,
drafts and scheduled posts. The actors are tests/conftest.py's."""

import datetime

import pytest
from django.utils import timezone

from campaigns import services as campaign_services
from campaigns.dashboard import a_year_before
from campaigns.models import Campaign, Indicator
from campaigns.stated import StatedFigure
from congresses import activity_services
from congresses import services as congress_services
from congresses.models import Conference, FrontCommittee
from congresses.opinions import Opinion
from congresses.supervision import Supervision
from news.announcements import Announcement
from news.models import Category, Post
from news.work_calendar import CalendarEntry
from tests.conftest import chair, editor, groups, officer_a, officer_b, staff  # noqa: F401

FUND_TARGET = 21_000_000


def today():
    return timezone.localdate()


@pytest.fixture
def fund_campaign(commune, area_a, area_b, chair):  # noqa: F811
    """This year's fund: 10.000.000 of 21.000.000 đ (48%); Đông 1.000.000 of its 10.000.000
    (10%, behind), Tây 9.000.000 of its 11.000.000 (82%)."""
    campaign = Campaign.objects.create(
        commune=commune,
        name="Vận động Quỹ “Vì người nghèo” năm nay",
        status=Campaign.Status.ACTIVE,
        start_date=today() - datetime.timedelta(days=60),
    )
    fund = Indicator.objects.create(campaign=campaign, name="Quỹ “Vì người nghèo”")
    campaign_services.set_target(fund, by=chair, amount=FUND_TARGET)
    campaign_services.set_target(fund, by=chair, amount=10_000_000, area=area_a)
    campaign_services.set_target(fund, by=chair, amount=11_000_000, area=area_b)
    for area, amount in ((area_a, 1_000_000), (area_b, 9_000_000)):
        campaign_services.record_contribution(
            by=chair, indicator=fund, area=area, amount=amount, donor_name="Gia đình ông Lê Văn Hùng"
        )
    return campaign


@pytest.fixture
def fund(fund_campaign):
    return fund_campaign.indicators.get()


@pytest.fixture
def last_years_fund(fund_campaign, area_a, chair):  # noqa: F811
    """Last year's edition: 5.000.000 đ by the same day last year, 3.000.000 after it."""
    campaign = Campaign.objects.create(
        commune=fund_campaign.commune,
        name="Vận động Quỹ “Vì người nghèo” năm trước",
        status=Campaign.Status.CLOSED,
        start_date=a_year_before(fund_campaign.start_date),
    )
    indicator = Indicator.objects.create(campaign=campaign, name="Quỹ “Vì người nghèo”")
    cutoff = a_year_before(today())
    for day, amount in ((cutoff, 5_000_000), (cutoff + datetime.timedelta(days=1), 3_000_000)):
        campaign_services.record_contribution(
            by=chair, indicator=indicator, area=area_a, amount=amount, date=day, donor_name="Ông Trần Văn Ba"
        )
    return campaign


@pytest.fixture
def wrong_figure(fund, staff):  # noqa: F811
    """An article says 12.000.000 đồng; the books hold 10.000.000."""
    return campaign_services.record_stated_figure(
        by=staff,
        campaign=fund.campaign,
        subject=StatedFigure.Subject.INDICATOR,
        indicator=fund,
        quote="vận động được 12 triệu đồng",
        source="Bài “Ấm áp Quỹ Vì người nghèo”",
        source_date=today(),
        amount=12_000_000,
    )


@pytest.fixture
def late_opinion(commune, area_a, staff):  # noqa: F811
    opinion = congress_services.receive_opinion(
        commune,
        "Đường bê tông thôn Đông xuống cấp, đề nghị sửa chữa trước mùa mưa.",
        Opinion.Source.VOTER_MEETING,
        area=area_a,
        raised_on=today() - datetime.timedelta(days=40),
        due_on=today() - datetime.timedelta(days=3),
        by=staff,
    )
    congress_services.forward_opinion(opinion, "UBND xã", on=today() - datetime.timedelta(days=35))
    return opinion


@pytest.fixture
def late_recommendation(commune, staff):  # noqa: F811
    supervision = Supervision.objects.create(
        commune=commune,
        form=Supervision.Form.THEMATIC,
        subject="Việc chi trả trợ cấp xã hội",
        starts_on=today() - datetime.timedelta(days=90),
    )
    return activity_services.add_recommendation(
        supervision,
        "Niêm yết công khai danh sách hưởng trợ cấp tại nhà văn hóa thôn.",
        "UBND xã",
        deadline=today() - datetime.timedelta(days=10),
        by=staff,
    )


@pytest.fixture
def coming_conference(commune):
    committee = FrontCommittee.objects.create(commune=commune, level=FrontCommittee.Level.COMMUNE)
    return Conference.objects.create(
        committee=committee,
        kind=Conference.Kind.COMMITTEE,
        title="Hội nghị Ủy ban MTTQ xã lần thứ 5",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        venue="Hội trường UBND xã",
    )


@pytest.fixture
def posts(commune, editor):  # noqa: F811
    category = Category.objects.create(commune=commune, name="Tin hoạt động")
    draft = Post.objects.create(category=category, title="Bản tin tháng Mười hai đang soạn", body="<p>…</p>")
    later = Post.objects.create(
        category=category,
        title="Thông báo lịch tiếp dân tuần tới",
        body="<p>…</p>",
        status=Post.Status.SCHEDULED,
        published_at=timezone.now() + datetime.timedelta(days=2),
    )
    return draft, later


@pytest.fixture
def notices(commune):
    """An announcement that expires in two days and tomorrow's entry of the work calendar."""
    now = timezone.now()
    announcement = Announcement.objects.create(
        commune=commune,
        title="Thông báo thu Quỹ đợt cuối năm",
        body="<p>…</p>",
        starts_at=now - datetime.timedelta(days=5),
        expires_at=now + datetime.timedelta(days=2),
    )
    entry = CalendarEntry.objects.create(
        commune=commune,
        day=today() + datetime.timedelta(days=1),
        title="Kiểm tra công trình nhà Đại đoàn kết",
    )
    return announcement, entry


@pytest.fixture
def everything(
    fund_campaign,
    last_years_fund,
    wrong_figure,
    late_opinion,
    late_recommendation,
    coming_conference,
    posts,
    notices,
):
    return {
        "campaign": fund_campaign,
        "figure": wrong_figure,
        "opinion": late_opinion,
        "recommendation": late_recommendation,
        "conference": coming_conference,
        "posts": posts,
    }
