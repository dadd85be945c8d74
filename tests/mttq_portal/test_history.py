"""Audit trail: a change made in the admin is kept with who, when, old and new values, and
outlives the row. Shown on staff accounts (the model with history the portal owns); the
apps' own tests use the same helpers (tests/audit.py) for posts, people, contributions…"""

import pytest
from django.utils import timezone

from lib import roles
from tests.audit import admin_change, assert_history


@pytest.fixture
def make_officer(django_user_model):
    def make(**fields):
        # Whole seconds: the admin's date and time boxes do not show microseconds either.
        fields.setdefault("date_joined", timezone.now().replace(microsecond=0))
        return django_user_model.objects.create_user("truongthon", is_staff=True, **fields)

    return make


def test_an_admin_change_is_kept_with_the_user_who_made_it_and_the_old_value(
    operator_client, operator, make_officer
):
    officer = make_officer(first_name="Hùng")

    admin_change(operator_client, officer, first_name="Hưng")

    record = assert_history(officer, by=operator, changed={"first_name"})
    change = record.diff_against(record.prev_record).changes[0]
    assert (change.old, change.new) == ("Hùng", "Hưng")
    assert record.history_date is not None


def test_a_role_given_in_the_admin_is_in_the_history(operator_client, operator, make_officer):
    officer = make_officer()
    chair = roles.role_group(roles.CHAIR)

    admin_change(operator_client, officer, groups=[str(chair.pk)])

    latest = officer.history.order_by("-history_id").first()
    assert latest.history_user == operator
    assert [row.group_id for row in latest.groups.all()] == [chair.pk]


def test_history_survives_the_deletion_of_the_row_and_records_who_deleted_it(
    operator_client, operator, django_user_model, make_officer
):
    officer = make_officer(first_name="Hùng")
    pk = officer.pk
    admin_change(operator_client, officer, first_name="Hưng")

    response = operator_client.post(f"/quan-tri/auth/user/{pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not django_user_model.objects.filter(pk=pk).exists()
    history = django_user_model.history.filter(id=pk).order_by("history_id")
    assert [(h.history_type, h.first_name) for h in history] == [("+", "Hùng"), ("~", "Hưng"), ("-", "Hưng")]
    assert history.last().history_user == operator


def test_the_history_is_browsable_in_the_admin_without_password_hashes(operator_client, make_officer):
    officer = make_officer(password="Mattran@Hoaphu2026", first_name="Hùng")
    admin_change(operator_client, officer, first_name="Hưng")

    page = operator_client.get(f"/quan-tri/auth/user/{officer.pk}/history/")

    body = page.content.decode()
    assert page.status_code == 200
    assert "vanhanh" in body and "Hưng" in body
    assert not hasattr(officer.history.first(), "password")


def test_signing_in_does_not_add_a_line_to_the_history(client, django_user_model):
    django_user_model.objects.create_user("truongthon", password="Mattran@Hoaphu2026", is_staff=True)
    client.post("/quan-tri/login/", {"username": "truongthon", "password": "Mattran@Hoaphu2026"})
    user = django_user_model.objects.get(username="truongthon")
    assert user.last_login is not None
    assert user.history.count() == 1


@pytest.fixture
def staff_member(django_user_model):
    def make(username, role):
        user = django_user_model.objects.create_user(username, is_staff=True)
        user.groups.add(roles.role_group(role))
        return user

    return make


def test_a_post_changed_by_an_editor_keeps_who_and_the_old_title(client, staff_member, commune):
    from news.models import Category, Post

    category = Category.objects.create(commune=commune, name="Hoạt động Mặt trận")
    post = Post.objects.create(
        category=category, title="Hội nghị thôn Đông", lead="Tóm tắt.", body="<p>Nội dung.</p>"
    )
    editor = staff_member("bientap", roles.EDITOR)
    client.force_login(editor)

    admin_change(client, post, title="Hội nghị Ban công tác Mặt trận thôn Đông")

    record = assert_history(post, by=editor, changed={"title"})
    assert record.prev_record.title == "Hội nghị thôn Đông"


def test_a_person_changed_by_commune_staff_keeps_who_and_the_old_name(client, staff_member, commune):
    from congresses.models import Person

    person = Person.objects.create(commune=commune, full_name="Nguyễn Văn An", gender=Person.Gender.MALE)
    clerk = staff_member("canbo", roles.COMMUNE_STAFF)
    client.force_login(clerk)

    admin_change(client, person, full_name="Nguyễn Văn Ân")

    record = assert_history(person, by=clerk, changed={"full_name"})
    assert record.prev_record.full_name == "Nguyễn Văn An"


def test_the_password_link_of_an_account_history_record_is_a_missing_page_not_a_500(
    client, django_user_model
):
    # The record page shows the account form, whose relative "../password/" link lands on
    # …/history/password/; the chair may view accounts.
    chair = django_user_model.objects.create_user("chutich.xa", is_staff=True)
    chair.groups.add(roles.role_group(roles.CHAIR))
    client.force_login(chair)

    response = client.get(f"/quan-tri/auth/user/{chair.pk}/history/password/")

    assert response.status_code == 404


@pytest.mark.parametrize(
    "value, shown",
    [(None, "—"), ("None", "—"), ("", "—"), ("True", "Có"), (False, "Không"), ("Thôn Đông", "Thôn Đông")],
)
def test_a_changed_value_in_the_history_reads_as_words_not_python(value, shown):
    from django.utils import translation

    from mttq_portal.templatetags.history_values import history_value

    with translation.override("vi"):
        assert history_value(value) == shown


def test_an_empty_link_in_the_history_reads_as_empty_not_as_deleted(db):
    """simple-history shows a foreign key that was empty as "Deleted … (pk=None)"."""
    from django.utils import translation
    from simple_history.models import DeletedObject

    from congresses.models import Province
    from mttq_portal.templatetags.history_values import history_value

    with translation.override("vi"):
        assert history_value(DeletedObject(Province, None)) == "—"
        assert history_value(DeletedObject(Province, 7)) == "tỉnh, thành phố đã xóa (mã 7)"
        # As the admin's history page hands it over: already text.
        assert history_value(str(DeletedObject(Province, None))) == "—"
        assert history_value(str(DeletedObject(Province, 7))) == "tỉnh, thành phố đã xóa (mã 7)"
