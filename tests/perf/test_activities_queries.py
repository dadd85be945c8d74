"""Query budgets of the activities' public pages: the same queries for 3 areas (or
recommendations, or years) as for 30."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congresses import activity_services as services
from congresses.models import (
    ActivityPlan,
    FollowUp,
    PlannedActivity,
    ResidentialArea,
    Supervision,
    UnityFestival,
)
from lib.figures import Figure, Qualifier
from tests.support import warm_site_table

D = datetime.date
# The page's own queries, on top of the shared layout's.
BUDGETS = {"supervisions": 2, "supervision": 3, "festivals": 3, "festival": 3}
# A plan's page: the plan, its lines, then at most two queries a line (a plan has a few lines,
# one per kind of activity); the records counted never add any.
PLAN_QUERIES = 2 + 2 * len(PlannedActivity.Kind)


def count_queries(client, url):
    warm_site_table()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def grow_supervisions(commune, count):
    start = Supervision.objects.count()
    for n in range(start, start + count):
        supervision = services.save_supervision(
            Supervision(
                commune=commune,
                form=Supervision.Form.THEMATIC,
                subject=f"chuyên đề số {n}",
                body_supervised="UBND xã",
                starts_on=D(2026, 3, 1),
                is_published=True,
            )
        )
        for k in range(count):
            recommendation = services.add_recommendation(supervision, f"Kiến nghị {k}", "UBND xã")
            services.follow_up(recommendation, FollowUp.Kind.SENT, on=D(2026, 3, 5), body="UBND xã")
    return Supervision.objects.order_by("pk").last()


def grow_festivals(commune, count):
    start = ResidentialArea.objects.count()
    areas = [
        ResidentialArea.objects.create(commune=commune, name=f"Khu {n}", position=n)
        for n in range(start, start + count)
    ]
    for year in range(2020, 2020 + max(1, count // 10)):
        festival, _new = UnityFestival.objects.get_or_create(
            commune=commune, year=year, defaults={"is_published": True}
        )
        for area in areas:
            services.record_festival_area(
                festival, area, ceremony=True, festivities=True, participants=Figure(100, Qualifier.OVER)
            )


@pytest.mark.parametrize("page", ["supervisions", "supervision"])
def test_supervision_pages_run_the_same_queries_for_3_and_30(client, commune, page, layout_queries):
    def url(last):
        return reverse("congresses:supervisions") if page == "supervisions" else last.get_absolute_url()

    small = count_queries(client, url(grow_supervisions(commune, 3)))
    large = count_queries(client, url(grow_supervisions(commune, 30)))
    assert small == large, f"{page}: {small} queries, then {large}"
    assert large <= BUDGETS[page] + layout_queries


@pytest.mark.parametrize("page", ["festivals", "festival"])
def test_festival_pages_run_the_same_queries_for_3_and_30_areas(client, commune, page, layout_queries):
    url = (
        reverse("congresses:unity_festivals")
        if page == "festivals"
        else "/mat-tran/ngay-hoi-dai-doan-ket/2020/"
    )
    grow_festivals(commune, 3)
    small = count_queries(client, url)
    grow_festivals(commune, 27)
    large = count_queries(client, url)
    assert small == large, f"{page}: {small} queries with 3 areas, {large} with 30"
    assert large <= BUDGETS[page] + layout_queries


def test_the_plan_page_runs_the_same_queries_for_3_and_30_records(client, commune, layout_queries):
    plan = services.save_activity_plan(
        ActivityPlan(
            commune=commune,
            title="Kế hoạch",
            starts_on=D(2020, 1, 1),
            ends_on=D(2026, 12, 31),
            is_published=True,
        )
    )
    for kind in PlannedActivity.Kind.values:
        services.save_planned_activity(PlannedActivity(plan=plan, kind=kind, planned_count=10))
    grow_supervisions(commune, 3)
    grow_festivals(commune, 3)
    small = count_queries(client, plan.get_absolute_url())
    grow_supervisions(commune, 30)
    grow_festivals(commune, 27)
    large = count_queries(client, plan.get_absolute_url())
    assert small == large, f"plan: {small} queries, then {large}"
    assert large <= PLAN_QUERIES + layout_queries
