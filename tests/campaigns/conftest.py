"""Named actors and a small campaign for the campaigns tests.

The role groups are made here with the permissions `mttq_portal.roles.ROLE_PERMISSIONS`
lists (in production a migration makes them), so the admin sees exactly what it will see.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model

from campaigns.models import AreaOfficer, Campaign, Indicator, Target
from lib.roles import CHAIR, COMMUNE_STAFF, HAMLET_OFFICER, role_groups

PASSWORD = "MatKhau@12345"


@pytest.fixture
def groups(db):
    return role_groups()


def _user(username, group=None, **extra):
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True, **extra)
    if group is not None:
        user.groups.add(group)
    return user


@pytest.fixture
def officer_a(groups, area_a):
    user = _user("truongban.dong", groups[HAMLET_OFFICER])
    AreaOfficer.objects.create(user=user, area=area_a)
    return user


@pytest.fixture
def officer_b(groups, area_b):
    user = _user("truongban.tay", groups[HAMLET_OFFICER])
    AreaOfficer.objects.create(user=user, area=area_b)
    return user


@pytest.fixture
def staff(groups):
    return _user("canbo.xa", groups[COMMUNE_STAFF])


@pytest.fixture
def chair(groups):
    return _user("chutich.xa", groups[CHAIR])


@pytest.fixture
def campaign(commune):
    return Campaign.objects.create(
        commune=commune,
        name="Vận động Quỹ “Vì người nghèo” năm 2025",
        status=Campaign.Status.ACTIVE,
        start_date=datetime.date(2025, 1, 1),
    )


@pytest.fixture
def fund(campaign):
    """The money indicator: Quỹ “Vì người nghèo”, with a commune target of 21.000.000 đ."""
    indicator = Indicator.objects.create(
        campaign=campaign, name="Quỹ “Vì người nghèo”", report_phrase="Vận động Quỹ “Vì người nghèo”"
    )
    Target.objects.create(indicator=indicator, amount=21_000_000)
    return indicator


@pytest.fixture
def blood(campaign):
    indicator = Indicator.objects.create(
        campaign=campaign,
        name="Hiến máu tình nguyện",
        unit=Indicator.Unit.COUNT,
        unit_label="đơn vị máu",
        report_phrase="Vận động hiến máu tình nguyện",
        position=2,
    )
    Target.objects.create(indicator=indicator, amount=44, assigned_by=Target.AssignedBy.PROVINCE)
    return indicator
