"""With the object store stopped, a file asked for gets a Vietnamese page (503), never a 500,
and nothing changes: the receipt and the document are there again once the store answers."""

import pytest
from django.test import Client

from campaigns.models import Contribution
from tests.news.test_object_storage import use_store
from tests.support import dead_url

from .conftest import HOSTS, PASSWORD

MESSAGE = "Kho lưu trữ tệp đang không kết nối được nên tệp này chưa mở được."


@pytest.fixture
def store_stopped(settings):
    use_store(settings, dead_url(), "mttq-khong-co")


def signed_in(user):
    client = Client(HTTP_HOST=HOSTS["a"])
    assert client.login(username=user.username, password=PASSWORD)
    return client


def refused_in_vietnamese(response):
    text = response.content.decode()
    assert response.status_code == 503, text[:300]
    assert MESSAGE in text and "Chưa mở được tệp" in text
    assert response["Retry-After"] == "60"


def test_a_receipt_asked_for_while_the_store_is_down_gets_a_vietnamese_page(sites, people, store_stopped):
    entry = sites["a"]["contribution"]
    Contribution.objects.filter(pk=entry.pk).update(receipt="bien-nhan/2025/anh.jpg")
    staff = signed_in(people["a"]["staff"])
    refused_in_vietnamese(staff.get(f"/nhap-lieu/bien-nhan/{entry.pk}/"))
    refused_in_vietnamese(staff.get(f"/nhap-lieu/bien-nhan/{entry.pk}/nho/"))
    entry.refresh_from_db()
    assert entry.receipt.name == "bien-nhan/2025/anh.jpg"  # nothing forgotten


def test_a_document_asked_for_while_the_store_is_down_gets_a_vietnamese_page(
    sites, store_stopped, monkeypatch
):
    from django.core.files.storage import storages

    from news.documents import DocumentFile

    # The field took its storage when the models loaded; in production it is the store from the start.
    monkeypatch.setattr(DocumentFile._meta.get_field("file"), "storage", storages["private"])
    row = sites["a"]["document_file"]
    reader = Client(HTTP_HOST=HOSTS["a"])
    refused_in_vietnamese(reader.get(row.get_absolute_url()))


def test_a_missing_file_in_a_store_that_answers_is_still_a_404(sites, people, settings):
    """Only a store that does not answer gives the 503 page; a file that is not there is a 404."""
    from tests.news.test_object_storage import BUCKET, ENDPOINT
    from tests.support import reachable, require

    require(reachable(ENDPOINT), f"an S3-compatible store at {ENDPOINT} (SeaweedFS: see .ci/run)")
    import boto3

    boto3.client(
        "s3", endpoint_url=ENDPOINT, aws_access_key_id="mttq-test", aws_secret_access_key="mttq-test-secret",
        region_name="us-east-1",
    ).list_buckets()  # fmt: skip
    use_store(settings, ENDPOINT, BUCKET)
    settings.MEDIA_PRIVATE_PREFIX = "khong-co-tep/private"
    entry = sites["a"]["contribution"]
    Contribution.objects.filter(pk=entry.pk).update(receipt="bien-nhan/2025/khong-co.jpg")
    staff = signed_in(people["a"]["staff"])
    assert staff.get(f"/nhap-lieu/bien-nhan/{entry.pk}/").status_code == 404
