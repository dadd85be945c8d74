"""Unique slugs for any model: the Vietnamese slug of a title, numbered when it is taken."""

from .vietnamese import slugify_vi

# Room kept at the end of the base for a "-99" style suffix, so the result fits the column.
SUFFIX_ROOM = 4


def unique_slug(queryset, text, max_length, fallback="", exclude_pk=None):
    """`slugify_vi(text)` cut to fit `max_length`, with `-2`, `-3` … appended until no row of
    `queryset` other than `exclude_pk` has it. `fallback` stands in when the text makes no slug."""
    base = slugify_vi(text, max_length=max_length - SUFFIX_ROOM) or fallback
    others = queryset.exclude(pk=exclude_pk) if exclude_pk else queryset
    slug, number = base, 2
    while others.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug
