"""`manage.py add_commune`: a commune's site (or a province with its communes) from one
spreadsheet; every bad row is listed with its sheet and row number and nothing is created."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from campaigns.models import AreaOfficer
from congresses.models import Commune, Membership, Person, Province, ResidentialArea, StaffProfile
from congresses.permissions import commune_scope
from lib.roles import HAMLET_OFFICER, PROVINCE_STAFF, has_role

COMMUNE = [
    ("Tên", "Hòa Tiến"),
    ("Cấp", "Xã"),
    ("Tên miền", "hoatien.example.vn"),
    ("Tỉnh", "Quảng Nam"),
    ("Địa chỉ", "Thôn Lệ Sơn 1"),
    ("Thư điện tử", "mattran@hoatien.example.vn"),
    ("Nhiệm kỳ bắt đầu", "01/07/2025"),
    ("Nhiệm kỳ kết thúc", "30/06/2030"),
]
AREAS = [
    ("Loại", "Tên", "Thứ tự"),
    ("Thôn", "Lệ Sơn 1", 1),
    ("Thôn", "Lệ Sơn 2", 2),
    ("Tổ dân phố", "Số 3", 3),
]
MEMBERS = [
    ("Họ và tên", "Giới tính", "Năm sinh", "Chức danh", "Khu dân cư", "Điện thoại", "Công khai liên hệ"),
    ("Lê Văn Tám", "Nam", 1968, "Chủ tịch", "", "0905000111", "có"),
    ("Phạm Thị Hoa", "Nữ", 1985, "Phó Chủ tịch", "", "", ""),
    ("Trần Văn Ba", "Nam", 1970, "Trưởng ban", "Thôn Lệ Sơn 1", "0905000222", ""),
]
ACCOUNTS = [
    ("Tên đăng nhập", "Họ và tên", "Thư điện tử", "Vai trò", "Khu dân cư"),
    ("bientap.hoatien", "Ngô Thu Hà", "ha@example.vn", "Biên tập viên", ""),
    ("truongban.leson1", "Trần Văn Ba", "ba@example.vn", "Trưởng ban CTMT", "Lệ Sơn 1"),
]


def workbook(path, **sheets):
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return str(path)


def commune_file(tmp_path, commune=COMMUNE, areas=AREAS, members=MEMBERS, accounts=ACCOUNTS):
    return workbook(
        tmp_path / "xa.xlsx",
        **{"Xã, phường": commune, "Khu dân cư": areas, "Ủy ban": members, "Tài khoản": accounts},
    )


@pytest.fixture
def province(db):
    return Province.objects.create(name="Quảng Nam", host="tinh.example.vn")


def test_a_commune_is_created_with_its_areas_committee_and_accounts(tmp_path, province, capsys):
    call_command("add_commune", commune_file(tmp_path))
    commune = Commune.objects.get(name="Hòa Tiến")
    assert (commune.host, commune.province, commune.email) == (
        "hoatien.example.vn",
        province,
        "mattran@hoatien.example.vn",
    )
    assert [a.full_name for a in ResidentialArea.objects.filter(commune=commune)] == [
        "Thôn Lệ Sơn 1",
        "Thôn Lệ Sơn 2",
        "Tổ dân phố Số 3",
    ]
    chair = Membership.objects.get(person__full_name="Lê Văn Tám")
    assert chair.position.name == "Chủ tịch" and chair.term.committee.level == "commune"
    assert str(chair.term.start_date) == "2025-07-01" and chair.person.contact_public
    head = Membership.objects.get(person__full_name="Trần Văn Ba")
    assert head.term.committee.area.full_name == "Thôn Lệ Sơn 1"
    assert Person.objects.get(full_name="Phạm Thị Hoa").contact_public is False
    officer = get_user_model().objects.get(username="truongban.leson1")
    assert has_role(officer, HAMLET_OFFICER) and officer.email == "ba@example.vn"
    assert AreaOfficer.objects.get(user=officer).area.name == "Lệ Sơn 1"
    assert commune_scope(officer) == frozenset([commune.pk])
    out = capsys.readouterr().out
    assert "Đã tạo xã Hòa Tiến (hoatien.example.vn)." in out
    assert "3 khu dân cư, 2 ban, ủy ban, 3 thành viên, 2 tài khoản." in out
    # The printed temporary password signs the editor in.
    password = next(
        line.split("\t")[2] for line in out.splitlines() if line.strip().startswith("bientap.hoatien")
    )
    assert get_user_model().objects.get(username="bientap.hoatien").check_password(password)


def test_the_new_communes_site_answers_at_its_host(tmp_path, province, client, settings):
    settings.ALLOWED_HOSTS = [".example.vn"]
    Commune.objects.create(name="Hòa Phú", host="hoaphu.example.vn", province=province)
    call_command("add_commune", commune_file(tmp_path))
    page = client.get("/mat-tran/", HTTP_HOST="hoatien.example.vn").content.decode()
    assert "Lệ Sơn 1" in page and "Trần Văn Ba" in page


def test_every_bad_row_is_listed_and_nothing_is_created(tmp_path, province):
    get_user_model().objects.create_user("bientap.hoatien")
    commune = [*COMMUNE[:2], ("Tên miền", "hoa tien!"), ("Tỉnh", "Đà Lạt"), *COMMUNE[4:]]
    areas = [*AREAS, ("Phum", "Cũ", 4), ("Thôn", "Lệ Sơn 1", 5), ("Thôn", "", 6)]
    members = [
        *MEMBERS,
        ("Võ Văn Hai", "Nam", 1969, "Chủ tịch", "", "", ""),
        ("Ai Đó", "Khác", 1890, "Giám đốc", "Thôn Xa", "", ""),
    ]
    accounts = [
        *ACCOUNTS,
        ("ai do", "Ai Đó", "khong-phai-thu", "Thủ quỹ", ""),
        ("truongban.khac", "Ai Khác", "khac@example.vn", "Trưởng ban", "Thôn Xa"),
    ]
    with pytest.raises(CommandError) as refused:
        call_command("add_commune", commune_file(tmp_path, commune, areas, members, accounts))
    message = str(refused.value)
    for expected in [
        "Trang “Xã, phường”, dòng 3: tên miền “hoa tien!” không hợp lệ",
        "Trang “Xã, phường”, dòng 4: tỉnh “Đà Lạt” chưa có trong hệ thống",
        "Trang “Khu dân cư”, dòng 5: loại “Phum” không có; chọn một trong: Thôn, Ấp",
        "Trang “Khu dân cư”, dòng 6: “Thôn Lệ Sơn 1” trùng với dòng 2.",
        "Trang “Khu dân cư”, dòng 7: thiếu tên khu dân cư.",
        "Trang “Ủy ban”, dòng 5: mỗi ban chỉ có một người đứng đầu: đã có ở dòng 2.",
        "Trang “Ủy ban”, dòng 6: giới tính “Khác” không có",
        "Trang “Ủy ban”, dòng 6: năm sinh “1890” không hợp lý.",
        "Trang “Ủy ban”, dòng 6: khu dân cư “Thôn Xa” không có",
        "Trang “Ủy ban”, dòng 6: chức danh “Giám đốc” không có",
        "Trang “Tài khoản”, dòng 2: tên đăng nhập “bientap.hoatien” đã có người dùng.",
        "Trang “Tài khoản”, dòng 4: tên đăng nhập “ai do” chỉ gồm chữ, số",
        "Trang “Tài khoản”, dòng 4: vai trò “Thủ quỹ” không có",
        "Trang “Tài khoản”, dòng 4: thư điện tử “khong-phai-thu” không hợp lệ.",
        "Trang “Tài khoản”, dòng 5: Trưởng ban công tác Mặt trận cần một khu dân cư",
    ]:
        assert expected in message, expected
    assert message.startswith("Không tạo gì: tệp có 15 lỗi.")
    assert not Commune.objects.exists() and not Person.objects.exists()
    assert get_user_model().objects.count() == 1


def test_a_missing_sheet_or_column_is_named(tmp_path, province):
    path = workbook(tmp_path / "thieu.xlsx", **{"Xa, phuong": COMMUNE, "Khu dan cu": [("Tên",), ("Đông",)]})
    with pytest.raises(CommandError) as refused:
        call_command("add_commune", path)
    assert "Trang “Khu dan cu”, dòng 1: thiếu cột “Loại”." in str(refused.value)
    assert not Commune.objects.exists()


@pytest.mark.parametrize(
    "name,content,words",
    [
        ("xa.csv", b"Ten,Hoa Tien", "Chỉ nhận tệp Excel (.xlsx)."),
        ("xa.xlsx", b"not a zip at all", "Không đọc được tệp Excel"),
        ("xa.xlsx", b"PK\x03\x04" + b"\0" * 40, "Không đọc được tệp Excel"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused_in_vietnamese(tmp_path, province, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError) as refused:
        call_command("add_commune", str(path))
    assert words in str(refused.value)


def test_a_sheet_longer_than_the_import_limit_is_refused_before_it_is_read(tmp_path, province):
    areas = [("Loại", "Tên"), *[("Thôn", f"Số {n}") for n in range(5200)]]
    with pytest.raises(CommandError) as refused:
        call_command("add_commune", commune_file(tmp_path, areas=areas))
    assert "5.000 dòng" in str(refused.value)
    assert not Commune.objects.exists()


PROVINCE = [("Tên", "Đà Nẵng"), ("Cấp", "Thành phố"), ("Tên miền", "danang.example.vn")]
COMMUNES = [
    ("Tên", "Cấp", "Tên miền", "Điện thoại"),
    ("Hải Châu", "Phường", "haichau.example.vn", "02363000000"),
    ("Hòa Vang", "Xã", "hoavang.example.vn", ""),
]
PROVINCE_ACCOUNTS = [
    ("Tên đăng nhập", "Họ và tên", "Thư điện tử", "Vai trò", "Xã, phường"),
    ("canbo.danang", "Lê Thị Tỉnh", "tinh@example.vn", "Cán bộ tỉnh", ""),
    ("canbo.haichau", "Hồ Văn Xã", "xa@example.vn", "Cán bộ xã", "Hải Châu"),
]


def test_a_province_is_started_from_one_file_of_communes(tmp_path, db):
    path = workbook(
        tmp_path / "tinh.xlsx", **{"Tỉnh": PROVINCE, "Xã, phường": COMMUNES, "Tài khoản": PROVINCE_ACCOUNTS}
    )
    call_command("add_commune", path, "--province")
    province = Province.objects.get(name="Đà Nẵng")
    assert (province.kind, province.host) == ("thanh_pho", "danang.example.vn")
    assert sorted((c.full_name, c.host) for c in province.communes.all()) == [
        ("phường Hải Châu", "haichau.example.vn"),
        ("xã Hòa Vang", "hoavang.example.vn"),
    ]
    provincial = get_user_model().objects.get(username="canbo.danang")
    assert (
        has_role(provincial, PROVINCE_STAFF)
        and StaffProfile.objects.get(user=provincial).province == province
    )
    assert StaffProfile.objects.get(user__username="canbo.haichau").commune.name == "Hải Châu"


def test_a_province_file_with_bad_rows_creates_nothing(tmp_path, db):
    Commune.objects.create(name="Cũ", host="hoavang.example.vn")
    communes = [*COMMUNES, ("Hải Châu", "Quận", "", "")]
    accounts = [*PROVINCE_ACCOUNTS, ("canbo.khac", "A", "a@example.vn", "Cán bộ xã", "Sơn Trà")]
    path = workbook(
        tmp_path / "tinh.xlsx", **{"Tỉnh": PROVINCE, "Xã, phường": communes, "Tài khoản": accounts}
    )
    with pytest.raises(CommandError) as refused:
        call_command("add_commune", path, "--province")
    message = str(refused.value)
    assert (
        "Trang “Xã, phường”, dòng 3: tên miền “hoavang.example.vn” đã dùng cho một xã hoặc tỉnh khác."
        in message
    )
    assert "Trang “Xã, phường”, dòng 4: cấp “Quận” không có" in message
    assert "Trang “Xã, phường”, dòng 4: “Hải Châu” trùng với một dòng trên." in message
    assert "Trang “Tài khoản”, dòng 4: xã, phường “Sơn Trà” không có" in message
    assert not Province.objects.exists() and Commune.objects.count() == 1
    assert not get_user_model().objects.exists()


@pytest.mark.parametrize("province_file", [False, True])
def test_the_template_written_by_the_command_is_accepted_as_it_is(tmp_path, db, province_file):
    path = str(tmp_path / "mau.xlsx")
    call_command("add_commune", path, "--template", *(["--province"] if province_file else []))
    call_command("add_commune", path, *(["--province"] if province_file else []))
    name = "Hải Châu" if province_file else "Hòa Tiến"
    assert Commune.objects.filter(name=name).exists()
