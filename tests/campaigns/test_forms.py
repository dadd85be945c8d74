"""Money and counts typed into the campaigns admin as officers type them, stored as they meant."""

import datetime

import pytest
from django.urls import reverse

from campaigns.forms import ContributionForm, DisbursementForm, TargetForm
from campaigns.models import Contribution, Disbursement, Target

from .factories import give

TOO_LARGE = "Số tiền tối đa cho một lần nhập là 1.000 tỷ đồng."


def _entry(indicator, area, amount, quantity="0", **extra):
    return {
        "indicator": indicator.pk,
        "area": area.pk,
        "date": "05/03/2025",
        "amount": amount,
        "quantity": quantity,
        "donor_kind": "ca_nhan",
        "donor_name": "Võ Thị Lan",
        "note": "",
        **extra,
    }


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("750.000", 750_000),
        ("1.500.000", 1_500_000),
        ("1.500.000 đ", 1_500_000),
        ("2,5 triệu", 2_500_000),
        ("1,2 tỷ", 1_200_000_000),
        ("500 nghìn", 500_000),
    ],
)
def test_an_officer_types_an_amount_the_vietnamese_way_and_it_is_stored_as_meant(
    client, fund, area_a, officer_a, typed, stored
):
    client.force_login(officer_a)
    response = client.post(reverse("admin:campaigns_contribution_add"), _entry(fund, area_a, typed))
    assert response.status_code == 302
    entry = Contribution.objects.get()
    assert entry.amount == stored
    assert entry.entered_by == officer_a
    assert fund.totals()["measure"] == stored


def test_the_change_form_shows_the_stored_amount_grouped(client, fund, area_a, officer_a):
    entry = give(fund, area_a, 750_000)
    client.force_login(officer_a)
    page = client.get(reverse("admin:campaigns_contribution_change", args=[entry.pk])).content.decode()
    assert 'name="amount" value="750.000"' in page
    assert 'type="number"' not in page


def test_the_add_form_offers_a_text_input_without_autocomplete(client, fund, officer_a):
    client.force_login(officer_a)
    page = client.get(reverse("admin:campaigns_contribution_add")).content.decode()
    amount = page[page.index('name="amount"') - 200 : page.index('name="amount"') + 200]
    assert 'type="text"' in amount and 'autocomplete="off"' in amount
    assert 'type="number"' not in page
    assert "Ví dụ: 750.000 hoặc 1,5 triệu." in page


def test_an_amount_over_a_thousand_ty_is_refused_in_vietnamese_and_nothing_is_stored(
    client, fund, area_a, officer_a
):
    client.force_login(officer_a)
    response = client.post(
        reverse("admin:campaigns_contribution_add"), _entry(fund, area_a, "9.220.000.000.000.000.000")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert TOO_LARGE in page
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("typed", ["1.5", "1,5", "-500000", "1e9", "abc"])
def test_an_ambiguous_amount_is_refused_with_how_to_write_it_and_echoed_back(
    client, fund, area_a, officer_a, typed
):
    client.force_login(officer_a)
    response = client.post(reverse("admin:campaigns_contribution_add"), _entry(fund, area_a, typed))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Viết như 750.000 hoặc 1,5 triệu." in page
    assert f'name="amount" value="{typed}"' in page
    assert not Contribution.objects.exists()


def test_a_form_sent_back_for_another_error_shows_the_amount_as_understood(client, fund, area_a, officer_a):
    client.force_login(officer_a)
    response = client.post(
        reverse("admin:campaigns_contribution_add"), _entry(fund, area_a, "2,5 triệu", donor_name="")
    )
    page = response.content.decode()
    assert "Hãy nhập tên người ủng hộ" in page
    assert 'name="amount" value="2.500.000"' in page


def test_a_quantity_is_a_whole_count(client, blood, area_a, officer_a):
    client.force_login(officer_a)
    url = reverse("admin:campaigns_contribution_add")
    refused = client.post(url, _entry(blood, area_a, "0", quantity="2,5"))
    assert "Số lượng phải là số nguyên" in refused.content.decode()
    too_many = client.post(url, _entry(blood, area_a, "0", quantity="10.000.001"))
    assert "Số lượng tối đa cho một lần nhập là 10.000.000." in too_many.content.decode()
    assert not Contribution.objects.exists()
    assert client.post(url, _entry(blood, area_a, "0", quantity="1.250")).status_code == 302
    assert Contribution.objects.get().quantity == 1250


def test_the_chair_sets_a_target_in_words(client, fund, area_a, chair):
    client.force_login(chair)
    response = client.post(
        reverse("admin:campaigns_target_add"),
        {"indicator": fund.pk, "area": area_a.pk, "amount": "1,2 tỷ", "assigned_by": "xa", "note": ""},
    )
    assert response.status_code == 302
    assert Target.objects.get(area=area_a).amount == 1_200_000_000


def test_a_count_target_beyond_what_a_commune_holds_is_refused(client, blood, area_a, chair):
    client.force_login(chair)
    response = client.post(
        reverse("admin:campaigns_target_add"),
        {"indicator": blood.pk, "area": area_a.pk, "amount": "20.000.000", "assigned_by": "xa", "note": ""},
    )
    assert "Số lượng tối đa cho một lần nhập là 10.000.000." in response.content.decode()
    assert not Target.objects.filter(area=area_a).exists()


def test_the_target_change_form_shows_the_target_grouped(client, fund, chair):
    client.force_login(chair)
    target = fund.commune_target()
    page = client.get(reverse("admin:campaigns_target_change", args=[target.pk])).content.decode()
    assert 'name="amount" value="21.000.000"' in page


def test_staff_record_a_payment_with_amount_and_beneficiaries_as_typed(client, campaign, area_a, staff):
    client.force_login(staff)
    response = client.post(
        reverse("admin:campaigns_disbursement_add"),
        {
            "campaign": campaign.pk,
            "date": "10/03/2025",
            "amount": "1.500.000 đồng",
            "beneficiary_kind": "ho_ngheo",
            "beneficiary_count": "1.250",
            "purpose": "Tặng quà Tết",
            "area": area_a.pk,
            # Nothing raised yet: paying out needs to say where the money comes from.
            "funding_source": "Tạm ứng từ ngân sách xã",
        },
    )
    assert response.status_code == 302
    payment = Disbursement.objects.get()
    assert (payment.amount, payment.beneficiary_count, payment.entered_by) == (1_500_000, 1250, staff)
    assert payment.date == datetime.date(2025, 3, 10)
    page = client.get(reverse("admin:campaigns_disbursement_change", args=[payment.pk])).content.decode()
    assert 'name="amount" value="1.500.000"' in page
    assert 'name="beneficiary_count" value="1.250"' in page


def test_a_payment_over_the_bound_is_refused(client, campaign, staff):
    client.force_login(staff)
    response = client.post(
        reverse("admin:campaigns_disbursement_add"),
        {
            "campaign": campaign.pk,
            "date": "10/03/2025",
            "amount": "1.001 tỷ",
            "beneficiary_kind": "ho_ngheo",
            "beneficiary_count": "1",
            "purpose": "Chi thử",
        },
    )
    assert TOO_LARGE in response.content.decode()
    assert not Disbursement.objects.exists()


@pytest.mark.parametrize("form_class", [ContributionForm, TargetForm, DisbursementForm])
def test_every_campaigns_form_reads_figures_as_text(form_class):
    figures = {"amount", "quantity", "beneficiary_count"} & set(form_class.base_fields)
    assert figures
    for name in figures:
        html = str(form_class()[name])
        assert 'type="text"' in html and 'autocomplete="off"' in html


@pytest.mark.parametrize("value", ["abc", "1.5", "²", "-1", "9" * 40])
def test_a_hand_edited_area_filter_shows_nothing_instead_of_failing(client, fund, area_a, staff, value):
    give(fund, area_a, 750_000, donor_name="Hộ ông Phan Văn Lộc")
    client.force_login(staff)
    response = client.get(reverse("admin:campaigns_contribution_changelist"), {"khu": value})
    assert response.status_code == 200
    assert "Hộ ông Phan Văn Lộc" not in response.content.decode()
