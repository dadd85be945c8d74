"""Staff edit the commune's text pages (giới thiệu, chức năng nhiệm vụ, English) here; each
page belongs to the account's commune."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from congresses.permissions import working_commune
from lib.scoped_admin import AreaScopedAdminMixin

from .organisation import Page, save_page

NO_COMMUNE = _("Tài khoản này chưa thuộc xã, phường nào: hãy vào trang quản trị từ địa chỉ của xã.")


class PageForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = ["kind", "title", "body", "is_published"]

    def clean(self):
        cleaned = super().clean()
        commune = self.instance.commune if self.instance.commune_id else getattr(self, "commune", None)
        if commune is None:
            raise ValidationError(NO_COMMUNE)
        kind = cleaned.get("kind")
        taken = Page.objects.filter(commune=commune, kind=kind).exclude(pk=self.instance.pk)
        if kind and taken.exists():
            self.add_error("kind", _("Xã đã có trang này; hãy sửa trang đã có thay vì thêm trang mới."))
        return cleaned


@admin.register(Page)
class PageAdmin(AreaScopedAdminMixin, SimpleHistoryAdmin):
    form = PageForm
    list_display = ["heading", "kind", "is_published", "updated_at", "commune"]
    list_filter = ["kind", "is_published"]
    list_select_related = ["commune"]
    search_fields = ["title"]

    @admin.display(description=_("tiêu đề"))
    def heading(self, page):
        return page.heading

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        commune = working_commune(request)

        class PageFormForCommune(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, **kw)
                self.commune = commune
                if not self.instance.commune_id:
                    self.instance.commune = commune

        return PageFormForCommune

    def save_model(self, request, obj, form, change):
        save_page(obj)

    def view_on_site(self, page):
        return page.get_absolute_url()
