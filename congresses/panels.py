"""Extension points for pages owned by `congresses` that other apps contribute to.

`congresses` must not import `news` or `campaigns` (dependencies point one way), yet an
area page shows the area's campaign results and a conference page its news. Those apps
register a panel function in their AppConfig.ready(); the page calls every registered
function and renders what each returns.

A panel function takes the object (an area or a conference) and returns None (nothing to
show) or a dict: {"title": str, "template": str, "context": dict, "order": int,
"stylesheet": optional static path of a CSS the panel needs beyond css/public.css, the bundle of mttq_portal/bundle.py}.
It must run a bounded number of queries whatever the data size.
"""

_panels = {"area": [], "conference": []}


def register(page, function):
    """Register `function(obj)` to contribute a panel to `page` ("area" or "conference")."""
    if function not in _panels[page]:
        _panels[page].append(function)


def panels_for(page, obj):
    """The panels other apps contribute to this page, in their order."""
    found = [panel for function in _panels[page] if (panel := function(obj))]
    return sorted(found, key=lambda panel: panel.get("order", 100))
