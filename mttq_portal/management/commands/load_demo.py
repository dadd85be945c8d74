"""Load the original demo content of every app, and an admin account, for `make demo`."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from campaigns import demo as campaigns_demo
from congresses import demo as congresses_demo
from news import demo as news_demo

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "HoaPhu@2026"


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (xã, khu dân cư, tin tức, cuộc vận động) và tạo tài khoản quản trị."

    def handle(self, *args, **options):
        def log(message):
            self.stdout.write(message)

        # Campaigns before news: the posts that quote figures are written from what the
        # campaigns record, so the featured post and the campaign page say the same.
        with transaction.atomic():
            self.stdout.write("Dữ liệu mẫu: congresses")
            commune = congresses_demo.load(log=log)
            self.stdout.write("Dữ liệu mẫu: campaigns")
            campaigns_demo.load(commune=commune, log=log)
            self.stdout.write("Dữ liệu mẫu: news")
            news_demo.load(commune=commune, log=log, figures=campaigns_demo.figures(commune))
            self._ensure_admin()

    def _ensure_admin(self):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=ADMIN_USERNAME,
            defaults={"is_staff": True, "is_superuser": True, "first_name": "Quản trị", "last_name": "viên"},
        )
        if created:
            user.set_password(ADMIN_PASSWORD)
            user.save()
        self.stdout.write(
            self.style.SUCCESS(
                "\nĐăng nhập trang quản trị: http://127.0.0.1:8000/quan-tri/\n"
                f"  Tên đăng nhập: {ADMIN_USERNAME}\n  Mật khẩu:      {ADMIN_PASSWORD}\n"
            )
        )
