"""Public pages under /mat-tran/: what a citizen sees, and what stays private."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from congresses import panels, services
from congresses.models import ConferenceDocument, Delegate, SlateEntry
from congresses.sitemaps import AreaSitemap, ConferenceSitemap
from tests.congresses.helpers import conference, person, position, running_village, term_with_members, today

D = datetime.date


def test_the_directory_lists_every_current_area_with_its_head_and_deputy(client, area_a, area_b):
    _committee, _past, current = running_village(area_a)
    head = current.memberships.get(position__kind="head").person
    deputy = current.memberships.get(position__kind="deputy").person
    response = client.get(reverse("congresses:directory"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Thôn Đông" in page and "Thôn Tây" in page
    assert head.full_name in page and deputy.full_name in page
    assert "Chưa cập nhật Trưởng ban." in page  # thôn Tây has no committee yet


def test_a_merged_area_leaves_the_directory(client, commune, area_a, area_b):
    services.merge_areas([area_a], into=area_b, on=today() - datetime.timedelta(days=30))
    page = client.get(reverse("congresses:directory")).content.decode()
    assert "Thôn Đông" not in page and "Thôn Tây" in page


def test_a_phone_number_is_shown_only_when_the_person_allows_it(client, area_a, area_b):
    running_village(area_a, phone="0905 111 222")
    running_village(area_b, phone="0905 333 444", contact_public=True)
    directory = client.get(reverse("congresses:directory")).content.decode()
    area_page = client.get(area_a.get_absolute_url()).content.decode()
    public_page = client.get(area_b.get_absolute_url()).content.decode()
    assert "0905 111 222" not in directory and "0905 111 222" not in area_page
    assert "0905 333 444" in directory and "0905 333 444" in public_page


def test_the_area_page_shows_members_composition_past_terms_and_conferences(client, area_a):
    committee, past, current = running_village(area_a, size=4, gender="female")
    meeting = conference(committee, term=past, day=current.start_date, attendees_count=96)
    response = client.get(area_a.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ban công tác Mặt trận thôn Đông" in page
    for membership in current.memberships.all():
        assert membership.person.full_name in page
    assert "Trưởng ban" in page
    assert "Cơ cấu thành phần" in page and "4 (100%)" in page  # four women of four
    assert "Các nhiệm kỳ trước" in page and past.label in page
    assert meeting.title in page and "96 người dự" in page


def test_an_old_area_address_redirects_permanently_to_its_successor(client, commune, area_a, area_b):
    old_url = area_a.get_absolute_url()
    services.merge_areas([area_a], into=area_b, on=D(2025, 7, 1))
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == area_b.get_absolute_url()


def test_the_successor_page_keeps_the_history_of_the_merged_areas(client, commune, area_a, area_b):
    committee_a, _past, term_a = running_village(area_a)
    old_head = term_a.memberships.get(position__kind="head").person
    services.merge_areas([area_a], into=area_b, on=today() - datetime.timedelta(days=10))
    page = client.get(area_b.get_absolute_url()).content.decode()
    assert "Hình thành sau sáp nhập từ thôn Đông" in page
    assert "Ban công tác Mặt trận thôn Đông" in page and old_head.full_name in page


def test_an_unknown_area_is_a_404(client, commune):
    assert client.get("/mat-tran/xa-hoa-phu/thon-khong-co/").status_code == 404


def test_the_conference_page_shows_what_when_where_who_and_the_outcome(client, commune, area_a):
    commune_term = term_with_members(
        services.commune_committee(commune), D(2024, 6, 20), D(2029, 6, 30), [(person(commune), "Chủ tịch")]
    )
    committee, past, _current = running_village(area_a)
    meeting = conference(
        committee,
        term=past,
        venue="Nhà văn hóa thôn Đông",
        attendees_count=78,
        areas_taking_part=7,
        areas_total=7,
        opinions_count=12,
        guests="Thường trực Đảng ủy xã",
        summary="Hội nghị nghe báo cáo nhiệm kỳ 2021–2024.",
    )
    consultation = services.propose_new_term(meeting, term_start=D(2030, 1, 7), term_end=D(2032, 12, 31))
    entry = consultation.slate.get(position__kind="head")
    entry.votes_for, entry.votes_total = 75, 78
    entry.save()
    Delegate.objects.create(consultation=consultation, person=entry.person, congress_term=commune_term)
    services.confirm_consultation(consultation)
    document = ConferenceDocument(conference=meeting, kind=ConferenceDocument.Kind.DIRECTIONS)
    document.file = SimpleUploadedFile("Phương hướng.pdf", b"%PDF-1.4\n%%EOF\n")
    document.save()

    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    for text in [
        meeting.title,
        "07/01/2024",
        "Nhà văn hóa thôn Đông",
        "7/7 khu dân cư",
        "12 ý kiến được tổng hợp",
        "Thường trực Đảng ủy xã",
        "Kết quả hiệp thương nhiệm kỳ 2030–2032",
        entry.person.full_name,
        "75/78 (96%)",
        "Đại biểu đi dự đại hội",
        "Đại hội đại biểu MTTQ Việt Nam xã Hòa Phú nhiệm kỳ 2024–2029",
        "Phương hướng, nhiệm vụ",
        document.get_absolute_url(),
    ]:
        assert text in page, text


def test_a_draft_consultation_is_not_shown_as_a_result(client, area_a):
    committee, past, _current = running_village(area_a)
    meeting = conference(committee, term=past)
    consultation = services.propose_new_term(meeting, term_start=D(2030, 1, 7))
    name = consultation.slate.first().person.full_name
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "đang được hoàn thiện" in page
    assert "Kết quả hiệp thương nhiệm kỳ" not in page
    assert name not in page


def test_the_commune_committee_page_shows_the_standing_board_and_members(client, commune):
    now = today()
    members = [
        (person(commune, "Nguyễn Văn Chủ"), "Chủ tịch"),
        (person(commune, "Lê Thị Phó"), "Phó Chủ tịch"),
        (person(commune, "Trần Văn Thường"), "Ủy viên Ban Thường trực"),
        (person(commune, "Võ Thị Ủy"), "Ủy viên"),
    ]
    term_with_members(
        services.commune_committee(commune),
        now.replace(year=now.year - 2),
        now.replace(year=now.year + 3),
        members,
    )
    response = client.get(reverse("congresses:commune", kwargs={"commune": commune.slug}))
    page = response.content.decode()
    assert "Ủy ban MTTQ Việt Nam xã Hòa Phú" in page
    board = page.split(">Ban Thường trực</h2>")[1].split(">Ủy viên Ủy ban</h2>")[0]
    assert "Nguyễn Văn Chủ" in board and "Trần Văn Thường" in board and "Võ Thị Ủy" not in board
    assert "Võ Thị Ủy" in page.split(">Ủy viên Ủy ban</h2>")[1]
    assert client.get(reverse("congresses:commune_default")).url == commune.get_absolute_url()


def test_the_conference_list_filters_by_kind(client, area_a):
    committee, _past, _current = running_village(area_a)
    dialogue = conference(committee, kind="dialogue", day=D(2024, 8, 23))
    voters = conference(committee, kind="voters", day=D(2025, 11, 14))
    page = client.get(reverse("congresses:conferences"), {"loai": "dialogue"}).content.decode()
    assert dialogue.title in page and voters.title not in page


def test_a_document_downloads_as_an_attachment_under_its_original_name(client, area_a):
    committee = services.committee_for_area(area_a)
    document = ConferenceDocument(conference=conference(committee), kind=ConferenceDocument.Kind.MINUTES)
    document.file = SimpleUploadedFile("Biên bản hội nghị.pdf", b"%PDF-1.4\n%%EOF\n")
    document.save()
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%99i%20ngh%E1%BB%8B.pdf" in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_other_apps_add_panels_to_the_area_and_conference_pages(client, area_a):
    committee = services.committee_for_area(area_a)
    meeting = conference(committee)

    def results(area):
        return {
            "title": "Kết quả vận động của thôn",
            "template": "congresses/_conferences.html",
            "context": {},
        }

    def album(conf):
        return None  # a panel with nothing to show is left out

    panels.register("area", results)
    panels.register("conference", album)
    try:
        area_page = client.get(area_a.get_absolute_url()).content.decode()
        conference_page = client.get(meeting.get_absolute_url()).content.decode()
    finally:
        panels._panels["area"].remove(results)
        panels._panels["conference"].remove(album)
    assert "Kết quả vận động của thôn" in area_page
    assert "Chưa có hội nghị nào được ghi lại." in area_page.split("Kết quả vận động của thôn</h2>")[1]
    assert "other-panel" not in conference_page


def test_the_sitemaps_list_current_areas_and_conferences(commune, area_a, area_b):
    committee = services.committee_for_area(area_a)
    meeting = conference(committee)
    services.merge_areas([area_a], into=area_b, on=D(2025, 7, 1))
    assert list(AreaSitemap(commune).items()) == [area_b]
    assert list(ConferenceSitemap(commune).items()) == [meeting]


@pytest.mark.parametrize(
    "url", ["/mat-tran/hoi-nghi/khong-co/", "/mat-tran/tai-lieu/999/", "/mat-tran/xa-khong-co/"]
)
def test_missing_pages_are_404(client, db, url):
    assert client.get(url).status_code == 404


def test_the_menu_links_to_the_front_pages(client, commune):
    page = client.get("/").content.decode()
    assert 'href="/mat-tran/"' in page and "Ban công tác Mặt trận" in page
    assert 'href="/mat-tran/hoi-nghi/"' in page


def test_slate_entry_positions_use_the_seeded_names(db):
    assert [position(n).kind for n in ("Chủ tịch", "Phó Trưởng ban", "Thành viên")] == [
        "head",
        "deputy",
        "member",
    ]
    assert SlateEntry._meta.get_field("agreement_percent").verbose_name == "tỷ lệ đồng ý (%)"


def test_conference_list_pages_keep_the_kind_filter(client, commune, area_a):
    import datetime

    from django.utils import timezone

    from congresses.models import Conference, FrontCommittee, Term

    committee = FrontCommittee.objects.create(
        commune=commune, level=FrontCommittee.Level.RESIDENTIAL, area=area_a
    )
    term = Term.objects.create(
        committee=committee, start_date=datetime.date(2024, 1, 7), end_date=datetime.date(2026, 12, 31)
    )
    for day in range(1, 29):
        Conference.objects.create(
            committee=committee,
            term=term,
            kind=Conference.Kind.DIALOGUE,
            starts_at=timezone.make_aware(datetime.datetime(2024, 2, day, 8, 0)),
        )
    page = client.get("/mat-tran/hoi-nghi/?loai=dialogue").content.decode()
    assert "?loai=dialogue&amp;trang=2" in page


def test_the_number_of_sessions_shows_without_an_attendee_count(client, commune):
    committee = services.commune_committee(commune)
    meetings = conference(committee, kind="voters", sessions_count=5, speakers_count=38)
    page = client.get(meetings.get_absolute_url()).content.decode()
    assert "5 cuộc" in page
    assert "38 lượt cử tri phát biểu" in page
