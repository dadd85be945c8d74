"""Public pages of campaigns: the list, a campaign's progress, its full donor list."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .models import Campaign, Contribution
from .results import campaign_page, listing

DONORS_PER_PAGE = 50


def campaign_list(request):
    campaigns = listing(Campaign.objects.public().for_listing())
    current = [c for c in campaigns if c.status == Campaign.Status.ACTIVE]
    past = [c for c in campaigns if c.status == Campaign.Status.CLOSED]
    return render(request, "campaigns/campaign_list.html", {"current": current, "past": past})


def campaign_detail(request, slug):
    campaign = get_object_or_404(Campaign.objects.public().select_related("commune"), slug=slug)
    return render(
        request, "campaigns/campaign_detail.html", {"campaign": campaign, **campaign_page(campaign)}
    )


def donor_list(request, slug):
    campaign = get_object_or_404(Campaign.objects.public(), slug=slug)
    donors = (
        Contribution.objects.filter(indicator__campaign=campaign)
        .public_donors()
        .select_related("indicator", "area")
        .order_by("-date", "-id")
    )
    page = Paginator(donors, DONORS_PER_PAGE).get_page(request.GET.get("trang"))
    return render(request, "campaigns/donor_list.html", {"campaign": campaign, "page": page})
