"""Ngày hội Đại đoàn kết: each area's day, the commune's roll-up, officers entering their own
area only, the public pages."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from congresses import activity_services as services
from congresses.models import FestivalArea, ResidentialArea
from lib.figures import Figure, Qualifier

from .activity_fixtures import D
from .opinion_fixtures import PASSWORD

pytestmark = pytest.mark.django_db


def _held(festival, area, meal=True, people=None, **extra):
    return services.record_festival_area(
        festival, area, ceremony=True, festivities=True, shared_meal=meal, participants=people, **extra
    )


def test_the_roll_up_writes_the_commune_sentence(festival, area_a, area_b, commune):
    third = ResidentialArea.objects.create(commune=commune, name="Nam", position=3)
    _held(festival, area_a, people=Figure(300, Qualifier.OVER))
    _held(festival, area_b, meal=False, people=Figure(250))
    services.record_festival_area(festival, third, note="Thôn có tang lễ lớn, lùi sang năm sau")
    roll_up = festival.roll_up()
    assert roll_up.sentence == (
        "2/3 khu dân cư tổ chức phần lễ và hội, 01 khu dân cư tổ chức bữa cơm đại đoàn kết, "
        "với trên 550 lượt người tham gia"
    )
    assert roll_up.missing == []


def test_areas_not_yet_entered_count_in_the_total_and_are_named(festival, area_a, area_b):
    _held(festival, area_a)
    roll_up = festival.roll_up()
    assert roll_up.sentence.startswith("1/2 khu dân cư tổ chức phần lễ và hội")
    assert roll_up.missing == [area_b]


def test_an_area_merged_before_the_day_is_not_counted(festival, area_a, area_b, commune):
    old = ResidentialArea.objects.create(commune=commune, name="Cũ", position=9, valid_until=D(2025, 7, 1))
    assert old not in festival.roll_up().missing
    assert festival.roll_up().areas_total == 2


@pytest.mark.parametrize(
    "extra,message",
    [
        ({"held_on": D(2025, 11, 18)}, "thuộc năm 2026"),
        (
            {"ceremony": False, "festivities": False, "shared_meal": False, "participants": Figure(5)},
            "không ghi số",
        ),
    ],
)
def test_wrong_entries_are_refused_and_nothing_is_saved(festival, area_a, extra, message):
    data = {"ceremony": True, "festivities": True, **extra}
    with pytest.raises(ValidationError, match=message):
        services.record_festival_area(festival, area_a, **data)
    assert not FestivalArea.objects.exists()


def test_a_second_row_for_the_same_area_and_year_is_refused(festival, area_a):
    _held(festival, area_a)
    with pytest.raises(ValidationError, match="đã có số liệu"):
        _held(festival, area_a)
    assert FestivalArea.objects.count() == 1


def test_an_officer_may_not_enter_another_areas_day_through_the_service(festival, area_b, officer):
    with pytest.raises(PermissionDenied):
        _held(festival, area_b, by=officer)
    assert not FestivalArea.objects.exists()


# --- admin as the officer of Đông, the officer of Tây, staff ----------------------------------


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _form(festival, area, **extra):
    return {
        "festival": festival.pk,
        "area": area.pk,
        "held_on": "16/11/2026",
        "ceremony": "on",
        "festivities": "on",
        "shared_meal": "on",
        "participants_figure": "trên 300",
        "guests": "",
        "awards": "05 hộ gia đình văn hóa tiêu biểu được tặng giấy khen",
        "note": "",
        **extra,
    }


def test_the_officer_enters_their_own_areas_day_in_the_admin(client, festival, area_a, officer):
    _login(client, officer)
    response = client.post(reverse("admin:congresses_festivalarea_add"), _form(festival, area_a))
    assert response.status_code == 302
    row = FestivalArea.objects.get()
    assert row.area == area_a and str(row.participants_figure) == "trên 300"


def test_the_officer_is_refused_another_areas_day_and_nothing_is_saved(
    client, festival, area_a, area_b, officer
):
    _login(client, officer)
    response = client.post(reverse("admin:congresses_festivalarea_add"), _form(festival, area_b))
    assert response.status_code == 200
    assert "Tây" not in response.context["adminform"].form.fields["area"].queryset.values_list(
        "name", flat=True
    )
    assert not FestivalArea.objects.exists()


def test_the_officer_sees_only_their_own_areas_rows(client, festival, area_a, area_b, officer):
    east, west = _held(festival, area_a), _held(festival, area_b)
    _login(client, officer)
    listing = client.get(reverse("admin:congresses_festivalarea_changelist")).content.decode()
    assert reverse("admin:congresses_festivalarea_change", args=[east.pk]) in listing
    assert reverse("admin:congresses_festivalarea_change", args=[west.pk]) not in listing
    assert client.get(reverse("admin:congresses_festivalarea_change", args=[west.pk])).status_code == 404
    west_url = reverse("admin:congresses_festivalarea_change", args=[west.pk])
    client.post(west_url, _form(festival, area_b, participants_figure="9"))
    west.refresh_from_db()
    assert west.participants is None


def test_staff_correct_any_areas_day_and_the_roll_up_shows_in_the_admin(
    client, festival, area_a, area_b, staff
):
    row = _held(festival, area_b, people=Figure(100))
    _login(client, staff)
    url = reverse("admin:congresses_festivalarea_change", args=[row.pk])
    assert (
        client.post(
            url, _form(festival, area_b, participants_figure="khoảng 400", shared_meal="")
        ).status_code
        == 302
    )
    row.refresh_from_db()
    assert (row.participants, row.participants_qualifier, row.shared_meal) == (400, "khoang", False)
    page = client.get(reverse("admin:congresses_unityfestival_change", args=[festival.pk])).content.decode()
    assert "1/2 khu dân cư tổ chức phần lễ và hội, 00 khu dân cư tổ chức bữa cơm đại đoàn kết" in page
    assert "Chưa nhập số liệu: Thôn Đông" in page


def test_the_chair_reads_the_days_but_cannot_change_them(client, festival, area_a, chair):
    row = _held(festival, area_a, people=Figure(100))
    _login(client, chair)
    url = reverse("admin:congresses_festivalarea_change", args=[row.pk])
    assert client.get(url).status_code == 200
    client.post(url, _form(festival, area_a, participants_figure="999"))
    row.refresh_from_db()
    assert row.participants == 100


# --- public pages ----------------------------------------------------------------------------


def test_the_public_pages_show_the_roll_up_and_each_area(client, festival, area_a, area_b):
    _held(festival, area_a, people=Figure(20_000, Qualifier.OVER), awards="Tặng 05 giấy khen")
    listing = client.get(reverse("congresses:unity_festivals")).content.decode()
    assert "1/2 khu dân cư tổ chức phần lễ và hội" in listing
    page = client.get(festival.get_absolute_url()).content.decode()
    assert "với trên 20.000 lượt người tham gia" in page
    assert "Tặng 05 giấy khen" in page
    assert "Thôn Tây" in page and "Chưa có số liệu." in page


@pytest.mark.parametrize("year", ["2025", "99999999999999999999"])
def test_a_year_without_a_published_day_is_404(client, festival, year):
    assert client.get(f"/mat-tran/ngay-hoi-dai-doan-ket/{year}/").status_code == 404


def test_a_second_ngay_hoi_for_the_same_year_is_refused_in_the_admin(client, festival, staff):
    _login(client, staff)
    data = {"year": "2026", "held_on": "", "theme": "", "summary": "", "is_published": "on"}
    data.update({"areas-TOTAL_FORMS": "0", "areas-INITIAL_FORMS": "0", "areas-MIN_NUM_FORMS": "0"})
    data["areas-MAX_NUM_FORMS"] = "1000"
    response = client.post(reverse("admin:congresses_unityfestival_add"), data)
    assert response.status_code == 200
    assert "Năm 2026 đã có Ngày hội" in response.content.decode()
    assert festival.commune.unity_festivals.count() == 1
    data["year"] = "2025"
    assert client.post(reverse("admin:congresses_unityfestival_add"), data).status_code == 302
    assert festival.commune.unity_festivals.count() == 2
