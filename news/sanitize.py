"""The one HTML allowlist for post bodies: what the editor can make, and nothing that runs.

django-prose-editor sanitises what the admin form sends; `clean_body` runs again on every
save (imports, the shell, demo data, a future API), so no path stores a script, an `on*`
handler or a `javascript:`/`data:` URL.
"""

import re

import nh3
from django.conf import settings

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
    # Photos inside the text: an image (from the post's own uploads, `image_sources`) with its
    # description and caption.
    "Figure": True,
    "Image": True,
    "Caption": True,
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

_IMG_WITHOUT_SOURCE = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")


def image_sources():
    """Where an image in a body may come from: the site's own uploads (MEDIA_URL, and the object
    store's public domain when there is one); never another site, which would learn who reads."""
    prefixes = [settings.MEDIA_URL]
    if getattr(settings, "AWS_S3_CUSTOM_DOMAIN", None):
        prefixes.append(f"https://{settings.AWS_S3_CUSTOM_DOMAIN}/")
    return tuple(prefix for prefix in prefixes if prefix and prefix != "/")


def _own_images_only(tag, attribute, value):
    if tag == "img" and attribute == "src":
        path = value.strip()
        if not path.startswith(image_sources()) or path.startswith("//") or "/../" in path:
            return None
    return value


_cleaner = nh3.Cleaner(
    attribute_filter=_own_images_only,
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
    # An image whose source was not ours has lost it: drop the empty tag too.
    return _IMG_WITHOUT_SOURCE.sub("", _cleaner.clean(html or "")).strip()
