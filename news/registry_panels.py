"""What the registry contributes to a conference's page: the public documents that belong to it."""

from django.utils.translation import gettext as _

from .documents import Document

DOCUMENTS_PER_CONFERENCE = 10


def conference_documents(conference):
    """The public documents of a conference (its resolution, its report); one query, None if none."""
    documents = list(
        Document.objects.for_listing()
        .filter(conference=conference, commune_id=conference.committee.commune_id)
        .defer("search_text")[:DOCUMENTS_PER_CONFERENCE]
    )
    if not documents:
        return None
    return {
        "title": _("Văn bản của hội nghị"),
        "template": "news/_conference_documents.html",
        "context": {"conference_documents": documents},
        "order": 25,
    }
