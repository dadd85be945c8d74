"""Public pages of the Front's organisation: directory, area, commune committee, conferences."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject

from lib.pagecache import public_page

from . import selectors
from .area_profiles import best_successor
from .events import MeetingRound, public_rounds, round_page
from .models import Commune, Conference, ConferenceDocument, ResidentialArea
from .panels import panels_for


def _site_commune(request):
    """The request's commune; the Front's pages exist only on a commune's site."""
    if request.commune is None:
        raise Http404
    return request.commune


@public_page
def directory(request):
    commune = _site_commune(request)
    rows = selectors.directory(commune)
    return render(request, "congresses/directory.html", {"rows": rows, "communes": [commune]})


@public_page
def area_detail(request, commune, slug):
    area = get_object_or_404(
        ResidentialArea.objects.for_commune(_site_commune(request)).select_related("commune"),
        commune__slug=commune,
        slug=slug,
    )
    if area.merged_into_id:
        return redirect(area.successor(), permanent=True)
    if not area.is_current and area.successions.exists():
        # Split between several areas or re-drawn: the old address leads to the main successor.
        return redirect(best_successor(area), permanent=True)
    # Read only when the page's fragment is rendered (congresses/area_detail.html): from the
    # shared cache it costs no query.
    context = {
        "area": area,
        "page": SimpleLazyObject(lambda: selectors.area_page(area)),
        "panels": SimpleLazyObject(lambda: panels_for("area", area)),
    }
    return render(request, "congresses/area_detail.html", context)


@public_page
def commune_detail(request, commune):
    commune = get_object_or_404(Commune.objects.for_commune(_site_commune(request)), slug=commune)
    page = selectors.commune_page(commune, roles=True)
    return render(request, "congresses/commune_detail.html", {"commune": commune, "page": page})


def commune_default(request):
    """`/mat-tran/uy-ban/`: the menu's link to the committee of the site's commune."""
    return redirect(_site_commune(request))


@public_page
def conference_list(request):
    commune = _site_commune(request)
    everything = Conference.objects.for_commune(commune).for_listing()
    kind = request.GET.get("loai", "")
    if kind in Conference.Kind.values:
        everything = everything.filter(kind=kind)
    page = Paginator(everything.held(), 20).get_page(request.GET.get("trang"))
    first = page.number == 1
    context = {
        "page": page,
        "kinds": Conference.Kind.choices,
        "kind": kind,
        # Announced meetings head the first page; they are never among the held ones.
        "upcoming": list(everything.upcoming()) if first else [],
        "rounds": public_rounds(commune) if first and not kind else [],
    }
    return render(request, "congresses/conference_list.html", context)


@public_page
def meeting_round_detail(request, pk):
    try:
        meeting_round = round_page(_site_commune(request), pk)
    except MeetingRound.DoesNotExist as error:
        raise Http404 from error
    return render(request, "congresses/meeting_round_detail.html", {"round": meeting_round})


@public_page
def conference_detail(request, slug):
    try:
        conference = selectors.conference_page(slug, _site_commune(request))
    except Conference.DoesNotExist as error:
        raise Http404 from error
    consultation = getattr(conference, "consultation", None)
    context = {
        "conference": conference,
        "consultation": consultation,
        "panels": panels_for("conference", conference),
    }
    return render(request, "congresses/conference_detail.html", context)


def document_download(request, pk):
    """Send a conference document as an attachment under its original name, never inline."""
    document = get_object_or_404(ConferenceDocument.objects.for_commune(_site_commune(request)), pk=pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=document.download_name())
    response["X-Content-Type-Options"] = "nosniff"
    return response
