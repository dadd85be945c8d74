"""Demo data for `make demo`: a commune, its villages, committees, terms, conferences and
consultations (original text, invented names).

The story: the seven villages of xã Hòa Phú held their Ban CTMT conferences for 2024–2026 on
07/01/2024 and chose delegates to the commune congress; the commune congress elected the
Ủy ban MTTQ for 2024–2029; in 2025 thôn An Bình and thôn Hòa Thuận merged into thôn An Hòa.
"""

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone

from . import services
from .models import (
    Commune,
    Conference,
    ConferenceDocument,
    Consultation,
    Delegate,
    FrontCommittee,
    Membership,
    Opinion,
    Person,
    Position,
    ResidentialArea,
    SlateEntry,
    Term,
    VoterMeeting,
)

AREA_NAMES = ["Đông", "Tây", "Trung", "Phú Lộc", "Đồng Tâm", "An Bình", "Hòa Thuận"]

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Võ",
    "Phan",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lương",
]
MALE_GIVEN = [
    "Văn An",
    "Văn Bình",
    "Đức Cường",
    "Minh Dũng",
    "Văn Hải",
    "Quang Hiếu",
    "Văn Hùng",
    "Thanh Khải",
    "Văn Lợi",
    "Công Minh",
    "Hữu Nghĩa",
    "Văn Phước",
    "Tấn Quý",
    "Văn Sáu",
    "Ngọc Tài",
    "Văn Thành",
    "Đình Thọ",
    "Xuân Tín",
    "Văn Trọng",
    "Quốc Việt",
]
FEMALE_GIVEN = [
    "Thị Ánh",
    "Thị Bích",
    "Thị Cúc",
    "Thị Diệu",
    "Thị Hạnh",
    "Thị Hoa",
    "Thị Hồng",
    "Thị Lan",
    "Thị Liên",
    "Thị Mai",
    "Thị Nga",
    "Thị Phượng",
    "Thị Thu",
    "Thị Tuyết",
    "Thị Vân",
]
ORGANISATIONS = [
    "Chi bộ thôn",
    "Chi hội Phụ nữ",
    "Chi hội Nông dân",
    "Chi hội Cựu chiến binh",
    "Chi đoàn thôn",
    "Chi hội Người cao tuổi",
    "Ban Khuyến học thôn",
    "Tổ hòa giải",
]


class People:
    """Invented, deterministic names: the same demo every time."""

    def __init__(self, commune):
        self.commune = commune
        self.n = 0

    def make(self, female=None, organisation="", **extra):
        n = self.n
        self.n += 1
        female = (n % 3 == 1) if female is None else female
        given = (FEMALE_GIVEN if female else MALE_GIVEN)[(n * 7) % (15 if female else 20)]
        defaults = {
            "gender": Person.Gender.FEMALE if female else Person.Gender.MALE,
            "birth_year": 1956 + (n * 11) % 42,
            "ethnicity": "Cơ Tu" if n % 13 == 5 else "Kinh",
            "religion": "Phật giáo" if n % 9 == 4 else ("Công giáo" if n % 17 == 8 else ""),
            "party_member": n % 4 != 3,
            "occupation": organisation,
        }
        defaults.update(extra)
        return Person.objects.create(
            commune=self.commune, full_name=f"{FAMILY[n % len(FAMILY)]} {given}", **defaults
        )


def _at(day, hour=8, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _pdf(title_ascii):
    """A tiny, valid one-page PDF (ASCII text only: demo documents stand in for real scans)."""
    text = f"BT /F1 14 Tf 60 780 Td ({title_ascii}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(text)).encode() + b" >>\nstream\n" + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _attach(conference, kind, title, ascii_title, file_name):
    document = ConferenceDocument(conference=conference, kind=kind, title=title)
    document.file = ContentFile(_pdf(ascii_title), name=file_name)
    document.save()


def load(commune=None, log=print):
    from . import (  # deferred: they import the services, which import these models
        activity_demo,
        event_demo,
        personnel_demo,
    )

    commune, _ = Commune.objects.get_or_create(
        name="Hòa Phú",
        defaults={
            "kind": Commune.Kind.COMMUNE,
            "province_name": "tỉnh Quảng Nam",
            "address": "Trụ sở Ủy ban MTTQ xã, thôn Trung, xã Hòa Phú",
            "phone": "0235 3812 345",
        },
    )
    for position, name in enumerate(AREA_NAMES, start=1):
        ResidentialArea.objects.get_or_create(
            commune=commune,
            name=name,
            defaults={"position": position, "valid_from": datetime.date(2019, 1, 1)},
        )
    if not FrontCommittee.objects.filter(commune=commune).exists():
        _organisation(commune, log)
    if not VoterMeeting.objects.filter(commune=commune).exists():
        _voters_opinions(commune, log)
    activity_demo.load(commune, log)
    personnel_demo.load(commune, log)
    event_demo.load(commune, log)
    log(f"  {commune.full_name}: {commune.areas.count()} khu dân cư")
    return commune


def _positions():
    Position.objects.ensure_standard()
    return {p.name: p for p in Position.objects.all()}


def _organisation(commune, log):
    pos = _positions()
    people = People(commune)
    villages = list(commune.areas.order_by("position"))
    commune_term = _commune_committee(commune, people, pos)
    for index, area in enumerate(villages):
        _village(area, index, people, pos, commune_term, total=len(villages))
    _commune_events(commune, commune_term, len(villages))
    _merger(commune, villages, people, pos)
    log(f"  {Person.objects.filter(commune=commune).count()} người, {Conference.objects.count()} hội nghị")


def _commune_committee(commune, people, pos):
    committee = services.commune_committee(commune)
    old = Term.objects.create(
        committee=committee,
        start_date=datetime.date(2019, 6, 14),
        end_date=datetime.date(2024, 6, 30),
        congress_ordinal=11,
    )
    outgoing = (
        [("Chủ tịch", "Ủy ban MTTQ xã")]
        + [("Phó Chủ tịch", "Ủy ban MTTQ xã")] * 2
        + [
            ("Ủy viên Ban Thường trực", "Hội Liên hiệp Phụ nữ xã"),
            ("Ủy viên Ban Thường trực", "Hội Nông dân xã"),
        ]
        + [
            ("Ủy viên", org)
            for org in [
                "Đoàn Thanh niên xã",
                "Hội Cựu chiến binh xã",
                "Hội Người cao tuổi xã",
                "Hội Chữ thập đỏ xã",
                "Hội Khuyến học xã",
                "Công an xã",
                "Trường Tiểu học Hòa Phú",
                "Trạm Y tế xã",
                "Hợp tác xã nông nghiệp",
                "Chức sắc Phật giáo",
            ]
        ]
    )
    for name, org in outgoing:
        person = people.make(
            organisation=org,
            phone=f"0905 {310 + people.n:03d} {200 + people.n * 3:03d}",
            contact_public=name == "Chủ tịch",
        )
        services.appoint(old, person, pos[name], organisation=org)
    congress = Conference.objects.create(
        committee=committee,
        term=old,
        kind=Conference.Kind.CONGRESS,
        ordinal=12,
        title="Đại hội đại biểu MTTQ Việt Nam xã Hòa Phú lần thứ XII, nhiệm kỳ 2024–2029",
        starts_at=_at(datetime.date(2024, 6, 20), 7, 30),
        venue="Hội trường Ủy ban nhân dân xã Hòa Phú",
        guests="Lãnh đạo Ủy ban MTTQ huyện; Thường trực Đảng ủy, HĐND, UBND xã; đại diện các đoàn thể chính trị – xã hội xã.",
        attendees_count=120,
        areas_taking_part=7,
        areas_total=7,
        speakers_count=8,
        opinions_count=15,
        summary=(
            "Đại hội nghe báo cáo tổng kết công tác Mặt trận nhiệm kỳ 2019–2024, thảo luận phương hướng "
            "nhiệm vụ nhiệm kỳ 2024–2029 với trọng tâm xây dựng khối đại đoàn kết ở khu dân cư, chăm lo "
            "người nghèo và giám sát, phản biện xã hội.\n\n"
            "120 đại biểu đại diện cho các tầng lớp nhân dân trong xã đã hiệp thương cử Ủy ban MTTQ Việt Nam "
            "xã khóa XII gồm 15 vị, cử Ban Thường trực 5 vị và đại biểu đi dự Đại hội cấp huyện."
        ),
    )
    _attach(
        congress,
        ConferenceDocument.Kind.REPORT,
        "Báo cáo tổng kết nhiệm kỳ 2019–2024",
        "Bao cao tong ket nhiem ky 2019-2024",
        "Báo cáo tổng kết 2019-2024.pdf",
    )
    _attach(
        congress,
        ConferenceDocument.Kind.RESOLUTION,
        "Nghị quyết Đại hội",
        "Nghi quyet Dai hoi lan thu XII",
        "Nghị quyết Đại hội.pdf",
    )
    consultation = services.propose_new_term(
        congress,
        term_start=datetime.date(2024, 6, 20),
        term_end=datetime.date(2029, 6, 30),
        congress_ordinal=12,
    )
    # Two outgoing members step down; two younger people join.
    for entry in consultation.slate.order_by("-pk")[:2]:
        entry.delete()
    for org in ["Đoàn Thanh niên xã", "Hội Liên hiệp Phụ nữ xã"]:
        person = people.make(female=org.endswith("Phụ nữ xã"), organisation=org, birth_year=1994)
        SlateEntry.objects.create(
            consultation=consultation, person=person, position=pos["Ủy viên"], organisation=org
        )
    for entry in consultation.slate.all():
        entry.votes_total = 120
        entry.votes_for = 120 - (entry.pk % 4)
        entry.save()
    return services.confirm_consultation(consultation)


SUMMARY = (
    "Hội nghị nghe báo cáo kết quả hoạt động của Ban công tác Mặt trận {area} nhiệm kỳ 2021–2024 và "
    "phương hướng nhiệm vụ nhiệm kỳ 2024–2026. Ba năm qua, Ban đã vận động bà con hiến {land} m² đất "
    "mở rộng đường bê tông, hỗ trợ sửa chữa {houses} nhà cho hộ khó khăn và duy trì tổ hòa giải ở cơ sở.\n\n"
    "{opinions} ý kiến phát biểu tập trung vào vệ sinh môi trường, đèn chiếu sáng đường thôn và chăm lo "
    "người cao tuổi. Hội nghị hiệp thương cử Ban công tác Mặt trận nhiệm kỳ 2024–2026 gồm {size} thành viên "
    "và cử {delegates} đại biểu đi dự Đại hội đại biểu MTTQ Việt Nam xã Hòa Phú nhiệm kỳ 2024–2029."
)


def _village(area, index, people, pos, commune_term, total):
    committee = services.committee_for_area(area)
    old = Term.objects.create(
        committee=committee, start_date=datetime.date(2021, 1, 10), end_date=datetime.date(2024, 1, 31)
    )
    layout = ["Trưởng ban", "Phó Trưởng ban"] + ["Thành viên"] * (5 + index % 3)
    for i, name in enumerate(layout):
        org = ORGANISATIONS[i % len(ORGANISATIONS)]
        person = people.make(
            organisation=org,
            phone=f"0914 {300 + index * 10 + i:03d} {100 + i * 7:03d}",
            contact_public=name == "Trưởng ban" and index % 2 == 0,
        )
        services.appoint(old, person, pos[name], organisation=org)
    attendees = 78 + index * 9
    opinions = 6 + index % 5
    conference = Conference.objects.create(
        committee=committee,
        term=old,
        kind=Conference.Kind.TERM,
        title=f"Hội nghị Ban công tác Mặt trận {area.in_sentence} nhiệm kỳ 2024–2026",
        starts_at=_at(datetime.date(2024, 1, 7), 7, 30 if index % 2 else 0),
        venue=f"Nhà văn hóa {area.in_sentence}",
        guests="Đại diện Thường trực Đảng ủy, Ủy ban MTTQ xã; Bí thư chi bộ, Trưởng thôn.",
        attendees_count=attendees,
        speakers_count=3 + index % 3,
        opinions_count=opinions,
    )
    consultation = services.propose_new_term(
        conference, term_start=datetime.date(2024, 1, 7), term_end=datetime.date(2026, 12, 31)
    )
    # One long-serving member retires; a young member of the youth union joins.
    consultation.slate.order_by("-pk").first().delete()
    newcomer = people.make(female=index % 2 == 0, organisation="Chi đoàn thôn", birth_year=1996 + index % 3)
    SlateEntry.objects.create(
        consultation=consultation, person=newcomer, position=pos["Thành viên"], organisation="Chi đoàn thôn"
    )
    size = 0
    for entry in consultation.slate.all():
        entry.votes_total = attendees
        entry.votes_for = attendees - (entry.pk % 5)
        entry.save()
        size += 1
    delegates = list(consultation.slate.order_by("position__rank", "pk")[: 2 + index % 2])
    for entry in delegates:
        Delegate.objects.create(consultation=consultation, person=entry.person, congress_term=commune_term)
    conference.summary = SUMMARY.format(
        area=area.in_sentence,
        land=350 + index * 120,
        houses=2 + index % 3,
        opinions=opinions,
        size=size,
        delegates=len(delegates),
    )
    conference.save()
    if index == 0:
        _attach(
            conference,
            ConferenceDocument.Kind.REPORT,
            "Báo cáo kết quả nhiệm kỳ 2021–2024",
            "Bao cao nhiem ky 2021-2024 thon Dong",
            "Báo cáo BCTMT thôn Đông.pdf",
        )
        _attach(
            conference,
            ConferenceDocument.Kind.MINUTES,
            "Biên bản hiệp thương",
            "Bien ban hiep thuong thon Dong",
            "Biên bản hiệp thương.pdf",
        )
    services.confirm_consultation(consultation)


def _commune_events(commune, commune_term, villages):
    committee = services.commune_committee(commune)
    Conference.objects.create(
        committee=committee,
        term=commune_term,
        kind=Conference.Kind.MID_YEAR,
        starts_at=_at(datetime.date(2024, 7, 8), 14),
        venue="Hội trường Ủy ban nhân dân xã",
        attendees_count=45,
        areas_taking_part=villages,
        areas_total=villages,
        speakers_count=6,
        opinions_count=11,
        summary="Sơ kết công tác Mặt trận 6 tháng đầu năm 2024 và thống nhất chương trình hành động 6 tháng cuối năm.",
    )
    Conference.objects.create(
        committee=committee,
        term=commune_term,
        kind=Conference.Kind.DIALOGUE,
        title="Hội nghị đối thoại giữa Ban Thường trực Ủy ban MTTQ xã với các Ban công tác Mặt trận",
        starts_at=_at(datetime.date(2024, 8, 23), 8),
        venue="Hội trường Ủy ban nhân dân xã",
        attendees_count=52,
        areas_taking_part=villages,
        areas_total=villages,
        speakers_count=9,
        opinions_count=21,
        summary=(
            f"09 đại biểu đại diện cho {villages:02d} Ban công tác Mặt trận phát biểu với 21 ý kiến về chế độ "
            "phụ cấp, kinh phí hoạt động ở khu dân cư và cách phối hợp với chi bộ, trưởng thôn. "
            "Ban Thường trực trả lời trực tiếp 17 ý kiến, tiếp thu 4 ý kiến để kiến nghị cấp trên."
        ),
    )


def _merger(commune, villages, people, pos):
    merged = [area for area in villages if area.name in ("An Bình", "Hòa Thuận")]
    new_area = ResidentialArea.objects.create(commune=commune, name="An Hòa", position=6)
    services.merge_areas(merged, into=new_area, on=datetime.date(2025, 7, 1))
    committee = services.committee_for_area(new_area)
    conference = Conference.objects.create(
        committee=committee,
        kind=Conference.Kind.TERM,
        title="Hội nghị Ban công tác Mặt trận thôn An Hòa (sau sáp nhập), nhiệm kỳ 2025–2026",
        starts_at=_at(datetime.date(2025, 7, 13), 8),
        venue="Nhà văn hóa thôn An Hòa",
        guests="Đại diện Thường trực Ủy ban MTTQ xã; Bí thư chi bộ thôn An Hòa.",
        attendees_count=164,
        speakers_count=5,
        opinions_count=12,
        summary=(
            "Thôn An Bình và thôn Hòa Thuận sáp nhập thành thôn An Hòa từ ngày 01/07/2025. Hội nghị hiệp thương "
            "cử Ban công tác Mặt trận thôn An Hòa từ thành viên của hai ban cũ, bảo đảm có đại diện của cả hai "
            "địa bàn, người trẻ và phụ nữ."
        ),
    )
    consultation = Consultation.objects.create(
        conference=conference, term_start=datetime.date(2025, 7, 13), term_end=datetime.date(2026, 12, 31)
    )
    old_members = list(
        Membership.objects.filter(term__committee__area__in=merged, term__start_date__year=2024)
        .select_related("position")
        .order_by("position__rank", "pk")
    )
    chosen = [old_members[0], old_members[1]] + [m for m in old_members[2:] if m.position.kind == "member"][
        :5
    ]
    for i, membership in enumerate(chosen):
        position = pos["Trưởng ban"] if i == 0 else pos["Phó Trưởng ban"] if i == 1 else pos["Thành viên"]
        SlateEntry.objects.create(
            consultation=consultation,
            person=membership.person,
            position=position,
            organisation=membership.organisation,
            votes_for=160 - i,
            votes_total=164,
        )
    services.confirm_consultation(consultation)
    Conference.objects.create(
        committee=services.commune_committee(commune),
        kind=Conference.Kind.VOTERS,
        title="Tiếp xúc cử tri trước kỳ họp thường lệ cuối năm 2025 của HĐND xã",
        starts_at=_at(datetime.date(2025, 11, 14), 14),
        venue="Nhà văn hóa các thôn",
        sessions_count=5,
        attendees_count=300,
        areas_taking_part=6,
        areas_total=6,
        opinions_count=38,
        summary=(
            "Ủy ban MTTQ xã phối hợp với Thường trực HĐND xã tổ chức 5 cuộc tiếp xúc cử tri với 300 lượt người "
            "dự, tổng hợp được 38 ý kiến, kiến nghị, chủ yếu về giao thông nội đồng, nước sạch và thủ tục đất đai."
        ),
    )


def _voters_opinions(commune, log):
    """A voter meeting before the province council's session, its opinions forwarded and
    answered, one still waiting past its due date, a duplicate merged, and a citizen's
    opinion sent from the site and answered."""
    areas = {area.name: area for area in commune.areas.current()}
    hamlets = [areas[name] for name in areas if name in ("Đông", "Tây", "Trung", "An Hòa")] or list(
        areas.values()
    )
    meeting = VoterMeeting.objects.create(
        commune=commune,
        body=VoterMeeting.Body.PROVINCE_COUNCIL,
        timing=VoterMeeting.Timing.BEFORE,
        session="kỳ họp thứ 12, HĐND tỉnh khóa X",
        voting_area="đơn vị bầu cử số 3",
        starts_on=datetime.date(2026, 11, 10),
        ends_on=datetime.date(2026, 11, 12),
        venue="Nhà văn hóa các thôn",
        deputies="Đại biểu HĐND tỉnh, Phó Giám đốc Sở Nông nghiệp và Môi trường\nĐại biểu HĐND tỉnh, Hiệu trưởng Trường THPT huyện",
        attendees=300,
        attendees_qualifier="tren",
        speakers_count=24,
        summary=(
            "Ủy ban MTTQ xã phối hợp Thường trực HĐND xã tổ chức 03 cuộc tiếp xúc cử tri ở các thôn trước "
            "kỳ họp. Đại biểu thông báo dự kiến nội dung kỳ họp; cử tri nêu ý kiến về đường sá, nước tưới, "
            "đất đai và chính sách cho người có công. Các ý kiến được tổng hợp, chuyển đến cơ quan có thẩm quyền."
        ),
        is_published=True,
    )
    meeting.areas.set(hamlets)
    day = meeting.starts_on

    def raised(text, field, area, source=Opinion.Source.VOTER_MEETING, **extra):
        return services.receive_opinion(
            commune, summary=text, source=source, field=field, area=area, raised_on=day, **extra
        )

    road = raised(
        "Tuyến đường liên thôn từ thôn Đông đi thôn Trung xuống cấp, nhiều ổ gà, mùa mưa đi lại khó khăn; "
        "đề nghị sớm đưa vào kế hoạch sửa chữa.",
        Opinion.Field.TRANSPORT,
        hamlets[0],
        voter_meeting=meeting,
    )
    services.forward_opinion(road, "UBND xã; Sở Xây dựng", on=datetime.date(2026, 11, 15))
    services.answer_opinion(
        road,
        "UBND xã đã đưa tuyến đường vào danh mục duy tu năm 2027 với kinh phí dự kiến 1,2 tỷ đồng; "
        "trước mùa mưa sẽ vá các ổ gà lớn bằng vốn sự nghiệp giao thông của xã.",
        "UBND xã",
        on=datetime.date(2026, 11, 25),
    )
    services.publish_opinion(road)
    twin = raised(
        "Đường từ thôn Đông lên thôn Trung hư hỏng, xe chở nông sản đi rất khó.",
        Opinion.Field.TRANSPORT,
        hamlets[-1],
        voter_meeting=meeting,
    )
    services.merge_opinions([twin], road)
    water = raised(
        "Kênh mương nội đồng xứ Đồng Giữa bị bồi lắng, vụ Đông Xuân thiếu nước tưới; đề nghị nạo vét.",
        Opinion.Field.ENVIRONMENT,
        hamlets[1 % len(hamlets)],
        voter_meeting=meeting,
    )
    services.forward_opinion(water, "Công ty TNHH MTV Khai thác thủy lợi", on=datetime.date(2026, 11, 13))
    services.answer_opinion(
        water,
        "Công ty sẽ nạo vét 1,8 km kênh N2 trong tháng 12/2026, trước khi xuống giống vụ Đông Xuân.",
        "Công ty TNHH MTV Khai thác thủy lợi",
        on=datetime.date(2026, 11, 27),
    )
    services.publish_opinion(water)
    land = raised(
        "Một số hộ đã nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất từ năm 2024 nhưng chưa được giải quyết.",
        Opinion.Field.LAND,
        hamlets[2 % len(hamlets)],
        voter_meeting=meeting,
        due_on=datetime.date(2026, 11, 30),
    )
    services.forward_opinion(
        land, "Văn phòng Đăng ký đất đai chi nhánh khu vực", on=datetime.date(2026, 11, 14)
    )
    raised(
        "Đề nghị xem xét hỗ trợ thẻ bảo hiểm y tế cho hộ mới thoát nghèo năm 2026.",
        Opinion.Field.SOCIAL_POLICY,
        hamlets[0],
        voter_meeting=meeting,
    )
    sent = raised(
        "Đèn chiếu sáng ở ngã ba chợ thôn Trung tắt đã hơn một tháng, buổi tối học sinh đi học thêm về rất tối.",
        Opinion.Field.SECURITY,
        hamlets[2 % len(hamlets)],
        source=Opinion.Source.WEBSITE,
    )
    services.forward_opinion(sent, "UBND xã", on=day + datetime.timedelta(days=1))
    services.answer_opinion(
        sent,
        "Ngày 18/11/2026 UBND xã đã thay bóng và tủ điện tại ngã ba chợ; đèn sáng bình thường từ tối cùng ngày.",
        "UBND xã",
        on=datetime.date(2026, 11, 18),
    )
    services.publish_opinion(sent)
    services.close_opinion(sent, on=datetime.date(2026, 11, 20))
    log(
        f"  tiếp xúc cử tri: {meeting.opinions.count()} ý kiến; ý kiến gửi qua cổng: mã {sent.reference_code}"
    )
