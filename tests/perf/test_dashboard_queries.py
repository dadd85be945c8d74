"""The admin's first page (the chair's dashboard) runs as many queries for 3 campaigns as for 30,
with everything on it growing alike: entries, stated figures, opinions, recommendations,
conferences, calendar entries, announcements, drafts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.dashboard import a_year_before
from campaigns.models import Campaign, Contribution, Indicator, Target
from campaigns.stated import StatedFigure, StatedPart
from congresses.models import Conference, FrontCommittee, ResidentialArea
from congresses.opinions import Opinion
from congresses.supervision import Recommendation, Supervision
from news.announcements import Announcement
from news.models import Category, Post
from news.work_calendar import CalendarEntry
from tests.conftest import chair, editor, groups, staff  # noqa: F401

# The page as a whole: session and user, roles and permissions, the commune, the admin's app
# list and log, then the sections. The chair's: running campaigns 5, last year 2, hamlets
# behind 3, unconfirmed 1, stated figures 8, opinions 2, recommendations 2, conferences past
# their day and not recorded 2, conferences, voter
# meetings and calendar 1 each (no announcements: not the chair's), the last report 1. Staff
# add announcements, drafts (2) and scheduled posts; an editor has only those.
BUDGETS = {"chair": 39, "staff": 42, "editor": 15}


def build(commune, areas, size):
    """`size` of everything, added to what is there."""
    today = timezone.localdate()
    areas = [
        ResidentialArea.objects.get_or_create(commune=commune, name=f"Khu {n}", defaults={"position": n})[0]
        for n in range(areas)
    ]
    start = today - datetime.timedelta(days=50)
    committee, _made = FrontCommittee.objects.get_or_create(
        commune=commune, level=FrontCommittee.Level.COMMUNE
    )
    category, _made = Category.objects.get_or_create(commune=commune, name="Tin hoạt động")
    supervision = Supervision.objects.create(
        commune=commune, form=Supervision.Form.THEMATIC, subject="Giám sát", starts_on=start
    )
    base = Campaign.objects.count()
    for number in range(base, base + size):
        for year, status in ((start, Campaign.Status.ACTIVE), (a_year_before(start), Campaign.Status.CLOSED)):
            campaign = Campaign.objects.create(
                commune=commune, name=f"Cuộc vận động {number} {year.year}", status=status, start_date=year
            )
            money = Indicator.objects.create(campaign=campaign, name=f"Quỹ {number}")
            Target.objects.create(indicator=money, amount=10_000_000)
            Target.objects.bulk_create(Target(indicator=money, area=area, amount=1_000_000) for area in areas)
            Contribution.objects.bulk_create(
                Contribution(
                    indicator=money,
                    area=areas[n % len(areas)],
                    date=min(year + datetime.timedelta(days=n), today),
                    amount=100_000 * (n + 1),
                    donor_name=f"Người {n}",
                )
                for n in range(12)
            )
        figure = StatedFigure.objects.create(
            campaign=campaign,
            subject=StatedFigure.Subject.INDICATOR,
            indicator=money,
            quote=f"được {number} triệu",
            source="Báo cáo",
            source_date=today,
            amount=number * 1_000_000 + 1,
        )
        StatedPart.objects.create(figure=figure, label="cấp xã", value=1)
        for subject in (
            StatedFigure.Subject.GIFTS,
            StatedFigure.Subject.HOUSES,
            StatedFigure.Subject.DISBURSED,
        ):
            StatedFigure.objects.create(
                campaign=campaign, subject=subject, quote="…", source="Báo cáo", source_date=today, amount=7
            )
        opinion = Opinion.objects.create(
            commune=commune,
            source=Opinion.Source.WEBSITE,
            summary=f"Ý kiến {number}",
            due_on=today - datetime.timedelta(days=2),
        )
        opinion.save()
        Recommendation.objects.create(
            supervision=supervision, text=f"Kiến nghị {number}", responsible_body="UBND xã", deadline=start
        )
        Conference.objects.create(
            committee=committee,
            kind=Conference.Kind.COMMITTEE,
            title=f"Hội nghị {number}",
            starts_at=timezone.now() + datetime.timedelta(days=2),
        )
        Conference.objects.create(
            committee=committee,
            kind=Conference.Kind.COMMITTEE,
            title=f"Hội nghị chưa ghi nhận {number}",
            starts_at=timezone.now() - datetime.timedelta(days=3),
            status="announced",
        )
        CalendarEntry.objects.create(
            commune=commune, day=today + datetime.timedelta(days=1), title=f"Việc {number}"
        )
        Announcement.objects.create(
            commune=commune,
            title=f"Thông báo {number}",
            body="<p>…</p>",
            starts_at=timezone.now() - datetime.timedelta(days=1),
            expires_at=timezone.now() + datetime.timedelta(days=2),
        )
        Post.objects.create(category=category, title=f"Bản nháp {number}", body="<p>…</p>")


def count_queries(client, user):
    client.force_login(user)
    client.get("/quan-tri/")  # the table of sites is read once per process, as a running server has it
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/quan-tri/")
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["chair", "staff", "editor"])
def test_the_dashboard_costs_the_same_for_3_and_30_campaigns(client, commune, who, request):
    user = request.getfixturevalue(who)
    build(commune, areas=4, size=3)
    few, page = count_queries(client, user)
    build(commune, areas=4, size=27)
    many, page_many = count_queries(client, user)
    assert few == many, f"{who}: {few} queries for 3 campaigns, {many} for 30"
    assert many <= BUDGETS[who]
    if who == "chair":
        assert "Cuộc vận động 29" in page_many and "Ý kiến, kiến nghị quá hạn trả lời" in page_many
        assert "Số liệu được nêu không khớp với sổ" in page_many
