"""Two communes × every role × the admin URLs of every model: the other commune's rows are
absent from the lists and their change, history and delete pages are 404."""

import pytest
from django.urls import reverse

from congresses.models import Opinion

from .conftest import HOSTS, PASSWORD, ROLES

RECORDS = [
    "commune",
    "area",
    "committee",
    "person",
    "conference",
    "category",
    "posts",
    "campaign",
    "indicator",
    "target",
    "round",
    "contribution",
    "commune_wide_contribution",
    "voter_meeting",
    "opinion",
    "document",
    "announcement",
    "poll",
    "page",
    "calendar_entry",
    "supervision",
    "recommendation",
    "festival",
    "festival_area",
    "plan",
    "meeting_round",
    "announced_conference",
    "recipient",
    "house",
    "gift_batch",
    "stated_figure",
    "fund_transfer",
    "fund_statement",
    "rate",
    "share",
    "province_part",
    "report_run",
    "report_template",
    "tag",
    "album",
    "approval",
    "term_total",
    "award",
    "supplementary",
    "concurrent_role",
    "candidate_round",
    "area_profile",
    "succession",
    "video",
    "web_link",
    "banner",
]


def records(site):
    for key in RECORDS:
        value = site[key]
        yield from value if isinstance(value, list) else [value]


def admin_url(obj, view="change"):
    opts = obj._meta
    args = [] if view == "changelist" else [obj.pk]
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def may_view(user, obj):
    opts = obj._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    )


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("here,there", [("a", "b"), ("b", "a")])
def test_the_other_communes_rows_are_absent_and_404(client, sites, people, role, here, there):
    user = people[here][role]
    assert client.login(username=user.username, password=PASSWORD)
    other, checked = sites[there], 0
    for obj in records(other):
        if not may_view(user, obj):
            continue
        listing = client.get(admin_url(obj, "changelist"), HTTP_HOST=HOSTS[here])
        if listing.status_code == 403:  # the role does not use this model's admin at all
            assert client.get(admin_url(obj), HTTP_HOST=HOSTS[here]).status_code in (403, 404)
            continue
        assert listing.status_code == 200, (role, obj)
        text = listing.content.decode()
        assert other["mark"] not in text, (role, type(obj).__name__)
        assert admin_url(obj) not in text, (role, type(obj).__name__)
        for view in ("change", "history", "delete"):
            response = client.get(admin_url(obj, view), HTTP_HOST=HOSTS[here])
            assert response.status_code in (403, 404), (role, type(obj).__name__, view)
        assert client.get(admin_url(obj), HTTP_HOST=HOSTS[here]).status_code == 404, (role, obj)
        checked += 1
    assert checked, f"{role} can view none of these models: the test would prove nothing"


@pytest.mark.parametrize("role", ["editor", "staff", "chair"])
def test_each_role_still_reaches_its_own_communes_rows(client, sites, people, role):
    user = people["a"][role]
    client.login(username=user.username, password=PASSWORD)
    mine = [obj for obj in records(sites["a"]) if may_view(user, obj)]
    assert mine
    for obj in mine:
        assert client.get(admin_url(obj), HTTP_HOST=HOSTS["a"]).status_code == 200, (role, obj)


def test_an_editor_cannot_file_a_post_under_the_other_communes_category(client, sites, people):
    from news.models import Post

    client.login(username="editor.a", password=PASSWORD)
    response = client.post(
        reverse("admin:news_post_add"),
        {
            "title": "Bài lạc xã",
            "category": sites["b"]["category"].pk,
            "lead": "Sa pô.",
            "body": "<p>Nội dung</p>",
            "status": "draft",
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
        },
        HTTP_HOST=HOSTS["a"],
    )
    assert response.status_code == 200  # the form again, with an error
    assert not Post.objects.filter(title="Bài lạc xã").exists()


def test_province_staff_see_both_communes_and_history_names_the_commune(client, sites, province_staff):
    from congresses.models import Person

    client.login(username="canbo.tinh", password=PASSWORD)
    listing = client.get(reverse("admin:news_post_changelist"), HTTP_HOST=HOSTS["province"]).content.decode()
    assert "Alphaxa" in listing and "Betaxa" in listing
    person = sites["b"]["person"]
    response = client.post(
        admin_url(person),
        {
            "full_name": "Nguyễn Văn Betaxa Hai",
            "gender": "male",
            "commune": person.commune_id,
            "ethnicity": "Kinh",
        },
        HTTP_HOST=HOSTS["province"],
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    record = Person.history.filter(id=person.pk).latest("history_date")
    assert record.history_user == province_staff
    assert record.history_change_reason == "Cán bộ tỉnh thay mặt xã Hòa An"


@pytest.mark.parametrize("role", ["staff", "chair"])
def test_a_commune_account_signed_in_at_the_other_host_still_sees_only_its_own_opinions(
    client, sites, people, role
):
    """The admin answers at every commune's host; what it lists is the account's commune,
    never the host's."""
    client.login(username=people["b"][role].username, password=PASSWORD)
    listing = client.get(reverse("admin:congresses_opinion_changelist"), HTTP_HOST=HOSTS["a"])
    text = listing.content.decode()
    assert sites["b"]["opinion"].reference_code in text
    assert sites["a"]["opinion"].reference_code not in text
    assert client.get(admin_url(sites["a"]["opinion"]), HTTP_HOST=HOSTS["a"]).status_code == 404


def test_commune_staff_file_an_opinion_in_their_own_commune_at_any_host(client, sites, people):
    client.login(username="staff.b", password=PASSWORD)
    response = client.post(
        reverse("admin:congresses_opinion_add"),
        {
            "source": Opinion.Source.FRONT_COMMITTEE,
            "raised_on": "01/06/2025",
            "due_on": "",
            "field": Opinion.Field.OTHER,
            "area": sites["a"]["area"].pk,
            "summary": "Ý kiến gửi nhầm thôn của xã khác",
        },
        HTTP_HOST=HOSTS["a"],
    )
    assert response.status_code == 200  # the other commune's hamlet is not a choice
    assert not Opinion.objects.filter(summary="Ý kiến gửi nhầm thôn của xã khác").exists()
    response = client.post(
        reverse("admin:congresses_opinion_add"),
        {
            "source": Opinion.Source.FRONT_COMMITTEE,
            "raised_on": "01/06/2025",
            "field": Opinion.Field.OTHER,
            "area": sites["b"]["area"].pk,
            "summary": "Ý kiến của thôn Đông xã Hòa An",
        },
        HTTP_HOST=HOSTS["a"],
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Opinion.objects.get(summary="Ý kiến của thôn Đông xã Hòa An").commune == sites["b"]["commune"]


@pytest.mark.parametrize("role", ["staff", "chair"])
def test_the_other_communes_report_files_are_404_and_its_template_is_not_offered(client, sites, people, role):
    client.login(username=people["b"][role].username, password=PASSWORD)
    theirs = sites["a"]["report_run"]
    for ext in ("docx", "xlsx"):
        assert client.get(theirs.download_url(ext), HTTP_HOST=HOSTS["b"]).status_code == 404
    assert client.get(sites["b"]["report_run"].download_url("docx"), HTTP_HOST=HOSTS["b"]).status_code == 200
    form = client.get(reverse("admin:reports_reportrun_add"), HTTP_HOST=HOSTS["b"]).content.decode()
    assert sites["b"]["report_template"].name in form
    assert sites["a"]["report_template"].name not in form
