"""One commune's first half of 2026 as its records hold it: conferences, a consultation, a voter
meeting and opinions, a supervision, a fund and a blood drive with results, gifts and a house;
and one conference, one contribution after the half, which a report of the half leaves out."""

import datetime

import pytest
from django.utils import timezone

from campaigns.models import Campaign, Contribution, GiftBatch, House, Indicator, Recipient, Target
from congresses import activity_services, services
from congresses.models import (
    Conference,
    Consultation,
    Delegate,
    Opinion,
    Person,
    Position,
    SlateEntry,
    Supervision,
    Term,
    VoterMeeting,
)
from congresses.supervision import FollowUp
from lib.figures import Figure, Qualifier

H1 = (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))


def at(day, hour=8):
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, 0))


@pytest.fixture
def half_year(commune, area_a, area_b):
    Position.objects.ensure_standard()
    head = Position.objects.get(name="Chủ tịch")
    member = Position.objects.get(name="Thành viên")
    board = services.commune_committee(commune)
    term = Term.objects.create(
        committee=board, start_date=datetime.date(2024, 9, 1), end_date=datetime.date(2029, 9, 1)
    )
    chair_person = Person.objects.create(commune=commune, full_name="Võ Thị Hạnh", gender="female")
    services.appoint(term, chair_person, head)
    east, west = services.committee_for_area(area_a), services.committee_for_area(area_b)
    conferences = [
        Conference.objects.create(
            committee=board,
            kind=Conference.Kind.COMMITTEE,
            title="Hội nghị Ủy ban MTTQ xã lần thứ III",
            starts_at=at(datetime.date(2026, 1, 15)),
            attendees_count=40,
        ),
        Conference.objects.create(
            committee=east,
            kind=Conference.Kind.TERM,
            title="Hội nghị nhiệm kỳ Ban công tác Mặt trận thôn Đông",
            starts_at=at(datetime.date(2026, 3, 10)),
            attendees_count=45,
            areas_taking_part=1,
            areas_total=1,
        ),
        Conference.objects.create(
            committee=west,
            kind=Conference.Kind.TERM,
            title="Hội nghị nhiệm kỳ Ban công tác Mặt trận thôn Tây",
            starts_at=at(datetime.date(2026, 3, 12)),
            attendees_count=50,
        ),
    ]
    Conference.objects.create(
        committee=board,
        kind=Conference.Kind.COMMITTEE,
        title="Hội nghị Ủy ban tháng 8",
        starts_at=at(datetime.date(2026, 8, 5)),
        attendees_count=38,
    )
    consultation = Consultation.objects.create(
        conference=conferences[1], term_start=datetime.date(2026, 3, 10), term_end=datetime.date(2028, 3, 10)
    )
    people = [
        Person.objects.create(commune=commune, full_name=f"Nguyễn Văn {n}", gender="male") for n in "ABC"
    ]
    for person in people:
        SlateEntry.objects.create(consultation=consultation, person=person, position=member)
    for person in people[:2]:
        Delegate.objects.create(consultation=consultation, person=person)
    meeting = VoterMeeting.objects.create(
        commune=commune,
        body=VoterMeeting.Body.COMMUNE_COUNCIL,
        timing=VoterMeeting.Timing.BEFORE,
        session="kỳ họp thứ 5, HĐND xã khóa XIII",
        starts_on=datetime.date(2026, 4, 20),
        attendees=120,
        attendees_qualifier=Qualifier.OVER,
        speakers_count=12,
    )
    opinions = [
        services.receive_opinion(
            commune,
            "Đường vào thôn Đông xuống cấp",
            Opinion.Source.VOTER_MEETING,
            field=Opinion.Field.TRANSPORT,
            voter_meeting=meeting,
            raised_on=datetime.date(2026, 4, 20),
        ),
        services.receive_opinion(
            commune,
            "Đèn đường thôn Tây hỏng",
            Opinion.Source.VOTER_MEETING,
            field=Opinion.Field.TRANSPORT,
            voter_meeting=meeting,
            raised_on=datetime.date(2026, 4, 20),
        ),
        services.receive_opinion(
            commune,
            "Hỏi về bảo hiểm y tế hộ cận nghèo",
            Opinion.Source.WEBSITE,
            field=Opinion.Field.HEALTH,
            raised_on=datetime.date(2026, 5, 2),
        ),
    ]
    services.forward_opinion(opinions[0], "UBND xã", on=datetime.date(2026, 4, 25))
    services.answer_opinion(
        opinions[0], "Đã đưa vào kế hoạch sửa năm 2026.", "UBND xã", on=datetime.date(2026, 5, 20)
    )
    supervision = activity_services.save_supervision(
        Supervision(
            commune=commune,
            form=Supervision.Form.THEMATIC,
            subject="việc cấp thẻ bảo hiểm y tế",
            body_supervised="UBND xã",
            starts_on=datetime.date(2026, 5, 12),
        )
    )
    done = activity_services.add_recommendation(supervision, "Cấp đủ thẻ cho hộ cận nghèo", "UBND xã")
    activity_services.add_recommendation(supervision, "Niêm yết danh sách", "UBND xã")
    activity_services.follow_up(done, FollowUp.Kind.SENT, on=datetime.date(2026, 5, 20), body="UBND xã")
    activity_services.follow_up(done, FollowUp.Kind.DONE, on=datetime.date(2026, 6, 10))

    fund = Campaign.objects.create(
        commune=commune,
        name="Vận động Quỹ “Vì người nghèo” năm 2026",
        status=Campaign.Status.ACTIVE,
        start_date=datetime.date(2026, 1, 1),
    )
    money = Indicator.objects.create(
        campaign=fund, name="Quỹ “Vì người nghèo”", report_phrase="Vận động Quỹ “Vì người nghèo”"
    )
    Target.objects.create(indicator=money, area=None, amount=21_000_000)
    Target.objects.create(indicator=money, area=area_a, amount=12_000_000)
    for area, amount, day in ((area_a, 5_000_000, (2, 3)), (area_b, 3_000_000, (3, 9))):
        Contribution.objects.create(
            indicator=money,
            area=area,
            amount=amount,
            donor_name="Gia đình ông Tư",
            date=datetime.date(2026, *day),
        )
    blood = Campaign.objects.create(
        commune=commune,
        name="Hiến máu tình nguyện năm 2026",
        kind=Campaign.Kind.MOVEMENT,
        status=Campaign.Status.CLOSED,
        start_date=datetime.date(2026, 2, 1),
        end_date=datetime.date(2026, 5, 31),
    )
    units = Indicator.objects.create(
        campaign=blood,
        name="Hiến máu",
        unit=Indicator.Unit.COUNT,
        unit_label="đơn vị máu",
        report_phrase="Vận động hiến máu tình nguyện",
    )
    Target.objects.create(indicator=units, area=None, amount=44)
    for area, quantity in ((area_a, 30), (area_b, 24)):
        Contribution.objects.create(
            indicator=units, area=area, quantity=quantity, date=datetime.date(2026, 4, 8)
        )
    draft = Campaign.objects.create(
        commune=commune, name="Cuộc vận động nháp", start_date=datetime.date(2026, 1, 1)
    )
    Indicator.objects.create(campaign=draft, name="Chỉ tiêu nháp")
    recipient = Recipient.objects.create(commune=commune, label="Hộ bà Năm", area=area_a)
    House.objects.create(
        campaign=fund,
        recipient=recipient,
        area=area_a,
        total_value=60_000_000,
        approved_on=datetime.date(2026, 2, 1),
        started_on=datetime.date(2026, 3, 1),
        handed_over_on=datetime.date(2026, 5, 19),
    )
    GiftBatch.objects.create(
        campaign=fund,
        title="Trao quà Tết Bính Ngọ",
        count=20,
        cash_per_gift=500_000,
        paid=GiftBatch.Paid.NOT_FROM_FUND,
        date=datetime.date(2026, 1, 25),
    )
    return {
        "commune": commune,
        "fund": fund,
        "money": money,
        "blood": blood,
        "units": units,
        "conferences": conferences,
        "meeting": meeting,
        "opinions": opinions,
        "supervision": supervision,
        "chair_person": chair_person,
        "figure": Figure,
    }
