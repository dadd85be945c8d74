"""Personnel between congresses: hiệp thương bổ sung (a member first, later an office, with the
dates kept), concurrent roles shown publicly, hamlet-head rounds, the delegates of every hamlet
on the commune congress, a person's history across terms in the admin."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from congresses import personnel_services as services
from congresses import services as congress_services
from congresses.models import Conference, Delegate, Membership
from congresses.personnel import CandidateRound, ConcurrentRole, SupplementaryConsultation

from .helpers import conference, person, position, term_with_members
from .opinion_fixtures import PASSWORD

pytestmark = pytest.mark.django_db
D = datetime.date


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def commune_term(commune):
    committee = congress_services.commune_committee(commune)
    chair_person = person(commune, "Nguyễn Văn Chủ")
    farmer = person(commune, "Lê Văn Nông")
    term = term_with_members(
        committee, D(2024, 6, 20), D(2029, 6, 30), [(chair_person, "Chủ tịch"), (farmer, "Ủy viên")]
    )
    return term


def _supplementary(term, who, name, day, **extra):
    meeting = conference(term.committee, kind=Conference.Kind.COMMITTEE, day=day, term=term)
    return SupplementaryConsultation.objects.create(
        conference=meeting, term=term, person=who, position=position(name), since=day, **extra
    )


def test_a_member_added_mid_term_then_elected_to_an_office_keeps_both_dates(commune, commune_term):
    newcomer = person(commune, "Trần Thị Thu Hà", gender="female")
    joined = services.confirm_supplementary(
        _supplementary(commune_term, newcomer, "Ủy viên", D(2025, 3, 14), votes_for=41, votes_total=42)
    )
    promotion = _supplementary(commune_term, newcomer, "Phó Chủ tịch", D(2025, 12, 5), replaces=joined)
    office = services.confirm_supplementary(promotion)
    joined.refresh_from_db()
    assert (joined.since, joined.until) == (D(2025, 3, 14), D(2025, 12, 4))
    assert (office.position.name, office.since, office.until) == ("Phó Chủ tịch", D(2025, 12, 5), None)
    promotion.refresh_from_db()
    assert promotion.is_confirmed and promotion.membership == office


def test_a_supplementary_consultation_is_confirmed_once(commune, commune_term):
    row = _supplementary(commune_term, person(commune), "Ủy viên", D(2025, 3, 14))
    services.confirm_supplementary(row)
    with pytest.raises(ValidationError):
        services.confirm_supplementary(row)
    assert Membership.objects.filter(term=commune_term).count() == 3


def test_a_second_head_mid_term_is_refused_and_nothing_changes(commune, commune_term):
    row = _supplementary(commune_term, person(commune), "Chủ tịch", D(2025, 3, 14))
    with pytest.raises(ValidationError):
        services.confirm_supplementary(row)
    row.refresh_from_db()
    assert not row.is_confirmed and Membership.objects.filter(term=commune_term).count() == 2


def test_a_date_outside_the_term_is_refused(commune, commune_term):
    row = _supplementary(commune_term, person(commune), "Ủy viên", D(2030, 1, 5))
    with pytest.raises(ValidationError, match="trong nhiệm kỳ"):
        services.confirm_supplementary(row)


def test_the_meeting_page_names_the_addition(client, commune, commune_term):
    newcomer = person(commune, "Trần Thị Thu Hà")
    row = _supplementary(commune_term, newcomer, "Ủy viên", D(2025, 3, 14), votes_for=41, votes_total=42)
    services.confirm_supplementary(row)
    page = client.get(row.conference.get_absolute_url()).content.decode()
    assert "Hiệp thương bổ sung" in page
    assert "Trần Thị Thu Hà" in page and "được hiệp thương giữ chức Ủy viên từ ngày 14/03/2025" in page


def test_only_the_chair_confirms_a_supplementary_consultation_in_the_admin(
    client, commune, commune_term, staff, chair
):
    row = _supplementary(commune_term, person(commune), "Ủy viên", D(2025, 3, 14))
    url = reverse("admin:congresses_supplementaryconsultation_changelist")
    data = {"action": "confirm_selected", "_selected_action": [row.pk]}
    _login(client, staff).post(url, data)
    row.refresh_from_db()
    assert not row.is_confirmed
    client.logout()
    _login(client, chair).post(url, data)
    row.refresh_from_db()
    assert row.is_confirmed


def test_a_concurrent_role_shows_beside_the_members_name_unless_private(client, commune, commune_term):
    farmer = commune_term.memberships.get(position__name="Ủy viên").person
    ConcurrentRole.objects.create(person=farmer, title="Chủ tịch Hội Nông dân xã", since=D(2024, 6, 20))
    ConcurrentRole.objects.create(person=farmer, title="Tổ trưởng tổ hợp tác", is_public=False)
    ConcurrentRole.objects.create(person=farmer, title="Bí thư Chi bộ thôn", until=D(2024, 1, 1))
    page = client.get(commune.get_absolute_url()).content.decode()
    assert "Kiêm Chủ tịch Hội Nông dân xã" in page
    assert "Tổ trưởng tổ hợp tác" not in page and "Bí thư Chi bộ thôn" not in page


def test_a_persons_admin_page_shows_their_history_across_terms(client, commune, area_a, staff):
    committee = congress_services.committee_for_area(area_a)
    who = person(commune, "Phạm Quốc Việt")
    term_with_members(committee, D(2021, 1, 10), D(2024, 1, 31), [(who, "Thành viên")])
    term_with_members(committee, D(2024, 2, 1), D(2026, 12, 31), [(who, "Trưởng ban")])
    ConcurrentRole.objects.create(person=who, title="Bí thư Chi bộ thôn Đông")
    page = (
        _login(client, staff).get(reverse("admin:congresses_person_change", args=[who.pk])).content.decode()
    )
    assert "Quá trình công tác qua các nhiệm kỳ" in page
    assert "2021–2024" in page and "Thành viên" in page and "2024–2026" in page and "Trưởng ban" in page
    assert "10/01/2021" in page and "31/01/2024" in page  # the dates of the first term's membership
    assert "Bí thư Chi bộ thôn Đông" in page


def _round(committee, who, stage, day, result=CandidateRound.Result.AGREED, **extra):
    return services.record_candidate_round(
        CandidateRound(
            committee=committee, year=2025, stage=stage, held_on=day, person=who, result=result, **extra
        )
    )


def test_the_residents_round_comes_only_after_the_ban_ctmt_agreed(commune, area_a):
    committee = congress_services.committee_for_area(area_a)
    candidate, other = person(commune), person(commune)
    _round(committee, other, CandidateRound.Stage.COMMITTEE, D(2025, 11, 3), CandidateRound.Result.NOT_AGREED)
    with pytest.raises(ValidationError, match="vòng 1"):
        _round(committee, other, CandidateRound.Stage.RESIDENTS, D(2025, 11, 16))
    _round(committee, candidate, CandidateRound.Stage.COMMITTEE, D(2025, 11, 3), votes_for=11, votes_total=13)
    with pytest.raises(ValidationError, match="sau vòng 1"):
        _round(committee, candidate, CandidateRound.Stage.RESIDENTS, D(2025, 11, 1))
    second = _round(
        committee, candidate, CandidateRound.Stage.RESIDENTS, D(2025, 11, 16), votes_for=186, votes_total=204
    )
    assert second.agreement == 91
    rounds = dict(services.candidate_rounds_of(committee, 2025))
    assert [r.stage for r in rounds[candidate]] == ["ban_ctmt", "cu_tri"]
    assert CandidateRound.objects.count() == 3


def test_the_commune_congress_gathers_every_hamlets_delegates(client, commune, area_a, area_b, commune_term):
    committee = commune_term.committee
    congress = conference(committee, kind=Conference.Kind.CONGRESS, day=D(2029, 6, 20), term=commune_term)
    for area, names in ((area_a, ["Hồ Thị Diệu", "Phan Văn An"]), (area_b, ["Võ Thị Tuyết"])):
        village = congress_services.committee_for_area(area)
        term = term_with_members(village, D(2026, 1, 1), D(2029, 12, 31), [])
        meeting = conference(village, day=D(2029, 1, 10), term=term)
        consultation = congress_services.propose_new_term(meeting, term_start=D(2030, 1, 1))
        for name in names:
            Delegate.objects.create(consultation=consultation, person=person(commune, name))
    old_village = conference(congress_services.committee_for_area(area_a), day=D(2019, 1, 10))
    old = congress_services.propose_new_term(old_village, term_start=D(2019, 2, 1), term_end=D(2021, 1, 1))
    Delegate.objects.create(consultation=old, person=person(commune, "Người Khóa Trước"))
    conference(committee, kind=Conference.Kind.CONGRESS, day=D(2024, 6, 20))
    page = client.get(congress.get_absolute_url()).content.decode()
    assert "Đại biểu các khu dân cư dự đại hội (3)" in page
    assert (
        page.index("Thôn Đông")
        < page.index("Hồ Thị Diệu")
        < page.index("Thôn Tây")
        < page.index("Võ Thị Tuyết")
    )
    assert "Người Khóa Trước" not in page
