"""An area's page shows the areas that became it, generation after generation, and its Ngày hội
year by year (its predecessors' included)."""

import pytest

from congresses import activity_services, services
from congresses.models import ResidentialArea
from lib.figures import Figure, Qualifier

from .activity_fixtures import D

pytestmark = pytest.mark.django_db


@pytest.fixture
def merged_twice(commune):
    """Thôn Bắc + thôn Nam → thôn Bắc Nam (2020); Bắc Nam + thôn Giữa → thôn Hòa Bình (2025)."""
    north, south, middle = (
        ResidentialArea.objects.create(commune=commune, name=name, position=n)
        for n, name in enumerate(["Bắc", "Nam", "Giữa"], start=10)
    )
    north_south = ResidentialArea.objects.create(commune=commune, name="Bắc Nam", position=13)
    services.merge_areas([north, south], into=north_south, on=D(2020, 1, 1))
    peace = ResidentialArea.objects.create(commune=commune, name="Hòa Bình", position=14)
    services.merge_areas([north_south, middle], into=peace, on=D(2025, 7, 1))
    return {"north": north, "north_south": north_south, "peace": peace}


def test_the_area_page_shows_its_lineage_over_two_generations(client, merged_twice):
    page = client.get(merged_twice["peace"].get_absolute_url()).content.decode()
    assert "Lịch sử hình thành thôn Hòa Bình" in page
    for name, until in [
        ("Thôn Bắc Nam", "01/07/2025"),
        ("Thôn Giữa", "01/07/2025"),
        ("Thôn Bắc", "01/01/2020"),
    ]:
        assert f"<strong>{name}</strong>" in page and f"sáp nhập từ ngày {until}" in page


def test_an_area_never_merged_shows_no_lineage(client, area_a):
    assert "Lịch sử hình thành" not in client.get(area_a.get_absolute_url()).content.decode()


def test_the_area_page_lists_its_ngay_hoi_and_its_predecessors(client, merged_twice, festival, commune):
    activity_services.record_festival_area(
        festival,
        merged_twice["peace"],
        ceremony=True,
        festivities=True,
        participants=Figure(400, Qualifier.OVER),
    )
    old = activity_services.unity_festival_for(commune, 2019)
    old.is_published = True
    old.save()
    activity_services.record_festival_area(old, merged_twice["north"], ceremony=True)
    page = client.get(merged_twice["peace"].get_absolute_url()).content.decode()
    assert "Ngày hội Đại đoàn kết ở thôn Hòa Bình" in page
    assert "phần lễ, phần hội · trên 400 lượt người" in page
    assert "(thôn Bắc)" in page and "Năm 2019" in page
