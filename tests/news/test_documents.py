"""The document registry as the public sees it: the list and its filters, search with or without
diacritics and by số ký hiệu, a document's page and its files, the feed and the sitemap."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from news.documents import Document, number_key, search_words

from .registry import docx_upload, make_document, pdf_upload

LIST_URL = reverse("news:documents")


@pytest.fixture
def documents(commune):
    return {
        "plan": make_document(commune, [pdf_upload(), docx_upload()]),
        "resolution": make_document(
            commune,
            kind=Document.Kind.RESOLUTION,
            number="01/NQ-ĐH",
            issuing_body="Đại hội đại biểu MTTQ Việt Nam xã Hòa Phú",
            issued_on=datetime.date(2025, 7, 18),
            summary="Nghị quyết Đại hội đại biểu Mặt trận Tổ quốc xã Hòa Phú nhiệm kỳ 2024 – 2029",
            field=Document.Field.FRONT_WORK,
        ),
        "internal": make_document(
            commune, number="99/CV-MTTQ", summary="Công văn nội bộ về trực Tết", is_published=False
        ),
    }


def listed(response):
    return [document.number for document in response.context["page_obj"].object_list]


@pytest.mark.parametrize(
    "text,folded",
    [
        ("12/KH-MTTQ", "12 kh mttq"),
        ("Quỹ “Vì người nghèo”", "quy vi nguoi ngheo"),
        ("Đại hội ĐOÀN KẾT", "dai hoi doan ket"),
        ("V/v tổ_chức", "v v to chuc"),
    ],
)
def test_search_words_fold_marks_and_punctuation(text, folded):
    assert search_words(text) == folded


@pytest.mark.parametrize("text", ["12/KH-MTTQ", "12 kh mttq", "12-KH-MTTQ", " 12/kh/mttq "])
def test_a_number_is_the_same_however_it_is_typed(text):
    assert number_key(text) == "12khmttq"


def test_the_list_shows_public_documents_newest_first(anonymous, documents):
    response = anonymous.get(LIST_URL)
    assert response.status_code == 200
    assert listed(response) == ["12/KH-MTTQ", "01/NQ-ĐH"]
    page = response.content.decode()
    assert "Kế hoạch vận động ủng hộ Quỹ “Vì người nghèo” năm 2026" in page
    assert "Công văn nội bộ" not in page


@pytest.mark.parametrize(
    "query,expected",
    [
        ("quy vi nguoi ngheo", ["12/KH-MTTQ"]),
        ("Quỹ “Vì người nghèo”", ["12/KH-MTTQ"]),
        ("12/KH-MTTQ", ["12/KH-MTTQ"]),
        ("12 kh mttq", ["12/KH-MTTQ"]),
        ("01/NQ-DH", ["01/NQ-ĐH"]),
        ("dai hoi", ["01/NQ-ĐH"]),
        ("hoa phu", ["12/KH-MTTQ", "01/NQ-ĐH"]),
        ("noi bo", []),  # an internal document is never found
        ("khong co van ban nay", []),
    ],
)
def test_search_finds_by_number_or_words_with_or_without_diacritics(anonymous, documents, query, expected):
    assert listed(anonymous.get(LIST_URL, {"q": query})) == expected


def test_a_number_typed_exactly_comes_before_documents_that_merely_mention_it(anonymous, commune, documents):
    make_document(
        commune,
        number="13/KH-MTTQ",
        issued_on=datetime.date(2026, 5, 1),
        summary="Kế hoạch sửa đổi Kế hoạch 12/KH-MTTQ",
    )
    assert listed(anonymous.get(LIST_URL, {"q": "12/KH-MTTQ"})) == ["12/KH-MTTQ", "13/KH-MTTQ"]


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"loai": "resolution"}, ["01/NQ-ĐH"]),
        ({"nam": "2026"}, ["12/KH-MTTQ"]),
        ({"linh_vuc": "social_welfare"}, ["12/KH-MTTQ"]),
        ({"co_quan": "Đại hội đại biểu MTTQ Việt Nam xã Hòa Phú"}, ["01/NQ-ĐH"]),
        ({"loai": "plan", "nam": "2025"}, []),
    ],
)
def test_each_filter_narrows_the_list(anonymous, documents, params, expected):
    assert listed(anonymous.get(LIST_URL, params)) == expected


def test_the_filters_offer_the_years_and_issuing_bodies_there_are(anonymous, documents):
    page = anonymous.get(LIST_URL).content.decode()
    assert '<option value="2026">2026</option>' in page
    assert '<option value="2025">2025</option>' in page
    assert '<option value="Đại hội đại biểu MTTQ Việt Nam xã Hòa Phú">' in page
    assert "Công văn nội bộ" not in page


@pytest.mark.parametrize(
    "params,message",
    [
        ({"nam": "99999999999999999999999"}, "Năm ban hành không hợp lệ."),
        ({"nam": "hai nghin"}, "Năm ban hành phải là một số"),
        ({"loai": "<script>"}, "Không có loại văn bản này."),
        ({"linh_vuc": "x" * 500}, "Không có lĩnh vực này."),
    ],
)
def test_a_bad_filter_value_is_left_out_with_a_vietnamese_message(anonymous, documents, params, message):
    response = anonymous.get(LIST_URL, {**params, "trang": "999999999999999999999"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert listed(response) == ["12/KH-MTTQ", "01/NQ-ĐH"]


def test_a_documents_page_shows_its_facts_and_files(anonymous, documents):
    response = anonymous.get(documents["plan"].get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kế hoạch số 12/KH-MTTQ" in page
    assert "Ban Thường trực Ủy ban MTTQ Việt Nam xã Hòa Phú" in page
    assert "10/02/2026" in page
    assert "Lê Thị Thanh Hương, Chủ tịch" in page
    assert "Tải về: ke-hoach.pdf (PDF" in page
    assert "Tải về: phu-luc.docx (DOCX" in page


def test_a_file_downloads_as_an_attachment_under_its_own_name(anonymous, documents):
    file = documents["plan"].files.get(original_name="ke-hoach.pdf")
    response = anonymous.get(file.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="ke-hoach.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_an_internal_document_and_its_files_are_404(anonymous, documents):
    internal = documents["internal"]
    file = make_document_file(internal)
    assert anonymous.get(internal.get_absolute_url()).status_code == 404
    assert anonymous.get(file.get_absolute_url()).status_code == 404


def make_document_file(document):
    from news import services

    return services.add_document_files(document, [pdf_upload("noi-bo.pdf")])[0]


@pytest.mark.parametrize("file_id", ["0", "abc", "99999999999999999999999999", "-1"])
def test_a_file_id_that_is_no_id_is_404(anonymous, documents, file_id):
    url = reverse("news:document_file", args=[documents["plan"].slug, file_id])
    assert anonymous.get(url).status_code == 404


def test_a_file_is_found_only_under_its_own_document(anonymous, documents):
    file = documents["plan"].files.first()
    url = reverse("news:document_file", args=[documents["resolution"].slug, file.pk])
    assert anonymous.get(url).status_code == 404


def test_the_feed_lists_public_documents(anonymous, documents):
    feed = anonymous.get(reverse("news:documents_feed")).content.decode()
    assert "Kế hoạch số 12/KH-MTTQ" in feed
    assert "Nghị quyết số 01/NQ-ĐH" in feed
    assert "99/CV-MTTQ" not in feed


def test_the_sitemap_lists_public_documents(anonymous, documents):
    sitemap = anonymous.get("/sitemap.xml").content.decode()
    assert documents["plan"].get_absolute_url() in sitemap
    assert documents["internal"].get_absolute_url() not in sitemap


def test_a_date_of_effect_before_the_issue_is_refused(commune):
    with pytest.raises(ValidationError) as error:
        make_document(commune, effective_on=datetime.date(2026, 2, 9))
    assert error.value.message_dict["effective_on"] == [
        "Ngày có hiệu lực không thể trước ngày ban hành (10/02/2026)."
    ]
    assert not Document.objects.exists()


def test_the_same_number_twice_in_a_year_is_refused_but_not_in_another_year(commune):
    make_document(commune)
    with pytest.raises(ValidationError) as error:
        make_document(commune, number="12/kh-mttq", summary="Một kế hoạch khác")
    assert error.value.message_dict["number"] == ["Năm 2026 đã có văn bản số 12/kh-mttq."]
    make_document(commune, issued_on=datetime.date(2027, 1, 5), summary="Kế hoạch năm sau")
    assert Document.objects.count() == 2
