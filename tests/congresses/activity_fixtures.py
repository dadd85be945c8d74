"""Records for the activities tests: a supervision with a recommendation, a Ngày hội of 2026."""

import datetime

import pytest

from congresses import activity_services as services
from congresses.models import Supervision, UnityFestival
from lib.figures import Figure, Qualifier

D = datetime.date


@pytest.fixture
def supervision(commune):
    return services.save_supervision(
        Supervision(
            commune=commune,
            form=Supervision.Form.THEMATIC,
            basis=Supervision.Basis.DECISION_217,
            subject="việc thực hiện chính sách bảo hiểm y tế cho hộ cận nghèo",
            body_supervised="UBND xã Hòa Phú",
            starts_on=D(2026, 5, 12),
            ends_on=D(2026, 5, 14),
            findings="Cấp thẻ đúng đối tượng; còn chậm ở thôn Tây.",
            is_published=True,
        )
    )


@pytest.fixture
def review(commune):
    return services.save_supervision(
        Supervision(
            commune=commune,
            form=Supervision.Form.DRAFT_REVIEW,
            subject="quy hoạch chung xây dựng xã",
            draft_title="dự thảo Quy hoạch chung xây dựng xã Hòa Phú đến năm 2035",
            body_supervised="UBND xã Hòa Phú",
            starts_on=D(2026, 8, 3),
            is_published=True,
        ),
        opinions=Figure(10, Qualifier.OVER),
    )


@pytest.fixture
def recommendation(supervision):
    return services.add_recommendation(
        supervision, "Cấp đủ thẻ bảo hiểm y tế cho 12 hộ cận nghèo thôn Tây", "UBND xã", D(2026, 7, 1)
    )


@pytest.fixture
def festival(commune):
    return UnityFestival.objects.create(
        commune=commune, year=2026, held_on=D(2026, 11, 16), theme="Kỷ niệm 96 năm", is_published=True
    )
