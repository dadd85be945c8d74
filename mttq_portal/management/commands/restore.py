"""`manage.py restore ARCHIVE [--force]`: put a backup back, checksums verified."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mttq_portal.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu vào cơ sở dữ liệu và thư mục tệp tải lên đang trống; "
        "kiểm tra mã SHA-256 của từng tệp."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Tệp .tar.gz do lệnh backup tạo ra.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Xóa hết dữ liệu và tệp hiện có rồi khôi phục (không hoàn tác được).",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        try:
            manifest = restore_backup(
                options["archive"],
                settings.MEDIA_ROOT,
                using=options["database"],
                force=options["force"],
                private_root=settings.PRIVATE_MEDIA_ROOT,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        files = sum(1 for name in manifest["members"] if name.startswith(("media/", "private/")))
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục bản sao lưu lúc {manifest['created']}: cơ sở dữ liệu và {files} tệp, "
                "mã kiểm tra khớp."
            )
        )
