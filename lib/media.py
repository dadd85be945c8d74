"""Sending an uploaded file once a view has decided who may see it (no URLs here).

Demo and development: Django streams the file. Production: Django answers with an
`X-Accel-Redirect` to nginx's `internal` location (deploy/nginx-mttq-portal.conf), so the
check costs one request through Django and the bytes are still sent by nginx.
"""

import posixpath

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.views.static import serve

# Only these are shown in the browser; everything else (PDF, Office, SVG, HTML, anything
# unexpected) is downloaded, so an uploaded file can never run as a page of the site.
INLINE_MEDIA_TYPES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"}
# Media responses get their own policy: nothing in them may load or run anything.
MEDIA_CSP = "default-src 'none'; img-src 'self'; style-src 'none'; sandbox"


def _safe(name):
    normalized = posixpath.normpath(name).lstrip("/")
    if normalized.startswith("..") or "\\" in name or "\x00" in name or normalized != name.lstrip("/"):
        raise Http404
    return normalized


def send_media(request, name, *, cache_control=None, accel=None):
    """The response for the stored file `name` (a storage name under MEDIA_ROOT), or a 404.

    `accel`: the nginx internal prefix to redirect to; None takes MEDIA_ACCEL_REDIRECT,
    "" makes Django send the file itself.
    """
    name = _safe(name)
    prefix = settings.MEDIA_ACCEL_REDIRECT if accel is None else accel
    signer = getattr(default_storage, "signed_url", None)
    if signer is not None:
        return _signed_redirect(signer, name, cache_control)
    if prefix:
        response = HttpResponse()
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + name
        # nginx picks the type from the internal location; an empty one here lets it.
        del response["Content-Type"]
    else:
        response = serve(request, name, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_CSP
    if cache_control:
        response["Cache-Control"] = cache_control
    ext = posixpath.splitext(name)[1].lower()
    if ext not in INLINE_MEDIA_TYPES:
        if ext not in (".pdf", ".doc", ".docx", ".xlsx") and not prefix:
            response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = f'attachment; filename="{posixpath.basename(name)}"'
    return response


def _signed_redirect(signer, name, cache_control):
    """In the object store (lib/storage.py): a redirect to a URL that works SIGNED_URL_SECONDS.

    The browser may keep the redirect for half that time when the file is public, never longer
    than the URL lives; the store sends the file with the type and disposition asked here.
    """
    ext = posixpath.splitext(name)[1].lower()
    params = {"ResponseCacheControl": f"private, max-age={settings.SIGNED_URL_SECONDS}"}
    if ext not in INLINE_MEDIA_TYPES:
        params["ResponseContentDisposition"] = f'attachment; filename="{posixpath.basename(name)}"'
    response = HttpResponseRedirect(signer(name, **params))
    cacheable = cache_control and "no-store" not in cache_control
    response["Cache-Control"] = (
        f"private, max-age={settings.SIGNED_URL_SECONDS // 2}" if cacheable else "private, no-store"
    )
    return response
