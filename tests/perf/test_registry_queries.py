"""Query budgets of the document registry and the announcements: the same count with 5 records
as with 50, each file and filter included."""

import datetime
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from news import services
from news.announcements import Announcement
from news.documents import Document, DocumentFile
from tests.news.registry import pdf_upload
from tests.support import warm_site_table

# list: filter options (years and issuing bodies, one query), the count, the page
LIST_QUERIES = 3
# detail: the document with its conference, its files
DETAIL_QUERIES = 2
# a file: the file row with its document
FILE_QUERIES = 1
# archive: the count, the page; an announcement's page: the announcement
ARCHIVE_QUERIES = 2
ANNOUNCEMENT_QUERIES = 1
FEED_QUERIES = 1


@pytest.fixture(params=[5, 50], ids=["5-records", "50-records"])
def registry_of_size(request, commune):
    size = request.param
    kinds, fields = list(Document.Kind), list(Document.Field)
    documents = Document.objects.bulk_create(
        Document(
            commune=commune,
            kind=kinds[number % len(kinds)],
            number=f"{number + 1}/KH-MTTQ",
            number_key=f"{number + 1}khmttq",
            slug=f"van-ban-{number}",
            issuing_body=f"Ban Thường trực số {number % 4}",
            issued_on=datetime.date(2020 + number % 6, 1 + number % 12, 1),
            summary=f"Kế hoạch vận động Quỹ “Vì người nghèo” số {number}",
            search_text=f" {number + 1} kh mttq ke hoach van dong quy vi nguoi ngheo so {number}",
            field=fields[number % len(fields)],
        )
        for number in range(size)
    )
    services.add_document_files(documents[0], [pdf_upload()])
    DocumentFile.objects.bulk_create(
        DocumentFile(
            document=documents[0], file=f"van-ban/x-{n}.pdf", original_name=f"tep-{n}.pdf", position=n
        )
        for n in range(1, size // 5)
    )
    now = timezone.now()
    Announcement.objects.bulk_create(
        Announcement(
            commune=commune,
            title=f"Thông báo số {number}",
            slug=f"thong-bao-{number}",
            body="<p>Nội dung.</p>",
            starts_at=now - timedelta(days=number + 1),
            expires_at=now + timedelta(days=5 - number),
            is_pinned=number % 2 == 0,
        )
        for number in range(size)
    )
    warm_site_table()
    return {"size": size, "document": documents[0]}


@pytest.mark.parametrize(
    "params", [{}, {"q": "quy vi nguoi ngheo", "loai": "plan", "nam": "2022", "linh_vuc": "social_welfare"}]
)
def test_document_list_budget(client, registry_of_size, layout_queries, django_assert_num_queries, params):
    with django_assert_num_queries(LIST_QUERIES + layout_queries):
        response = client.get(reverse("news:documents"), params)
    assert response.status_code == 200
    count = response.context["page_obj"].paginator.count
    assert count == registry_of_size["size"] if not params else count >= 1


def test_document_detail_budget(client, registry_of_size, layout_queries, django_assert_num_queries):
    with django_assert_num_queries(DETAIL_QUERIES + layout_queries):
        response = client.get(registry_of_size["document"].get_absolute_url())
    assert response.content.decode().count("Tải về:") == registry_of_size["size"] // 5


def test_document_file_budget(client, registry_of_size, django_assert_num_queries):
    row = registry_of_size["document"].files.get(original_name="ke-hoach.pdf")
    with django_assert_num_queries(FILE_QUERIES):
        response = client.get(row.get_absolute_url())
    assert response.status_code == 200


def test_announcement_archive_and_page_budgets(
    client, registry_of_size, layout_queries, django_assert_num_queries
):
    with django_assert_num_queries(ARCHIVE_QUERIES + layout_queries):
        assert client.get(reverse("news:announcements")).status_code == 200
    with django_assert_num_queries(ANNOUNCEMENT_QUERIES + layout_queries):
        assert client.get(reverse("news:announcement_detail", args=["thong-bao-0"])).status_code == 200


@pytest.mark.parametrize("name", ["news:documents_feed", "news:announcements_feed"])
def test_feed_budgets(client, registry_of_size, django_assert_num_queries, name):
    with django_assert_num_queries(FEED_QUERIES):
        assert client.get(reverse(name)).status_code == 200
