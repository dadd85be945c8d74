"""Make the running totals of the contributions again from the entries: after entries were
loaded outside the services (a restore, a bulk COPY), or to check that nothing drifted."""

from django.core.management.base import BaseCommand

from campaigns.totals import rebuild_totals


class Command(BaseCommand):
    help = "Tính lại tổng cộng dồn kết quả (theo chỉ tiêu và khu dân cư) từ các bút toán."

    def handle(self, *args, **options):
        rows = rebuild_totals()
        self.stdout.write(f"Đã tính lại {rows:,} dòng tổng cộng dồn.".replace(",", "."))
