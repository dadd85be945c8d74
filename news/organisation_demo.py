"""Demo content of the organisation pages and the work calendar (original text): the footer's
facts, giới thiệu, chức năng nhiệm vụ, an English introduction, and the standing board's
current week. Loaded once; run again it changes nothing."""

import datetime

from django.utils import timezone

from congresses.models import FrontCommittee, Membership, Position

from .organisation import Page, save_page
from .work_calendar import CalendarEntry, monday_of, save_entry

INTRODUCTION = """
<p>Xã Hòa Phú nằm ở phía tây của tỉnh, có 7 thôn với hơn 2.900 hộ dân. Ủy ban Mặt trận Tổ quốc
Việt Nam xã là nơi các tổ chức chính trị - xã hội, các đoàn thể và người dân tiêu biểu ở các thôn
cùng bàn bạc, thống nhất hành động vì khối đại đoàn kết toàn dân tộc.</p>
<h2>Ủy ban MTTQ Việt Nam xã</h2>
<p>Ủy ban gồm đại diện Hội Cựu chiến binh, Hội Liên hiệp Phụ nữ, Hội Nông dân, Đoàn Thanh niên,
Hội Người cao tuổi, các chức sắc tôn giáo và người tiêu biểu trong cộng đồng. Ban Thường trực điều
hành công việc hằng ngày; ở mỗi thôn có Ban công tác Mặt trận gần dân nhất.</p>
<h2>Những việc người dân thường tìm đến Mặt trận</h2>
<ul>
<li>Gửi ý kiến, kiến nghị trước và sau các kỳ họp Hội đồng nhân dân;</li>
<li>Đóng góp, nhận hỗ trợ từ Quỹ “Vì người nghèo” và các cuộc vận động;</li>
<li>Tham gia hòa giải ở cơ sở, giám sát việc thực hiện chính sách ở thôn.</li>
</ul>
"""

DUTIES = """
<p>Theo Luật Mặt trận Tổ quốc Việt Nam và Điều lệ Mặt trận, Ủy ban MTTQ Việt Nam xã có các nhiệm
vụ chính sau.</p>
<ol>
<li><strong>Tập hợp, xây dựng khối đại đoàn kết</strong>: tuyên truyền, vận động Nhân dân thực
hiện chủ trương, chính sách; tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư.</li>
<li><strong>Đại diện, bảo vệ quyền và lợi ích hợp pháp của Nhân dân</strong>: tổng hợp ý kiến,
kiến nghị của cử tri, tổ chức tiếp xúc cử tri, đối thoại giữa chính quyền và Nhân dân.</li>
<li><strong>Giám sát và phản biện xã hội</strong>: giám sát hoạt động của cơ quan, cán bộ ở cơ
sở; góp ý dự thảo văn bản của chính quyền xã.</li>
<li><strong>Tham gia xây dựng Đảng, chính quyền</strong>: giới thiệu người ứng cử đại biểu Hội đồng
nhân dân, tham gia công tác bầu cử.</li>
<li><strong>Vận động các phong trào</strong>: cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn
mới, đô thị văn minh”, Quỹ “Vì người nghèo”, an sinh xã hội.</li>
</ol>
"""

ENGLISH = """
<p>The Viet Nam Fatherland Front Committee of Hoa Phu Commune brings together the commune's
mass organisations, religious communities and respected citizens of its seven villages. It
gathers the people's opinions, represents them before the commune's People's Council and
People's Committee, supervises local authorities and runs the "For the Poor" fund and the
great-unity campaigns.</p>
<p>Visitors and partners are welcome at the committee's office; please call ahead.</p>
"""

# (day of the week from Monday, part, time, title, host, participants, venue)
WEEK = [
    (0, "sang", "07:30", "Giao ban Ban Thường trực đầu tuần", "Chủ tịch Ủy ban MTTQ xã",
     "Ban Thường trực, cán bộ chuyên trách", "Phòng họp Ủy ban MTTQ xã"),
    (0, "chieu", None, "Làm việc với Ban công tác Mặt trận thôn Đông về Quỹ “Vì người nghèo”",
     "Phó Chủ tịch Ủy ban MTTQ xã", "Trưởng ban, Phó Trưởng ban CTMT thôn Đông", "Nhà văn hóa thôn Đông"),
    (1, "ca_ngay", None, "Giám sát việc chi trả trợ cấp xã hội quý IV tại các thôn", "Ban Thường trực",
     "Đại diện Hội Cựu chiến binh, Hội Phụ nữ, Hội Nông dân", "Các thôn Đông, Tây, Trung"),
    (2, "gio", "14:00", "Họp bàn tổ chức Ngày hội Đại đoàn kết toàn dân tộc, thôn Bắc", "Chủ tịch Ủy ban MTTQ xã",
     "Ban CTMT thôn Bắc, Chi hội trưởng các đoàn thể", "Nhà văn hóa thôn Bắc"),
    (3, "sang", None, "Dự hội nghị trực tuyến của Ủy ban MTTQ tỉnh về công tác giám sát", "Ban Thường trực",
     "", "Điểm cầu Ủy ban nhân dân xã"),
    (4, "gio", "08:00", "Trao nhà Đại đoàn kết cho hộ bà Lê Thị Hạnh, thôn Tây", "Phó Chủ tịch Ủy ban MTTQ xã",
     "Đại diện Ủy ban nhân dân xã, Ban CTMT thôn Tây, nhà hảo tâm", "Thôn Tây"),
    (4, "chieu", None, "Tổng hợp ý kiến, kiến nghị của cử tri gửi kỳ họp HĐND xã", "Cán bộ chuyên trách",
     "", "Văn phòng Ủy ban MTTQ xã"),
]  # fmt: skip


def _chair(commune):
    """The commune committee's head today, from congresses' memberships."""
    return (
        Membership.objects.on()
        .filter(
            term__committee__commune=commune,
            term__committee__level=FrontCommittee.Level.COMMUNE,
            position__kind=Position.Kind.HEAD,
        )
        .select_related("person")
        .first()
    )


def load(commune, log=print):
    changed = []
    if not commune.governing_body:
        chair = _chair(commune)
        commune.governing_body = f"Ủy ban MTTQ Việt Nam {commune.full_name}"
        commune.responsible_person = (
            f"{chair.person.full_name}, Chủ tịch Ủy ban MTTQ Việt Nam {commune.full_name}" if chair else ""
        )
        commune.email = commune.email or "mattran.hoaphu@example.vn"
        commune.licence = (
            "Giấy phép số 25/GP-TTĐT ngày 05/3/2025 của Sở Văn hóa, Thể thao và Du lịch (dữ liệu mẫu)"
        )
        commune.save()
        changed.append("chân trang")
    if commune.province_id and not commune.province.governing_body:
        province = commune.province
        province.governing_body = f"Ủy ban MTTQ Việt Nam {province.full_name}"
        province.responsible_person = "Trần Văn Bình, Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh (dữ liệu mẫu)"
        province.phone = province.phone or "0235 3852 100"
        province.email = province.email or "mattran.tinh@example.vn"
        province.save()
    for kind, title, body in (
        (Page.Kind.INTRODUCTION, "Giới thiệu Ủy ban MTTQ Việt Nam xã Hòa Phú", INTRODUCTION),
        (Page.Kind.DUTIES, "Chức năng, nhiệm vụ", DUTIES),
        (Page.Kind.ENGLISH, "", ENGLISH),
    ):
        if not Page.objects.filter(commune=commune, kind=kind).exists():
            save_page(Page(commune=commune, kind=kind, title=title, body=" ".join(body.split())))
            changed.append(str(Page.Kind(kind).label))
    if not CalendarEntry.objects.filter(commune=commune).exists():
        monday = monday_of(timezone.localdate())
        for offset, part, time, title, host, participants, venue in WEEK:
            save_entry(
                CalendarEntry(
                    commune=commune,
                    day=monday + datetime.timedelta(days=offset),
                    part=part,
                    start_time=datetime.time.fromisoformat(time) if time else None,
                    title=title,
                    host=host,
                    participants=participants,
                    venue=venue,
                )
            )
        changed.append(f"{len(WEEK)} mục lịch công tác tuần này")
    log(f"  trang giới thiệu, lịch công tác: {', '.join(changed) or 'đã có, bỏ qua'}")
