"""Demo meetings of Hòa Phú as they are announced and reported: a rollout conference announced
for a morning, a launch ceremony chaired by the Party committee with the Front co-organising,
the round of the hamlets' term conferences ("7/7 thôn"), a round known only from a report, and
counts entered before the names (delegates present at the congress, delegates sent on).
Original text, written for the demo; the dates follow today, so the announcements stay ahead."""

import datetime

from django.utils import timezone

from . import event_services
from .events import MeetingRound
from .models import Conference, Consultation, FrontCommittee

D = datetime.date


def _at(day, hour=8, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def load(commune, log=print):
    if MeetingRound.objects.filter(commune=commune).exists():
        return
    committee = FrontCommittee.objects.filter(commune=commune, level=FrontCommittee.Level.COMMUNE).first()
    if committee is None:
        return
    today = timezone.localdate()
    event_services.announce_conference(
        Conference(
            committee=committee,
            kind=Conference.Kind.ROLLOUT,
            title="Hội nghị triển khai Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” năm 2027",
            starts_at=_at(today + datetime.timedelta(days=9)),
            part_of_day=Conference.PartOfDay.MORNING,
            venue="Hội trường Ủy ban nhân dân xã",
            invited=(
                "Ủy viên Ủy ban MTTQ xã; Trưởng ban, Phó Trưởng ban công tác Mặt trận các thôn; "
                "Chi hội trưởng các đoàn thể ở thôn."
            ),
            to_bring="Kế hoạch thực hiện Cuộc vận động năm 2026 của thôn và báo cáo kết quả đã đạt.",
        )
    )
    event_services.announce_conference(
        Conference(
            committee=committee,
            kind=Conference.Kind.LAUNCH,
            title="Lễ ra mắt mô hình “Khu dân cư an toàn về an ninh trật tự” thôn Trung",
            starts_at=_at(today + datetime.timedelta(days=4)),
            part_of_day=Conference.PartOfDay.AFTERNOON,
            organiser=Conference.Organiser.PARTY,
            venue="Nhà văn hóa thôn Trung",
            invited="Thường trực Đảng ủy, HĐND, UBND xã; Công an xã; Ban công tác Mặt trận và nhân dân thôn Trung.",
        )
    )
    launch = Conference(
        committee=committee,
        kind=Conference.Kind.CAMPAIGN_LAUNCH,
        title="Lễ phát động Tháng cao điểm “Vì người nghèo” năm 2026",
        starts_at=_at(D(2026, 10, 17), 19),
        part_of_day=Conference.PartOfDay.EVENING,
        organiser=Conference.Organiser.PEOPLES_COMMITTEE,
        venue="Sân vận động trung tâm xã",
        attendees_count=350,
        summary=(
            "Ủy ban nhân dân xã chủ trì, Ủy ban MTTQ xã phối hợp tổ chức Lễ phát động; ngay tại buổi lễ, "
            "các cơ quan, doanh nghiệp và nhân dân đăng ký ủng hộ Quỹ “Vì người nghèo” xã."
        ),
    )
    event_services.save_conference(launch)
    congress = Conference.objects.filter(committee=committee, kind=Conference.Kind.CONGRESS).first()
    if congress is not None:
        congress.delegates_convened, congress.delegates_present = 120, 117
        event_services.save_conference(congress)
    # A hamlet's consultation whose delegates are known by number only, from the minutes.
    consultation = (
        Consultation.objects.filter(conference__committee__commune=commune, delegates__isnull=True)
        .filter(conference__committee__level=FrontCommittee.Level.RESIDENTIAL)
        .first()
    )
    if consultation is not None:
        consultation.stated_delegates = 6
        consultation.save(update_fields=["stated_delegates"])
    event_services.save_meeting_round(
        MeetingRound(
            commune=commune,
            title="Hội nghị nhiệm kỳ Ban công tác Mặt trận khu dân cư nhiệm kỳ 2024–2026",
            conference_kind=Conference.Kind.TERM,
            starts_on=D(2024, 1, 1),
            ends_on=D(2024, 1, 31),
            is_published=True,
            note="Các thôn tổ chức hội nghị nhiệm kỳ theo Kế hoạch của Ban Thường trực Ủy ban MTTQ xã.",
        )
    )
    event_services.save_meeting_round(
        MeetingRound(
            commune=commune,
            title="Hội nghị sơ kết công tác Mặt trận 6 tháng đầu năm 2026 ở khu dân cư",
            conference_kind=Conference.Kind.MID_YEAR,
            starts_on=D(2026, 7, 1),
            ends_on=D(2026, 7, 31),
            stated_held=5,
            stated_total=6,
            stated_on=D(2026, 7, 20),
            is_published=True,
        )
    )
    log(
        f"  hội nghị sắp tổ chức: {Conference.objects.filter(committee__commune=commune).announced().count()}"
    )
