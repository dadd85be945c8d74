"""The chair sets an indicator's commune target and every current area's share on one page,
sees the sum against the commune target, and saves all or nothing."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from campaigns import services
from campaigns.models import Target
from congresses.models import Commune, ResidentialArea, StaffProfile


@pytest.fixture
def area_merged(commune, area_a):
    """Thôn Bắc, merged into Thôn Đông: no longer in the grid, its old target kept."""
    return ResidentialArea.objects.create(
        commune=commune, name="Bắc", position=3, valid_until=datetime.date(2024, 12, 31), merged_into=area_a
    )


@pytest.fixture
def grid_url(fund):
    return reverse("admin:campaigns_indicator_targets", args=[fund.pk])


def _data(fund, areas, commune="21.000.000", **shares):
    """The grid as POSTed: commune target, one input per area (blank unless given)."""
    data = {"commune": commune, "assigned_by": "xa"}
    for area in areas:
        data[f"khu_{area.pk}"] = shares.get(area.name, "")
    return data


def _row(page, area):
    """The HTML of one area's row, to check an error sits on that row and no other."""
    start = page.index(f'for="id_khu_{area.pk}"')
    end = page.find('class="target-row', start)
    return page[start : end if end != -1 else None]


def _shares(fund):
    return {t.area.name if t.area_id else None: t.amount for t in fund.targets.select_related("area")}


def test_chair_sees_the_commune_and_every_current_area_on_one_page(
    client, chair, fund, area_a, area_b, area_merged, grid_url
):
    Target.objects.create(indicator=fund, area=area_merged, amount=4_000_000)
    client.force_login(chair)
    page = client.get(grid_url).content.decode()
    assert 'value="21.000.000"' in page  # the commune target as it is
    assert f'name="khu_{area_a.pk}"' in page and f'name="khu_{area_b.pk}"' in page
    assert f'name="khu_{area_merged.pk}"' not in page
    assert "Thôn Bắc: 4.000.000 đ" in page  # the merged area's target is listed, kept
    assert "Chưa giao cho khu nào." in page


def test_setting_seven_hamlets_takes_one_page_seven_typings_and_one_save(
    client, commune, chair, fund, grid_url
):
    # Actions: open the grid (1), type seven shares (7), tick nothing, press "Lưu chỉ tiêu" (1):
    # 9 in all, where seven separate target forms took about 54.
    areas = [
        ResidentialArea.objects.create(commune=commune, name=f"Thôn số {n}", position=n) for n in range(1, 8)
    ]
    client.force_login(chair)
    assert client.get(grid_url).status_code == 200
    shares = {area.name: "3.000.000" for area in areas}
    response = client.post(grid_url, _data(fund, areas, **shares))
    assert response.status_code == 302
    assert _shares(fund) == {None: 21_000_000, **{area.name: 3_000_000 for area in areas}}
    target = fund.targets.get(area=areas[0])
    assert target.set_by == chair and target.history.get().history_user == chair


def test_one_bad_value_saves_nothing_and_the_error_is_on_its_row(
    client, chair, fund, area_a, area_b, grid_url
):
    Target.objects.create(indicator=fund, area=area_b, amount=6_000_000)
    client.force_login(chair)
    data = _data(fund, [area_a, area_b], commune="30.000.000", Đông="15.000.000", Tây="mười lăm triệu")
    data["accept_difference"] = "on"
    response = client.post(grid_url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Chưa lưu gì: hãy sửa các ô được đánh dấu bên dưới." in page
    assert "Viết như 750.000" in _row(page, area_b)
    assert "Viết như" not in _row(page, area_a)
    assert 'value="mười lăm triệu"' in page  # what was typed comes back to be corrected
    assert _shares(fund) == {None: 21_000_000, "Tây": 6_000_000}


def test_a_sum_that_differs_needs_the_explicit_tick(client, chair, fund, area_a, area_b, grid_url):
    client.force_login(chair)
    data = _data(fund, [area_a, area_b], Đông="8.000.000", Tây="10.000.000")
    page = client.post(grid_url, data).content.decode()
    assert "Tổng các khu còn thiếu 3.000.000 đ so với chỉ tiêu của xã." in page
    assert "Tổng các khu khác chỉ tiêu của xã: vẫn lưu" in page
    assert _shares(fund) == {None: 21_000_000}

    response = client.post(grid_url, {**data, "accept_difference": "on"})
    assert response.status_code == 302
    assert _shares(fund) == {None: 21_000_000, "Đông": 8_000_000, "Tây": 10_000_000}


def test_check_shows_the_sum_and_the_difference_and_saves_nothing(
    client, chair, fund, area_a, area_b, grid_url
):
    client.force_login(chair)
    data = {**_data(fund, [area_a, area_b], Đông="12000000", Tây="10.000.000"), "kiem-tra": "Kiểm tra tổng"}
    page = client.post(grid_url, data).content.decode()
    assert re.search(r'data-summary="total">22\.000\.000 đ<', page)
    assert "Tổng các khu vượt 1.000.000 đ so với chỉ tiêu của xã." in page
    assert "= 12.000.000 đ" in _row(page, area_a)  # a value typed another way is echoed grouped
    assert "= 10.000.000 đ" not in page  # one typed grouped is not repeated
    assert _shares(fund) == {None: 21_000_000}


def test_the_script_gets_the_sum_from_the_server(client, chair, fund, area_a, area_b, grid_url):
    client.force_login(chair)
    data = _data(fund, [area_a, area_b], Đông="21000000", Tây="")
    result = client.post(grid_url, data, HTTP_ACCEPT="application/json").json()
    assert result["summary"]["total"] == "21.000.000 đ"
    assert result["summary"]["text"] == "Tổng các khu bằng đúng chỉ tiêu của xã."
    assert result["rows"][f"khu_{area_a.pk}"] == {"error": "", "value": "21.000.000 đ"}
    assert _shares(fund) == {None: 21_000_000}


def test_a_blank_share_removes_the_target_and_the_history_keeps_it(
    client, chair, fund, area_a, area_b, grid_url
):
    services.set_target(fund, by=chair, area=area_a, amount=5_000_000)
    client.force_login(chair)
    response = client.post(grid_url, _data(fund, [area_a, area_b], Đông=""), follow=True)
    page = response.content.decode()
    assert "Đã bỏ chỉ tiêu của: Thôn Đông (lịch sử vẫn giữ mức cũ)." in page
    assert "Thôn Đông: Bỏ chỉ tiêu (trước: 5.000.000 đ)" in page
    assert _shares(fund) == {None: 21_000_000}
    removal = Target.history.filter(area=area_a).order_by("-history_id").first()
    assert (removal.history_type, removal.history_user, removal.amount) == ("-", chair, 5_000_000)


def test_unchanged_rows_are_not_saved_again(client, chair, fund, area_a, area_b, grid_url):
    services.set_target(fund, by=chair, area=area_a, amount=5_000_000)
    before = Target.history.count()
    client.force_login(chair)
    response = client.post(
        grid_url, {**_data(fund, [area_a, area_b], Đông="5.000.000"), "accept_difference": "on"}
    )
    assert response.status_code == 302
    assert Target.history.count() == before


def test_changing_a_share_keeps_the_old_value_in_the_history(chair, fund, area_a):
    services.set_targets(fund, by=chair, commune=21_000_000, shares={area_a: 5_000_000})
    services.set_targets(fund, by=chair, commune=21_000_000, shares={area_a: 7_000_000})
    assert [r.amount for r in fund.targets.get(area=area_a).history.order_by("history_id")] == [
        5_000_000,
        7_000_000,
    ]


def test_set_targets_rolls_back_every_row_when_one_fails(chair, fund, area_a):
    other = ResidentialArea.objects.create(commune=Commune.objects.create(name="Hòa Lợi"), name="Nam")
    # With a second commune, the chair acts for theirs only through their staff profile.
    StaffProfile.objects.create(user=chair, commune=area_a.commune)
    with pytest.raises(ValidationError) as error:
        services.set_targets(fund, by=chair, commune=30_000_000, shares={area_a: 5_000_000, other: 1_000_000})
    assert set(error.value.message_dict) == {other.pk}
    assert "không thuộc xã" in error.value.message_dict[other.pk][0]
    assert _shares(fund) == {None: 21_000_000}


@pytest.mark.parametrize("actor", ["staff", "officer_a"])
def test_only_the_chair_opens_and_saves_the_grid(client, request, fund, area_a, area_b, grid_url, actor):
    user = request.getfixturevalue(actor)
    client.force_login(user)
    assert client.get(grid_url).status_code == 403
    assert client.post(grid_url, _data(fund, [area_a, area_b], Đông="21.000.000")).status_code == 403
    with pytest.raises(PermissionDenied):
        services.set_targets(fund, by=user, commune=1, shares={area_a: 1})
    assert _shares(fund) == {None: 21_000_000}


def test_anonymous_is_sent_to_the_login(client, grid_url):
    response = client.get(grid_url)
    assert response.status_code == 302 and "/quan-tri/login/" in response["Location"]


def test_the_grid_is_reached_from_the_indicator_and_the_campaign(client, chair, staff, fund, grid_url):
    client.force_login(chair)
    indicator_page = client.get(reverse("admin:campaigns_indicator_change", args=[fund.pk])).content.decode()
    campaign_page = client.get(
        reverse("admin:campaigns_campaign_change", args=[fund.campaign.pk])
    ).content.decode()
    assert grid_url in indicator_page and grid_url in campaign_page
    client.force_login(staff)
    assert (
        grid_url
        not in client.get(
            reverse("admin:campaigns_campaign_change", args=[fund.campaign.pk])
        ).content.decode()
    )


def test_shares_are_typed_as_officers_write_amounts(client, chair, fund, area_a, area_b, grid_url):
    client.force_login(chair)
    data = {**_data(fund, [area_a, area_b], commune="21 triệu", Đông="2,5 triệu", Tây="18.500.000 đ")}
    response = client.post(grid_url, data)
    assert response.status_code == 302
    assert _shares(fund) == {None: 21_000_000, "Đông": 2_500_000, "Tây": 18_500_000}
    page = client.get(grid_url).content.decode()
    assert 'value="2.500.000"' in page  # shown back grouped


@pytest.mark.parametrize("typed", ["1.5", "-500000", "1e9", "0"])
def test_an_ambiguous_or_impossible_share_is_refused(client, chair, fund, area_a, grid_url, typed):
    client.force_login(chair)
    page = client.post(grid_url, _data(fund, [area_a], Đông=typed)).content.decode()
    assert "Chưa lưu gì" in page and 'id="id_khu_' in _row(page, area_a)
    assert re.search(r'class="target-error">[^<]+<', _row(page, area_a))
    assert _shares(fund) == {None: 21_000_000}


def test_a_count_indicator_takes_whole_counts(client, chair, blood, area_a, area_b):
    client.force_login(chair)
    url = reverse("admin:campaigns_indicator_targets", args=[blood.pk])
    page = client.get(url).content.decode()
    assert "Chỉ tiêu cả xã (đơn vị máu)" in page
    response = client.post(
        url, {"commune": "44", "assigned_by": "tinh", f"khu_{area_a.pk}": "20", f"khu_{area_b.pk}": "24"}
    )
    assert response.status_code == 302
    assert _shares(blood) == {None: 44, "Đông": 20, "Tây": 24}
    assert blood.commune_target().assigned_by == Target.AssignedBy.PROVINCE


def test_chair_changes_the_commune_target_in_the_grid(client, chair, fund, area_a, grid_url):
    # On PostgreSQL, locking the commune target (no area) once failed: its ordering joins the
    # nullable area, and FOR UPDATE refuses the nullable side of an outer join.
    client.force_login(chair)
    response = client.post(grid_url, _data(fund, [area_a], commune="25 triệu", Đông="25 triệu"))
    assert response.status_code == 302
    assert _shares(fund) == {None: 25_000_000, "Đông": 25_000_000}
    assert fund.commune_target().history.first().history_user == chair


def test_a_change_made_while_the_chair_was_typing_is_not_undone(client, chair, fund, area_a, grid_url):
    client.force_login(chair)
    page = client.get(grid_url).content.decode()
    seen = re.search(r'name="version" value="(\d+)"', page).group(1)
    services.set_target(fund, by=chair, area=area_a, amount=9_000_000)  # another tab, another chair
    data = {**_data(fund, [area_a], Đông="21.000.000"), "version": seen}
    page = client.post(grid_url, data).content.decode()
    assert "Trong lúc bạn nhập, mức chỉ tiêu đã được thay đổi ở nơi khác" in page
    assert "Đang giao: 9.000.000 đ" in _row(page, area_a)
    assert _shares(fund) == {None: 21_000_000, "Đông": 9_000_000}
    fresh = re.search(r'name="version" value="(\d+)"', page).group(1)
    assert client.post(grid_url, {**data, "version": fresh}).status_code == 302
    assert _shares(fund) == {None: 21_000_000, "Đông": 21_000_000}
