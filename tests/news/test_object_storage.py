"""Media in an S3-compatible object store (SeaweedFS in CI, started by .ci/run): every app
server sees the same files; a post's files and receipts reach readers only through signed URLs
that die; a stopped store refuses an upload in Vietnamese and leaves nothing half-saved."""

import contextlib
import os
import re
import urllib.request
import uuid

import pytest
from botocore.config import Config
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from campaigns.receipts import receipt_response
from lib.storage import STORE_DOWN_MESSAGE, private_storage
from news.models import Photo, Post
from tests.support import dead_url, reachable, require

from .conftest import jpeg_bytes, jpeg_upload
from .test_admin import post_form

ENDPOINT = os.environ.get("TEST_S3_ENDPOINT", "http://127.0.0.1:8333")
BUCKET = os.environ.get("TEST_S3_BUCKET", "mttq-test")
ADD_URL = reverse("admin:news_post_add")


def use_store(settings, endpoint, bucket):
    settings.AWS_STORAGE_BUCKET_NAME = bucket
    settings.AWS_S3_ENDPOINT_URL = endpoint
    settings.AWS_ACCESS_KEY_ID = "mttq-test"
    settings.AWS_SECRET_ACCESS_KEY = "mttq-test-secret"
    settings.AWS_S3_CLIENT_CONFIG = Config(
        connect_timeout=1,
        read_timeout=5,
        retries={"max_attempts": 1},
        s3={"addressing_style": "path"},
        signature_version="s3v4",
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "lib.storage.PublicObjectStorage"},
        "private": {"BACKEND": "lib.storage.PrivateObjectStorage"},
    }


@pytest.fixture
def bucket(settings):
    """The portal's media in the running store, under prefixes of this test's own (one bucket
    for the run: SeaweedFS gives each bucket volumes of its own); returns a lister of its keys,
    without the test's prefix."""
    require(reachable(ENDPOINT), f"an S3-compatible store at {ENDPOINT} (SeaweedFS: see .ci/run)")
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=ENDPOINT,
        aws_access_key_id="mttq-test",
        aws_secret_access_key="mttq-test-secret",
        region_name="us-east-1",
    )
    with contextlib.suppress(
        client.exceptions.BucketAlreadyOwnedByYou, client.exceptions.BucketAlreadyExists
    ):
        client.create_bucket(Bucket=BUCKET)
    use_store(settings, ENDPOINT, BUCKET)
    run = uuid.uuid4().hex[:12]
    settings.MEDIA_PUBLIC_PREFIX, settings.MEDIA_PRIVATE_PREFIX = f"{run}/public", f"{run}/private"

    def keys():
        pages = client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=f"{run}/")
        return sorted(
            item["Key"].removeprefix(f"{run}/") for page in pages for item in page.get("Contents", [])
        )

    return keys


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers, response.read()


def test_an_editors_photos_are_stored_in_the_bucket_and_reach_readers_by_signed_urls(
    editor_client, category, bucket, django_capture_on_commit_callbacks
):
    photos = [jpeg_upload(f"IMG_{n}.jpg") for n in range(1, 3)]
    # The worker removes each upload as received once its photo is made and committed.
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(ADD_URL, post_form(category, new_photos=photos), follow=True)
    assert "Đã nhận 2 ảnh." in response.content.decode()
    post = Post.objects.get()
    keys = bucket()
    assert keys and all(key.startswith(f"private/news/{post.pk}/") for key in keys)
    assert len(keys) == 2 * (1 + 6)  # each photo's original and six renditions

    reader = Client()
    page = reader.get(post.get_absolute_url()).content.decode()
    src = re.search(rf'src="(/media/news/{post.pk}/[^"]+\.jpg)"', page).group(1)
    redirect = reader.get(src)
    assert redirect.status_code == 302
    assert "X-Amz-Signature=" in redirect["Location"] and "X-Amz-Expires=300" in redirect["Location"]
    status, headers, body = fetch(redirect["Location"])
    assert status == 200 and body[:3] == b"\xff\xd8\xff"  # a JPEG

    # Back to draft: the same address is a 404 for the reader, nothing is signed for them.
    Post.objects.filter(pk=post.pk).update(status=Post.Status.DRAFT)
    assert reader.get(src).status_code == 404


def test_other_uploads_get_a_direct_address_under_the_public_prefix(bucket):
    name = default_storage.save("chan-dung/anh.jpg", ContentFile(jpeg_bytes()))
    assert bucket() == [f"public/{name}"]
    url = default_storage.url(name)
    assert url.startswith(f"{ENDPOINT}/{BUCKET}/") and url.endswith(f"/public/{name}")
    assert default_storage.open(name).read()[:3] == b"\xff\xd8\xff"


def test_a_receipt_is_only_reached_through_a_short_lived_signed_url(bucket):
    storage = private_storage()
    name = storage.save("bien-nhan/2025/anh.jpg", ContentFile(jpeg_bytes()))
    assert bucket() == [f"private/{name}"]
    with pytest.raises(ValueError):
        storage.url(name)
    response = receipt_response(name)
    assert response.status_code == 302 and response["Cache-Control"] == "private, no-store"
    assert "X-Amz-Expires=300" in response["Location"]
    status, headers, body = fetch(response["Location"])
    assert status == 200 and headers["Content-Type"] == "image/jpeg"
    assert headers["Cache-Control"] == "private, no-store"


def test_with_the_store_stopped_an_upload_is_refused_in_vietnamese_and_nothing_is_saved(
    editor_client, category, settings
):
    use_store(settings, dead_url(), "mttq-khong-co")
    photos = [jpeg_upload(f"IMG_{n}.jpg") for n in range(1, 4)]
    response = editor_client.post(
        ADD_URL, post_form(category, new_photos=photos, cover_upload=jpeg_upload("bia.jpg")), follow=True
    )
    assert response.status_code == 200
    assert str(STORE_DOWN_MESSAGE) in response.content.decode()
    assert Post.objects.count() == 0 and Photo.objects.count() == 0


def test_a_store_that_stops_between_the_check_and_the_save_leaves_no_post_behind(
    editor_client, category, settings, monkeypatch
):
    use_store(settings, dead_url(), "mttq-khong-co")
    monkeypatch.setattr("news.admin.check_available", lambda storage: None)
    photos = [jpeg_upload(f"IMG_{n}.jpg") for n in range(1, 3)]
    response = editor_client.post(ADD_URL, post_form(category, new_photos=photos), follow=True)
    assert response.status_code == 200
    assert str(STORE_DOWN_MESSAGE) in response.content.decode()
    assert Post.objects.count() == 0 and Photo.objects.count() == 0
