"""Demo of a congress's outcomes, a mid-term addition (joined as a member, later elected Phó
Chủ tịch), a concurrent role, hamlet-head rounds and each hamlet's yearly figures. Loaded by
`congresses.demo.load`; it runs once per commune."""

import datetime

from django.utils import timezone

from . import personnel_services
from .area_profiles import AreaProfile
from .models import Conference, FrontCommittee, Membership, Person, Position, Term
from .outcomes import CongressAward, DocumentApproval, TermSummaryItem
from .personnel import CandidateRound, ConcurrentRole, SupplementaryConsultation


def _at(day, hour=8):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def load(commune, log=print):
    if DocumentApproval.objects.filter(conference__committee__commune=commune).exists():
        return
    congress = (
        Conference.objects.filter(committee__commune=commune, kind=Conference.Kind.CONGRESS)
        .order_by("-starts_at")
        .first()
    )
    if congress is None:
        return
    _outcomes(congress)
    term = Term.objects.filter(committee=congress.committee).order_by("-start_date").first()
    _concurrent_role(term)
    _mid_term_addition(commune, term)
    _profiles(commune)
    _candidate_rounds(commune)
    log("  Kết quả đại hội, hiệp thương bổ sung, số liệu khu dân cư theo năm")


def _outcomes(congress):
    for position, (document, votes, share) in enumerate(
        [("Báo cáo chính trị trình Đại hội", 120, None), ("Nghị quyết Đại hội", None, 100)]
    ):
        personnel_services.save_outcome(
            DocumentApproval(
                conference=congress,
                document=document,
                votes_for=votes,
                votes_total=votes,
                approval_percent=share,
                position=position,
            )
        )
    lines = [
        ("Quỹ “Vì người nghèo” vận động được", TermSummaryItem.Unit.MONEY, 1_250_000_000, None, ""),
        ("Nhà Đại đoàn kết xây mới, sửa chữa", TermSummaryItem.Unit.COUNT, None, 37, "căn"),
        ("Hội nghị tiếp xúc cử tri phối hợp tổ chức", TermSummaryItem.Unit.COUNT, None, 20, "cuộc"),
        ("Lượt người dự Ngày hội Đại đoàn kết", TermSummaryItem.Unit.COUNT, None, 11_250, "lượt người"),
    ]
    for position, (label, unit, amount, quantity, unit_label) in enumerate(lines):
        personnel_services.save_outcome(
            TermSummaryItem(
                conference=congress,
                label=label,
                unit=unit,
                amount=amount,
                quantity=quantity,
                unit_label=unit_label,
                position=position,
            )
        )
    for position, (award, recipient) in enumerate(
        [
            ("Bằng khen của Ủy ban MTTQ Việt Nam tỉnh", "Ban công tác Mặt trận thôn Đông"),
            (
                "Giấy khen của Ủy ban MTTQ Việt Nam xã",
                "Ông Lê Văn Tư, Trưởng ban công tác Mặt trận thôn Trung",
            ),
        ]
    ):
        personnel_services.save_outcome(
            CongressAward(
                conference=congress,
                award=award,
                recipient=recipient,
                reason="Thành tích xuất sắc trong công tác Mặt trận nhiệm kỳ 2019–2024",
                position=position,
            )
        )


def _concurrent_role(term):
    membership = term.memberships.filter(organisation="Hội Nông dân xã").select_related("person").first()
    if membership:
        ConcurrentRole.objects.create(
            person=membership.person, title="Chủ tịch Hội Nông dân xã", since=term.start_date
        )


def _mid_term_addition(commune, term):
    """A young officer joins the committee as a member in March 2025 and is elected Phó Chủ
    tịch in December 2025: two consultations, two memberships with their dates."""
    person = Person.objects.create(
        commune=commune,
        full_name="Trần Thị Thu Hà",
        gender=Person.Gender.FEMALE,
        birth_year=1992,
        party_member=True,
        occupation="Bí thư Đoàn Thanh niên xã",
    )
    ConcurrentRole.objects.create(
        person=person, title="Bí thư Đoàn Thanh niên xã", since=datetime.date(2024, 10, 1)
    )
    # Each consultation: the conference's number, day and attendance, the position, what the
    # title and the summary call it, the organisation and the vote; the second replaces the
    # membership the first made.
    member = None
    for number, day, attendees, position, title, summary, organisation, result in (
        (3, datetime.date(2025, 3, 14), 42, "Ủy viên", "ủy viên", "01 ủy viên", "Đoàn Thanh niên xã",
         {"votes_for": 41, "votes_total": 42}),
        (5, datetime.date(2025, 12, 5), 44, "Phó Chủ tịch", "Phó Chủ tịch", "Phó Chủ tịch", "Ủy ban MTTQ xã",
         {"agreement_percent": 100}),
    ):  # fmt: skip
        conference = Conference.objects.create(
            committee=term.committee,
            term=term,
            kind=Conference.Kind.COMMITTEE,
            title=f"Hội nghị Ủy ban MTTQ Việt Nam xã lần thứ {number} (hiệp thương bổ sung {title})",
            starts_at=_at(day),
            venue="Hội trường Ủy ban nhân dân xã",
            attendees_count=attendees,
            summary=f"Hội nghị hiệp thương cử bổ sung {summary} Ủy ban MTTQ Việt Nam xã nhiệm kỳ 2024–2029.",
        )
        consultation = SupplementaryConsultation.objects.create(
            conference=conference,
            term=term,
            person=person,
            position=Position.objects.get(name=position),
            organisation=organisation,
            since=day,
            replaces=member,
            **result,
        )
        member = personnel_services.confirm_supplementary(consultation)
    assert Membership.objects.filter(person=person).count() == 2


def _profiles(commune):
    for index, area in enumerate(commune.areas.filter(merged_into__isnull=True).order_by("position")):
        for year, growth in ((2024, 0), (2025, 6)):
            households = 310 + index * 47 + growth
            personnel_services.save_area_profile(
                AreaProfile(
                    area=area,
                    year=year,
                    households=households,
                    persons=households * 4 - 15 + index * 9,
                    minority_households=(index * 7) % 23,
                    religious_households=20 + index * 5,
                    poor_households=max(3, 14 - index - growth // 3),
                    near_poor_households=18 + index * 2 - growth // 2,
                    source="Kết quả rà soát hộ nghèo, cận nghèo cuối năm của UBND xã",
                )
            )


def _candidate_rounds(commune):
    committee = (
        FrontCommittee.objects.filter(commune=commune, level=FrontCommittee.Level.RESIDENTIAL)
        .select_related("area")
        .order_by("area__position")
        .first()
    )
    if committee is None:
        return
    first, second = (
        Person.objects.create(commune=commune, full_name=name, gender=Person.Gender.MALE, birth_year=year)
        for name, year in (("Phan Văn Lộc", 1978), ("Đỗ Minh Quang", 1983))
    )
    for person, votes, result in (
        (first, 11, CandidateRound.Result.AGREED),
        (second, 4, CandidateRound.Result.NOT_AGREED),
    ):
        personnel_services.record_candidate_round(
            CandidateRound(
                committee=committee,
                year=2025,
                stage=CandidateRound.Stage.COMMITTEE,
                held_on=datetime.date(2025, 11, 3),
                person=person,
                votes_for=votes,
                votes_total=13,
                result=result,
            )
        )
    personnel_services.record_candidate_round(
        CandidateRound(
            committee=committee,
            year=2025,
            stage=CandidateRound.Stage.RESIDENTS,
            held_on=datetime.date(2025, 11, 16),
            person=first,
            votes_for=186,
            votes_total=204,
            result=CandidateRound.Result.AGREED,
            note="Hội nghị cử tri, đại diện hộ gia đình thôn",
        )
    )
