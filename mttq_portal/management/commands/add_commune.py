"""`manage.py add_commune FILE.xlsx`: a commune's site from one spreadsheet; `--province FILE.xlsx`: a province and its communes."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from mttq_portal.onboarding import OnboardingRefused, add_commune, add_province, write_template


class Command(BaseCommand):
    help = _(
        "Tạo trang của một xã, phường từ tệp Excel (trang: Xã, phường; Khu dân cư; Ủy ban; Tài khoản), "
        "hoặc với --province tạo một tỉnh và các xã, phường của tỉnh (trang: Tỉnh; Xã, phường; Tài khoản). "
        "Có lỗi thì không tạo gì và liệt kê lỗi theo từng dòng."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("tệp .xlsx"))
        parser.add_argument(
            "--province", action="store_true", help=_("tệp là danh sách xã, phường của một tỉnh")
        )
        parser.add_argument("--template", action="store_true", help=_("ghi ra tệp mẫu để điền, không tạo gì"))

    def handle(self, *args, file, province, template, **options):
        if template:
            write_template(file, province=province)
            self.stdout.write(_("Đã ghi tệp mẫu %(file)s.") % {"file": file})
            return
        try:
            created = add_province(file) if province else add_commune(file)
        except OnboardingRefused as refused:
            lines = [
                _("Không tạo gì: tệp có %(count)s lỗi.") % {"count": len(refused.errors)},
                *refused.errors,
            ]
            raise CommandError("\n".join(lines)) from refused
        if created.province:
            self.stdout.write(
                _("Đã tạo %(province)s (%(host)s).")
                % {"province": created.province, "host": created.province.host}
            )
        for commune in created.communes:
            self.stdout.write(
                _("Đã tạo %(commune)s (%(host)s).") % {"commune": commune, "host": commune.host or "—"}
            )
        self.stdout.write(
            _(
                "%(areas)s khu dân cư, %(committees)s ban, ủy ban, %(members)s thành viên, %(accounts)s tài khoản."
            )
            % {
                "areas": created.areas,
                "committees": created.committees,
                "members": created.members,
                "accounts": len(created.accounts),
            }
        )
        if created.accounts:
            self.stdout.write(_("Mật khẩu tạm thời (trao riêng cho từng người; đổi ngay lần đăng nhập đầu):"))
            for username, role, password in created.accounts:
                self.stdout.write(f"  {username}\t{role}\t{password}")
