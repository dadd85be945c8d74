"""In-kind gifts with several quantities on one entry (350 m² đất, 120 ngày công, 2,5 tấn xi
măng) and an optional money value: entered through the officer screen, the staff admin and the
service, summed on the campaign page and said in the report sentence; a reversal cancels them."""

import datetime
import html
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from campaigns import services
from campaigns.inkind import InKindItem, format_quantity, parse_items
from campaigns.models import Contribution, Indicator, Target
from campaigns.reports import summary_sentence
from tests.campaigns.test_officer_screen import HOME, entry_data
from tests.conftest import PASSWORD

DAY = datetime.date(2025, 3, 10)


@pytest.fixture
def roads(campaign):
    indicator = Indicator.objects.create(
        campaign=campaign,
        name="Hiến đất, ngày công làm đường giao thông nông thôn",
        unit=Indicator.Unit.COUNT,
        unit_label="hộ",
        report_phrase="Nhân dân",
        position=3,
    )
    Target.objects.create(indicator=indicator, amount=40)
    return indicator


def page_text(client, campaign):
    response = client.get(campaign.get_absolute_url())
    assert response.status_code == 200
    return " ".join(html.unescape(response.content.decode()).split())


@pytest.mark.parametrize(
    "text,rows",
    [
        ("350 m² đất", [(Decimal("350"), "m²", "đất")]),
        ("1.250 m2 đất\n120 ngày công", [(Decimal("1250"), "m²", "đất"), (Decimal("120"), "ngày công", "")]),
        ("2,5 tấn xi măng; 3.000 viên gạch", None),  # `viên` is no unit we know: refused
        ("2,5 tấn xi măng", [(Decimal("2.5"), "tấn", "xi măng")]),
    ],
)
def test_items_are_read_the_vietnamese_way(text, rows):
    if rows is None:
        with pytest.raises(ValidationError, match="thiếu đơn vị"):
            parse_items(text)
    else:
        assert parse_items(text) == rows


@pytest.mark.parametrize("text", ["m² đất", "0 m² đất", "1.25 tấn xi măng", "350 m²", "2,555 tấn cát"])
def test_unreadable_items_are_refused_in_vietnamese(text):
    with pytest.raises(ValidationError) as error:
        parse_items(text)
    assert text.split()[0] in " ".join(error.value.messages) or "đơn vị" in " ".join(error.value.messages)


def test_quantities_are_written_the_vietnamese_way():
    assert [format_quantity(Decimal(v)) for v in ("1250", "2.50", "0.5", "120")] == [
        "1.250",
        "2,5",
        "0,5",
        "120",
    ]


def test_an_officer_enters_an_in_kind_gift_and_the_page_and_sentence_say_it(client, roads, area_a, officer_a):
    client.force_login(officer_a)
    response = client.post(
        HOME, entry_data(roads, area_a, figure="1", in_kind="1.250 m² đất\n120 ngày công\n2,5 tấn xi măng")
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    entry = Contribution.objects.get(indicator=roads)
    assert [str(item) for item in entry.in_kind_items.all()] == [
        "1.250 m² đất",
        "120 ngày công",
        "2,5 tấn xi măng",
    ]
    client.logout()
    text = page_text(client, roads.campaign)
    assert "Hiện vật: 1.250 m² đất, 120 ngày công, 2,5 tấn xi măng" in text
    assert summary_sentence(roads).startswith(
        "Nhân dân được 1/40 hộ, hiến 1.250 m² đất, 120 ngày công, 2,5 tấn xi măng"
    )


def test_a_wrong_item_line_is_said_back_and_nothing_is_saved(client, roads, area_a, officer_a):
    client.force_login(officer_a)
    response = client.post(HOME, entry_data(roads, area_a, figure="1", in_kind="đất 350"))
    assert response.status_code == 200
    assert "Không đọc được “đất 350”" in html.unescape(response.content.decode())
    assert not Contribution.objects.exists()


def test_staff_enter_an_in_kind_gift_with_a_money_value_in_the_admin(client, staff, roads, area_a):
    client.login(username=staff.username, password=PASSWORD)
    response = client.post(
        "/quan-tri/campaigns/contribution/add/",
        {
            "indicator": roads.pk,
            "area": area_a.pk,
            "date": "10/03/2025",
            "amount": "175.000.000",
            "quantity": "",
            "donor_kind": Contribution.DonorKind.FAMILY,
            "donor_name": "Gia đình ông Lê Văn Tám",
            "in_kind": "350 m² đất\n120 ngày công",
            "note": "",
        },
    )
    assert response.status_code == 302, list(response.context["adminform"].form.errors.items())
    entry = Contribution.objects.get()
    assert (entry.quantity, entry.amount) == (0, 175_000_000)
    assert [str(i) for i in entry.in_kind_items.all()] == ["350 m² đất", "120 ngày công"]
    change = client.get(f"/quan-tri/campaigns/contribution/{entry.pk}/change/").content.decode()
    assert "350 m² đất\n120 ngày công</textarea>" in html.unescape(change)
    assert "hiến 350 m² đất, 120 ngày công, trị giá 175.000.000 đồng" in summary_sentence(roads)


def test_a_reversal_cancels_the_items_too(staff, officer_a, roads, area_a):
    entry = services.record_contribution(
        by=officer_a,
        indicator=roads,
        area=area_a,
        quantity=1,
        date=DAY,
        donor_name="Ông Tám",
        items="350 m² đất",
    )
    services.record_contribution(
        by=officer_a,
        indicator=roads,
        area=area_a,
        quantity=1,
        date=DAY,
        donor_name="Bà Hoa",
        items="80 m² đất",
    )
    services.reverse_contribution(entry, by=staff, reason="Hộ rút lại, chưa hiến")
    assert InKindItem.objects.filter(quantity=-350).count() == 1
    assert "hiến 80 m² đất" in summary_sentence(roads)


def test_an_officer_imports_in_kind_rows_and_a_bad_line_saves_nothing(client, roads, area_a, officer_a):
    from campaigns import imports
    from tests.campaigns.test_import import HEADER, csv_file

    header = HEADER + ",Hiện vật"
    NAME = '"Hiến đất, ngày công làm đường giao thông nông thôn"'  # noqa: N806
    bad = csv_file(
        NAME + ",Đông,10/03/2025,,1,Cá nhân,Hộ ông Năm,,1.250 m² đất; 120 ngày công",
        NAME + ",Đông,11/03/2025,,1,Cá nhân,Hộ bà Sáu,,3.000 viên gạch",
        header=header,
    )
    result = imports.import_contributions(bad, campaign=roads.campaign, by=officer_a)
    assert len(result.errors) == 1 and result.errors[0].startswith("Dòng 3: hiện vật: ")
    assert "3.000 viên gạch" in result.errors[0]
    assert not Contribution.objects.exists() and not InKindItem.objects.exists()

    good = csv_file(
        NAME + ",Đông,10/03/2025,175.000.000,1,Cá nhân,Hộ ông Năm,,1.250 m² đất; 120 ngày công",
        NAME + ',Đông,11/03/2025,,,Cá nhân,Hộ bà Sáu,,"2,5 tấn xi măng"',
        header=header,
    )
    result = imports.import_contributions(good, campaign=roads.campaign, by=officer_a)
    assert result.ok, result.errors
    first = Contribution.objects.get(donor_name="Hộ ông Năm")
    assert first.amount == 175_000_000
    assert [str(item) for item in first.in_kind_items.all()] == ["1.250 m² đất", "120 ngày công"]
    second = Contribution.objects.get(donor_name="Hộ bà Sáu")
    assert [str(item) for item in second.in_kind_items.all()] == ["2,5 tấn xi măng"]
    text = page_text(client, roads.campaign)
    assert "1.250 m² đất" in text and "2,5 tấn xi măng" in text
