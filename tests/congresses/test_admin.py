"""The back office: every page opens, names are found without diacritics, the two buttons work."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from congresses import services
from congresses.models import Consultation, Person, Position, ResidentialArea, Term
from tests.congresses.helpers import conference, person, village_committee

D = datetime.date


@pytest.fixture
def admin_client(client, staff):
    """Commune staff, who run the Front's records in the back office (not a superuser, who
    would hide every permission gap)."""
    client.force_login(staff)
    client.user = staff
    return client


@pytest.fixture
def chair_client(client, chair):
    """The chair, who confirms the result of a consultation."""
    client.force_login(chair)
    client.user = chair
    return client


@pytest.fixture
def staff_without_confirm(client, db):
    """Commune staff who may edit consultations but not confirm them."""
    user = get_user_model().objects.create_user("canbo", password="x", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="congresses").exclude(
            codename="confirm_consultation"
        )
    )
    client.force_login(user)
    return client


@pytest.fixture
def village(area_a):
    committee, old_term = village_committee(area_a, D(2021, 1, 10), D(2024, 1, 31), size=4)
    return committee, old_term, conference(committee, term=old_term, attendees_count=78)


@pytest.mark.parametrize(
    "model",
    [
        "commune",
        "residentialarea",
        "frontcommittee",
        "term",
        "position",
        "person",
        "membership",
        "conference",
        "conferencedocument",
        "consultation",
        "slateentry",
        "delegate",
    ],
)
def test_every_congresses_admin_page_opens(admin_client, village, model):
    _committee, _old, meeting = village
    services.propose_new_term(meeting)
    assert admin_client.get(reverse(f"admin:congresses_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:congresses_{model}_add")).status_code == 200


def test_the_change_pages_of_a_conference_and_its_consultation_open(admin_client, chair, village):
    chair_client = admin_client
    _committee, old_term, meeting = village
    consultation = services.propose_new_term(meeting)
    page = admin_client.get(reverse("admin:congresses_conference_change", args=[meeting.pk])).content.decode()
    assert "Kết quả hiệp thương" in page and "tài liệu hội nghị" in page.lower()
    page = admin_client.get(
        reverse("admin:congresses_consultation_change", args=[consultation.pk])
    ).content.decode()
    assert "Xác nhận kết quả hiệp thương" not in page  # the chair's button, not staff's
    assert old_term.memberships.first().person.full_name in page
    chair_client.force_login(chair)
    page = chair_client.get(
        reverse("admin:congresses_consultation_change", args=[consultation.pk])
    ).content.decode()
    assert "Xác nhận kết quả hiệp thương" in page
    assert old_term.memberships.first().person.full_name in page
    page = admin_client.get(reverse("admin:congresses_term_change", args=[old_term.pk])).content.decode()
    assert "thành viên nhiệm kỳ" in page.lower()


def test_people_are_found_without_diacritics(admin_client, commune):
    person(commune, "Đặng Thị Hạnh")
    person(commune, "Nguyễn Văn Bình")
    page = admin_client.get(
        reverse("admin:congresses_person_changelist"), {"q": "dang thi hanh"}
    ).content.decode()
    assert "Đặng Thị Hạnh" in page and "Nguyễn Văn Bình" not in page
    autocomplete = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "congresses", "model_name": "membership", "field_name": "person", "term": "DANG"},
    )
    assert [r["text"] for r in autocomplete.json()["results"]] == ["Đặng Thị Hạnh"]


def test_the_new_term_button_proposes_the_outgoing_members(admin_client, village):
    _committee, old_term, meeting = village
    response = admin_client.post(
        reverse("admin:congresses_conference_new_term", args=[meeting.pk]), follow=True
    )
    consultation = Consultation.objects.get(conference=meeting)
    assert response.redirect_chain[-1][0] == reverse(
        "admin:congresses_consultation_change", args=[consultation.pk]
    )
    assert "4 thành viên nhiệm kỳ trước" in response.content.decode()
    assert consultation.slate.count() == 4
    again = admin_client.post(reverse("admin:congresses_conference_new_term", args=[meeting.pk]), follow=True)
    assert "đã có kết quả hiệp thương" in again.content.decode()
    assert Consultation.objects.count() == 1


def test_the_new_term_button_refuses_a_get(admin_client, village):
    _committee, _old, meeting = village
    assert (
        admin_client.get(reverse("admin:congresses_conference_new_term", args=[meeting.pk])).status_code
        == 405
    )
    assert not Consultation.objects.exists()


def test_the_confirm_button_creates_the_new_committee_once(chair_client, village):
    admin_client = chair_client
    committee, old_term, meeting = village
    consultation = services.propose_new_term(meeting, term_end=D(2026, 12, 31))
    url = reverse("admin:congresses_consultation_confirm", args=[consultation.pk])
    response = admin_client.post(url, follow=True)
    assert "Đã xác nhận" in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.is_confirmed and consultation.confirmed_by == admin_client.user
    assert committee.terms.count() == 2
    again = admin_client.post(url, follow=True).content.decode()
    assert "không thể xác nhận lần nữa" in again
    assert committee.terms.count() == 2
    page = admin_client.get(
        reverse("admin:congresses_consultation_change", args=[consultation.pk])
    ).content.decode()
    assert "Xác nhận kết quả hiệp thương</button>" not in page


def test_the_confirm_action_on_the_list_confirms_selected_consultations(chair_client, village):
    admin_client = chair_client
    committee, _old, meeting = village
    consultation = services.propose_new_term(meeting)
    admin_client.post(
        reverse("admin:congresses_consultation_changelist"),
        {"action": "confirm_selected", "_selected_action": [consultation.pk]},
    )
    consultation.refresh_from_db()
    assert consultation.is_confirmed
    assert Term.objects.filter(committee=committee).count() == 2


def test_staff_without_the_confirm_permission_cannot_confirm(staff_without_confirm, village):
    _committee, _old, meeting = village
    consultation = services.propose_new_term(meeting)
    response = staff_without_confirm.post(
        reverse("admin:congresses_consultation_confirm", args=[consultation.pk]), follow=True
    )
    assert "không có quyền xác nhận" in response.content.decode()
    consultation.refresh_from_db()
    assert not consultation.is_confirmed


def test_merging_areas_from_the_list(admin_client, commune, area_a, area_b):
    response = admin_client.post(
        reverse("admin:congresses_residentialarea_changelist"),
        {
            "action": "merge_selected",
            "_selected_action": [area_a.pk],
            "merge_into": area_b.pk,
            "merge_on": "01/07/2025",
        },
        follow=True,
    )
    assert "Đã sáp nhập vào Thôn Tây" in response.content.decode()
    area_a.refresh_from_db()
    assert area_a.merged_into == area_b and area_a.valid_until == D(2025, 7, 1)
    assert ResidentialArea.objects.count() == 2


def _jpeg_with_gps():
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x8825] = {1: "N", 2: (16.0, 1.0, 0.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), "red").save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def _person_form(commune, **extra):
    data = {
        "commune": commune.pk,
        "full_name": "Phan Thị Ánh",
        "gender": "female",
        "birth_year": 1990,
        "ethnicity": "Kinh",
        "religion": "",
        "phone": "0905 123 456",
        "email": "",
        "_save": "Lưu",
    }
    data.update(extra)
    return data


def test_a_portrait_is_stored_upright_small_and_without_gps(admin_client, commune):
    upload = SimpleUploadedFile("Ảnh chân dung.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    response = admin_client.post(reverse("admin:congresses_person_add"), _person_form(commune, photo=upload))
    assert response.status_code == 302
    stored = Person.objects.get(full_name="Phan Thị Ánh")
    assert stored.search_text == "phan thi anh"
    assert "Ảnh" not in stored.photo.name and stored.photo.name.startswith("people/")
    with Image.open(stored.photo.path) as image:
        assert image.size == (600, 800)  # rotated upright, then fitted in 600 × 800
        assert 0x8825 not in image.getexif()


def test_a_file_that_is_not_a_photo_is_refused_in_vietnamese(admin_client, commune):
    upload = SimpleUploadedFile("anh.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    response = admin_client.post(reverse("admin:congresses_person_add"), _person_form(commune, photo=upload))
    assert response.status_code == 200
    assert "không phải là ảnh hợp lệ" in response.context["adminform"].form.errors["photo"][0]
    assert not Person.objects.exists()


def test_a_fake_pdf_is_refused_in_the_conference_form(admin_client, village):
    _committee, _old, meeting = village
    url = reverse("admin:congresses_conference_change", args=[meeting.pk])
    page = admin_client.get(url)
    form = page.context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    starts = meeting.starts_at.astimezone()
    data.update(
        {
            "kind": meeting.kind,
            "committee": meeting.committee_id,
            "term": meeting.term_id,
            "starts_at_0": starts.strftime("%d/%m/%Y"),
            "starts_at_1": starts.strftime("%H:%M"),
            "documents-TOTAL_FORMS": 1,
            "documents-INITIAL_FORMS": 0,
            "documents-0-kind": "report",
            "documents-0-title": "Báo cáo",
            "documents-0-file": SimpleUploadedFile("bao-cao.pdf", b"MZ not a pdf"),
            "consultation-TOTAL_FORMS": 0,
            "consultation-INITIAL_FORMS": 0,
        }
    )
    data = {k: v for k, v in data.items() if v is not None}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "không khớp với loại PDF" in response.content.decode()
    assert not meeting.documents.exists()


@pytest.mark.parametrize(
    ("model", "typed", "expected"),
    [
        ("position", "thanh vien", ["Thành viên"]),
        ("position", "PHO TRUONG", ["Phó Trưởng ban"]),
        ("residentialarea", "thon dong", ["Thôn Đông"]),
        ("frontcommittee", "dong", ["Ban công tác Mặt trận thôn Đông"]),
    ],
)
def test_small_lists_are_searched_without_diacritics(admin_client, area_a, area_b, model, typed, expected):
    services.committee_for_area(area_a)
    services.committee_for_area(area_b)
    response = admin_client.get(reverse(f"admin:congresses_{model}_changelist"), {"q": typed})
    assert [str(obj) for obj in response.context["cl"].result_list] == expected


def test_a_confirmed_consultation_can_no_longer_be_changed_or_deleted(admin_client, village):
    _committee, _old, meeting = village
    consultation = services.propose_new_term(meeting)
    services.confirm_consultation(consultation)
    page = admin_client.get(reverse("admin:congresses_conference_change", args=[meeting.pk])).content.decode()
    assert 'name="consultation-0-term_start"' not in page
    assert 'name="consultation-0-DELETE"' not in page
    delete = admin_client.post(
        reverse("admin:congresses_consultation_delete", args=[consultation.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    assert Consultation.objects.filter(pk=consultation.pk).exists()


def test_a_new_term_is_added_with_its_members_in_one_form(admin_client, area_a):
    committee = services.committee_for_area(area_a)
    head, member = person(area_a.commune, "Lê Văn Trưởng"), person(area_a.commune, "Lê Thị Viên")
    data = {
        "committee": committee.pk,
        "start_date": "07/01/2024",
        "end_date": "31/12/2026",
        "memberships-TOTAL_FORMS": 2,
        "memberships-INITIAL_FORMS": 0,
        "memberships-0-person": head.pk,
        "memberships-0-position": Position.objects.get(name="Trưởng ban").pk,
        "memberships-1-person": member.pk,
        "memberships-1-position": Position.objects.get(name="Thành viên").pk,
        "memberships-1-organisation": "Chi hội Phụ nữ",
    }
    response = admin_client.post(reverse("admin:congresses_term_add"), data)
    assert response.status_code == 302
    term = Term.objects.get(committee=committee)
    assert (term.start_date, term.end_date) == (D(2024, 1, 7), D(2026, 12, 31))
    assert sorted(term.memberships.values_list("since", flat=True)) == [D(2024, 1, 7), D(2024, 1, 7)]


def test_a_term_ending_before_it_starts_is_refused_in_the_form(admin_client, area_a):
    committee = services.committee_for_area(area_a)
    data = {
        "committee": committee.pk,
        "start_date": "07/01/2024",
        "end_date": "01/01/2024",
        "memberships-TOTAL_FORMS": 0,
        "memberships-INITIAL_FORMS": 0,
    }
    response = admin_client.post(reverse("admin:congresses_term_add"), data)
    assert response.status_code == 200
    assert "Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu." in response.content.decode()
    assert not Term.objects.exists()


def test_two_heads_typed_together_are_refused(admin_client, area_a):
    committee = services.committee_for_area(area_a)
    head = Position.objects.get(name="Trưởng ban").pk
    data = {
        "committee": committee.pk,
        "start_date": "07/01/2024",
        "end_date": "31/12/2026",
        "memberships-TOTAL_FORMS": 2,
        "memberships-INITIAL_FORMS": 0,
        "memberships-0-person": person(area_a.commune, "Lê Văn Một").pk,
        "memberships-0-position": head,
        "memberships-1-person": person(area_a.commune, "Lê Văn Hai").pk,
        "memberships-1-position": head,
    }
    response = admin_client.post(reverse("admin:congresses_term_add"), data)
    assert "Mỗi ban chỉ có một người đứng đầu" in response.content.decode()
    assert not Term.objects.exists()


def test_the_history_of_a_person_and_a_membership_shows_who_changed_what(admin_client, village):
    _committee, old_term, _meeting = village
    membership = old_term.memberships.first()
    admin_client.post(
        reverse("admin:congresses_membership_change", args=[membership.pk]),
        {
            "term": old_term.pk,
            "person": membership.person_id,
            "position": membership.position_id,
            "organisation": "Chi hội Nông dân",
            "since": "10/01/2021",
            "until": "",
            "note": "",
        },
    )
    membership.refresh_from_db()
    assert membership.organisation == "Chi hội Nông dân"
    page = admin_client.get(
        reverse("admin:congresses_membership_history", args=[membership.pk])
    ).content.decode()
    assert "canbo.xa" in page and "Chi hội Nông dân" in page
    assert (
        admin_client.get(reverse("admin:congresses_person_history", args=[membership.person_id])).status_code
        == 200
    )


def test_a_portrait_keeps_the_name_it_was_uploaded_with(admin_client, commune):
    upload = SimpleUploadedFile("Chân dung bà Ánh.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    admin_client.post(reverse("admin:congresses_person_add"), _person_form(commune, photo=upload))
    stored = Person.objects.get(full_name="Phan Thị Ánh")
    assert stored.photo_original_name == "Chân dung bà Ánh.jpg"
    assert "Chân" not in stored.photo.name


def test_a_truncated_portrait_is_a_form_error_not_a_server_error(admin_client, commune):
    buffer = io.BytesIO()
    Image.effect_noise((600, 800), 64).convert("RGB").save(buffer, "JPEG")
    upload = SimpleUploadedFile("anh.jpg", buffer.getvalue()[:20000], content_type="image/jpeg")
    response = admin_client.post(reverse("admin:congresses_person_add"), _person_form(commune, photo=upload))
    assert response.status_code == 200
    assert "tệp bị hỏng hoặc chưa tải lên hết" in response.context["adminform"].form.errors["photo"][0]
    assert not Person.objects.exists()


def test_a_committee_sent_back_without_its_area_shows_the_error_instead_of_failing(client, village):
    from lib.roles import COMMUNE_STAFF, role_groups

    committee, _, _ = village
    staff = get_user_model().objects.create_user("canbo.xa", is_staff=True)
    staff.groups.add(role_groups()[COMMUNE_STAFF])
    client.force_login(staff)

    response = client.post(
        reverse("admin:congresses_frontcommittee_change", args=[committee.pk]),
        {"commune": committee.commune_id, "level": "residential", "area": ""},
    )

    assert response.status_code == 200
    assert "Vui lòng sửa các lỗi dưới đây." in response.content.decode()
    committee.refresh_from_db()
    assert committee.area is not None
