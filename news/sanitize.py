"""The one HTML allowlist for post bodies: what the editor can make, and nothing that runs.

django-prose-editor sanitises what the admin form sends; `clean_body` runs again on every
save (imports, the shell, demo data, a future API), so no path stores a script, an `on*`
handler or a `javascript:`/`data:` URL.
"""

import nh3

# The editor's toolbar, and exactly the tags and attributes its output needs.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
    # Vietnamese tooltips and block names for the toolbar (static/js/prose_editor_vi.js).
    "VietnameseLabels": True,
}

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup", "h2", "h3", "h4",
    "ul", "ol", "li", "blockquote", "hr", "a", "img", "figure", "figcaption",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    # Tags whose content is code or hidden text are dropped with their content, not unwrapped.
    clean_content_tags={
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "noscript",
        "template",
        "svg",
        "math",
    },
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def clean_body(html):
    """Sanitise a post body: keep Vietnamese formatting, drop everything that could run."""
    return _cleaner.clean(html or "").strip()
