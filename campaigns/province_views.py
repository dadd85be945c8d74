"""The province's site: its campaigns, the figures summed from the communes' entries, and the
communes ranked by the share each reached. Nothing here is entered at the province."""

from django.shortcuts import get_object_or_404, render

from .models import Campaign, ProvinceCampaign
from .province_selectors import commune_names, province_results


def is_province_site(request):
    return request.commune is None and request.province is not None


def campaign_list(request):
    campaigns = province_results(
        ProvinceCampaign.objects.for_province(request.province).order_by("-start_date", "-id")[:50]
    )
    current = [c for c in campaigns if c.status == Campaign.Status.ACTIVE]
    past = [c for c in campaigns if c.status == Campaign.Status.CLOSED]
    return render(request, "campaigns/province_campaign_list.html", {"current": current, "past": past})


def campaign_detail(request, slug):
    campaign = get_object_or_404(ProvinceCampaign.objects.for_province(request.province), slug=slug)
    communes = list(
        request.province.communes.filter(merged_into__isnull=True)
        .order_by("name")
        .only("name", "kind", "host", "province")
    )
    province_results([campaign], communes=commune_names(communes))
    sites = {commune.pk: commune.site_url(request) for commune in communes}
    for result in campaign.results:
        for row in result.rows:
            row.url = sites.get(row.area_id)
    return render(request, "campaigns/province_campaign_detail.html", {"campaign": campaign})


def province_link(campaign, request):
    """Where a commune's part of a province campaign links to the province's figures (None when
    the province has no site)."""
    part_of = campaign.province_campaign
    if part_of is None:
        return None
    base = part_of.province.site_url(request)
    return f"{base.rstrip('/')}{part_of.get_absolute_url()}" if base else None
