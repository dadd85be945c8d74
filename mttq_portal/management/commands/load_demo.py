"""Load the original demo content of every app, and an admin account, for `make demo`."""

import importlib

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

# Order matters: news and campaigns refer to the commune and areas made by congresses.
DEMO_APPS = ["congresses", "news", "campaigns"]
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "HoaPhu@2026"


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (xã, khu dân cư, tin tức, cuộc vận động) và tạo tài khoản quản trị."

    def handle(self, *args, **options):
        def log(message):
            self.stdout.write(message)

        with transaction.atomic():
            commune = None
            for label in DEMO_APPS:
                if not apps.is_installed(label):
                    continue
                try:
                    module = importlib.import_module(f"{label}.demo")
                except ModuleNotFoundError:
                    continue
                self.stdout.write(f"Dữ liệu mẫu: {label}")
                result = module.load(commune=commune, log=log)
                if label == "congresses":
                    commune = result
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
