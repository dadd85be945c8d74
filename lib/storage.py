"""Storage for files the public must never fetch (receipts and other evidence).

They live under PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, so neither nginx nor Django's media
view can serve them; an app streams one only from a view that checks who is asking.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.deconstruct import deconstructible


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
