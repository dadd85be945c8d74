"""Roles: the four groups exist with exactly the permissions of the table in
mttq_portal/roles.py, and each role opens only the admin pages it should.

ADMIN_PAGES is the table to extend with every model the admin shows: (model label, admin
view, roles that may open it). A code in the role table or a row here that names nothing real fails.
"""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from lib.roles import CHAIR, COMMUNE_STAFF, EDITOR, GROUP_NAMES, HAMLET_OFFICER, has_role, role_group
from mttq_portal import roles

ALL_ROLES = (COMMUNE_STAFF, CHAIR, HAMLET_OFFICER, EDITOR)

ADMIN_PAGES = [
    # Accounts and groups: superusers only (whoever may edit users may promote themselves);
    # the chair sees the list of accounts to name hamlet officers.
    ("auth.User", "changelist", (CHAIR,)),
    ("auth.User", "add", ()),
    ("auth.Group", "changelist", ()),
    # Unlocking a locked login.
    ("axes.AccessAttempt", "changelist", (COMMUNE_STAFF, CHAIR)),
    # The Front's organisation.
    ("congresses.Commune", "changelist", (COMMUNE_STAFF, CHAIR)),
    ("congresses.Commune", "add", (COMMUNE_STAFF,)),
    ("congresses.ResidentialArea", "changelist", (COMMUNE_STAFF, CHAIR)),
    ("congresses.ResidentialArea", "add", (COMMUNE_STAFF,)),
    ("congresses.Person", "changelist", (COMMUNE_STAFF, CHAIR)),
    ("congresses.Membership", "add", (COMMUNE_STAFF,)),
    ("congresses.Consultation", "add", (COMMUNE_STAFF,)),
    # Voters' opinions: staff handle them, the chair reads them, officers never see one.
    ("congresses.VoterMeeting", "changelist", (COMMUNE_STAFF, CHAIR)),
    ("congresses.VoterMeeting", "add", (COMMUNE_STAFF,)),
    ("congresses.Opinion", "changelist", (COMMUNE_STAFF, CHAIR)),
    ("congresses.Opinion", "add", (COMMUNE_STAFF,)),
    # News.
    ("news.Post", "changelist", (COMMUNE_STAFF, EDITOR)),
    ("news.Post", "add", (COMMUNE_STAFF, EDITOR)),
    ("news.Category", "add", (COMMUNE_STAFF, EDITOR)),
    # Organisation pages and the work calendar: editors and staff keep them, the chair reads the calendar.
    ("news.Page", "changelist", (COMMUNE_STAFF, EDITOR)),
    ("news.Page", "add", (COMMUNE_STAFF, EDITOR)),
    ("news.CalendarEntry", "changelist", (COMMUNE_STAFF, EDITOR, CHAIR)),
    ("news.CalendarEntry", "add", (COMMUNE_STAFF, EDITOR)),
    # Campaigns.
    # Hamlet officers hold view_campaign, but the campaigns admin shows the list to staff and chair.
    ("campaigns.Campaign", "changelist", (COMMUNE_STAFF, CHAIR)),
    ("campaigns.Campaign", "add", (CHAIR,)),
    ("campaigns.Target", "add", (CHAIR,)),
    ("campaigns.Contribution", "changelist", (COMMUNE_STAFF, CHAIR, HAMLET_OFFICER)),
    ("campaigns.Contribution", "add", (COMMUNE_STAFF, CHAIR, HAMLET_OFFICER)),
    ("campaigns.Disbursement", "add", (COMMUNE_STAFF, CHAIR)),
    ("campaigns.PeriodLock", "changelist", (COMMUNE_STAFF, CHAIR)),
    ("campaigns.PeriodLock", "add", (CHAIR,)),
]


PAGE_PARAMS = [
    pytest.param(label, view, allowed, id=f"{label}-{view}") for label, view, allowed in ADMIN_PAGES
]


@pytest.fixture
def staff_in_role(django_user_model, area_a):
    def make(role):
        user = django_user_model.objects.create_user(f"u{abs(hash(role)) % 10**6}", is_staff=True)
        user.groups.add(role_group(role))
        if role == HAMLET_OFFICER:
            # A hamlet officer works for an area; without one the campaigns admin refuses entries.
            from campaigns.models import AreaOfficer

            AreaOfficer.objects.create(user=user, area=area_a)
        return user

    return make


@pytest.mark.parametrize(("label", "view", "allowed"), PAGE_PARAMS)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_opens_only_its_admin_pages(client, staff_in_role, role, label, view, allowed):
    model = apps.get_model(label)
    client.force_login(staff_in_role(role))
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}")
    status = client.get(url).status_code
    assert status == (200 if role in allowed else 403), f"{role} → {url}: {status}"


def test_the_four_role_groups_exist(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {GROUP_NAMES[role] for role in ALL_ROLES}


def _existing_codes():
    return {
        f"{app}.{codename}"
        for app, codename in Permission.objects.values_list("content_type__app_label", "codename")
    }


@pytest.mark.parametrize("role", ALL_ROLES)
def test_every_permission_the_role_table_names_exists(db, role):
    missing = sorted(set(roles.ROLE_PERMISSIONS[role]) - _existing_codes())
    assert missing == [], f"{role}: the role table names permissions that do not exist: {missing}"


@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_group_holds_exactly_the_permissions_of_the_table(db, role):
    group = role_group(role)
    held = {
        f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")
    }
    assert held == set(roles.ROLE_PERMISSIONS[role])


def test_the_chair_and_only_the_chair_confirms_consultations(db):
    holders = [
        role for role in ALL_ROLES if "congresses.confirm_consultation" in roles.ROLE_PERMISSIONS[role]
    ]
    assert holders == [CHAIR]


def test_no_role_may_delete_money_records_or_areas_or_change_accounts():
    for codes in roles.ROLE_PERMISSIONS.values():
        assert not set(codes) & roles.KEEP_FOREVER
        assert not [code for code in codes if code.startswith("auth.") and code != "auth.view_user"]


def test_a_group_edited_by_hand_is_put_back_by_the_next_migrate(db):
    editor = role_group(EDITOR)
    editor.permissions.add(Permission.objects.get(codename="delete_user"))
    roles.sync_role_groups()
    assert not editor.permissions.filter(codename="delete_user").exists()


def test_a_staff_member_without_a_role_sees_no_model_in_the_admin(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("moi", is_staff=True))
    response = client.get("/quan-tri/")
    assert response.status_code == 200
    assert response.context["app_list"] == []


def test_a_group_renamed_with_its_mapping_keeps_its_members_in_the_role(db, django_user_model, monkeypatch):
    editor = role_group(EDITOR)
    user = django_user_model.objects.create_user("bientap", is_staff=True)
    user.groups.add(editor)
    editor.name = "Biên tập viên trang tin"
    editor.save()
    monkeypatch.setitem(GROUP_NAMES, EDITOR, "Biên tập viên trang tin")

    roles.sync_role_groups()

    assert has_role(django_user_model.objects.get(pk=user.pk), EDITOR)
    assert Group.objects.filter(permissions__codename="add_post", name__startswith="Biên tập").count() == 1
    assert role_group(EDITOR).permissions.filter(codename="add_post").exists()
