"""Backups: demo data with photos and documents survive backup, wipe and restore byte for byte.

SQLite: the test database is Django's shared in-memory database. The backup goes through
Django's own connection with SQLite's online backup API (the same call the command makes on
a file database), so no second connection needs to open the file and `:memory:` works.
PostgreSQL: pg_dump and pg_restore run as separate processes, so the test commits its rows
(transactional_db) for them to see.
"""

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from PIL import Image

from mttq_portal import backups


def _jpeg_bytes(color):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def rerun_seed_migrations():
    """Rows made by data migrations (`*_seed_*`, idempotent) are gone when a transactional test
    (a browser test) emptied the tables before this one; the demo data needs them."""
    from django.apps import apps as global_apps
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import RunPython

    loader = MigrationLoader(connection)
    with connection.schema_editor() as editor:
        for (app_label, name), migration in sorted(loader.disk_migrations.items()):
            if "_seed_" in f"_{name}_" and app_label in {"mttq_portal", "congresses", "news", "campaigns"}:
                for operation in migration.operations:
                    if isinstance(operation, RunPython):
                        operation.code(global_apps, editor)


def make_site_with_files():
    """Demo data of every installed app, an account, and uploaded photos and documents."""
    from django.contrib.auth.models import Group, User

    rerun_seed_migrations()
    call_command("load_demo", stdout=io.StringIO())
    editor = User.objects.create_user("bientap", password="Mattran@2026x", first_name="Lan")
    editor.groups.add(Group.objects.get(name="Biên tập viên"))
    default_storage.save("anh/2026/11/a1b2c3.jpg", ContentFile(_jpeg_bytes("red")))
    default_storage.save("anh/2026/11/d4e5f6.jpg", ContentFile(_jpeg_bytes("blue")))
    default_storage.save("tai-lieu/2026/11/bien-ban.pdf", ContentFile(b"%PDF-1.4\n% bi\xean b\xe1n\n%%EOF\n"))
    default_storage.save("tai-lieu/2026/11/ke-hoach.docx", ContentFile(b"PK\x03\x04" + bytes(range(256)) * 8))


def snapshot_rows():
    """Every row of every table, as plain values ordered by primary key."""
    rows = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = [field.attname for field in model._meta.concrete_fields]
        rows[model._meta.label] = list(model.objects.order_by("pk").values_list(*fields))
    return rows


def snapshot_media(media_root):
    root = Path(media_root)
    return {
        path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


def round_trip(media_root, tmp_path):
    from django.conf import settings

    from lib.storage import private_storage

    make_site_with_files()
    private_storage().save("bien-nhan/2026/11/0a1b2c.jpg", ContentFile(_jpeg_bytes("white")))
    rows_before = snapshot_rows()
    media_before = snapshot_media(media_root)
    private_before = snapshot_media(settings.PRIVATE_MEDIA_ROOT)
    assert "bien-nhan/2026/11/0a1b2c.jpg" in private_before
    assert sum(len(r) for r in rows_before.values()) > 10
    assert {"anh/2026/11/a1b2c3.jpg", "tai-lieu/2026/11/ke-hoach.docx"} <= set(media_before)

    call_command("backup", output_dir=str(tmp_path / "backups"), stdout=io.StringIO())
    [archive] = (tmp_path / "backups").glob("mttq-backup-*.tar.gz")

    backups.wipe_database(connection)
    backups.wipe_media(media_root)
    backups.wipe_media(settings.PRIVATE_MEDIA_ROOT)
    assert connection.introspection.table_names() == []
    # PostgreSQL: no function of ours left either (the search's trigger function outlives its
    # table, and the dump creates it again; pg_restore would stop and restore nothing).
    assert backups.database_is_empty(connection)
    assert snapshot_media(media_root) == {}

    call_command("restore", str(archive), stdout=io.StringIO())

    assert snapshot_rows() == rows_before
    assert snapshot_media(media_root) == media_before
    # Receipts live outside MEDIA_ROOT and come back too.
    assert snapshot_media(settings.PRIVATE_MEDIA_ROOT) == private_before
    return archive


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_bring_back_every_row_and_file_on_sqlite(media_in_tmp, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite run covers this")
    round_trip(media_in_tmp, tmp_path)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_bring_back_every_row_and_file_on_postgresql(
    postgres_only, media_in_tmp, tmp_path
):
    archive = round_trip(media_in_tmp, tmp_path)
    with tarfile.open(archive) as tar:
        assert "database.pgdump" in tar.getnames()


@pytest.mark.django_db(transaction=True)
def test_archive_lists_every_member_with_its_checksum_and_is_private(media_in_tmp, tmp_path):
    default_storage.save("anh/x.jpg", ContentFile(_jpeg_bytes("green")))
    archive = backups.create_backup(tmp_path, media_in_tmp)
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = set(tar.getnames())
    assert set(manifest["members"]) | {"manifest.json"} == names
    assert "media/anh/x.jpg" in manifest["members"]
    assert archive.stat().st_mode & 0o077 == 0


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty(media_in_tmp, tmp_path):
    archive = backups.create_backup(tmp_path, media_in_tmp)
    with pytest.raises(CommandError, match="Cơ sở dữ liệu đích đang có bảng"):
        call_command("restore", str(archive))


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_damaged_archive_before_touching_anything(media_in_tmp, tmp_path):
    default_storage.save("anh/x.jpg", ContentFile(_jpeg_bytes("green")))
    archive = backups.create_backup(tmp_path / "good", media_in_tmp)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "media/anh/x.jpg":
                data = data[:-1] + b"\x00"
            target.addfile(member, io.BytesIO(data))
    tables_before = connection.introspection.table_names()
    with pytest.raises(CommandError, match="Sai mã kiểm tra"):
        call_command("restore", str(damaged), force=True)
    assert connection.introspection.table_names() == tables_before


def test_restore_refuses_paths_outside_the_archive(tmp_path):
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as tar:
        info = tarfile.TarInfo("../../etc/cron.d/x")
        payload = b"* * * * * root true\n"
        info.size = len(payload)
        tar.addfile(info, io.BytesIO(payload))
    with pytest.raises(backups.BackupError, match="mục không hợp lệ"):
        backups.read_and_verify(evil, tmp_path / "work")


def test_keep_leaves_only_the_newest_archives(tmp_path):
    for stamp in ("20261101-010000", "20261102-010000", "20261103-010000", "20261104-010000"):
        (tmp_path / f"mttq-backup-{stamp}.tar.gz").write_bytes(b"x")
    (tmp_path / "notes.txt").write_text("keep me")
    deleted = backups.prune(tmp_path, keep=2)
    assert [p.name for p in deleted] == [
        "mttq-backup-20261101-010000.tar.gz",
        "mttq-backup-20261102-010000.tar.gz",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "mttq-backup-20261103-010000.tar.gz",
        "mttq-backup-20261104-010000.tar.gz",
        "notes.txt",
    ]
