"""A commune officer records a term conference and its consultation in the admin, confirms
it, and sees the new Ban công tác Mặt trận on the public area page."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from congresses import services
from congresses.models import Consultation, ResidentialArea
from tests.congresses.helpers import person, term_with_members

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup(transactional_db):
    from congresses.models import Commune

    commune = Commune.objects.create(name="Hòa Phú")
    area = ResidentialArea.objects.create(commune=commune, name="Đông", position=1)
    today = timezone.localdate()
    committee = services.committee_for_area(area)
    outgoing = [
        (person(commune, "Phạm Quốc Việt"), "Trưởng ban"),
        (person(commune, "Huỳnh Văn Hùng"), "Phó Trưởng ban"),
        (person(commune, "Bùi Văn Nghỉ"), "Thành viên"),
    ]
    term_with_members(
        committee, today.replace(year=today.year - 3), today + datetime.timedelta(days=10), outgoing
    )
    person(commune, "Trần Thị Mới", gender="female", birth_year=1998)
    user = get_user_model().objects.create_user("canbo", password="MatTran@2026", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="congresses"))
    return committee, area


def choose(page, row, field, typed, option):
    """Pick a value in one of the admin's autocomplete (select2) boxes."""
    page.locator(f"#{row} .field-{field} .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.locator(".select2-results__option", has_text=option).first.click()


def test_staff_record_a_term_conference_confirm_it_and_see_the_new_committee(
    live_server, page, admin_login, setup
):
    committee, area = setup
    admin_login("canbo", "MatTran@2026")

    # 1. The conference, with its attendance.
    page.goto(f"{live_server.url}/quan-tri/congresses/conference/add/?committee={committee.pk}&kind=term")
    page.fill("#id_starts_at_0", timezone.localdate().strftime("%d/%m/%Y"))
    page.fill("#id_starts_at_1", "08:00")
    page.fill("#id_venue", "Nhà văn hóa thôn Đông")
    page.fill("#id_attendees_count", "85")
    page.fill("#id_opinions_count", "9")
    page.click("input[name=_continue]")
    page.get_by_role("button", name="Bắt đầu nhiệm kỳ mới").click()

    # 2. The consultation: the outgoing members are proposed; one retires, a young woman joins.
    page.wait_for_url("**/consultation/*/change/")
    proposed = page.locator("#slate-group").inner_text()
    assert "Phạm Quốc Việt" in proposed and "Bùi Văn Nghỉ" in proposed
    page.locator("#slate-2 input[name$='-DELETE']").check()
    choose(page, "slate-3", "person", "tran thi moi", "Trần Thị Mới")
    choose(page, "slate-3", "position", "thanh vien", "Thành viên")
    page.fill("#id_slate-3-votes_for", "83")
    page.fill("#id_slate-3-votes_total", "85")
    page.click("input[name=_continue]")
    page.get_by_role("button", name="Xác nhận kết quả hiệp thương").click()
    assert "Đã xác nhận" in page.locator(".messagelist").inner_text()
    consultation = Consultation.objects.get()
    assert consultation.is_confirmed

    # 3. The public page shows the new committee; the old term is kept in its history.
    page.console_errors.clear()
    page.goto(f"{live_server.url}{area.get_absolute_url()}")
    current = page.locator(".person-grid").inner_text()
    assert "Trần Thị Mới" in current and "Phạm Quốc Việt" in current
    assert "Bùi Văn Nghỉ" not in current
    page.get_by_text("Các nhiệm kỳ trước").wait_for()
    page.locator("details.term-history summary").first.click()
    assert "Bùi Văn Nghỉ" in page.locator("details.term-history").first.inner_text()
    page.goto(f"{live_server.url}{consultation.conference.get_absolute_url()}")
    assert "83/85 (98%)" in page.locator(".slate-table").inner_text()
    assert page.console_errors == []
