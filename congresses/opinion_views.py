"""Public pages of voters' opinions: voter meetings with their answered opinions, a citizen's
opinion sent from the site, and the look-up by reference code."""

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from . import selectors, services
from .forms import CitizenOpinionForm
from .models import Opinion, VoterMeeting

SENT_PER_HOUR = 5


def request_commune(request):
    """The request's commune (the site middleware's); the province's site has no opinions, and a
    fallback to another commune would show that commune's opinions at the wrong host."""
    if request.commune is None:
        raise Http404
    return request.commune


def voter_meetings(request):
    commune = request_commune(request)
    page = Paginator(selectors.public_voter_meetings(commune), 20).get_page(request.GET.get("trang"))
    return render(request, "congresses/voter_meeting_list.html", {"page": page, "commune": commune})


def voter_meeting_detail(request, slug):
    try:
        meeting = selectors.voter_meeting_page(request_commune(request), slug)
    except VoterMeeting.DoesNotExist as error:
        raise Http404 from error
    return render(request, "congresses/voter_meeting_detail.html", {"meeting": meeting})


def _client_address(request):
    if getattr(settings, "BEHIND_PROXY", False):
        return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR", "")
    return request.META.get("REMOTE_ADDR", "")


def _sent_key(commune, request):
    return f"opinions:sent:{commune.pk}:{_client_address(request)}"


@csrf_protect
@never_cache
def send_opinion(request):
    """No account: anyone may write, at most SENT_PER_HOUR opinions an hour from one address."""
    commune = request_commune(request)
    key = _sent_key(commune, request)
    if request.method == "POST" and cache.get(key, 0) >= SENT_PER_HOUR:
        form = CitizenOpinionForm(commune=commune)
        message = _("Bạn đã gửi nhiều ý kiến trong một giờ qua. Xin vui lòng thử lại sau ít phút.")
        return render(request, "congresses/opinion_send.html", {"form": form, "limited": message}, status=429)
    form = CitizenOpinionForm(request.POST if request.method == "POST" else None, commune=commune)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        opinion = services.receive_opinion(
            commune,
            summary=data["text"],
            source=Opinion.Source.WEBSITE,
            field=data["field"],
            area=data["area"],
            citizen_name=data["name"],
            citizen_phone=data["phone"],
        )
        if cache.add(key, 1, 3600) is False:
            cache.incr(key)
        request.session["opinion_sent"] = opinion.reference_code
        return redirect("opinions:sent")
    return render(request, "congresses/opinion_send.html", {"form": form})


@never_cache
def opinion_sent(request):
    code = request.session.get("opinion_sent")
    if not code:
        return redirect("opinions:send")
    return render(request, "congresses/opinion_sent.html", {"code": code})


@never_cache
def opinion_lookup(request):
    """One code, one opinion of this commune; a wrong code gets the same answer as a missing one."""
    typed = request.GET.get("ma", "")[:40]
    opinion = services.find_opinion(request_commune(request), typed) if typed else None
    context = {"typed": typed, "opinion": opinion, "searched": bool(typed)}
    return render(request, "congresses/opinion_lookup.html", context, status=200)
