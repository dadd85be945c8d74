"""People counted beside the units (`có 120 người đăng ký, 98 người hiến 98 đơn vị máu`):
entered on the officer screen, the staff admin and the import with counts typed as officers
type them, summed on the campaign page and in the report sentence, cancelled by a reversal."""

import datetime
import html

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from campaigns import imports, services
from campaigns.forms import ContributionForm
from campaigns.models import Contribution
from campaigns.reports import summary_sentence
from tests.campaigns.test_import import HEADER, csv_file
from tests.campaigns.test_officer_screen import entry_data

DAY = datetime.date(2025, 3, 26)


def page_text(client, campaign):
    response = client.get(campaign.get_absolute_url())
    assert response.status_code == 200
    return " ".join(html.unescape(response.content.decode()).split())


@pytest.fixture
def drive(blood):
    blood.people_verb = "hiến"
    blood.counts_registered = True
    blood.full_clean()
    blood.save()
    return blood


def test_an_officer_enters_the_people_beside_the_units_and_the_page_and_sentence_say_them(
    client, drive, area_a, officer_a
):
    client.force_login(officer_a)
    response = client.post(
        "/nhap-lieu/", entry_data(drive, area_a, figure="30", registered="1.250", participants="30")
    )
    assert response.status_code == 302
    entry = Contribution.objects.get(indicator=drive)
    assert (entry.quantity, entry.registered, entry.participants) == (30, 1250, 30)
    services.record_contribution(
        by=officer_a,
        indicator=drive,
        area=area_a,
        quantity=14,
        registered=20,
        participants=14,
        date=DAY,
        donor_name="Đoàn Thanh niên",
    )
    sentence = summary_sentence(drive)
    assert sentence.startswith(
        "Vận động hiến máu tình nguyện có 1.270 người đăng ký, 44 người hiến 44/44 đơn vị máu, đạt 100%"
    )
    client.logout()
    text = page_text(client, drive.campaign)
    assert "1.270 người đăng ký, 44 người hiến" in text
    assert sentence in text


def test_the_officer_screen_offers_the_people_boxes_only_with_an_indicator_that_counts_them(
    client, blood, fund, area_a, officer_a
):
    client.force_login(officer_a)
    assert "Số người đăng ký" not in client.get("/nhap-lieu/").content.decode()
    blood.people_verb = "hiến"
    blood.save()
    page = client.get("/nhap-lieu/").content.decode()
    assert "Số người hiến" in page and "Số người đăng ký" not in page


def test_people_typed_wrong_are_refused_with_a_message_and_nothing_saved(client, drive, area_a, officer_a):
    client.force_login(officer_a)
    response = client.post(
        "/nhap-lieu/", entry_data(drive, area_a, figure="30", registered="1.2", participants="30")
    )
    assert response.status_code == 200
    assert "Số lượng phải là số nguyên" in html.unescape(response.content.decode())
    assert not Contribution.objects.exists()


def test_an_indicator_that_counts_no_people_refuses_them(fund, area_a, officer_a):
    with pytest.raises(ValidationError) as error:
        services.record_contribution(
            by=officer_a, indicator=fund, area=area_a, amount=500_000, participants=3, donor_name="Bà Lan"
        )
    assert "không đếm người" in str(error.value)
    assert not Contribution.objects.exists()


def test_registered_is_refused_where_only_givers_are_counted(blood, area_a, officer_a):
    blood.people_verb = "tham gia"
    blood.save()
    with pytest.raises(ValidationError) as error:
        services.record_contribution(
            by=officer_a, indicator=blood, area=area_a, quantity=5, registered=7, donor_name="Chi đoàn"
        )
    assert "không đếm người đăng ký" in str(error.value)


def test_officer_b_cannot_enter_people_for_hamlet_a(drive, area_a, officer_b):
    with pytest.raises(PermissionDenied):
        services.record_contribution(
            by=officer_b, indicator=drive, area=area_a, quantity=5, participants=5, donor_name="Chi đoàn"
        )


def test_a_reversal_cancels_the_people_too(client, drive, area_a, officer_a, staff):
    entry = services.record_contribution(
        by=officer_a,
        indicator=drive,
        area=area_a,
        quantity=9,
        registered=12,
        participants=9,
        date=DAY,
        donor_name="Chi đoàn",
    )
    services.reverse_contribution(entry, by=staff, reason="nhập nhầm đợt")
    assert "người đăng ký" not in summary_sentence(drive)
    assert drive.totals()["participants"] == 0
    assert "người hiến" not in page_text(client, drive.campaign)


def test_the_import_reads_the_people_columns(drive, area_a, officer_a):
    upload = csv_file(
        f'Hiến máu tình nguyện,{area_a.name},26/03/2025,,30,Cơ quan tổ chức,Đoàn Thanh niên,,"1.250",30',
        header=f"{HEADER},Số người đăng ký,Số người tham gia",
    )
    result = imports.import_contributions(upload, campaign=drive.campaign, by=officer_a)
    assert result.ok, result.errors
    entry = Contribution.objects.get()
    assert (entry.registered, entry.participants) == (1250, 30)


def test_the_import_says_which_people_cell_is_wrong(drive, area_a, officer_a):
    upload = csv_file(
        f"Hiến máu tình nguyện,{area_a.name},26/03/2025,,30,Cơ quan tổ chức,Đoàn Thanh niên,,mười,30",
        header=f"{HEADER},Số người đăng ký,Số người tham gia",
    )
    result = imports.import_contributions(upload, campaign=drive.campaign, by=officer_a)
    assert not result.ok
    assert any("Dòng 2" in error and "số người đăng ký “mười”" in error for error in result.errors)
    assert not Contribution.objects.exists()


def test_the_staff_form_reads_people_typed_with_a_dot(drive, area_a):
    form = ContributionForm(
        data={
            "indicator": drive.pk,
            "area": area_a.pk,
            "date": "26/03/2025",
            "amount": "0",
            "quantity": "40",
            "registered": "1.250",
            "participants": "40",
            "donor_kind": Contribution.DonorKind.ORGANISATION,
            "donor_name": "Đoàn Thanh niên",
        }
    )
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["registered"], form.cleaned_data["participants"]) == (1250, 40)


# --- donors as reports name them ------------------------------------------------------------


def test_the_people_of_a_hamlet_and_the_unnamed_remainder_are_named_as_reports_do(
    client, fund, area_a, officer_a
):
    services.record_contribution(
        by=officer_a,
        indicator=fund,
        area=area_a,
        amount=3_000_000,
        date=DAY,
        donor_kind=Contribution.DonorKind.RESIDENTS,
    )
    services.record_contribution(
        by=officer_a,
        indicator=fund,
        area=area_a,
        amount=450_000,
        date=DAY,
        donor_kind=Contribution.DonorKind.REMAINDER,
        donor_name="ghi sổ: bà con xóm 3",
    )
    services.record_contribution(
        by=officer_a,
        indicator=fund,
        area=area_a,
        amount=1_000_000,
        date=DAY,
        donor_kind=Contribution.DonorKind.JOINT,
        donor_name="Ông Lê Văn Ba, bà Trần Thị Tư",
    )
    response = client.get(f"{fund.campaign.get_absolute_url()}nha-hao-tam/")
    text = " ".join(html.unescape(response.content.decode()).split())
    assert "Nhân dân Thôn Đông" in text
    assert "Nhân dân Thôn Đông (phần còn lại, không ghi tên)" in text
    assert "bà con xóm 3" not in text
    assert "Ông Lê Văn Ba, bà Trần Thị Tư" in text


def test_jointly_needs_every_name(fund, area_a, officer_a):
    with pytest.raises(ValidationError) as error:
        services.record_contribution(
            by=officer_a,
            indicator=fund,
            area=area_a,
            amount=1_000_000,
            donor_kind=Contribution.DonorKind.JOINT,
            donor_name="Ông Ba",
        )
    assert "ghi tên từng người" in str(error.value)


def test_a_round_sentence_says_the_people_of_the_round_and_the_running_total(
    client, drive, area_a, officer_a, chair
):
    drive.percent_decimals = 1
    drive.save()
    services.add_round(
        drive.campaign,
        by=chair,
        name="Đợt 1",
        start_date=datetime.date(2025, 2, 1),
        end_date=datetime.date(2025, 2, 28),
    )
    second = services.add_round(
        drive.campaign,
        by=chair,
        name="Đợt 2",
        start_date=datetime.date(2025, 3, 1),
        end_date=datetime.date(2025, 3, 31),
    )
    services.set_round_target(second, drive, by=chair, amount=30)
    for day, quantity, registered in ((datetime.date(2025, 2, 10), 10, 15), (DAY, 28, 32)):
        services.record_contribution(
            by=officer_a,
            indicator=drive,
            area=area_a,
            quantity=quantity,
            registered=registered,
            participants=quantity,
            date=day,
            donor_name="Đoàn Thanh niên xã",
        )
    sentence = summary_sentence(drive, round=second)
    assert sentence == (
        "Đợt 2 (từ 01/03/2025 đến 31/03/2025): vận động hiến máu tình nguyện có 32 người đăng ký, "
        "28 người hiến 28/30 đơn vị máu, đạt 93,3% chỉ tiêu đợt; lũy kế có 47 người đăng ký, "
        "38 người hiến 38/44 đơn vị máu, đạt 86,4% chỉ tiêu tỉnh giao"
    ), sentence
    assert (
        "Đợt 1 (từ 01/02/2025 đến 28/02/2025): vận động hiến máu tình nguyện có 15 người đăng ký, 10 người hiến 10 đơn vị máu"
        in page_text(client, drive.campaign)
    )
