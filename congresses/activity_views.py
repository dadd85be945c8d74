"""Public pages of the Front's activities: supervision and social review as the committee
publishes them, and the Ngày hội Đại đoàn kết of each year with its roll-up over the areas."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from lib.pagecache import public_page

from .festivals import UnityFestival, festival_page, public_festivals
from .opinion_views import request_commune
from .plans import ActivityPlan, plan_page, public_plans
from .supervision import Supervision, public_supervisions, supervision_page


@public_page
def supervisions(request):
    commune = request_commune(request)
    page = Paginator(public_supervisions(commune), 20).get_page(request.GET.get("trang"))
    return render(request, "congresses/supervision_list.html", {"page": page, "commune": commune})


@public_page
def supervision_detail(request, slug):
    try:
        supervision = supervision_page(request_commune(request), slug)
    except Supervision.DoesNotExist as error:
        raise Http404 from error
    return render(request, "congresses/supervision_detail.html", {"supervision": supervision})


@public_page
def unity_festivals(request):
    commune = request_commune(request)
    context = {"festivals": public_festivals(commune), "commune": commune}
    return render(request, "congresses/unity_festival_list.html", context)


@public_page
def unity_festival_detail(request, year):
    if not 1930 <= year <= 2200:  # beyond the column's range the database would raise, not miss
        raise Http404
    try:
        festival = festival_page(request_commune(request), year)
    except UnityFestival.DoesNotExist as error:
        raise Http404 from error
    return render(request, "congresses/unity_festival_detail.html", {"festival": festival})


@public_page
def activity_plans(request):
    commune = request_commune(request)
    page = Paginator(public_plans(commune), 20).get_page(request.GET.get("trang"))
    return render(request, "congresses/activity_plan_list.html", {"page": page, "commune": commune})


@public_page
def activity_plan_detail(request, pk):
    try:
        plan = plan_page(request_commune(request), pk)
    except ActivityPlan.DoesNotExist as error:
        raise Http404 from error
    return render(request, "congresses/activity_plan_detail.html", {"plan": plan})
