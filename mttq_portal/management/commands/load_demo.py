"""Load the original demo content of every app, and an admin account, for `make demo`."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from campaigns import demo as campaigns_demo
from campaigns import demo_aid as campaigns_aid_demo
from campaigns import demo_funds as campaigns_funds_demo
from congresses import demo as congresses_demo
from news import demo as news_demo
from news import organisation_demo, poll_demo
from reports import demo as reports_demo

from ... import visits_demo

# The province and its two other communes: a few areas, a post or two and a campaign each.
OTHER_COMMUNES = [
    ("Hòa An", "hoaan.localhost", ["Bắc", "Nam", "Giữa"], "Ra quân Tháng cao điểm “Vì người nghèo”"),
    ("Hòa Ninh", "hoaninh.localhost", ["Thượng", "Hạ", "An Lạc"], "Ngày hội Đại đoàn kết ở thôn Thượng"),
]
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
            campaigns_aid_demo.load(commune, log=log)
            campaigns_funds_demo.load(commune, log=log)
            self.stdout.write("Dữ liệu mẫu: news")
            news_demo.load(commune=commune, log=log, figures=campaigns_demo.figures(commune))
            self.stdout.write("Dữ liệu mẫu: tỉnh và hai xã nữa")
            load_province(commune, log)
            self.stdout.write("Dữ liệu mẫu: trang giới thiệu, lịch công tác")
            organisation_demo.load(commune, log=log)
            self.stdout.write("Dữ liệu mẫu: khảo sát, thống kê truy cập")
            poll_demo.load(commune, log=log)
            visits_demo.load(commune, log=log)
            self.stdout.write("Dữ liệu mẫu: báo cáo sơ kết 6 tháng đầu năm")
            reports_demo.load(commune, log=log)
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
                "\nCác trang: http://127.0.0.1:8000/ (xã Hòa Phú), http://hoaphu.localhost:8000/, "
                "http://hoaan.localhost:8000/, http://hoaninh.localhost:8000/, http://tinh.localhost:8000/ (tỉnh)"
                "\nĐăng nhập trang quản trị: http://127.0.0.1:8000/quan-tri/\n"
                f"  Tên đăng nhập: {ADMIN_USERNAME}\n  Mật khẩu:      {ADMIN_PASSWORD}\n"
            )
        )


def load_province(first, log=print):
    """Quảng Nam's Front at tinh.localhost, Hòa Phú at hoaphu.localhost, two more communes."""
    import datetime

    from django.utils import timezone

    from campaigns.models import Campaign, Contribution, Indicator, Target
    from congresses.models import Commune, Province, ResidentialArea, StaffProfile
    from news.models import Category, Post

    province, _created = Province.objects.get_or_create(
        name="Quảng Nam", defaults={"host": "tinh.localhost", "address": "Tam Kỳ, Quảng Nam"}
    )
    first.province, first.host = province, first.host or "hoaphu.localhost"
    first.save()
    now = timezone.now()
    category, _created = Category.objects.get_or_create(province=province, name="Tin của tỉnh")
    if not category.posts.exists():
        Post.objects.create(
            category=category,
            title="Ủy ban MTTQ tỉnh phát động Tháng cao điểm “Vì người nghèo” năm 2025",
            lead="Các xã, phường trong tỉnh cùng ra quân từ ngày 17/10 đến 18/11/2025.",
            status=Post.Status.PUBLISHED,
            published_at=now - datetime.timedelta(days=1),
        )
    for name, host, areas, headline in OTHER_COMMUNES:
        commune, created = Commune.objects.get_or_create(
            name=name, defaults={"host": host, "province": province, "province_name": "tỉnh Quảng Nam"}
        )
        if not created:
            continue
        rows = [
            ResidentialArea.objects.create(commune=commune, name=area, position=number)
            for number, area in enumerate(areas, start=1)
        ]
        news = Category.objects.create(commune=commune, name="Hoạt động Mặt trận")
        for hours, title in ((2, headline), (5, f"Hội nghị Ban công tác Mặt trận thôn {areas[0]}")):
            Post.objects.create(
                category=news,
                title=title,
                lead=f"Tin của Ủy ban MTTQ Việt Nam xã {name}.",
                body=f"<p>Bà con xã {name} hưởng ứng.</p>",
                status=Post.Status.PUBLISHED,
                published_at=now - datetime.timedelta(hours=hours),
                is_featured=hours == 2,
            )
        campaign = Campaign.objects.create(
            commune=commune,
            name="Vận động Quỹ “Vì người nghèo” năm 2025",
            status=Campaign.Status.ACTIVE,
            start_date=datetime.date(2025, 1, 1),
        )
        indicator = Indicator.objects.create(campaign=campaign, name="Quỹ “Vì người nghèo”")
        Target.objects.create(indicator=indicator, amount=60_000_000)
        for area in rows:
            Target.objects.create(indicator=indicator, area=area, amount=20_000_000)
            Contribution.objects.create(
                indicator=indicator, area=area, amount=7_500_000, date=datetime.date(2025, 3, 1)
            )
        log(f"  {commune.full_name} ({host}): {len(rows)} khu dân cư, 2 tin, 1 cuộc vận động")
    # The first commune's accounts (chair, officers) belong to it now that there are three.
    User = get_user_model()
    for user in User.objects.filter(is_superuser=False, staff_profile__isnull=True):
        StaffProfile.objects.create(user=user, commune=first)
    log(f"  {province.full_name} (tinh.localhost): {province.communes.count()} xã")
    campaigns_demo.load_province_campaign(province, log)
