"""`manage.py backup [--keep N]`: one timestamped archive of the database and media."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mttq_portal.backups import BackupError, create_backup, prune


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và toàn bộ tệp tải lên vào một tệp .tar.gz (kèm mã kiểm tra)."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", default=None, help="Thư mục lưu (mặc định: BACKUP_DIR).")
        parser.add_argument(
            "--keep", type=int, default=0, help="Chỉ giữ N bản mới nhất trong thư mục (0: giữ tất cả)."
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        output_dir = options["output_dir"] or settings.BACKUP_DIR
        if options["keep"] < 0:
            raise CommandError("--keep phải là số không âm.")
        try:
            archive = create_backup(
                output_dir,
                settings.MEDIA_ROOT,
                using=options["database"],
                private_root=settings.PRIVATE_MEDIA_ROOT,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu: {archive} ({archive.stat().st_size:,} byte)"))
        if options["keep"]:
            for path in prune(output_dir, options["keep"]):
                self.stdout.write(f"Đã xóa bản cũ: {path}")
        return None
