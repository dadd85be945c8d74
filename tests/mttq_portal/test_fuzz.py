"""Every admin add form and the contribution import, driven with hostile values by every role.

Values: NUL and other control characters, bidi marks, 10.000-character strings, Vietnamese in
NFD, huge and negative numbers, malformed dates, choices that do not exist. For each form and
each role that may open it (editor, officer, staff, chair; never a superuser) the properties:
- no 500 (the test client re-raises any exception a view lets through);
- a refused form shows its errors in Vietnamese, with no English message, and changes nothing;
- whatever is saved is clean text (no control character, NFC, within the column);
- afterwards every public page still answers 200, the results export opens without a formula.

Examples are derived from a fixed seed so CI is repeatable; FUZZ_RANDOM=1 explores new ones.
"""

import datetime
import io
import os
import re
import unicodedata

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models
from django.forms import (
    BooleanField,
    ChoiceField,
    DateField,
    DecimalField,
    FileField,
    FloatField,
    IntegerField,
    ModelChoiceField,
    ModelMultipleChoiceField,
    MultipleChoiceField,
    MultiWidget,
)
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from campaigns.models import AreaOfficer, Campaign, Contribution, Indicator, Target
from congresses.models import Commune, Conference, Person, Position, ResidentialArea
from lib.roles import CHAIR, COMMUNE_STAFF, EDITOR, HAMLET_OFFICER, role_groups
from lib.text import clean_text, is_clean
from mttq_portal.roles import ROLE_PERMISSIONS
from news.models import Category, Post

PROJECT_APPS = ("mttq_portal", "congresses", "news", "campaigns")
ROLES = {"editor": EDITOR, "officer": HAMLET_OFFICER, "staff": COMMUNE_STAFF, "chair": CHAIR}
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", 5)),
    deadline=None,
    derandomize=not os.environ.get("FUZZ_RANDOM"),
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# --- hostile values -----------------------------------------------------------------------

VIETNAMESE = ["Hội nghị thôn Đông", "Quỹ “Vì người nghèo”", "Nguyễn Thị Hoà", "Ủy ban MTTQ xã Hòa Phú"]
CONTROL = "".join(chr(c) for c in [*range(0, 9), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x85, 0x9B])
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
NASTY = CONTROL + BIDI + "\u200b\ufeff\u2028\u2029\r\n\t"

hostile_text = st.one_of(
    st.sampled_from(VIETNAMESE),
    st.sampled_from(VIETNAMESE).map(lambda text: unicodedata.normalize("NFD", text)),
    st.text(alphabet=st.sampled_from(NASTY + "aăâđêôơư AĐỆ=+-@"), min_size=1, max_size=30),
    st.builds(
        lambda a, b, c: a + b + c,
        st.sampled_from(VIETNAMESE),
        st.sampled_from(NASTY),
        st.sampled_from(VIETNAMESE),
    ),
    st.sampled_from(['=HYPERLINK("http://x.example","Bấm")', "+1+2", "-2+3", "@SUM(A1:A9)", "\t=1", "\x00"]),
    st.sampled_from(["a" * 10_000, "Đông " * 2_000, "\u202e" * 300]),
    st.text(max_size=40),
)
hostile_number = st.one_of(
    st.sampled_from(["9" * 30, "9223372036854775808", "-9223372036854775809", "-1", "0", "1e308"]),
    st.sampled_from(["1.500.000", "1,2 tỷ", "abc", "١٢٣", "1\x00", "NaN", "", "12"]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
hostile_date = st.one_of(
    st.sampled_from(["31/02/2025", "07/01/2099", "2099-01-01", "00/00/0000", "99/99/9999", "abc"]),
    st.sampled_from(["07/01/2025", "", "1/1/1", "0001-01-01", "9999-12-31", "07/01/2025\x00"]),
    st.dates(min_value=datetime.date(1, 1, 1)).map(lambda day: day.strftime("%d/%m/%Y")),
)
hostile_time = st.sampled_from(["08:00", "25:61", "abc", "", "8g30", "23:59:59.9999999"])
hostile_choice = st.sampled_from(["khong-co", "\x00", "1 OR 1=1", "9" * 30, "-1"])


def value_for(field, model_field, draw):
    """Form data for one form field: sometimes right, mostly hostile."""
    if isinstance(field, ModelMultipleChoiceField):
        first = field.queryset.order_by("pk").first()
        return draw(st.sampled_from([[], [str(first.pk)] if first else [], ["abc"], ["9" * 30]]))
    if isinstance(field, ModelChoiceField):
        first = field.queryset.order_by("pk").first()
        good = [str(first.pk)] * 3 if first else []
        return draw(st.sampled_from([*good, ""]) | hostile_choice) if good else draw(hostile_choice)
    if isinstance(field, MultipleChoiceField):
        return draw(st.sampled_from([[str(key)] for key, _label in field.choices if key] + [["khong-co"]]))
    if isinstance(field, ChoiceField):
        keys = [str(key) for key, _label in field.choices if key not in ("", None)]
        return draw(st.sampled_from(keys) | hostile_choice) if keys else draw(hostile_choice)
    if isinstance(field, BooleanField):
        return draw(st.sampled_from(["on", ""]))
    # A money field may be a text input with its own parser: the model field says it is a number.
    if isinstance(field, IntegerField | DecimalField | FloatField) or isinstance(
        model_field, models.IntegerField
    ):
        return draw(hostile_number)
    if isinstance(field, DateField):
        return draw(hostile_date)
    return draw(hostile_text)


@st.composite
def form_data(draw, fields):
    """POST data for [(html name, form field, model field)], split date-times as `name_0`/`name_1`."""
    data = {}
    for name, field, model_field in fields:
        if isinstance(field, FileField):
            continue  # uploads have their own hostile files (tests/lib/test_uploads.py)
        if isinstance(field.widget, MultiWidget):
            data[f"{name}_0"] = draw(hostile_date)
            data[f"{name}_1"] = draw(hostile_time)
            continue
        data[name] = value_for(field, model_field, draw)
    return data


# --- the world every form can point at ----------------------------------------------------


def _user(username, role, groups):
    user = get_user_model().objects.create_user(username, password="MatKhau@12345", is_staff=True)
    user.groups.add(groups[role])
    return user


@pytest.fixture
def world(db):
    groups = role_groups()
    commune = Commune.objects.create(name="Hòa Phú")
    area = ResidentialArea.objects.create(commune=commune, name="Đông", position=1)
    ResidentialArea.objects.create(commune=commune, name="Tây", position=2)
    users = {name: _user(f"fuzz.{name}", role, groups) for name, role in ROLES.items()}
    AreaOfficer.objects.create(user=users["officer"], area=area)
    campaign = Campaign.objects.create(
        commune=commune,
        name="Vận động Quỹ “Vì người nghèo” năm 2025",
        status=Campaign.Status.ACTIVE,
        start_date=datetime.date(2025, 1, 1),
    )
    fund = Indicator.objects.create(campaign=campaign, name="Quỹ “Vì người nghèo”")
    Target.objects.create(indicator=fund, amount=21_000_000)
    Indicator.objects.create(
        campaign=campaign, name="Hiến máu", unit=Indicator.Unit.COUNT, unit_label="đơn vị máu", position=2
    )
    Contribution.objects.create(
        indicator=fund, area=area, amount=2_000_000, date=datetime.date(2025, 3, 1), donor_name="Lê Văn Tám"
    )
    category = Category.objects.create(commune=commune, name="Hoạt động Mặt trận")
    post = Post.objects.create(
        category=category,
        title="Hội nghị thôn Đông",
        lead="Thôn Đông tổ chức hội nghị.",
        body="<p>Dân chủ.</p>",
        status=Post.Status.PUBLISHED,
        published_at=timezone.now() - datetime.timedelta(hours=1),
    )
    person = Person.objects.create(commune=commune, full_name="Trần Văn Ba", gender=Person.Gender.MALE)
    from congresses import services

    committee = services.committee_for_area(area)
    term = committee.terms.create(start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2029, 1, 1))
    services.appoint(term, person, Position.objects.get(name="Trưởng ban"))
    Conference.objects.create(
        committee=committee,
        kind=Conference.Kind.TERM,
        starts_at=timezone.now() - datetime.timedelta(days=30),
        title="Hội nghị Ban công tác Mặt trận thôn Đông",
    )
    return {"users": users, "campaign": campaign, "post": post, "area": area}


def public_urls(world):
    area, campaign = world["area"], world["campaign"]
    return [
        "/",
        reverse("news:index"),
        world["post"].get_absolute_url(),
        reverse("news:feed"),
        reverse("sitemap"),
        reverse("news:search") + "?q=hoi+nghi",
        reverse("campaigns:list"),
        campaign.get_absolute_url(),
        reverse("congresses:area", args=[area.commune.slug, area.slug]),
    ]


def _project_models():
    return [model for model in apps.get_models() if model._meta.app_label in PROJECT_APPS]


def _rows(model, columns):
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(map(quote, columns))} FROM {quote(model._meta.db_table)}")
        return cursor.fetchall()


def snapshot():
    """Every row of the project's tables, to prove a refused form changed nothing."""
    return {
        model._meta.label: sorted(map(repr, _rows(model, [f.column for f in model._meta.concrete_fields])))
        for model in _project_models()
    }


def unclean_values():
    """(model, field, value) of every stored text that the normaliser would still change."""
    found = []
    for model in _project_models():
        fields = [
            f for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)
        ]
        for row in _rows(model, [f.column for f in fields]) if fields else []:
            for field, value in zip(fields, row, strict=True):
                if not isinstance(value, str):
                    continue
                too_long = isinstance(field, models.CharField) and len(value) > field.max_length
                if too_long or not is_clean(value, multiline=isinstance(field, models.TextField)):
                    found.append((model._meta.label, field.name, value[:80]))
    return found


# Words of Django's English messages; a Vietnamese message has none of them once the values
# the test typed (which the message may quote) are taken out.
ENGLISH = re.compile(
    r"\b(please|correct|enter|ensure|select|valid|field|required|characters?|allowed|must|"
    r"cannot|invalid|value|this|the|is|are|not)\b",
    re.IGNORECASE,
)


def english_errors(response, data):
    """Error messages of the re-shown admin form that are (partly) English."""
    context = response.context
    messages = []
    if "adminform" in context or "form" in context:
        form = context["adminform"].form if "adminform" in context else context["form"]
        messages += [m for errors in form.errors.values() for m in errors]
        for inline in context.get("inline_admin_formsets", []):
            formset = inline.formset
            messages += list(formset.non_form_errors())
            messages += [m for errors in formset.errors for ms in errors.values() for m in ms]
    page = response.content.decode()
    note = re.search(r'class="errornote">(.*?)</p>', page, re.DOTALL)
    if note:
        messages.append(note.group(1))
    typed = {v for v in data.values() if isinstance(v, str) and v}
    typed |= {clean_text(v, multiline=multiline) for v in typed for multiline in (True, False)}
    typed = sorted((v for v in typed if v.strip()), key=len, reverse=True)
    english = []
    for message in messages:
        text = str(message)
        for value in typed:
            text = text.replace(value, "")
        if ENGLISH.search(text):
            english.append(str(message))
    return english


# --- which role may add what --------------------------------------------------------------


def _add_cases():
    cases = []
    for model, _model_admin in sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label):
        meta = model._meta
        if meta.app_label not in PROJECT_APPS:
            continue
        for name, role in ROLES.items():
            if f"{meta.app_label}.add_{meta.model_name}" in ROLE_PERMISSIONS[role]:
                cases.append(pytest.param(meta.label, name, id=f"{meta.label_lower}-{name}"))
    return cases


def _model_field(form, name):
    try:
        return form._meta.model._meta.get_field(name)
    except (AttributeError, FieldDoesNotExist):  # a form-only field, or a plain form
        return None


def _form_fields(response):
    """[(html name, field)] of the add form and one new row of each inline, and the data that
    keeps every inline's management form valid."""
    # An app's own add page (the period lock's) shows a plain form instead of the admin's.
    form = response.context["adminform"].form if "adminform" in response.context else response.context["form"]
    fields = [(form[name].html_name, field, _model_field(form, name)) for name, field in form.fields.items()]
    management = {}
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        empty = formset.empty_form
        for name, field in empty.fields.items():
            if name in ("id", "DELETE", formset.fk.name if hasattr(formset, "fk") else ""):
                continue
            fields.append(
                (empty[name].html_name.replace("__prefix__", "0"), field, _model_field(empty, name))
            )
        management.update(
            {
                f"{formset.prefix}-TOTAL_FORMS": "1",
                f"{formset.prefix}-INITIAL_FORMS": "0",
                f"{formset.prefix}-MIN_NUM_FORMS": "0",
                f"{formset.prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return fields, management


@pytest.mark.parametrize(("label", "role"), _add_cases())
def test_every_admin_add_form_survives_hostile_values(client, world, label, role):
    model = apps.get_model(label)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    client.force_login(world["users"][role])
    page = client.get(url)
    if page.status_code == 403:  # the role's group has the permission, the admin narrows it
        before = snapshot()
        assert client.post(url, {}).status_code == 403
        assert snapshot() == before
        return
    assert page.status_code == 200
    fields, management = _form_fields(page)

    @FUZZ
    @given(data=form_data(fields))
    def post_hostile(data):
        before = snapshot()
        response = client.post(url, {**management, **data})
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 200:
            assert english_errors(response, data) == []
            assert snapshot() == before
        assert unclean_values() == []

    post_hostile()
    for public in public_urls(world):
        assert client.get(public).status_code == 200, public
    assert (
        client.get(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")).status_code
        == 200
    )


# --- the import ---------------------------------------------------------------------------

IMPORT_HEADER = [
    "Chỉ tiêu",
    "Khu dân cư",
    "Ngày",
    "Số tiền (đồng)",
    "Số lượng",
    "Người ủng hộ là",
    "Tên người ủng hộ",
    "Ghi chú",
]

hostile_row = st.tuples(
    st.sampled_from(["Quỹ “Vì người nghèo”", "Hiến máu"]) | hostile_text,
    st.sampled_from(["Thôn Đông", unicodedata.normalize("NFD", "Đông"), "Tây"]) | hostile_text,
    hostile_date,
    hostile_number,
    hostile_number,
    st.sampled_from(["Cá nhân", "Giấu tên", ""]) | hostile_text,
    hostile_text,
    hostile_text,
)
# A row that is right but for its text, so that some imports are saved and their text checked.
good_row_hostile_text = st.tuples(
    st.just("Quỹ “Vì người nghèo”"),
    st.sampled_from(["Thôn Đông", unicodedata.normalize("NFD", "thôn Đông")]),
    st.just("07/01/2025"),
    st.sampled_from(["1.500.000", "200000"]),
    st.just(""),
    st.just("Cá nhân"),
    hostile_text,
    hostile_text,
)
import_row = good_row_hostile_text | hostile_row


def _csv(rows):
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(IMPORT_HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


@pytest.mark.parametrize("role", ["officer", "staff", "chair"])
def test_the_import_survives_hostile_rows(client, world, role):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world["users"][role])
    url = reverse("admin:campaigns_contribution_import")

    @FUZZ
    @given(rows=st.lists(import_row, min_size=1, max_size=4))
    def import_hostile(rows):
        before = snapshot()
        upload = SimpleUploadedFile("ket-qua.csv", _csv(rows), "text/csv")
        response = client.post(url, {"campaign": world["campaign"].pk, "file": upload})
        assert response.status_code in (200, 302, 403)
        if response.status_code != 302:
            assert snapshot() == before
        assert unclean_values() == []

    import_hostile()
    for public in public_urls(world):
        assert client.get(public).status_code == 200, public
    client.force_login(world["users"]["chair"])
    export = client.get(reverse("admin:campaigns_campaign_export", args=[world["campaign"].pk]))
    workbook = load_workbook(io.BytesIO(export.content))
    assert not [
        cell for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.data_type == "f"
    ]
