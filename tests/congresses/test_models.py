"""Rules the congresses models keep: term dates, one head, mergers, composition, documents."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congresses import selectors, services
from congresses.models import (
    ConferenceDocument,
    FrontCommittee,
    Membership,
    Person,
    ResidentialArea,
    SlateEntry,
    Term,
    roman,
)
from tests.congresses.helpers import conference, person, position, term_with_members, village_committee

D = datetime.date


def test_a_term_must_end_after_it_starts(area_a):
    committee = services.committee_for_area(area_a)
    term = Term(committee=committee, start_date=D(2024, 1, 7), end_date=D(2024, 1, 7))
    with pytest.raises(ValidationError) as error:
        term.full_clean()
    assert "phải sau ngày bắt đầu" in str(error.value)


def test_terms_of_one_committee_cannot_overlap(area_a):
    committee, _term = village_committee(area_a, D(2021, 1, 10), D(2024, 1, 31))
    overlapping = Term(committee=committee, start_date=D(2024, 1, 7), end_date=D(2026, 12, 31))
    with pytest.raises(ValidationError) as error:
        overlapping.full_clean()
    assert "trùng thời gian" in str(error.value)


def test_terms_of_different_committees_may_overlap(area_a, area_b):
    village_committee(area_a, D(2021, 1, 10), D(2024, 1, 31))
    committee_b = services.committee_for_area(area_b)
    Term(committee=committee_b, start_date=D(2021, 1, 10), end_date=D(2024, 1, 31)).full_clean()


def test_a_term_ending_early_needs_a_reason(area_a):
    committee, term = village_committee(area_a, D(2024, 1, 7), D(2026, 12, 31))
    term.ended_on = D(2025, 6, 30)
    with pytest.raises(ValidationError) as error:
        term.full_clean()
    assert "ghi lý do" in str(error.value)
    term.end_reason = "Sáp nhập thôn năm 2025"
    term.full_clean()
    assert term.ended_early


@pytest.mark.parametrize(
    ("start", "end", "ordinal", "label"),
    [
        (D(2024, 6, 20), D(2029, 6, 30), None, "nhiệm kỳ 2024–2029"),
        (D(2025, 7, 1), D(2030, 6, 30), 1, "lần thứ I, nhiệm kỳ 2025–2030"),
        (D(2019, 6, 14), D(2024, 6, 30), 12, "lần thứ XII, nhiệm kỳ 2019–2024"),
        (D(2020, 1, 1), D(2023, 1, 1), 4, "lần thứ IV, nhiệm kỳ 2020–2023"),
    ],
)
def test_a_term_is_labelled_as_the_front_writes_it(commune, start, end, ordinal, label):
    committee = services.commune_committee(commune)
    term = Term.objects.create(committee=committee, start_date=start, end_date=end, congress_ordinal=ordinal)
    assert term.label == label


def test_roman_numerals_for_congress_ordinals():
    assert [roman(n) for n in (1, 4, 9, 11, 12, 14)] == ["I", "IV", "IX", "XI", "XII", "XIV"]


def test_a_term_is_current_between_its_start_and_its_real_end(area_a):
    committee, term = village_committee(area_a, D(2024, 1, 7), D(2026, 12, 31))
    assert term.is_current_on(D(2025, 3, 1))
    assert not term.is_current_on(D(2024, 1, 6))
    term.ended_on, term.end_reason = D(2025, 6, 30), "Sáp nhập"
    assert not term.is_current_on(D(2025, 7, 1))
    assert list(Term.objects.running(D(2025, 3, 1))) == [term]


def test_one_head_per_committee_per_term(area_a):
    committee, term = village_committee(area_a, D(2024, 1, 7), D(2026, 12, 31))
    second = Membership(
        term=term, person=person(area_a.commune, "Lê Thị Hồng"), position=position("Trưởng ban")
    )
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "chỉ có một người đứng đầu" in str(error.value)
    with pytest.raises(ValidationError):
        services.appoint(term, second.person, position("Trưởng ban"))
    assert term.memberships.filter(position__kind="head").count() == 1


def test_a_new_head_may_follow_one_who_left_during_the_term(area_a):
    committee, term = village_committee(area_a, D(2024, 1, 7), D(2026, 12, 31))
    old_head = term.memberships.get(position__kind="head")
    old_head.until = D(2024, 9, 30)
    old_head.save()
    successor = services.appoint(
        term, person(area_a.commune, "Lê Thị Hồng"), position("Trưởng ban"), since=D(2024, 10, 1)
    )
    assert successor.pk


def test_a_merged_area_resolves_to_its_successor_through_a_chain(commune, area_a, area_b):
    first = ResidentialArea.objects.create(commune=commune, name="Tân Hòa", position=3)
    services.merge_areas([area_a], into=area_b, on=D(2019, 1, 1))
    services.merge_areas([area_b], into=first, on=D(2025, 7, 1))
    area_a.refresh_from_db()
    assert area_a.successor() == first
    assert area_a.valid_until == D(2019, 1, 1)
    assert not area_a.is_current
    assert list(ResidentialArea.objects.current()) == [first]


def test_person_search_ignores_diacritics_and_the_letter_d(commune):
    hoa = person(commune, "Nguyễn Thị Hoa")
    dung = person(commune, "Đặng Văn Dũng")
    assert list(Person.objects.search("nguyen thi hoa")) == [hoa]
    assert list(Person.objects.search("DANG van")) == [dung]
    assert list(Person.objects.search("Đặng")) == [dung]


def test_contact_details_are_public_only_when_the_record_allows(commune):
    private = person(commune, "Trần Văn Kín", phone="0905 111 222", email="kin@example.vn")
    public = person(commune, "Trần Văn Mở", phone="0905 333 444", contact_public=True)
    assert (private.public_phone, private.public_email) == ("", "")
    assert public.public_phone == "0905 333 444"


def test_composition_is_computed_from_memberships_without_a_query_per_member(area_a):
    commune = area_a.commune
    committee = services.committee_for_area(area_a)
    members = [
        (person(commune, "A", gender="female", birth_year=1995, party_member=True), "Trưởng ban"),
        (person(commune, "B", gender="female", birth_year=1960, religion="Phật giáo"), "Phó Trưởng ban"),
        (person(commune, "C", birth_year=1980, ethnicity="Cơ Tu", party_member=True), "Thành viên"),
        (person(commune, "D", birth_year=1975, ethnicity="kinh"), "Thành viên"),
    ]
    term = term_with_members(committee, D(2024, 1, 7), D(2026, 12, 31), members)
    term = Term.objects.prefetch_related("memberships__person").get(pk=term.pk)
    with CaptureQueriesContext(connection) as queries:
        composition = selectors.term_composition(term, on=D(2025, 1, 1))
    assert len(queries) == 0
    assert composition == selectors.Composition(
        total=4,
        women=2,
        young=1,
        minorities=1,
        religious=1,
        party=2,
        average_age=round((30 + 65 + 45 + 50) / 4),
    )
    labels = {str(label): share for label, _count, share in composition.rows()}
    assert labels["Nữ"] == 50
    assert labels["Người dân tộc thiểu số"] == 25


def test_a_committee_is_named_as_people_say_it(commune, area_a):
    assert services.committee_for_area(area_a).name == "Ban công tác Mặt trận thôn Đông"
    assert services.commune_committee(commune).name == "Ủy ban MTTQ Việt Nam xã Hòa Phú"


def test_a_residential_committee_needs_an_area(commune):
    with pytest.raises(ValidationError) as error:
        FrontCommittee(commune=commune, level=FrontCommittee.Level.RESIDENTIAL).full_clean()
    assert "phải thuộc một khu dân cư" in str(error.value)


def test_a_conference_gets_a_title_and_a_slug_that_keep_the_meaning(area_a):
    committee, term = village_committee(area_a, D(2021, 1, 10), D(2024, 1, 31))
    meeting = conference(committee, term=term, areas_taking_part=7, areas_total=7)
    assert meeting.title == "Hội nghị Ban công tác Mặt trận thôn Đông nhiệm kỳ 2024–2027"
    assert meeting.slug == "hoi-nghi-ban-cong-tac-mat-tran-thon-dong-nhiem-ky-2024-2027-07-01-2024"
    assert meeting.areas_share == "7/7"
    again = conference(committee, term=term)
    assert again.slug.endswith("-2")


def test_review_conferences_are_named_with_their_year(commune):
    committee = services.commune_committee(commune)
    review = conference(committee, kind="mid_year", day=D(2024, 7, 8))
    assert (
        review.title
        == "Hội nghị sơ kết công tác Mặt trận 6 tháng đầu năm 2024 của Ủy ban MTTQ Việt Nam xã Hòa Phú"
    )


def test_areas_taking_part_cannot_exceed_the_total(area_a):
    committee = services.committee_for_area(area_a)
    meeting = conference(committee, areas_taking_part=8, areas_total=7)
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "không thể lớn hơn" in str(error.value)


def test_agreement_share_comes_from_the_votes_or_the_percent(area_a):
    committee, _term = village_committee(area_a)
    consultation = services.propose_new_term(conference(committee))
    entry = consultation.slate.first()
    entry.votes_for, entry.votes_total = 75, 78
    assert entry.agreement == 96
    bad = SlateEntry(
        consultation=consultation, person=entry.person, position=entry.position, votes_for=80, votes_total=78
    )
    with pytest.raises(ValidationError) as error:
        bad.clean()
    assert "không thể lớn hơn tổng số" in str(error.value)
    assert SlateEntry(agreement_percent=90).agreement == 90


def _pdf_bytes():
    return b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def test_a_document_keeps_its_original_name_as_data_but_not_on_disk(area_a):
    committee = services.committee_for_area(area_a)
    document = ConferenceDocument(conference=conference(committee), kind=ConferenceDocument.Kind.REPORT)
    document.file = SimpleUploadedFile("Báo cáo nhiệm kỳ.pdf", _pdf_bytes(), content_type="application/pdf")
    document.full_clean()
    document.save()
    assert document.original_name == "Báo cáo nhiệm kỳ.pdf"
    assert "Báo cáo" not in document.file.name
    assert document.file.name.startswith("documents/") and document.file.name.endswith(".pdf")
    assert document.title == "Báo cáo kết quả nhiệm kỳ"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bao-cao.pdf", b"MZ\x90\x00 this is a program", "không khớp với loại PDF"),
        ("anh.jpg.pdf", io.BytesIO().getvalue() + b"\xff\xd8\xff\xe0 jpeg", "không khớp với loại PDF"),
        ("bang-tinh.xlsx", b"PK\x03\x04", "không đúng loại"),
        ("script.html", b"<script>alert(1)</script>", "không đúng loại"),
        ("bien-ban.docx", b"PK\x03\x04 not really a zip", "không khớp với loại DOCX"),
    ],
)
def test_a_document_that_is_not_a_real_pdf_or_docx_is_rejected(area_a, name, content, message):
    committee = services.committee_for_area(area_a)
    document = ConferenceDocument(conference=conference(committee), file=SimpleUploadedFile(name, content))
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert message in str(error.value)


def test_an_oversized_document_is_rejected(area_a, monkeypatch):
    monkeypatch.setattr("congresses.models.DOCUMENT_MAX_BYTES", 100)
    committee = services.committee_for_area(area_a)
    big = SimpleUploadedFile("lon.pdf", _pdf_bytes() + b"0" * 200)
    document = ConferenceDocument(conference=conference(committee), file=big)
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert "vượt giới hạn" in str(error.value)


def test_a_congress_title_names_its_ordinal_once_and_the_term_it_elects(commune):
    committee = services.commune_committee(commune)
    outgoing = committee.terms.create(start_date=D(2019, 6, 14), end_date=D(2024, 6, 30), congress_ordinal=12)
    congress = conference(committee, kind="congress", term=outgoing, ordinal=13, day=D(2024, 6, 20))
    assert congress.title == "Đại hội đại biểu MTTQ Việt Nam xã Hòa Phú lần thứ XIII, nhiệm kỳ 2024–2029"


def test_a_term_conference_is_renamed_after_the_term_its_consultation_elects(area_a):
    committee, outgoing = village_committee(area_a, D(2021, 1, 10), D(2024, 1, 31))
    meeting = conference(committee, term=outgoing)
    services.propose_new_term(meeting, term_end=D(2026, 6, 30))
    meeting.refresh_from_db()
    assert meeting.title == "Hội nghị Ban công tác Mặt trận thôn Đông nhiệm kỳ 2024–2026"
    assert "2021" not in meeting.title


def test_a_title_typed_by_staff_is_kept_when_the_consultation_is_entered(area_a):
    committee, outgoing = village_committee(area_a, D(2021, 1, 10), D(2024, 1, 31))
    meeting = conference(committee, term=outgoing, title="Hội nghị nhiệm kỳ thôn Đông")
    services.propose_new_term(meeting, term_end=D(2026, 6, 30))
    meeting.refresh_from_db()
    assert meeting.title == "Hội nghị nhiệm kỳ thôn Đông"
