from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Tin tức")

    def ready(self):
        # Imported in ready(): the panels read models, which exist only once apps are loaded.
        from congresses import panels

        from .panels import conference_news
        from .registry_panels import conference_documents

        panels.register("conference", conference_news)
        panels.register("conference", conference_documents)
        # A scheduled post goes public at its time with nobody saving: no cached page outlives it.
        from lib import pagecache

        pagecache.scheduled_changes.append(next_publication)
        # So does a banner at its start and at its end.
        from .links import next_banner_change

        pagecache.scheduled_changes.append(next_banner_change)
        # And an announcement when it starts or expires (pinned ones leave the home page then).
        pagecache.scheduled_changes.append(next_announcement_change)
        post_migrate.connect(keep_search_index, sender=self)
        # Registers the photo job and its recovery of photos a killed worker left half-made.
        from . import tasks  # noqa: F401


def keep_search_index(using, plan=None, **kwargs):
    """Put back the SQLite search triggers a later table rebuild dropped (see news.search)."""
    from django.db.migrations.recorder import MigrationRecorder

    from . import search

    connection = connections[using]
    if MigrationRecorder(connection).migration_qs.filter(app="news", name="0005_search_index").exists():
        search.install(connection)


def next_publication(commune, province, now):
    """When the site's next scheduled post goes public (None: none is waiting)."""
    from .models import Post

    posts = Post.objects.exclude(status=Post.Status.DRAFT).filter(published_at__gt=now)
    posts = posts.for_site(commune=commune, province=province)
    return posts.order_by("published_at").values_list("published_at", flat=True).first()


def next_announcement_change(commune, province, now):
    """When the site's announcements next change by themselves: one starts or one expires."""
    from django.db.models import Min, Q

    from .announcements import Announcement

    if commune is None:
        return None
    published = Announcement.objects.for_commune(commune).filter(is_published=True)
    moments = published.aggregate(
        starts=Min("starts_at", filter=Q(starts_at__gt=now)),
        expires=Min("expires_at", filter=Q(expires_at__gt=now)),
    )
    return min((moment for moment in moments.values() if moment), default=None)
