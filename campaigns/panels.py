"""What campaigns contribute to pages owned by `congresses` (see congresses/panels.py)."""

from django.utils.translation import gettext as _

from .selectors import area_results


def area_panel(area):
    """The area's results in the commune's current campaigns against its own targets (3 queries)."""
    results = area_results(area)
    if not results:
        return None
    return {
        "title": _("Kết quả vận động của %(area)s") % {"area": area.full_name},
        "template": "campaigns/_area_panel.html",
        "context": {"results": results, "area": area},
        "order": 50,
    }
