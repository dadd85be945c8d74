"""Receipts uploaded before they became private: normalise each one (upright, no EXIF/GPS)
into the private storage under the same name, with its thumbnail, and remove the public copy."""

from django.core.files.storage import default_storage
from django.db import migrations


def to_private(apps, schema_editor):
    from campaigns import receipts
    from lib.storage import private_storage

    storage = private_storage()
    names = (
        apps.get_model("campaigns", "Contribution")
        .objects.exclude(receipt="")
        .values_list("receipt", flat=True)
        .distinct()
    )
    for name in names.iterator():
        if storage.exists(name) or not default_storage.exists(name):
            continue
        with default_storage.open(name, "rb") as handle:
            try:
                clean = receipts.normalize(handle)
            except OSError:
                continue  # not an image after all: left where it was, for a person to look at
        saved = storage.save(name, clean)
        clean.seek(0)
        receipts._save_thumbnail(storage, saved, clean.read())
        default_storage.delete(name)


def to_public(apps, schema_editor):
    from lib.storage import private_storage

    storage = private_storage()
    names = apps.get_model("campaigns", "Contribution").objects.exclude(receipt="").values_list("receipt", flat=True)
    for name in names.distinct().iterator():
        if storage.exists(name) and not default_storage.exists(name):
            with storage.open(name, "rb") as handle:
                default_storage.save(name, handle)


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0006_receipts_private_normalised")]

    operations = [migrations.RunPython(to_private, to_public)]
