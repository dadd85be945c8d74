"""The Vietnamese text module: slugs that keep đ, search folding, money and numbers in words."""

import datetime

import pytest

from lib import vietnamese


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Hội nghị thôn Đông", "hoi-nghi-thon-dong"),
        ("Đồng Tâm", "dong-tam"),
        ("ĐẠI HỘI MTTQ xã Hòa Phú lần thứ I", "dai-hoi-mttq-xa-hoa-phu-lan-thu-i"),
        ("Quỹ “Vì người nghèo” năm 2024", "quy-vi-nguoi-ngheo-nam-2024"),
        ("  Khu phố   Đức Thắng!!  ", "khu-pho-duc-thang"),
        ("Tết Ất Tỵ — ấm áp tình người", "tet-at-ty-am-ap-tinh-nguoi"),
        ("Nhiệm kỳ 2025–2027", "nhiem-ky-2025-2027"),
        ("Nhiệm kỳ 2024-2029", "nhiem-ky-2024-2029"),
        ("Tổ dân phố 1/2", "to-dan-pho-1-2"),
        ("Sơ kết 6 tháng: kết quả 2026", "so-ket-6-thang-ket-qua-2026"),
    ],
)
def test_slug_keeps_the_meaning_of_a_vietnamese_title(title, slug):
    assert vietnamese.slugify_vi(title) == slug


def test_slug_is_cut_at_a_word_boundary_without_a_trailing_dash():
    assert vietnamese.slugify_vi("Hội nghị thôn Đông", max_length=10) == "hoi-nghi-t"
    assert not vietnamese.slugify_vi("Hội nghị thôn", max_length=9).endswith("-")


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Hội Nghị ĐÔNG", "hoi nghi dong"),
        ("hoi nghi dong", "hoi nghi dong"),
        ("Mặt trận  Tổ quốc", "mat tran to quoc"),
        ("Quỹ Vì người nghèo", "quy vi nguoi ngheo"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_matches_text_with_and_without_diacritics(text, folded):
    assert vietnamese.fold(text) == folded


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (8_000_000, "8.000.000 đ"),
        (0, "0 đ"),
        (999, "999 đ"),
        (72_925_000, "72.925.000 đ"),
        (-50_000, "-50.000 đ"),
    ],
)
def test_money_is_grouped_with_dots_and_ends_with_dong(amount, shown):
    assert vietnamese.format_money(amount) == shown


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [
        (8_000_000, 21_000_000, 38),
        (54, 44, 123),
        (9, 17, 53),
        (1, 8, 13),
        (1, 200, 1),
        (0, 10, 0),
        (5, 0, None),
    ],
)
def test_percent_is_rounded_half_up_from_integers(part, whole, shown):
    assert vietnamese.percent(part, whole) == shown


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (8_000_000, "Tám triệu đồng"),
        (214_000_000, "Hai trăm mười bốn triệu đồng"),
        (72_925_000, "Bảy mươi hai triệu chín trăm hai mươi lăm nghìn đồng"),
        (21, "Hai mươi mốt đồng"),
        (15, "Mười lăm đồng"),
        (105, "Một trăm linh năm đồng"),
        (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
        (2_600_000_000, "Hai tỷ sáu trăm triệu đồng"),
        (0, "Không đồng"),
        (1_200_000, "Một triệu hai trăm nghìn đồng"),
        (10_000_000_000, "Mười tỷ đồng"),
        (10_500_000_000, "Mười tỷ năm trăm triệu đồng"),
        (1_000_000_000_000, "Một nghìn tỷ đồng"),
        (1_000_000_005, "Một tỷ không trăm linh năm đồng"),
        (21_000_000, "Hai mươi mốt triệu đồng"),
        (11_000_000, "Mười một triệu đồng"),  # "mốt" only after "mươi"
        (1_015_000, "Một triệu không trăm mười lăm nghìn đồng"),  # "lăm" after "mười"
        (1_000_001, "Một triệu không trăm linh một đồng"),  # "linh", never "lẻ", in the written form
        (1_004_000, "Một triệu không trăm linh bốn nghìn đồng"),
        # Documents write "bốn" ("tư" is spoken): "hai mươi bốn", never "hai mươi tư".
        (24_000_000, "Hai mươi bốn triệu đồng"),
        (14, "Mười bốn đồng"),
        (10_505_000, "Mười triệu năm trăm linh năm nghìn đồng"),
    ],
)
def test_money_in_words_reads_as_a_receipt(amount, words):
    assert vietnamese.money_in_words(amount) == words


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (161, "161%"),
        (0, "0%"),
        (1000, "1.000%"),
        (1001, "trên 1.000%"),
        (8571428571513, "trên 1.000%"),
        (None, ""),
    ],
)
def test_an_absurd_percentage_is_shown_as_over_a_thousand(value, shown):
    assert vietnamese.format_percent(value) == shown


@pytest.mark.parametrize(
    "phone,uri",
    [
        ("0235 3812 345", "+842353812345"),
        ("(0235) 3.812.345", "+842353812345"),
        ("0905-123-456", "+84905123456"),
        ("+84 905 123 456", "+84905123456"),
        ("84 905 123 456", "+84905123456"),
        ("1900 1234", "19001234"),
        ("113", "113"),
        ("", ""),
        ("không có", ""),
    ],
)
def test_tel_uri_keeps_digits_and_writes_a_global_number(phone, uri):
    from lib.vietnamese import tel_uri

    assert tel_uri(phone) == uri


@pytest.mark.parametrize(
    ("day", "line"),
    [
        (datetime.date(2026, 7, 5), "Hòa Phú, ngày 05 tháng 7 năm 2026"),
        (datetime.date(2026, 2, 14), "Hòa Phú, ngày 14 tháng 02 năm 2026"),
        (datetime.date(2026, 12, 31), "Hòa Phú, ngày 31 tháng 12 năm 2026"),
    ],
)
def test_the_date_line_pads_days_below_10_and_the_first_two_months(day, line):
    assert vietnamese.date_line("Hòa Phú", day) == line
