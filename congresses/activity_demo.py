"""Demo content of the Front's activities in Hòa Phú: a thematic supervision whose
recommendations were followed up (one done, one still not done past its deadline), a
supervision under Quy định 124-QĐ/TW, a social review of a draft plan, the Ngày hội Đại
đoàn kết of 2025 and 2026 in every hamlet, and the year's plan against what was held.
Original text, written for the demo."""

import datetime

from lib.figures import Figure, Qualifier

from . import activity_services as services
from .models import ActivityPlan, FollowUp, PlannedActivity, ResidentialArea, Supervision, UnityFestival

D = datetime.date


def load(commune, log=print):
    if Supervision.objects.filter(commune=commune).exists():
        return
    _supervisions(commune)
    _festivals(commune, log)
    _plan(commune)
    log(
        f"  giám sát, phản biện: {Supervision.objects.filter(commune=commune).count()} cuộc; "
        f"Ngày hội Đại đoàn kết: {UnityFestival.objects.filter(commune=commune).count()} năm"
    )


def _supervisions(commune):
    health = services.save_supervision(
        Supervision(
            commune=commune,
            form=Supervision.Form.THEMATIC,
            basis=Supervision.Basis.DECISION_217,
            basis_note="Kế hoạch số 08/KH-MTTQ ngày 02/4/2026 của Ban Thường trực Ủy ban MTTQ xã",
            subject="việc cấp và sử dụng thẻ bảo hiểm y tế cho hộ nghèo, hộ cận nghèo năm 2026",
            body_supervised="UBND xã Hòa Phú; Trạm Y tế xã",
            starts_on=D(2026, 4, 20),
            ends_on=D(2026, 4, 24),
            members=(
                "Bà Lê Thị Hoa, Phó Chủ tịch Ủy ban MTTQ xã, Trưởng đoàn\n"
                "Ông Trần Văn Tâm, Chủ tịch Hội Cựu chiến binh xã\n"
                "Bà Nguyễn Thị Lài, Chủ tịch Hội Liên hiệp Phụ nữ xã\n"
                "Ông Phạm Minh Đức, Trưởng ban công tác Mặt trận thôn Tây"
            ),
            findings=(
                "UBND xã lập danh sách đúng đối tượng; 412 thẻ được cấp kịp thời, không có thẻ sai thông tin. "
                "Còn 12 hộ cận nghèo ở thôn Tây và thôn Phú Lộc nhận thẻ chậm gần hai tháng do chậm rà soát "
                "hồ sơ; Trạm Y tế chưa niêm yết công khai danh mục thuốc được bảo hiểm chi trả."
            ),
            is_published=True,
        )
    )
    cards = services.add_recommendation(
        health,
        "Cấp đủ thẻ bảo hiểm y tế cho 12 hộ cận nghèo thôn Tây và thôn Phú Lộc",
        "UBND xã",
        D(2026, 6, 30),
    )
    services.follow_up(cards, FollowUp.Kind.SENT, on=D(2026, 5, 4), body="UBND xã (Văn bản số 21/MTTQ)")
    services.follow_up(
        cards,
        FollowUp.Kind.ANSWERED,
        on=D(2026, 5, 18),
        body="UBND xã",
        note="UBND xã giao công chức Văn hóa – Xã hội hoàn thiện hồ sơ, cấp thẻ trước ngày 15/6/2026.",
    )
    services.follow_up(
        cards, FollowUp.Kind.DONE, on=D(2026, 6, 12), note="Đã cấp đủ 12 thẻ; Ban CTMT hai thôn xác nhận."
    )
    drugs = services.add_recommendation(
        health,
        "Niêm yết công khai danh mục thuốc được bảo hiểm y tế chi trả tại Trạm Y tế xã",
        "Trạm Y tế xã",
        D(2026, 7, 31),
    )
    services.follow_up(drugs, FollowUp.Kind.SENT, on=D(2026, 5, 4), body="Trạm Y tế xã")
    services.follow_up(
        drugs,
        FollowUp.Kind.NOT_DONE,
        on=D(2026, 9, 15),
        note="Kiểm tra lại: bảng niêm yết chưa được cập nhật.",
    )

    ethics = services.save_supervision(
        Supervision(
            commune=commune,
            form=Supervision.Form.REGULAR,
            basis=Supervision.Basis.REGULATION_124,
            subject="việc tu dưỡng, rèn luyện đạo đức, lối sống của người đứng đầu các thôn",
            body_supervised="Bí thư chi bộ, Trưởng thôn 06 thôn",
            starts_on=D(2026, 1, 5),
            ends_on=D(2026, 10, 30),
            findings=(
                "Qua lấy ý kiến Nhân dân tại hội nghị các khu dân cư: người đứng đầu các thôn gương mẫu, "
                "gần dân; chưa phát hiện biểu hiện suy thoái."
            ),
            is_published=True,
        )
    )
    services.add_recommendation(
        ethics, "Trưởng thôn tiếp dân định kỳ vào sáng thứ Bảy hằng tuần tại nhà văn hóa", "UBND xã"
    )

    review = services.save_supervision(
        Supervision(
            commune=commune,
            form=Supervision.Form.DRAFT_REVIEW,
            basis=Supervision.Basis.DECISION_217,
            subject="quy hoạch khu dân cư mới và đường liên thôn Đông – Trung",
            draft_title="dự thảo Kế hoạch chỉnh trang khu dân cư và đường liên thôn Đông – Trung giai đoạn 2026–2030",
            body_supervised="UBND xã Hòa Phú (cơ quan soạn thảo)",
            starts_on=D(2026, 8, 12),
            members="Ban Thường trực Ủy ban MTTQ xã; đại diện các tổ chức thành viên; 06 Trưởng ban CTMT",
            findings=(
                "Hội nghị phản biện thống nhất sự cần thiết của kế hoạch; đề nghị bổ sung phương án bồi thường "
                "cho 07 hộ có đất nằm trong lộ giới và lấy ý kiến trực tiếp của Nhân dân hai thôn."
            ),
            is_published=True,
        ),
        opinions=Figure(10, Qualifier.OVER),
    )
    compensation = services.add_recommendation(
        review,
        "Bổ sung phương án bồi thường, hỗ trợ cho 07 hộ có đất nằm trong lộ giới trước khi trình HĐND xã",
        "UBND xã (cơ quan soạn thảo)",
        D(2026, 10, 15),
    )
    services.follow_up(
        compensation, FollowUp.Kind.SENT, on=D(2026, 8, 20), body="UBND xã (Văn bản số 35/MTTQ)"
    )
    services.follow_up(
        compensation,
        FollowUp.Kind.ANSWERED,
        on=D(2026, 9, 8),
        body="UBND xã",
        note="Tiếp thu; dự thảo lần 2 đã bổ sung mục bồi thường, hỗ trợ và lịch đối thoại với 07 hộ.",
    )


# (area name, ceremony, festivities, shared meal, participants, qualifier, awards)
FESTIVAL_2025 = [
    ("Đông", True, True, True, 420, Qualifier.OVER, "Tặng giấy khen cho 05 hộ gia đình văn hóa tiêu biểu"),
    ("Tây", True, True, True, 350, Qualifier.EXACT, ""),
    ("Trung", True, True, True, 510, Qualifier.OVER, "Biểu dương 03 gương người tốt, việc tốt"),
    ("Phú Lộc", True, False, True, 180, Qualifier.OVER, ""),
    ("Đồng Tâm", True, True, True, 300, Qualifier.OVER, ""),
    ("An Hòa", True, True, True, 640, Qualifier.EXACT, "Ra mắt mô hình “Khu dân cư tự quản về môi trường”"),
]


def _festivals(commune, log):
    areas = {
        area.name: area for area in ResidentialArea.objects.current(D(2025, 11, 18)).filter(commune=commune)
    }
    for year, held_on, theme in [
        (2025, D(2025, 11, 15), "Kỷ niệm 95 năm Ngày truyền thống MTTQ Việt Nam (18/11/1930 – 18/11/2025)"),
        (2026, D(2026, 11, 14), "Kỷ niệm 96 năm Ngày truyền thống MTTQ Việt Nam (18/11/1930 – 18/11/2026)"),
    ]:
        festival = services.save_unity_festival(
            UnityFestival(
                commune=commune,
                year=year,
                held_on=held_on,
                theme=theme,
                summary=(
                    "Ngày hội diễn ra ở các khu dân cư trong tuần lễ 12–18/11 với phần lễ ôn lại truyền thống, "
                    "biểu dương gia đình văn hóa, phần hội văn nghệ, thể thao và bữa cơm đại đoàn kết."
                ),
                is_published=True,
            )
        )
        for index, (name, ceremony, festivities, meal, people, qualifier, awards) in enumerate(FESTIVAL_2025):
            if name not in areas:
                continue
            if year == 2026 and name == "Phú Lộc":
                festivities = True  # the hamlet held its festival part the next year
            services.record_festival_area(
                festival,
                areas[name],
                ceremony=ceremony,
                festivities=festivities,
                shared_meal=meal,
                held_on=held_on - datetime.timedelta(days=index % 3),
                participants=Figure(people + (40 if year == 2026 else 0), qualifier),
                awards=awards,
                note="" if festivities else "Thôn chỉ tổ chức phần lễ do mưa lớn kéo dài.",
            )


def _plan(commune):
    """The year's plan: the conferences as the report states them (not every hamlet's meeting
    is entered), the rest counted from the records above."""
    plan = services.save_activity_plan(
        ActivityPlan(
            commune=commune,
            title="Kế hoạch hoạt động của Ủy ban MTTQ xã Hòa Phú năm 2026",
            starts_on=D(2026, 1, 1),
            ends_on=D(2026, 12, 31),
            note=(
                "Số hội nghị theo báo cáo tổng kết của Ban Thường trực, gồm hội nghị của các Ban công tác "
                "Mặt trận chưa nhập đủ vào hệ thống."
            ),
            is_published=True,
        )
    )
    for kind, planned, extra in [
        (PlannedActivity.Kind.CONFERENCE, 80, {"stated_held": 77, "stated_people": Figure(2288)}),
        (PlannedActivity.Kind.VOTER_MEETING, 4, {}),
        (PlannedActivity.Kind.UNITY_FESTIVAL, 6, {}),
        (PlannedActivity.Kind.SUPERVISION, 3, {}),
        (PlannedActivity.Kind.SOCIAL_REVIEW, 2, {}),
    ]:
        stated_people = extra.pop("stated_people", None)
        services.save_planned_activity(
            PlannedActivity(plan=plan, kind=kind, planned_count=planned, **extra), stated_people=stated_people
        )
