"""Public poll pages: the list (cached like every list) and a poll, answered by a plain form.

A poll's page depends on the reader's cookie (answered or not) and holds a form with a CSRF
token, so it is never kept by the page cache nor by a browser (never_cache). Which polls a
browser has answered lives in that browser only: a signed cookie of poll ids. A rate limit per
address and day (hashed under the day's salt, lib.visitors) stops one machine from clearing the
cookie and answering again and again; households and offices behind one address keep
ANSWERS_PER_ADDRESS answers a poll a day.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.signing import BadSignature
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from lib.pagecache import public_page
from lib.visitors import address_hash, seconds_left_today

from . import services
from .polls import Poll

COOKIE = "khaosat"
COOKIE_SALT = "news.polls"
COOKIE_MAX_AGE = 365 * 24 * 3600
KEPT_IN_COOKIE = 50
ANSWERS_PER_ADDRESS = 20


def answered_polls(request):
    """Ids of the polls this browser has answered (its signed cookie; a forged one counts nothing)."""
    try:
        value = request.get_signed_cookie(COOKIE, default="", salt=COOKIE_SALT)
    except BadSignature:
        return set()
    return {int(part) for part in value.split(".") if part.isdigit() and len(part) <= 9}


def _remember_answer(response, request, poll):
    ids = sorted(answered_polls(request) | {poll.pk})[-KEPT_IN_COOKIE:]
    response.set_signed_cookie(
        COOKIE,
        ".".join(map(str, ids)),
        salt=COOKIE_SALT,
        max_age=COOKIE_MAX_AGE,
        secure=settings.HTTPS,
        httponly=True,
        samesite="Lax",
    )


def _limit_key(request, poll):
    return f"polls:answers:{poll.pk}:{address_hash(request)}"


def _over_limit(request, poll):
    return (cache.get(_limit_key(request, poll)) or 0) >= ANSWERS_PER_ADDRESS


def _count_answer(request, poll):
    key = _limit_key(request, poll)
    if not cache.add(key, 1, seconds_left_today()):
        try:
            cache.incr(key)
        except ValueError:
            cache.add(key, 1, seconds_left_today())


def _site_polls(request):
    if request.commune is None:
        raise Http404
    return Poll.objects.for_commune(request.commune).public()


@public_page
def poll_list(request):
    polls = list(_site_polls(request).for_listing()[:50])
    return render(request, "news/poll_list.html", {"polls": polls})


@csrf_protect
@never_cache
def poll_detail(request, slug):
    poll = get_object_or_404(_site_polls(request), slug=slug)
    answered = poll.pk in answered_polls(request)
    problem, status = "", 200
    if request.method == "POST":
        if answered:
            problem, status = (
                _("Trình duyệt này đã trả lời khảo sát này rồi. Mỗi người chỉ trả lời một lần."),
                409,
            )
        elif _over_limit(request, poll):
            problem = _(
                "Hôm nay mạng của bạn đã gửi nhiều câu trả lời cho khảo sát này. Xin thử lại vào ngày mai."
            )
            status = 429
        else:
            try:
                services.cast_ballot(poll, request.POST.get("phuong_an"))
            except services.PollRefused as refused:
                problem, status = str(refused), 400
            else:
                _count_answer(request, poll)
                response = redirect(f"{poll.get_absolute_url()}?da-tra-loi=1")
                _remember_answer(response, request, poll)
                return response
    options, total = poll.tally()
    context = {
        "poll": poll,
        "options": options,
        "total": total,
        "answered": answered,
        "thanked": answered and "da-tra-loi" in request.GET,
        "results_visible": poll.results_visible(answered),
        "problem": problem,
    }
    return render(request, "news/poll_detail.html", context, status=status)
