"""Public pages of campaigns: the list, a campaign's progress, its full donor list."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject

from lib.pagecache import public_page

from . import province_views
from .aid import aid_page
from .models import Campaign, Contribution
from .selectors import campaign_page, listing

DONORS_PER_PAGE = 50
CAMPAIGNS_PER_PAGE = 12


@public_page
def campaign_list(request):
    if province_views.is_province_site(request):
        return province_views.campaign_list(request)
    campaigns = Campaign.objects.public().for_commune(request.commune).for_listing()
    page = Paginator(campaigns, CAMPAIGNS_PER_PAGE).get_page(request.GET.get("trang"))
    campaigns = listing(page.object_list)
    current = [c for c in campaigns if c.status == Campaign.Status.ACTIVE]
    past = [c for c in campaigns if c.status == Campaign.Status.CLOSED]
    return render(request, "campaigns/campaign_list.html", {"current": current, "past": past, "page": page})


@public_page
def campaign_detail(request, slug):
    if province_views.is_province_site(request):
        return province_views.campaign_detail(request, slug)
    campaign = get_object_or_404(
        Campaign.objects.public()
        .for_commune(request.commune)
        .select_related("commune", "province_campaign__province"),
        slug=slug,
    )
    context = {
        "campaign": campaign,
        "province_link": province_views.province_link(campaign, request),
        # Read only when the page's fragments are rendered (campaigns/campaign_detail.html):
        # from the shared cache they cost no query.
        "figures": SimpleLazyObject(lambda: {**campaign_page(campaign), **aid_page(campaign)}),
    }
    return render(request, "campaigns/campaign_detail.html", context)


@public_page
def donor_list(request, slug):
    campaign = get_object_or_404(
        Campaign.objects.public().for_commune(request.commune).prefetch_related("indicators"), slug=slug
    )
    # Literal ids, not a subquery: PostgreSQL then counts from the (indicator, …) index.
    donors = (
        Contribution.objects.filter(
            indicator_id__in=[indicator.pk for indicator in campaign.indicators.all()]
        )
        .public_donors()
        .select_related("indicator", "area")
        .order_by("-date", "-id")
    )
    page = Paginator(donors, DONORS_PER_PAGE).get_page(request.GET.get("trang"))
    return render(request, "campaigns/donor_list.html", {"campaign": campaign, "page": page})
