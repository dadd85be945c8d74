"""The site's search beyond news: documents, announcements, conferences, campaigns and areas of
the request's commune, each kind a group of a few results, with or without diacritics.

It lives in the site, not in `news`, because it reads every app (news may not read campaigns).
Each kind costs one query, whatever the data: documents, announcements and conferences are
matched by the database on their folded search text; a commune's campaigns and areas are few
(tens), so their names are folded and matched here.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from congresses.models import Conference, ResidentialArea
from lib.templatetags.vn import vndate
from news.announcements import Announcement
from news.documents import Document, search_words

GROUP_SIZE = 5
MAX_WORDS = 8


@dataclass
class Hit:
    title: str
    url: str
    meta: str = ""


@dataclass
class Group:
    key: str
    label: str
    hits: list = field(default_factory=list)
    more_url: str = ""
    has_more: bool = False


def _group(key, label, records, hit, more_url=""):
    records = list(records)
    return Group(key, label, [hit(r) for r in records[:GROUP_SIZE]], more_url, len(records) > GROUP_SIZE)


def _words_match(words, text):
    """Every query word starts a word of `text` (folded), as the news search matches."""
    haystack = " " + search_words(text)
    return all(" " + word in haystack for word in words)


def other_kinds(query, commune):
    """The groups beyond posts for `query` on `commune`'s site, empty groups left out."""
    words = search_words(query).split()[:MAX_WORDS]
    if commune is None or not words or any(len(word) > 100 for word in words):
        return []
    q = " ".join(words)
    groups = [
        _group(
            "van-ban",
            _("Văn bản"),
            Document.objects.for_listing()
            .for_commune(commune)
            .search(query)
            .defer("search_text")[: GROUP_SIZE + 1],
            lambda d: Hit(f"{d.number} — {d.summary}", d.get_absolute_url(), vndate(d.issued_on)),
            reverse("news:documents") + "?" + urlencode({"q": query}),
        ),
        _group(
            "thong-bao",
            _("Thông báo"),
            Announcement.objects.public().for_commune(commune).search(query).for_listing()[: GROUP_SIZE + 1],
            lambda a: Hit(a.title, a.get_absolute_url(), vndate(a.starts_at)),
        ),
        _group(
            "hoi-nghi",
            _("Hội nghị"),
            Conference.objects.for_commune(commune).search(q).for_listing()[: GROUP_SIZE + 1],
            lambda c: Hit(c.title, c.get_absolute_url(), vndate(c.starts_at)),
        ),
        _group(
            "van-dong",
            _("Cuộc vận động"),
            [
                c
                for c in Campaign.objects.public()
                .for_commune(commune)
                .order_by("-start_date", "-pk")
                .only("name", "slug", "start_date")
                if _words_match(words, c.name)
            ],
            lambda c: Hit(c.name, c.get_absolute_url(), vndate(c.start_date)),
        ),
        _group(
            "thon",
            _("Thôn, khu dân cư"),
            [
                a
                for a in ResidentialArea.objects.for_commune(commune).current().select_related("commune")
                if _words_match(words, f"{a.get_kind_display()} {a.name}")
            ],
            lambda a: Hit(f"{a.get_kind_display()} {a.name}", a.get_absolute_url()),
        ),
    ]
    return [group for group in groups if group.hits]
