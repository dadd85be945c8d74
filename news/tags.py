"""Tags (từ khóa) of a commune's posts: a second way through the news, beside the categories."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congresses.models import CommuneScopedQuerySet
from lib.slugs import unique_slug


class TagQuerySet(CommuneScopedQuerySet):
    def with_public_posts(self):
        """Tags with at least one public post, so a reader never opens an empty tag page."""
        from .models import Post

        return self.filter(posts__in=Post.objects.published()).distinct()


class Tag(models.Model):
    commune = models.ForeignKey(
        "congresses.Commune", on_delete=models.PROTECT, related_name="news_tags", verbose_name=_("xã, phường")
    )
    name = models.CharField(_("từ khóa"), max_length=80)
    slug = models.SlugField(_("đường dẫn"), max_length=100, editable=False)

    objects = TagQuerySet.as_manager()
    # A tag's slug is unique within its commune: moved in a merger it could meet the new
    # commune's own tag of the same name, so it stays with the old commune's history.
    KEPT_BY_THE_OLD_COMMUNE = True

    class Meta:
        verbose_name = _("từ khóa")
        verbose_name_plural = _("từ khóa")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["commune", "slug"], name="news_tag_slug_per_commune")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                Tag.objects.filter(commune_id=self.commune_id), self.name, 100, "tu-khoa", exclude_pk=self.pk
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:tag", args=[self.slug])
