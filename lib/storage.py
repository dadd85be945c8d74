"""Storage for files the public must never fetch (receipts and other evidence).

They live under PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, so neither nginx nor Django's media
view can serve them; an app streams one only from a view that checks who is asking.
"""

import logging
import os
import posixpath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, storages
from django.core.files.utils import validate_file_name
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _lazy

log = logging.getLogger(__name__)


def clean_name(name):
    validate_file_name(name, allow_relative_path=True)
    return posixpath.normpath(name.replace("\\", "/")).lstrip("/")


@deconstructible
class PrivateStorage(FileSystemStorage):
    """A FileSystemStorage rooted at PRIVATE_MEDIA_ROOT, read on every use (tests move it).

    It has no URL on purpose: `url()` raises, so no template can print a public link.
    """

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; link to the view that serves them.")


def private_storage():
    """The storage for private files (settings.STORAGES["private"]); a callable for FileField."""
    return storages["private"]


# --- S3-compatible object storage (AWS_STORAGE_BUCKET_NAME set) ------------------------------
#
# One bucket, two prefixes. PUBLIC_PREFIX holds uploads any visitor may fetch straight from the
# store (the bucket policy makes that prefix readable). PRIVATE_PREFIX holds receipts and a
# post's files (news/<id>/…): those are never linked directly; a view checks who asks, then
# redirects to a signed URL that dies after SIGNED_URL_SECONDS.

STORE_DOWN_MESSAGE = _lazy(
    "Kho lưu trữ tệp đang không kết nối được nên tệp chưa được lưu và không có gì thay đổi. "
    "Mời bạn thử lại sau ít phút; nếu vẫn không được, hãy báo cán bộ quản trị."
)


class StorageUnavailable(ValidationError):
    """The object store did not answer: nothing was stored, say so in Vietnamese."""

    def __init__(self):
        super().__init__(STORE_DOWN_MESSAGE, code="storage_unavailable")


def _store_errors():
    from botocore.exceptions import BotoCoreError, ClientError

    return (BotoCoreError, ClientError, OSError)


def _is_unreachable(error):
    """The store did not answer (refused, timed out, a 5xx), as opposed to a missing or refused
    file, which keeps its own meaning (a 404 stays a 404)."""
    from botocore.exceptions import BotoCoreError, ClientError

    if isinstance(error, FileNotFoundError):
        return False
    if isinstance(error, ClientError):
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0
        return status >= 500
    return isinstance(error, (BotoCoreError, OSError))


class _ObjectStorage:
    """What both prefixes share: a refusal in Vietnamese when the store is down, signed URLs.

    Reading a file from a store that does not answer raises StorageUnavailable too, which the
    site shows as a Vietnamese error page (mttq_portal.middleware.StorageUnavailableMiddleware),
    never a 500.
    """

    def exists(self, name):
        try:
            return super().exists(name)
        except Exception as error:
            if _is_unreachable(error):
                raise StorageUnavailable() from error
            raise

    def _open(self, name, mode="rb"):
        try:
            return super()._open(name, mode)  # asks the store at once (S3File loads the object)
        except Exception as error:
            if _is_unreachable(error):
                raise StorageUnavailable() from error
            raise

    def save(self, name, content, max_length=None):
        try:
            return super().save(name, content, max_length=max_length)
        except _store_errors() as error:
            raise StorageUnavailable() from error

    def delete(self, name):
        # Clean-up after a failed upload must not hide why it failed; with the store down
        # nothing was written, and a file left by a store that failed half-way is logged.
        try:
            return super().delete(name)
        except _store_errors():
            log.warning("object store: %s could not be deleted", name, exc_info=True)

    def key(self, name):
        return self._normalize_name(clean_name(name))

    def signed_url(self, name, expire=None, **params):
        """A URL to GET the object for `expire` seconds; `params` set the response's headers
        (ResponseContentType, ResponseContentDisposition, ResponseCacheControl)."""
        return self.bucket.meta.client.generate_presigned_url(
            "get_object",
            Params={"Bucket": self.bucket.name, "Key": self.key(name), **params},
            ExpiresIn=expire or settings.SIGNED_URL_SECONDS,
        )

    def check_available(self):
        try:
            self.bucket.meta.client.head_bucket(Bucket=self.bucket.name)
        except _store_errors() as error:
            raise StorageUnavailable() from error


def _s3_storage():
    from storages.backends.s3 import S3Storage

    return S3Storage


def _build(name, private):
    S3Storage = _s3_storage()

    class Storage(_ObjectStorage, S3Storage):
        def __init__(self, **kwargs):
            kwargs.setdefault("location", "")
            kwargs.setdefault("querystring_auth", private)
            kwargs.setdefault("default_acl", None)
            kwargs.setdefault("file_overwrite", False)
            super().__init__(**kwargs)

        def _normalize_name(self, name):
            prefix = (
                settings.MEDIA_PRIVATE_PREFIX
                if private or is_post_file(name)
                else settings.MEDIA_PUBLIC_PREFIX
            )
            return posixpath.join(prefix.strip("/"), name.lstrip("/"))

        def url(self, name, parameters=None, expire=None, http_method=None):
            if private:
                raise ValueError("Private files have no public URL; link to the view that serves them.")
            if is_post_file(name):
                # Through Django, which checks the post is public, then signs (lib.media).
                return settings.MEDIA_URL + clean_name(name)
            return super().url(name, parameters, expire, http_method)

    Storage.__name__ = Storage.__qualname__ = name
    return Storage


def is_post_file(name):
    return clean_name(name).startswith("news/")


def __getattr__(attribute):
    # Built on first use, so that django-storages and boto3 load only where S3 is configured.
    if attribute in ("PublicObjectStorage", "PrivateObjectStorage"):
        cls = _build(attribute, private=attribute == "PrivateObjectStorage")
        globals()[attribute] = cls
        return cls
    raise AttributeError(attribute)


def check_available(storage):
    """Raise StorageUnavailable (a ValidationError) when `storage` is an object store that does
    not answer; files on disk are always there."""
    check = getattr(storage, "check_available", None)
    if check is not None:
        check()
