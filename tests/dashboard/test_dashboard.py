"""The admin's first page for each role: what the chair, staff, an editor, a hamlet officer and
another commune's chair see on it, and that each item leads somewhere that answers them."""

import re

import pytest
from django.urls import reverse

from campaigns import services as campaign_services
from congresses import services as congress_services
from congresses.models import Commune, StaffProfile
from lib.roles import CHAIR
from tests.conftest import make_staff_user

INDEX = "/quan-tri/"
BOARD = re.compile(r'<section class="mttq-board".*?</section>', re.S)


def board_of(response):
    assert response.status_code == 200
    found = BOARD.search(response.content.decode())
    return found.group(0) if found else ""


def links_in(html):
    return sorted(set(re.findall(r'href="([^"]+)"', html.replace("&amp;", "&"))))


def open_board(client, user, **extra):
    client.force_login(user)
    return board_of(client.get(INDEX, **extra))


@pytest.mark.django_db
def test_chair_sees_every_part_of_the_commune_board(client, chair, everything):
    board = open_board(client, chair)
    assert "Vận động Quỹ “Vì người nghèo” năm nay" in board
    assert "10.000.000 / 21.000.000 đ" in board and "đạt 48%" in board
    # Last year to the same day: 5.000.000 (the 3.000.000 came a day later).
    assert "Cùng kỳ năm trước: 5.000.000 đ" in board and "nay cao hơn 100%" in board
    # Đông: 10% of its own target while the commune has 48%.
    assert "Thôn Đông — Quỹ “Vì người nghèo”" in board and "đạt 10% chỉ tiêu của mình (cả xã 48%)" in board
    assert "Thôn Tây — Quỹ" not in board
    assert "Kết quả chờ xác nhận" in board and "2 bút toán chưa xác nhận" in board
    assert "vận động được 12 triệu đồng" in board and "sổ ghi 10.000.000 đồng" in board
    assert everything["opinion"].reference_code in board and "quá 3 ngày" in board
    assert "Niêm yết công khai danh sách hưởng trợ cấp" in board and "quá 10 ngày" in board
    assert "Hội nghị Ủy ban MTTQ xã lần thứ 5" in board
    assert "Kiểm tra công trình nhà Đại đoàn kết" in board
    # The chair does not keep the news: no drafts, and no announcements to extend.
    assert "Bài viết đang soạn" not in board
    assert "Thông báo thu Quỹ đợt cuối năm" not in board


@pytest.mark.django_db
def test_staff_see_the_commune_board_and_their_drafts(client, staff, everything):
    board = open_board(client, staff)
    assert "10.000.000 / 21.000.000 đ" in board
    assert everything["opinion"].reference_code in board
    assert "Bản tin tháng Mười hai đang soạn" in board
    assert "Thông báo lịch tiếp dân tuần tới" in board
    assert "Thông báo thu Quỹ đợt cuối năm" in board


@pytest.mark.django_db
def test_editor_sees_drafts_and_scheduled_posts_but_no_figures(client, editor, everything):
    board = open_board(client, editor)
    assert "Bài viết đang soạn" in board and "Bản tin tháng Mười hai đang soạn" in board
    assert "Bài hẹn giờ đăng" in board and "Thông báo lịch tiếp dân tuần tới" in board
    assert "21.000.000" not in board
    assert everything["opinion"].reference_code not in board
    assert "Kết quả chờ xác nhận" not in board


@pytest.mark.django_db
def test_hamlet_officer_still_lands_on_their_own_screen(client, officer_a, everything):
    client.force_login(officer_a)
    response = client.get(INDEX)
    assert response.status_code == 302
    assert response["Location"] == reverse("officer:home")


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["chair", "staff", "editor"])
def test_every_link_on_the_board_answers_for_that_role(client, who, request, everything):
    user = request.getfixturevalue(who)
    board = open_board(client, user)
    links = links_in(board)
    assert links, "the board has links"
    for url in links:
        response = client.get(url, HTTP_HOST="testserver")
        assert response.status_code == 200, f"{who}: {url} answered {response.status_code}"


@pytest.mark.django_db
def test_another_communes_chair_never_sees_these_figures(
    client, settings, chair, commune, groups, everything
):
    settings.ALLOWED_HOSTS = [".example.vn", "testserver"]
    commune.host = "hoaphu.example.vn"
    commune.save()
    other = Commune.objects.create(name="Hòa An", host="hoaan.example.vn")
    StaffProfile.objects.create(user=chair, commune=commune)
    chair_b = make_staff_user("chutich.hoaan", groups[CHAIR])
    StaffProfile.objects.create(user=chair_b, commune=other)

    # Even on A's own host name, B's chair gets B's page.
    board = open_board(client, chair_b, HTTP_HOST="hoaphu.example.vn")
    assert "Hòa An" in board
    for text in (
        "21.000.000",
        "Quỹ “Vì người nghèo”",
        everything["opinion"].reference_code,
        "Thôn Đông",
        "12 triệu",
        "Niêm yết công khai",
        "Hội nghị Ủy ban MTTQ",
    ):
        assert text not in board
    client.logout()
    board = open_board(client, chair, HTTP_HOST="hoaan.example.vn")
    assert "Hòa Phú" in board and "10.000.000 / 21.000.000 đ" in board


@pytest.mark.django_db
def test_an_overdue_opinion_leaves_the_board_once_answered(client, chair, staff, late_opinion):
    assert late_opinion.reference_code in open_board(client, chair)
    congress_services.answer_opinion(late_opinion, "UBND xã sửa đường trong tháng này.", "UBND xã", by=staff)
    board = open_board(client, chair)
    assert late_opinion.reference_code not in board
    assert "Ý kiến, kiến nghị quá hạn trả lời" not in board


@pytest.mark.django_db
def test_a_stated_figure_leaves_the_board_once_the_books_agree(client, chair, area_b, fund, wrong_figure):
    assert "vận động được 12 triệu đồng" in open_board(client, chair)
    campaign_services.record_contribution(
        by=chair, indicator=fund, area=area_b, amount=2_000_000, donor_name="Công ty TNHH Hòa Phát"
    )
    board = open_board(client, chair)
    assert "vận động được 12 triệu đồng" not in board
    assert "Số liệu được nêu không khớp" not in board


@pytest.mark.django_db
def test_entries_leave_the_board_once_the_chair_confirms_them(client, chair, fund):
    from campaigns.models import Contribution

    assert "2 bút toán chưa xác nhận" in open_board(client, chair)
    campaign_services.verify_contributions(Contribution.objects.filter(indicator=fund), by=chair)
    assert "Kết quả chờ xác nhận" not in open_board(client, chair)


@pytest.mark.django_db
def test_the_boards_figures_are_the_public_pages(client, chair, fund_campaign):
    public = client.get(fund_campaign.get_absolute_url()).content.decode()
    board = open_board(client, chair)
    for text in ("10.000.000 / 21.000.000 đ", "đạt 48%"):
        assert text in public
        assert text in board


@pytest.mark.django_db
def test_an_account_without_a_commune_gets_the_plain_index(client, settings, groups, commune, chair):
    settings.ALLOWED_HOSTS = [".example.vn"]
    commune.host = "hoaphu.example.vn"
    commune.save()
    Commune.objects.create(name="Hòa An", host="hoaan.example.vn")  # two communes: accounts need a profile
    client.force_login(chair)
    response = client.get(INDEX, HTTP_HOST="hoaphu.example.vn")
    assert response.status_code == 200
    assert board_of(response) == ""
    assert "Các mục quản trị" in response.content.decode()


@pytest.mark.django_db
def test_a_conference_whose_day_passed_unrecorded_waits_on_the_board_until_recorded(
    client, chair, staff, commune
):
    import datetime

    from django.utils import timezone

    from congresses import event_services
    from congresses.models import Conference, ConferenceStatus, FrontCommittee

    committee = FrontCommittee.objects.create(commune=commune, level=FrontCommittee.Level.COMMUNE)
    # Announced while it was ahead; its day has since passed with nobody recording it.
    conference = Conference.objects.create(
        committee=committee,
        kind=Conference.Kind.COMMITTEE,
        title="Hội nghị sơ kết 6 tháng",
        starts_at=timezone.now() - datetime.timedelta(days=4),
        venue="Hội trường thôn Đông",
        status=ConferenceStatus.ANNOUNCED,
    )
    board = open_board(client, chair)
    assert "Hội nghị đã qua ngày, chưa ghi nhận kết quả" in board
    assert "Hội nghị sơ kết 6 tháng" in board and "quá 4 ngày" in board
    assert reverse("admin:congresses_conference_change", args=[conference.pk]) in board
    assert (
        client.get(reverse("admin:congresses_conference_changelist") + "?status__exact=announced").status_code
        == 200
    )

    event_services.record_held(conference, by=staff, attendees_count=35)
    board = open_board(client, chair)
    assert "Hội nghị sơ kết 6 tháng" not in board
    assert "chưa ghi nhận kết quả" not in board
