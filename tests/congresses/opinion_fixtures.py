"""Actors and records for the opinions tests: staff, chair, an officer, a meeting with opinions."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from congresses import services
from congresses.models import Opinion, VoterMeeting
from lib.figures import Qualifier
from lib.roles import CHAIR, COMMUNE_STAFF, HAMLET_OFFICER, role_groups

PASSWORD = "MatKhau@12345"


def _user(username, role):
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(role_groups()[role])
    return user


@pytest.fixture
def staff(db):
    return _user("canbo.xa", COMMUNE_STAFF)


@pytest.fixture
def chair(db):
    return _user("chutich.xa", CHAIR)


@pytest.fixture
def officer(area_a):
    from campaigns.models import AreaOfficer

    user = _user("truongban.dong", HAMLET_OFFICER)
    AreaOfficer.objects.create(user=user, area=area_a)
    return user


@pytest.fixture
def meeting(commune, area_a, area_b):
    meeting = VoterMeeting.objects.create(
        commune=commune,
        body=VoterMeeting.Body.PROVINCE_COUNCIL,
        timing=VoterMeeting.Timing.BEFORE,
        session="kỳ họp thứ 12, HĐND tỉnh khóa X",
        voting_area="đơn vị bầu cử số 3",
        starts_on=datetime.date(2026, 11, 12),
        ends_on=datetime.date(2026, 11, 14),
        attendees=300,
        attendees_qualifier=Qualifier.OVER,
        speakers_count=18,
        is_published=True,
    )
    meeting.areas.set([area_a, area_b])
    return meeting


def raised(commune, meeting=None, area=None, field=Opinion.Field.TRANSPORT, text="Đường liên thôn xuống cấp"):
    return services.receive_opinion(
        commune,
        summary=text,
        source=Opinion.Source.VOTER_MEETING if meeting else Opinion.Source.WEBSITE,
        field=field,
        area=area,
        voter_meeting=meeting,
        raised_on=datetime.date(2026, 11, 12),
    )


def answered(opinion, public=True):
    services.forward_opinion(opinion, "UBND xã", on=datetime.date(2026, 11, 20))
    services.answer_opinion(
        opinion, "Đã đưa vào kế hoạch sửa chữa năm 2027.", "UBND xã", on=datetime.date(2026, 11, 28)
    )
    if public:
        services.publish_opinion(opinion)
    opinion.refresh_from_db()
    return opinion
