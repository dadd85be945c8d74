"""Houses with co-funding and stages, recipients, gift batches with top-ups and payouts in kind:
entered through the services and the admin as staff (never a superuser), shown on the
campaign page in the words reports use; only the Front's part touches the fund's balance."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from campaigns import services
from campaigns.gifts import GiftBatch, Recipient
from campaigns.houses import House, HouseSource, Stage
from campaigns.models import Disbursement

JAN = datetime.date(2025, 1, 10)
FEB = datetime.date(2025, 2, 10)
MAR = datetime.date(2025, 3, 10)
APR = datetime.date(2025, 4, 10)


@pytest.fixture
def raised(fund, area_a, staff):
    """80.000.000 đ in the fund."""
    return services.record_contribution(
        by=staff, indicator=fund, area=area_a, amount=80_000_000, date=JAN, donor_name="Công ty Hòa Bình"
    )


@pytest.fixture
def household(commune, area_a, staff):
    return services.record_recipient(by=staff, commune=commune, label="Hộ nghèo số 12", area=area_a)


def _house(staff, campaign, household, **fields):
    values = {
        "campaign": campaign,
        "recipient": household,
        "total_value": 60_000_000,
        "front_support": 40_000_000,
        "approved_on": JAN,
        "sources": [
            (HouseSource.Kind.UPPER_FUND, 10_000_000),
            (HouseSource.Kind.FAMILY, 4_000_000),
            (HouseSource.Kind.WORKDAYS, 3_000_000, 30),
        ],
    }
    values.update(fields)
    return services.record_house(by=staff, **values)


# --- houses ---------------------------------------------------------------------------------


def test_only_the_fronts_part_of_a_house_touches_the_fund(staff, campaign, household, raised):
    house = _house(staff, campaign, household)
    assert campaign.fund_balance() == 80_000_000  # approved: nothing paid yet
    services.advance_house(house, by=staff, stage=Stage.MONEY, on=FEB)
    house.refresh_from_db()
    assert house.disbursement.amount == 40_000_000
    assert campaign.fund_balance() == 40_000_000  # not the house's 60.000.000 đ
    assert house.remainder() == 3_000_000
    assert "còn lại 3.000.000 đồng" in house.funding_text()
    assert "30 ngày công của bà con lối xóm (trị giá 3.000.000 đồng)" in house.funding_text()


def test_a_house_is_not_handed_over_before_it_was_started(staff, campaign, household, raised):
    house = _house(staff, campaign, household, money_handed_on=FEB)
    house.handed_over_on = MAR
    with pytest.raises(ValidationError) as error:
        services.save_house(house, by=staff)
    assert "Hãy ghi ngày “Đang xây dựng, sửa chữa” trước." in str(error.value)
    assert House.objects.get(pk=house.pk).handed_over_on is None


def test_sources_beyond_the_houses_value_are_refused(staff, campaign, household):
    with pytest.raises(ValidationError) as error:
        _house(staff, campaign, household, sources=[(HouseSource.Kind.UPPER_FUND, 30_000_000)])
    assert "vượt tổng trị giá căn nhà 60.000.000 đ" in str(error.value)
    assert not House.objects.exists()


def test_handing_over_more_than_the_fund_holds_needs_a_funding_source(staff, campaign, household):
    house = _house(staff, campaign, household)
    with pytest.raises(ValidationError) as error:
        services.advance_house(house, by=staff, stage=Stage.MONEY, on=FEB)
    assert "nguồn ứng trước" in str(error.value)
    assert not Disbursement.objects.exists()


def test_the_paid_part_of_a_house_cannot_be_changed(staff, campaign, household, raised):
    house = _house(staff, campaign, household, money_handed_on=FEB)
    house.front_support = 45_000_000
    with pytest.raises(ValidationError) as error:
        services.save_house(house, by=staff)
    assert "bút toán điều chỉnh" in str(error.value)
    assert House.objects.get(pk=house.pk).front_support == 40_000_000


def test_an_officer_cannot_record_a_house(officer_a, campaign, household):
    with pytest.raises(PermissionDenied):
        _house(officer_a, campaign, household)


def test_the_campaign_page_counts_houses_by_stage(client, staff, commune, area_a, area_b, campaign, raised):
    homes = [
        services.record_recipient(
            by=staff, commune=commune, label=f"Hộ {n}", area=area_a if n % 2 else area_b
        )
        for n in range(3)
    ]
    done = _house(staff, campaign, homes[0], money_handed_on=FEB, started_on=MAR, handed_over_on=APR)
    _house(staff, campaign, homes[1], money_handed_on=FEB, started_on=MAR, work=House.Work.REPAIR)
    _house(staff, campaign, homes[2], front_support=0, sources=[])
    text = client.get(campaign.get_absolute_url()).content.decode()
    assert "3 căn nhà Đại đoàn kết" in text
    assert "(xây mới 2 căn, sửa chữa 1 căn)" in text
    assert "tổng trị giá 180.000.000 đồng" in text
    assert "đã bàn giao 1 căn, đang xây dựng, sửa chữa 1 căn, đã duyệt, chưa trao tiền 1 căn" in text
    assert f"Đã bàn giao ngày {APR.strftime('%d/%m/%Y')}" in text
    assert "Hộ 0" not in text  # households are named only in the back office
    assert done.disbursement.purpose in text  # the Front's part is in the payouts


# --- gifts ----------------------------------------------------------------------------------


def _batch(staff, campaign, **fields):
    values = {
        "campaign": campaign,
        "title": "Trao quà Tết Nguyên đán",
        "date": JAN,
        "count": 100,
        "cash_per_gift": 500_000,
        "kind_quantity": 10,
        "kind_unit": "kg gạo",
        "kind_value_per_gift": 150_000,
    }
    values.update(fields)
    return services.record_gift_batch(by=staff, **values)


def test_a_gift_batch_pays_its_cash_part_from_the_fund(staff, campaign, raised):
    batch = _batch(staff, campaign)
    assert batch.disbursement.amount == 50_000_000
    assert campaign.fund_balance() == 30_000_000
    assert batch.sentence() == (
        "Trao quà Tết Nguyên đán: 100 suất quà, mỗi suất 500.000 đồng tiền mặt và 10 kg gạo "
        "(trị giá 150.000 đồng), tổng trị giá 65.000.000 đồng (tổng cộng 1.000 kg gạo)"
    )


def test_a_top_up_adds_money_not_gifts(client, staff, campaign, commune, area_a, raised):
    homes = [
        services.record_recipient(by=staff, commune=commune, label=f"Hộ {n}", area=area_a) for n in range(3)
    ]
    first = _batch(staff, campaign, recipients=homes)
    services.record_gift_batch(
        by=staff,
        campaign=campaign,
        title="Bổ sung quà Tết",
        date=FEB,
        tops_up=first,
        count=2,
        cash_per_gift=300_000,
        recipients=homes[:2],
    )
    summary = GiftBatch.objects.filter(campaign=campaign).summary()
    assert summary["gifts"] == 100 and summary["value"] == 65_600_000
    text = client.get(campaign.get_absolute_url()).content.decode()
    assert "Đã trao 100 suất quà, tổng trị giá 65.600.000 đồng" in text
    assert "bổ sung cho 2 lượt hộ đã nhận, thêm 600.000 đồng" in text
    assert "Bổ sung cho 2 hộ đã nhận ở đợt “Trao quà Tết Nguyên đán”, mỗi hộ 300.000 đồng tiền mặt" in text


def test_a_top_up_only_reaches_households_of_its_batch(staff, campaign, commune, area_a, raised):
    homes = [
        services.record_recipient(by=staff, commune=commune, label=f"Hộ {n}", area=area_a) for n in range(3)
    ]
    first = _batch(staff, campaign, count=2, recipients=homes[:2])
    with pytest.raises(ValidationError) as error:
        _batch(staff, campaign, tops_up=first, count=3, date=FEB)
    assert "Đợt “Trao quà Tết Nguyên đán” chỉ có 2 suất quà" in str(error.value)
    with pytest.raises(ValidationError) as error:
        _batch(staff, campaign, tops_up=first, count=1, date=FEB, recipients=[homes[2]])
    assert "không có trong đợt đó: Hộ 2" in str(error.value)
    assert GiftBatch.objects.count() == 1


def test_rice_without_a_money_value_is_paid_out_in_kind(client, staff, campaign):
    batch = _batch(
        staff,
        campaign,
        title="Hỗ trợ gạo cứu đói",
        count=40,
        cash_per_gift=0,
        kind_value_per_gift=0,
        kind_quantity=15,
        paid=GiftBatch.Paid.NOT_FROM_FUND,
    )
    assert batch.disbursement is None
    assert "40 suất quà, mỗi suất 15 kg gạo (tổng cộng 600 kg gạo)" in batch.sentence()
    assert "Hỗ trợ gạo cứu đói: 40 suất quà" in client.get(campaign.get_absolute_url()).content.decode()


def test_a_household_needs_its_hamlet(staff, commune):
    with pytest.raises(ValidationError) as error:
        services.record_recipient(
            by=staff, commune=commune, label="Hộ cận nghèo số 3", kind=Recipient.Kind.NEAR_POOR
        )
    assert "Hộ gia đình cần ghi khu dân cư" in str(error.value)
    school = services.record_recipient(
        by=staff, commune=commune, label="Trường Tiểu học số 1", kind="truong_hoc"
    )
    assert school.pk


# --- the admin, as staff --------------------------------------------------------------------


def _house_post(campaign, household, **changes):
    data = {
        "campaign": campaign.pk,
        "kind": House.Kind.GREAT_UNITY,
        "work": House.Work.NEW,
        "recipient": household.pk,
        "total_value": "60 triệu",
        "front_support": "40.000.000",
        "approved_on": JAN.strftime("%d/%m/%Y"),
        "money_handed_on": FEB.strftime("%d/%m/%Y"),
        "started_on": "",
        "handed_over_on": "",
        "funding_source": "",
        "withdrawn_reason": "",
        "note": "",
        "sources-TOTAL_FORMS": "2",
        "sources-INITIAL_FORMS": "0",
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
        "sources-0-kind": HouseSource.Kind.UPPER_FUND,
        "sources-0-name": "",
        "sources-0-amount": "10 triệu",
        "sources-0-workdays": "0",
        "sources-1-kind": HouseSource.Kind.WORKDAYS,
        "sources-1-name": "",
        "sources-1-amount": "3.000.000",
        "sources-1-workdays": "30",
    }
    data.update(changes)
    return data


def test_staff_records_a_house_with_sources_in_the_admin(client, staff, campaign, household, raised):
    client.force_login(staff)
    response = client.post(reverse("admin:campaigns_house_add"), _house_post(campaign, household))
    assert response.status_code == 302, response.content.decode()[:3000]
    house = House.objects.get()
    assert (house.total_value, house.front_support, house.sources.count()) == (60_000_000, 40_000_000, 2)
    assert house.disbursement.amount == 40_000_000
    listing = client.get(reverse("admin:campaigns_house_changelist")).content.decode()
    assert "Hộ nghèo số 12" in listing and "Đã trao tiền hỗ trợ ngày 10/02/2025" in listing
    page = client.get(reverse("admin:campaigns_house_change", args=[house.pk])).content.decode()
    assert "còn lại 7.000.000 đồng" in page


def test_the_admin_refuses_sources_beyond_the_value_in_vietnamese(client, staff, campaign, household, raised):
    client.force_login(staff)
    response = client.post(
        reverse("admin:campaigns_house_add"),
        _house_post(campaign, household, **{"sources-0-amount": "30 triệu"}),
    )
    assert response.status_code == 200
    assert "vượt tổng trị giá căn nhà 60.000.000 đ" in response.content.decode()
    assert not House.objects.exists() and not Disbursement.objects.exists()


def test_the_admin_asks_for_a_funding_source_when_the_fund_is_short(client, staff, campaign, household):
    client.force_login(staff)
    response = client.post(reverse("admin:campaigns_house_add"), _house_post(campaign, household))
    assert response.status_code == 200
    assert "nguồn ứng trước" in response.content.decode()
    assert not House.objects.exists()


def test_staff_records_a_gift_batch_in_the_admin(client, staff, campaign, raised):
    client.force_login(staff)
    data = {
        "campaign": campaign.pk,
        "title": "Trao quà Tết",
        "date": JAN.strftime("%d/%m/%Y"),
        "beneficiary_kind": Recipient.Kind.POOR,
        "count": "120",
        "unit_label": "suất quà",
        "cash_per_gift": "500.000",
        "kind_quantity": "0",
        "kind_unit": "",
        "kind_description": "",
        "kind_value_per_gift": "0",
        "giver": "",
        "paid": GiftBatch.Paid.CASH,
        "funding_source": "",
        "note": "",
    }
    response = client.post(reverse("admin:campaigns_giftbatch_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    batch = GiftBatch.objects.get()
    assert batch.disbursement.amount == 60_000_000
    listing = client.get(reverse("admin:campaigns_giftbatch_changelist")).content.decode()
    assert "120 suất quà" in listing and "500.000 đồng tiền mặt" in listing and "60.000.000 đ" in listing


def test_a_bad_count_gets_a_vietnamese_message_in_the_admin(client, staff, campaign):
    client.force_login(staff)
    data = {"campaign": campaign.pk, "title": "Trao quà", "date": JAN.strftime("%d/%m/%Y"), "count": "mười"}
    response = client.post(reverse("admin:campaigns_giftbatch_add"), data)
    assert response.status_code == 200
    assert "Số lượng phải là số nguyên. Viết như 54 hoặc 2.288." in response.content.decode()
    assert not GiftBatch.objects.exists()


@pytest.mark.parametrize("model", ["house", "giftbatch", "recipient", "statedfigure"])
def test_officers_do_not_reach_the_commune_lists(client, officer_a, model):
    client.force_login(officer_a)
    assert client.get(reverse(f"admin:campaigns_{model}_changelist")).status_code == 403


def test_a_paid_houses_other_fields_can_still_be_changed_in_the_admin(
    client, staff, campaign, household, raised
):
    house = _house(staff, campaign, household, money_handed_on=FEB)
    client.force_login(staff)
    page = client.get(reverse("admin:campaigns_house_change", args=[house.pk])).content.decode()
    assert 'name="front_support"' not in page and "Khoản chi #" in page
    data = _house_post(campaign, household, started_on=MAR.strftime("%d/%m/%Y"))
    for name in ("campaign", "front_support", "money_handed_on"):
        data.pop(name)
    sources = list(house.sources.order_by("pk"))
    data.update({"sources-TOTAL_FORMS": "3", "sources-INITIAL_FORMS": "3"})
    for index, source in enumerate(sources):
        data.update(
            {
                f"sources-{index}-id": source.pk,
                f"sources-{index}-house": house.pk,
                f"sources-{index}-kind": source.kind,
                f"sources-{index}-name": "",
                f"sources-{index}-amount": str(source.amount),
                f"sources-{index}-workdays": str(source.workdays),
            }
        )
    response = client.post(reverse("admin:campaigns_house_change", args=[house.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    house.refresh_from_db()
    assert house.started_on == MAR and house.stage == Stage.BUILDING
    assert Disbursement.objects.count() == 1
