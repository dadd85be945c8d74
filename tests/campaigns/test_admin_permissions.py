"""Who may open which admin page of contributions and targets: the full matrix, then the writes."""

import datetime

import pytest
from django.urls import reverse

from campaigns import services
from campaigns.models import Contribution, Target

from .factories import give

ACTORS = ["anonymous", "officer_a", "officer_b", "staff", "chair"]


@pytest.fixture
def records(fund, area_a):
    """A contribution and a target of area A, the objects every URL of the matrix points at."""
    return {
        "contribution": give(fund, area_a, 2_000_000, donor_name="Hộ ông Phan Văn Lộc"),
        "target": Target.objects.create(indicator=fund, area=area_a, amount=5_000_000),
    }


@pytest.fixture
def login(client, request):
    def as_actor(actor):
        if actor != "anonymous":
            client.force_login(request.getfixturevalue(actor))
        return client

    return as_actor


def _url(model, page, obj):
    name = f"admin:campaigns_{model}_{page}"
    return reverse(name, args=[obj.pk]) if page in ("change", "delete") else reverse(name)


# (model, page) → expected status for anonymous, officer A, officer B, staff, chair.
MATRIX = {
    ("contribution", "changelist"): [302, 200, 200, 200, 200],
    ("contribution", "add"): [302, 200, 200, 200, 200],
    ("contribution", "change"): [302, 200, 404, 200, 200],
    ("contribution", "delete"): [302, 403, 403, 403, 403],
    ("target", "changelist"): [302, 200, 200, 200, 200],
    ("target", "add"): [302, 403, 403, 403, 200],
    ("target", "change"): [302, 200, 404, 200, 200],
    ("target", "delete"): [302, 403, 403, 403, 403],
}
CASES = [
    (model, page, actor, statuses[index])
    for (model, page), statuses in MATRIX.items()
    for index, actor in enumerate(ACTORS)
]


@pytest.mark.parametrize(("model", "page", "actor", "status"), CASES)
def test_admin_permission_matrix(
    records, login, officer_a, officer_b, staff, chair, model, page, actor, status
):
    response = login(actor).get(_url(model, page, records[model]))
    assert response.status_code == status
    if status == 302:
        assert "/quan-tri/login/" in response["Location"]


def test_officer_sees_only_their_own_areas_contributions(records, login, fund, area_b, officer_a, officer_b):
    give(fund, area_b, 7_000_000, donor_name="Hộ bà Đỗ Thị Sen")
    page = login("officer_b").get(reverse("admin:campaigns_contribution_changelist")).content.decode()
    assert "Hộ bà Đỗ Thị Sen" in page
    assert "Hộ ông Phan Văn Lộc" not in page


def test_officer_cannot_change_another_areas_contribution(records, login, officer_b, area_b):
    entry = records["contribution"]
    response = login("officer_b").post(
        _url("contribution", "change", entry),
        {
            "indicator": entry.indicator_id,
            "area": area_b.pk,
            "date": "01/03/2025",
            "amount": 1,
            "quantity": 0,
            "donor_kind": "ca_nhan",
            "donor_name": "Kẻ lạ",
        },
    )
    assert response.status_code == 404
    entry.refresh_from_db()
    assert (entry.amount, entry.donor_name, entry.area_id) == (
        2_000_000,
        "Hộ ông Phan Văn Lộc",
        records["contribution"].area_id,
    )


def _form(indicator, area, **extra):
    data = {
        "indicator": indicator.pk,
        "area": area.pk,
        "date": "05/03/2025",
        "amount": 1_500_000,
        "quantity": 0,
        "donor_kind": "ca_nhan",
        "donor_name": "Võ Thị Lan",
        "note": "",
    }
    data.update(extra)
    return data


def test_officer_adds_a_contribution_for_their_area(login, fund, area_a, officer_a):
    response = login("officer_a").post(reverse("admin:campaigns_contribution_add"), _form(fund, area_a))
    assert response.status_code == 302
    entry = Contribution.objects.get()
    assert (entry.amount, entry.area, entry.entered_by) == (1_500_000, area_a, officer_a)
    assert entry.history.first().history_user == officer_a


def test_officer_cannot_add_a_contribution_for_another_area(login, fund, area_b, officer_a):
    response = login("officer_a").post(reverse("admin:campaigns_contribution_add"), _form(fund, area_b))
    assert response.status_code == 200
    assert "Hãy chọn" in response.content.decode() or "Lựa chọn" in response.content.decode()
    assert not Contribution.objects.exists()


def test_officer_cannot_change_an_entry_in_a_locked_period(records, login, officer_a, chair, fund, area_a):
    entry = records["contribution"]
    services.lock_period(fund.campaign, until=datetime.date(2025, 3, 31), by=chair)
    url = _url("contribution", "change", entry)
    page = login("officer_a").get(url).content.decode()
    assert 'name="amount"' not in page  # read-only view
    assert "Lập bút toán điều chỉnh" in page
    # A form opened before the lock and sent after it comes back read-only, saying why.
    response = login("officer_a").post(url, _form(fund, area_a, amount=9), follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "đã khóa sổ bởi chutich.xa" in response.content.decode()
    entry.refresh_from_db()
    assert entry.amount == 2_000_000


def test_officer_reverses_a_locked_entry_from_the_admin(records, login, officer_a, chair, fund):
    entry = records["contribution"]
    services.lock_period(fund.campaign, until=datetime.date(2025, 3, 31), by=chair)
    url = reverse("admin:campaigns_contribution_reverse", args=[entry.pk])
    response = login("officer_a").post(url, {"reason": "Hộ dân ủng hộ 200.000 đ, nhập nhầm"})
    assert response.status_code == 302
    assert fund.totals()["measure"] == 0
    assert Contribution.objects.filter(reverses=entry, entered_by=officer_a).exists()


def test_officer_b_cannot_open_the_reversal_page_of_area_a(records, login, officer_b):
    url = reverse("admin:campaigns_contribution_reverse", args=[records["contribution"].pk])
    assert login("officer_b").post(url, {"reason": "Sai"}).status_code == 404
    assert Contribution.objects.count() == 1


def test_staff_cannot_change_a_target(records, login, staff):
    target = records["target"]
    data = {
        "indicator": target.indicator_id,
        "area": target.area_id,
        "amount": 1,
        "assigned_by": "xa",
        "note": "",
    }
    assert login("staff").post(_url("target", "change", target), data).status_code == 403
    target.refresh_from_db()
    assert target.amount == 5_000_000


def test_chair_changes_a_target_and_history_keeps_who_and_the_old_value(records, login, chair):
    target = records["target"]
    data = {
        "indicator": target.indicator_id,
        "area": target.area_id,
        "amount": 6_500_000,
        "assigned_by": "xa",
        "note": "",
    }
    assert login("chair").post(_url("target", "change", target), data).status_code == 302
    target.refresh_from_db()
    assert (target.amount, target.set_by) == (6_500_000, chair)
    latest, previous = target.history.all()[:2]
    assert (latest.amount, latest.history_user) == (6_500_000, chair)
    assert previous.amount == 5_000_000


def test_only_the_chair_is_offered_the_verify_action(records, login, staff, chair):
    url = reverse("admin:campaigns_contribution_changelist")
    assert "verify_selected" not in login("staff").get(url).content.decode()
    response = login("chair").post(
        url, {"action": "verify_selected", "_selected_action": [records["contribution"].pk]}
    )
    assert response.status_code == 302
    records["contribution"].refresh_from_db()
    assert records["contribution"].verified_by == chair


def test_staff_downloads_the_results_as_xlsx(records, login, staff, fund):
    response = login("staff").get(reverse("admin:campaigns_campaign_export", args=[fund.campaign_id]))
    assert response.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == ["Theo chỉ tiêu", "Theo khu dân cư"]
    rows = list(workbook["Theo khu dân cư"].iter_rows(values_only=True))
    assert rows[1][2:5] == ("Thôn Đông", 5_000_000, 2_000_000)


def test_officer_cannot_export(records, login, officer_a, fund):
    response = login("officer_a").get(reverse("admin:campaigns_campaign_export", args=[fund.campaign_id]))
    assert response.status_code == 403


def test_officer_sees_their_area_against_its_target_above_the_list(records, login, officer_a):
    page = login("officer_a").get(reverse("admin:campaigns_contribution_changelist")).content.decode()
    assert "Thôn Đông so với chỉ tiêu" in page
    assert "2.000.000 / 5.000.000 đ — đạt 40%" in page


def test_staff_see_an_entry_and_its_reversal_side_by_side(records, login, staff, officer_a):
    entry = records["contribution"]
    reversal = services.reverse_contribution(entry, by=officer_a, reason="Nhập trùng")
    page = login("staff").get(reverse("admin:campaigns_contribution_changelist")).content.decode()
    assert f"Điều chỉnh cho #{entry.pk}" in page
    assert "-2.000.000 đ" in page and "2.000.000 đ" in page
    assert login("staff").get(_url("contribution", "change", reversal)).status_code == 200


def test_the_history_page_of_a_contribution_names_who_changed_it(records, login, officer_a, fund, area_a):
    entry = records["contribution"]
    response = login("officer_a").post(
        _url("contribution", "change", entry), _form(fund, area_a, amount=2_500_000)
    )
    assert response.status_code == 302
    history_url = reverse("admin:campaigns_contribution_history", args=[entry.pk])
    history = login("officer_a").get(history_url).content.decode()
    assert "truongban.dong" in history
    assert "2500000" in history or "2.500.000" in history
    assert login("officer_b").get(history_url).status_code == 404
