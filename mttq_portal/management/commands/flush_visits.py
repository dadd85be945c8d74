"""Fold the visits counted in the cache into the days' visit counts (see mttq_portal.visits)."""

import time

from django.core.management.base import BaseCommand

from mttq_portal.visits import fold


class Command(BaseCommand):
    help = "Cộng các lượt truy cập đang chờ vào thống kê truy cập theo ngày."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Lặp lại sau mỗi SECONDS giây cho đến khi bị dừng (make demo dùng cách này).",
        )

    def handle(self, *args, every=0, **options):
        while True:
            moved = fold()
            if options["verbosity"] > 1 or (moved and not every):
                self.stdout.write(f"Đã cộng {moved} lượt truy cập.")
            if not every:
                return
            time.sleep(every)
