"""The multi-model writes: proposing a new term, confirming a consultation, merging areas."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from congresses import services
from congresses.models import Consultation, Delegate, Membership, SlateEntry, Term
from tests.congresses.helpers import conference, person, position, village_committee

D = datetime.date


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("canbo", password="x", is_staff=True)


@pytest.fixture
def village(area_a):
    """Thôn Đông's Ban CTMT with its 2021–2024 term of four members and its 07/01/2024 conference."""
    committee, old_term = village_committee(area_a, D(2021, 1, 10), D(2024, 1, 31), size=4)
    return committee, old_term, conference(committee, term=old_term, attendees_count=78)


def test_starting_a_new_term_proposes_the_outgoing_members_as_a_draft(village):
    committee, old_term, meeting = village
    consultation = services.propose_new_term(meeting, term_end=D(2026, 12, 31))
    assert consultation.status == Consultation.Status.DRAFT
    assert consultation.term_start == D(2024, 1, 7)
    proposed = {(e.person_id, e.position_id) for e in consultation.slate.all()}
    outgoing = {(m.person_id, m.position_id) for m in old_term.memberships.all()}
    assert proposed == outgoing
    assert committee.terms.count() == 1  # nothing is created until the conference's result is confirmed


def test_starting_a_new_term_twice_for_one_conference_is_refused(village):
    _committee, _old, meeting = village
    services.propose_new_term(meeting)
    with pytest.raises(ValidationError) as error:
        services.propose_new_term(meeting)
    assert "đã có kết quả hiệp thương" in str(error.value)


def test_confirming_rolls_the_term_over_and_keeps_the_old_one(village, staff):
    committee, old_term, meeting = village
    consultation = services.propose_new_term(meeting, term_end=D(2026, 12, 31))
    retiring = consultation.slate.filter(position__kind="member").first()
    retiring.delete()
    newcomer = person(committee.commune, "Hồ Thị Diệu", gender="female", birth_year=1997)
    SlateEntry.objects.create(consultation=consultation, person=newcomer, position=position("Thành viên"))
    Delegate.objects.create(consultation=consultation, person=newcomer)

    new_term = services.confirm_consultation(consultation, by=staff)

    old_term.refresh_from_db()
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.CONFIRMED
    assert consultation.new_term == new_term
    assert consultation.confirmed_by == staff
    assert (new_term.start_date, new_term.end_date) == (D(2024, 1, 7), D(2026, 12, 31))
    assert old_term.ended_on == D(2024, 1, 6)
    assert "2024–2026" in old_term.end_reason
    assert old_term.memberships.count() == 4, "the old term's members are kept"
    assert set(old_term.memberships.values_list("until", flat=True)) == {D(2024, 1, 6)}
    assert new_term.memberships.count() == 4
    assert new_term.memberships.filter(person=newcomer, position__name="Thành viên").exists()
    assert not new_term.memberships.filter(person=retiring.person).exists()
    assert list(committee.terms.running(D(2024, 3, 1))) == [new_term]
    assert list(committee.terms.running(D(2023, 3, 1))) == [old_term]


def test_confirming_twice_is_refused_and_changes_nothing(village):
    _committee, _old, meeting = village
    consultation = services.propose_new_term(meeting)
    services.confirm_consultation(consultation)
    before = (Term.objects.count(), Membership.objects.count())
    with pytest.raises(ValidationError) as error:
        services.confirm_consultation(consultation)
    assert "đã được xác nhận" in str(error.value)
    assert "không thể xác nhận lần nữa" in str(error.value)
    assert (Term.objects.count(), Membership.objects.count()) == before


def test_a_slate_with_two_heads_is_refused_and_nothing_changes(village):
    _committee, old_term, meeting = village
    consultation = services.propose_new_term(meeting)
    deputy = consultation.slate.get(position__kind="deputy")
    deputy.position = position("Trưởng ban")
    deputy.save()
    with pytest.raises(ValidationError) as error:
        services.confirm_consultation(consultation)
    assert "mỗi ban chỉ có một" in str(error.value)
    old_term.refresh_from_db()
    consultation.refresh_from_db()
    assert old_term.ended_on is None
    assert consultation.status == Consultation.Status.DRAFT
    assert Term.objects.count() == 1


def test_an_empty_slate_cannot_be_confirmed(village):
    _committee, _old, meeting = village
    consultation = services.propose_new_term(meeting)
    consultation.slate.all().delete()
    with pytest.raises(ValidationError) as error:
        services.confirm_consultation(consultation)
    assert "đang trống" in str(error.value)


def test_confirming_records_who_did_it_in_the_history(village, staff):
    _committee, old_term, meeting = village
    consultation = services.propose_new_term(meeting)
    new_term = services.confirm_consultation(consultation, by=staff)
    created = Membership.history.filter(term_id=new_term.pk, history_type="+")
    assert created.count() == new_term.memberships.count()
    assert {record.history_user for record in created} == {staff}
    closed = Membership.history.filter(term_id=old_term.pk, history_type="~").first()
    assert closed.until == D(2024, 1, 6)
    assert consultation.history.filter(status="confirmed", history_user=staff).exists()


def test_merging_areas_ends_their_committees_and_keeps_everything(commune, area_a, area_b):
    _committee, term_a = village_committee(area_a, D(2024, 1, 7), D(2026, 12, 31))
    services.merge_areas([area_a], into=area_b, on=D(2025, 7, 1))
    area_a.refresh_from_db()
    term_a.refresh_from_db()
    assert area_a.merged_into == area_b and area_a.valid_until == D(2025, 7, 1)
    assert term_a.ended_on == D(2025, 6, 30)
    assert "Sáp nhập vào thôn Tây" in term_a.end_reason
    assert term_a.memberships.count() == 3
    assert not term_a.memberships.filter(until__isnull=True).exists()


@pytest.mark.parametrize("case", ["itself", "twice"])
def test_impossible_mergers_are_refused_in_vietnamese(commune, area_a, area_b, case):
    if case == "itself":
        with pytest.raises(ValidationError) as error:
            services.merge_areas([area_a], into=area_a, on=D(2025, 7, 1))
        assert "chính nó" in str(error.value)
    else:
        services.merge_areas([area_a], into=area_b, on=D(2025, 7, 1))
        area_a.refresh_from_db()
        with pytest.raises(ValidationError) as error:
            services.merge_areas([area_a], into=area_b, on=D(2025, 8, 1))
        assert "từ trước" in str(error.value)


def test_a_commune_term_can_end_early_for_the_2025_merger_and_a_new_one_restarts_at_one(commune):
    committee = services.commune_committee(commune)
    head = person(commune, "Nguyễn Văn Chủ")
    old = committee.terms.create(start_date=D(2024, 6, 20), end_date=D(2029, 6, 30), congress_ordinal=12)
    services.appoint(old, head, position("Chủ tịch"))
    with pytest.raises(ValidationError):
        services.end_term_early(old, D(2025, 6, 30), reason="")
    services.end_term_early(old, D(2025, 6, 30), reason="Sáp nhập xã theo Nghị quyết năm 2025")
    congress = conference(committee, kind="congress", day=D(2025, 7, 20))
    consultation = services.propose_new_term(congress, term_end=D(2030, 6, 30), congress_ordinal=1)
    new_term = services.confirm_consultation(consultation)
    old.refresh_from_db()
    assert old.ended_early and old.ended_on == D(2025, 6, 30)
    assert new_term.label == "lần thứ I, nhiệm kỳ 2025–2030"
    assert new_term.memberships.get().person == head


def test_after_a_2020_2023_term_the_proposed_term_runs_to_2026_even_when_the_conference_is_late(area_a):
    committee, _outgoing = village_committee(area_a, D(2020, 12, 20), D(2023, 12, 31))
    late = conference(committee, day=D(2024, 1, 7))
    consultation = services.propose_new_term(late)
    assert consultation.term_years == "2024–2026"
    assert consultation.term_end == D(2026, 12, 31)


def test_a_commune_term_keeps_its_five_year_cycle(commune):
    committee = services.commune_committee(commune)
    committee.terms.create(start_date=D(2019, 6, 14), end_date=D(2024, 6, 30), congress_ordinal=12)
    congress = conference(committee, kind="congress", day=D(2024, 6, 20))
    assert services.propose_new_term(congress, congress_ordinal=13).term_end == D(2029, 6, 30)
