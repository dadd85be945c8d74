"""A congress's outcomes: documents approved ("100% đại biểu biểu quyết thông qua …"), the
term's totals as reported (typed "1.250.000.000"), awards; shown on the congress page."""

import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError

from congresses import personnel_services as services
from congresses import services as congress_services
from congresses.models import Conference
from congresses.outcomes import CongressAward, DocumentApproval, TermSummaryItem
from lib.money import FiguresModelForm

from .helpers import conference

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def congress(commune):
    committee = congress_services.commune_committee(commune)
    term = committee.terms.create(start_date=D(2019, 6, 14), end_date=D(2024, 6, 30))
    return conference(committee, kind=Conference.Kind.CONGRESS, day=D(2024, 6, 20), term=term)


def test_an_approval_reads_as_the_report_writes_it(congress):
    stated = services.save_outcome(
        DocumentApproval(conference=congress, document="Nghị quyết Đại hội", approval_percent=100)
    )
    voted = services.save_outcome(
        DocumentApproval(conference=congress, document="Báo cáo chính trị", votes_for=118, votes_total=120)
    )
    assert stated.sentence == "100% đại biểu biểu quyết thông qua Nghị quyết Đại hội"
    assert voted.sentence == "98% đại biểu biểu quyết thông qua Báo cáo chính trị (118/120 đại biểu)"


@pytest.mark.parametrize(
    "fields",
    [
        {"votes_for": 121, "votes_total": 120},
        {"votes_for": 100},
        {},
    ],
)
def test_approvals_that_do_not_add_up_are_refused(congress, fields):
    with pytest.raises(ValidationError):
        services.save_outcome(DocumentApproval(conference=congress, document="Nghị quyết", **fields))
    assert not DocumentApproval.objects.exists()


def test_a_term_total_typed_with_thousands_is_stored_as_typed(congress):
    form_class = forms.modelform_factory(
        TermSummaryItem,
        form=FiguresModelForm,
        fields=["conference", "label", "unit", "amount", "quantity", "unit_label"],
    )
    form = form_class(
        {
            "conference": congress.pk,
            "label": "Quỹ “Vì người nghèo” vận động được",
            "unit": "money",
            "amount": "1.250.000.000",
            "position": 0,
        }
    )
    assert form.is_valid(), form.errors
    item = services.save_outcome(form.save(commit=False))
    item.refresh_from_db()
    assert item.amount == 1_250_000_000 and item.figure == "1.250.000.000 đ"
    counted = form_class(
        {
            "conference": congress.pk,
            "label": "Nhà Đại đoàn kết",
            "unit": "count",
            "quantity": "1.250",
            "unit_label": "căn",
        }
    )
    assert counted.is_valid(), counted.errors
    assert services.save_outcome(counted.save(commit=False)).figure == "1.250 căn"


def test_a_money_line_without_an_amount_is_refused(congress):
    with pytest.raises(ValidationError):
        services.save_outcome(TermSummaryItem(conference=congress, label="Quỹ", unit="money"))


def test_the_congress_page_shows_approvals_totals_and_awards(client, congress):
    services.save_outcome(
        DocumentApproval(conference=congress, document="Nghị quyết Đại hội", approval_percent=100)
    )
    services.save_outcome(
        TermSummaryItem(
            conference=congress, label="Nhà Đại đoàn kết xây mới", unit="count", quantity=37, unit_label="căn"
        )
    )
    services.save_outcome(
        CongressAward(
            conference=congress,
            award="Bằng khen của Ủy ban MTTQ Việt Nam tỉnh",
            recipient="Ban CTMT thôn Đông",
        )
    )
    page = client.get(congress.get_absolute_url()).content.decode()
    assert "Kết quả đại hội" in page
    assert "100% đại biểu biểu quyết thông qua Nghị quyết Đại hội" in page
    assert "Nhà Đại đoàn kết xây mới" in page and "37 căn" in page
    assert "Ban CTMT thôn Đông" in page and "Bằng khen của Ủy ban MTTQ Việt Nam tỉnh" in page


def test_a_congress_without_outcomes_shows_no_empty_panel(client, congress):
    assert "Kết quả đại hội" not in client.get(congress.get_absolute_url()).content.decode()
