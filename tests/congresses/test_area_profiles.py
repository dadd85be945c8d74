"""Areas' yearly figures (typed as "1.250", officers for their own hamlet), the real kinds of
areas, and areas split between several successors."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from congresses import personnel_services as services
from congresses.area_profiles import AreaProfile, AreaSuccession, best_successor
from congresses.models import ResidentialArea

from .opinion_fixtures import PASSWORD

pytestmark = pytest.mark.django_db
D = datetime.date


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _form(area, **extra):
    return {
        "area": area.pk,
        "year": "2025",
        "households": "1.250",
        "persons": "4.812",
        "minority_households": "36",
        "religious_households": "120",
        "poor_households": "25",
        "near_poor_households": "41",
        "source": "Rà soát cuối năm",
        **extra,
    }


def test_the_officer_enters_their_own_hamlets_figures_typed_with_thousands(client, area_a, officer):
    response = _login(client, officer).post(reverse("admin:congresses_areaprofile_add"), _form(area_a))
    assert response.status_code == 302
    profile = AreaProfile.objects.get()
    assert (profile.households, profile.persons) == (1250, 4812)
    assert profile.entered_by == officer


def test_the_officer_cannot_enter_another_hamlets_figures(client, area_a, area_b, officer):
    response = _login(client, officer).post(reverse("admin:congresses_areaprofile_add"), _form(area_b))
    assert response.status_code == 200
    assert not AreaProfile.objects.exists()
    with pytest.raises(PermissionDenied):
        services.save_area_profile(AreaProfile(area=area_b, year=2025, households=10), by=officer)


def test_the_officer_sees_only_their_own_hamlets_rows(client, area_a, area_b, officer, staff):
    east = services.save_area_profile(AreaProfile(area=area_a, year=2025, households=300), by=staff)
    west = services.save_area_profile(AreaProfile(area=area_b, year=2025, households=200), by=staff)
    _login(client, officer)
    listing = client.get(reverse("admin:congresses_areaprofile_changelist")).content.decode()
    assert reverse("admin:congresses_areaprofile_change", args=[east.pk]) in listing
    assert reverse("admin:congresses_areaprofile_change", args=[west.pk]) not in listing
    assert client.get(reverse("admin:congresses_areaprofile_change", args=[west.pk])).status_code == 404


def test_staff_enter_any_hamlet_and_the_chair_only_reads(client, area_b, staff, chair):
    assert (
        _login(client, staff).post(reverse("admin:congresses_areaprofile_add"), _form(area_b)).status_code
        == 302
    )
    profile = AreaProfile.objects.get()
    client.logout()
    _login(client, chair)
    url = reverse("admin:congresses_areaprofile_change", args=[profile.pk])
    assert client.get(url).status_code == 200
    client.post(url, _form(area_b, households="9"))
    profile.refresh_from_db()
    assert profile.households == 1250


@pytest.mark.parametrize(
    "extra,message",
    [
        ({"poor_households": "1.300"}, "không thể lớn hơn số hộ"),
        ({"persons": "900"}, "không thể ít hơn số hộ"),
        ({"poor_households": "700", "near_poor_households": "600"}, "không thể vượt số hộ"),
        ({"households": "1.2.5"}, "Số lượng phải là số nguyên"),
    ],
)
def test_figures_that_do_not_add_up_are_refused_and_nothing_is_saved(client, area_a, staff, extra, message):
    response = _login(client, staff).post(reverse("admin:congresses_areaprofile_add"), _form(area_a, **extra))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AreaProfile.objects.exists()


def test_a_second_profile_for_the_same_year_is_refused(area_a, staff):
    services.save_area_profile(AreaProfile(area=area_a, year=2025, households=300), by=staff)
    with pytest.raises(ValidationError):
        services.save_area_profile(AreaProfile(area=area_a, year=2025, households=301), by=staff)
    assert AreaProfile.objects.get().households == 300


def test_the_area_page_shows_the_latest_year_and_the_years_before(client, area_a, staff):
    services.save_area_profile(
        AreaProfile(area=area_a, year=2024, households=1240, persons=4700, poor_households=30), by=staff
    )
    services.save_area_profile(
        AreaProfile(area=area_a, year=2025, households=1250, persons=4812, poor_households=25), by=staff
    )
    page = client.get(area_a.get_absolute_url()).content.decode()
    assert "Dân số, hộ gia đình thôn Đông" in page
    assert "Năm 2025" in page and "4.812" in page and "(2%)" in page
    assert "1.240" in page  # the year before, in the table


@pytest.mark.parametrize(
    "kind,shown",
    [
        ("lang", "Làng Đông"),
        ("xom", "Xóm Đông"),
        ("khom", "Khóm Đông"),
        ("to_tu_quan", "Tổ dân cư tự quản Đông"),
    ],
)
def test_every_kind_of_area_is_named_as_people_say_it(commune, kind, shown):
    area = ResidentialArea(commune=commune, kind=kind, name="Đông")
    area.full_clean()
    area.save()
    assert area.full_name == shown


def _split(commune, area_a, area_b):
    north = ResidentialArea.objects.create(commune=commune, name="Bắc", position=3)
    old = ResidentialArea.objects.create(commune=commune, name="Cũ", position=9)
    services.split_area(
        old, [(area_a, 120, False), (north, 200, False), (area_b, 30, False)], on=D(2025, 7, 1)
    )
    return old, north


def test_a_split_areas_address_leads_to_the_part_with_most_households(client, commune, area_a, area_b):
    old, north = _split(commune, area_a, area_b)
    old.refresh_from_db()
    assert old.valid_until == D(2025, 7, 1)
    assert best_successor(old) == north
    response = client.get(old.get_absolute_url())
    assert response.status_code == 301 and response["Location"] == north.get_absolute_url()


def test_the_principal_part_wins_over_the_largest(commune, area_a, area_b):
    old = ResidentialArea.objects.create(commune=commune, name="Cũ", position=9)
    services.split_area(old, [(area_a, 10, True), (area_b, 500, False)], on=D(2025, 7, 1))
    assert best_successor(old) == area_a


def test_a_split_then_merged_area_leads_to_the_area_of_today(commune, area_a, area_b):
    old, north = _split(commune, area_a, area_b)
    north.merged_into = area_b
    north.valid_until = D(2026, 1, 1)
    north.save()
    assert best_successor(old) == area_b


def test_the_successors_page_names_the_parts_it_received(client, commune, area_a, area_b):
    _split(commune, area_a, area_b)
    page = client.get(area_a.get_absolute_url()).content.decode()
    assert "Chia tách, điều chỉnh địa giới" in page and "Thôn Cũ" in page and "120 hộ" in page


def test_a_split_with_two_principal_parts_or_into_itself_is_refused(commune, area_a, area_b):
    old = ResidentialArea.objects.create(commune=commune, name="Cũ", position=9)
    with pytest.raises(ValidationError):
        services.split_area(old, [(area_a, 1, True), (area_b, 1, True)], on=D(2025, 7, 1))
    with pytest.raises(ValidationError):
        services.split_area(old, [(old, 1, False)], on=D(2025, 7, 1))
    old.refresh_from_db()
    assert old.valid_until is None and not AreaSuccession.objects.exists()
