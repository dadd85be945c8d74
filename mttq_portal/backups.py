"""Backups of the whole site in one file, and their restore.

An archive `mttq-backup-YYYYMMDD-HHMMSS.tar.gz` holds:
- `database.pgdump` (pg_dump custom format) on PostgreSQL, or `database.sqlite3` (SQLite's
  online backup API: a consistent copy while the site keeps running) on SQLite;
- `media/…`: every uploaded file;
- `private/…`: the files no public address reaches (receipts), from PRIVATE_MEDIA_ROOT;
- `manifest.json`: the engine, the time, and the size and SHA-256 of every other member.

Restore checks every checksum before it touches anything, refuses a database or media
folder that is not empty (unless forced), and checks the media files again once written.
The management commands `backup` and `restore` are thin wrappers around this module.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.db import connections

ARCHIVE_PREFIX = "mttq-backup-"
ARCHIVE_SUFFIX = ".tar.gz"
MANIFEST = "manifest.json"
PRIVATE_PREFIX = "private/"
DUMP_NAMES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """Something the operator must fix; the message says what, in Vietnamese."""


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _vendor(connection):
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(f"Không hỗ trợ sao lưu cơ sở dữ liệu loại {connection.vendor}.")
    return connection.vendor


def _pg_env_and_args(connection):
    """Connection arguments for pg_dump/pg_restore; the password goes in the environment,
    never on the command line (where `ps` would show it)."""
    params = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": params.get("PASSWORD") or ""}
    args = ["--dbname", params["NAME"], "--no-password"]
    if params.get("HOST"):
        args += ["--host", params["HOST"]]
    if params.get("PORT"):
        args += ["--port", str(params["PORT"])]
    if params.get("USER"):
        args += ["--username", params["USER"]]
    return env, args


def _run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} thất bại (mã {result.returncode}): {result.stderr.strip()[-2000:]}")


def dump_database(connection, target):
    """Write a consistent copy of the database to `target`."""
    vendor = _vendor(connection)
    if vendor == "postgresql":
        env, args = _pg_env_and_args(connection)
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), *args], env
        )
    else:
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()


def media_files(media_root, prefix="media/"):
    """(path on disk, name in the archive) of every regular file under MEDIA_ROOT, sorted."""
    if media_root is None:
        return []
    root = Path(media_root)
    if not root.exists():
        return []
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found.append((path, prefix + path.relative_to(root).as_posix()))
    return found


def create_backup(output_dir, media_root, using="default", now=None, private_root=None):
    """Write one archive into `output_dir` and return its path. Readable by its owner only:
    it holds personal data and password hashes."""
    connection = connections[using]
    vendor = _vendor(connection)
    now = now or datetime.datetime.now(datetime.UTC)
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    name = f"{ARCHIVE_PREFIX}{now:%Y%m%d-%H%M%S}{ARCHIVE_SUFFIX}"
    final = output_dir / name
    if final.exists():
        raise BackupError(f"Tệp {final} đã có; hãy chờ một giây rồi chạy lại.")

    with tempfile.TemporaryDirectory(prefix="mttq-backup-") as work:
        dump = Path(work) / DUMP_NAMES[vendor]
        dump_database(connection, dump)
        members = [(dump, dump.name), *media_files(media_root), *media_files(private_root, PRIVATE_PREFIX)]
        manifest = {
            "format": 1,
            "created": now.isoformat(),
            "engine": vendor,
            "members": {
                arcname: {"sha256": sha256_of(path), "size": path.stat().st_size} for path, arcname in members
            },
        }
        partial = output_dir / f".{name}.partial"
        old_umask = os.umask(0o077)
        try:
            with tarfile.open(partial, "w:gz") as archive:
                payload = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(payload)
                info.mtime = int(now.timestamp())
                archive.addfile(info, io.BytesIO(payload))
                for path, arcname in members:
                    archive.add(path, arcname=arcname, recursive=False)
            os.replace(partial, final)
        finally:
            os.umask(old_umask)
            if partial.exists():
                partial.unlink()
    return final


def prune(output_dir, keep):
    """Delete all but the newest `keep` archives in `output_dir`; return what was deleted."""
    archives = sorted(Path(output_dir).glob(f"{ARCHIVE_PREFIX}*{ARCHIVE_SUFFIX}"))
    doomed = archives[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink()
    return doomed


def _safe_member_name(name):
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == path.as_posix()


def read_and_verify(archive_path, work_dir):
    """Unpack the archive into `work_dir` and check it against its manifest: no member
    missing, none extra, every checksum right, no link or path outside. Returns the manifest."""
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            members = archive.getmembers()
            for member in members:
                if not member.isfile() or not _safe_member_name(member.name):
                    raise BackupError(f"Bản sao lưu chứa mục không hợp lệ: {member.name!r}.")
            archive.extractall(work_dir, filter="data")
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(f"Không đọc được bản sao lưu {archive_path}: {error}") from error

    manifest_path = Path(work_dir) / MANIFEST
    if not manifest_path.exists():
        raise BackupError("Bản sao lưu không có manifest.json.")
    manifest = json.loads(manifest_path.read_text())
    listed = set(manifest.get("members", {}))
    present = {member.name for member in members} - {MANIFEST}
    if listed != present:
        missing = sorted(listed - present)[:5]
        extra = sorted(present - listed)[:5]
        raise BackupError(f"Bản sao lưu không khớp manifest (thiếu: {missing}, thừa: {extra}).")
    for name, expected in manifest["members"].items():
        if sha256_of(Path(work_dir) / name) != expected["sha256"]:
            raise BackupError(f"Sai mã kiểm tra (SHA-256) của {name}: bản sao lưu bị hỏng.")
    return manifest


def _own_functions(connection):
    """PostgreSQL: the functions of the current schema that no extension owns (the search's
    trigger function, news.search), as `name(argument types)`."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.oid::regprocedure::text FROM pg_proc AS p "
            "WHERE p.pronamespace = current_schema()::regnamespace AND NOT EXISTS ("
            "SELECT 1 FROM pg_depend AS d WHERE d.classid = 'pg_proc'::regclass "
            "AND d.objid = p.oid AND d.deptype = 'e')"
        )
        return [row[0] for row in cursor.fetchall()]


def database_is_empty(connection):
    if connection.introspection.table_names():
        return False
    return connection.vendor != "postgresql" or not _own_functions(connection)


def media_is_empty(media_root):
    root = Path(media_root)
    return not root.exists() or not any(root.iterdir())


def wipe_database(connection):
    """Drop every table (and the sequences that belong to them) and, on PostgreSQL, the
    functions of our own. Only `restore --force`."""
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in tables:
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")
            # A function outlives the tables it reads, and the dump creates it again: left in
            # place, pg_restore stops at "function already exists" and, in one transaction,
            # restores nothing at all.
            for function in _own_functions(connection):
                cursor.execute(f"DROP FUNCTION IF EXISTS {function} CASCADE")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in tables:
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)}")
            cursor.execute("PRAGMA foreign_keys = ON")


def wipe_media(media_root):
    root = Path(media_root)
    if root.exists():
        for child in root.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()


def restore_database(connection, dump):
    if connection.vendor == "postgresql":
        env, args = _pg_env_and_args(connection)
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                *args,
                str(dump),
            ],
            env,
        )
    else:
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            source.backup(connection.connection)
        finally:
            source.close()


def restore_backup(archive_path, media_root, using="default", force=False, private_root=None):
    """Restore an archive made by create_backup. Returns the manifest."""
    connection = connections[using]
    vendor = _vendor(connection)
    with tempfile.TemporaryDirectory(prefix="mttq-restore-") as work:
        manifest = read_and_verify(archive_path, work)
        if manifest.get("engine") != vendor:
            raise BackupError(
                f"Bản sao lưu của cơ sở dữ liệu {manifest.get('engine')}, không khôi phục được vào {vendor}."
            )
        if not force and not database_is_empty(connection):
            raise BackupError(
                "Cơ sở dữ liệu đích đang có bảng. Hãy khôi phục vào một cơ sở dữ liệu trống, "
                "hoặc thêm --force để xóa hết dữ liệu hiện có."
            )
        roots = {"media/": media_root, PRIVATE_PREFIX: private_root}
        for root in filter(None, roots.values()):
            if not force and not media_is_empty(root):
                raise BackupError(
                    f"Thư mục tệp tải lên {root} không trống. Hãy dùng thư mục trống, "
                    "hoặc thêm --force để xóa hết tệp hiện có."
                )
        if private_root is None and any(name.startswith(PRIVATE_PREFIX) for name in manifest["members"]):
            raise BackupError("Bản sao lưu có tệp riêng tư (ảnh biên nhận): hãy đặt PRIVATE_MEDIA_ROOT.")
        if force:
            wipe_database(connection)
            for root in filter(None, roots.values()):
                wipe_media(root)
        restore_database(connection, Path(work) / DUMP_NAMES[vendor])

        for name, expected in manifest["members"].items():
            prefix = next((p for p in roots if name.startswith(p)), None)
            if prefix is None:
                continue
            target = Path(roots[prefix]) / name.removeprefix(prefix)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(work) / name, target)
            if sha256_of(target) != expected["sha256"]:
                raise BackupError(f"Tệp {target} ghi ra không khớp mã kiểm tra.")
    return manifest
