"""Site-wide template context: the site's commune (or province), its name, emblem and contacts."""

from django.conf import settings


def site(request):
    commune = getattr(request, "commune", None)
    province = getattr(request, "province", None)
    site = commune or province
    return {
        # SITE_NAME of the settings only where no commune is known (an empty database).
        "SITE_NAME": site.display_name if site else settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "site": site,
        "site_commune": commune,
        "site_province": province,
    }
