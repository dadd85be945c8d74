"""Opinions from receipt to answer, through the services the admin and the site call."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from congresses import services
from congresses.models import Commune, Opinion, ResidentialArea
from congresses.opinions import normalise_code

from .opinion_fixtures import answered, raised

D = datetime.date


def test_a_received_opinion_gets_an_unguessable_code_and_a_due_date(commune, meeting):
    opinion = raised(commune, meeting)
    assert re.fullmatch(r"YK-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}", opinion.reference_code)
    assert opinion.status == Opinion.Status.RECEIVED
    assert opinion.due_on == D(2026, 12, 12)
    assert not opinion.is_public
    codes = {raised(commune, meeting).reference_code for _i in range(30)}
    assert len(codes) == 30


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("yk-7k3m-q9", "YK-7K3M-Q9"),
        ("YK 7K3M Q9", "YK-7K3M-Q9"),
        ("7k3mq9", "YK-7K3M-Q9"),
        ("YK-7K3M-Q0", ""),
        ("", ""),
    ],
)
def test_a_code_is_read_however_the_citizen_types_it(typed, stored):
    assert normalise_code(typed) == stored


def test_forward_answer_publish_close_move_the_opinion_along(commune, meeting):
    opinion = raised(commune, meeting)
    services.forward_opinion(opinion, "Phòng Kinh tế", on=D(2026, 11, 20))
    opinion.refresh_from_db()
    assert (opinion.status, opinion.forwarded_to, opinion.forwarded_on) == (
        Opinion.Status.FORWARDED,
        "Phòng Kinh tế",
        D(2026, 11, 20),
    )
    services.answer_opinion(opinion, "Sẽ sửa trong quý I/2027.", "UBND xã", on=D(2026, 12, 1))
    services.publish_opinion(opinion)
    services.close_opinion(opinion, on=D(2026, 12, 2))
    opinion.refresh_from_db()
    assert opinion.status == Opinion.Status.CLOSED
    assert opinion.is_public and opinion.answered_by == "UBND xã"
    assert Opinion.objects.public().filter(pk=opinion.pk).exists()


def test_an_opinion_without_an_answer_cannot_be_published(commune, meeting):
    opinion = raised(commune, meeting)
    with pytest.raises(ValidationError) as error:
        services.publish_opinion(opinion)
    assert "đã có trả lời" in str(error.value)
    opinion.refresh_from_db()
    assert not opinion.is_public


def test_a_closed_opinion_keeps_its_answer(commune, meeting):
    opinion = answered(raised(commune, meeting))
    services.close_opinion(opinion)
    with pytest.raises(ValidationError):
        services.answer_opinion(opinion, "Khác", "UBND xã")
    opinion.refresh_from_db()
    assert opinion.answer == "Đã đưa vào kế hoạch sửa chữa năm 2027."


def test_an_open_opinion_past_its_due_date_is_overdue(commune, meeting):
    late = raised(commune, meeting)
    Opinion.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - datetime.timedelta(days=1))
    on_time = raised(commune, meeting)
    Opinion.objects.filter(pk=on_time.pk).update(due_on=D(2099, 1, 1))
    done = answered(raised(commune, meeting))
    overdue = set(Opinion.objects.overdue().values_list("pk", flat=True))
    assert overdue == {late.pk}
    assert done.pk not in overdue
    late.refresh_from_db()
    assert late.is_overdue and str(late.status_label) == "Quá hạn trả lời"


def test_merged_duplicates_stay_as_rows_pointing_at_the_kept_one(commune, meeting):
    kept = raised(commune, meeting)
    twin = raised(commune, meeting, text="Đường liên thôn hư hỏng nặng")
    assert services.merge_opinions([twin], kept) == 1
    twin.refresh_from_db()
    assert twin.duplicate_of == kept
    assert Opinion.objects.filter(pk=twin.pk).exists()
    assert services.find_opinion(commune, twin.reference_code) == kept
    assert twin.pk not in set(Opinion.objects.overdue(on=D(2030, 1, 1)).values_list("pk", flat=True))
    with pytest.raises(ValidationError) as error:
        services.forward_opinion(twin, "UBND xã")
    assert kept.reference_code in str(error.value)


def test_an_opinion_cannot_name_another_communes_hamlet(commune, meeting):
    other = Commune.objects.create(name="Hòa Lợi")
    far = ResidentialArea.objects.create(commune=other, name="Bắc")
    with pytest.raises(ValidationError) as error:
        raised(commune, meeting, area=far)
    assert "xã, phường khác" in str(error.value)
    assert not Opinion.objects.exists()


def test_a_code_of_another_commune_finds_nothing(commune, meeting):
    opinion = raised(commune, meeting)
    other = Commune.objects.create(name="Hòa Lợi")
    assert services.find_opinion(other, opinion.reference_code) is None
    assert services.find_opinion(commune, opinion.reference_code.lower()) == opinion
