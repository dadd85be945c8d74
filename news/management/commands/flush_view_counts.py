"""Fold the readings counted in the cache into the posts' view counts (see news.counters)."""

import time

from django.core.management.base import BaseCommand

from news.counters import view_counter


class Command(BaseCommand):
    help = "Cộng các lượt xem đang chờ vào số lượt xem của bài viết."

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
            moved = view_counter.fold()
            if options["verbosity"] > 1 or (moved and not every):
                self.stdout.write(f"Đã cộng {moved} lượt xem.")
            if not every:
                return
            time.sleep(every)
