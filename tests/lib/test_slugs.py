"""Unique slugs shared by posts, categories, conferences and campaigns."""

from lib.slugs import unique_slug
from news.models import Category


def test_a_taken_slug_is_numbered_from_two(commune):
    Category.objects.create(commune=commune, name="Hội nghị thôn Đông")
    Category.objects.create(commune=commune, name="Hội nghị thôn Đông!")
    assert unique_slug(Category.objects.all(), "Hội nghị thôn Đông", 140) == "hoi-nghi-thon-dong-3"


def test_a_row_keeps_its_own_slug(commune):
    own = Category.objects.create(commune=commune, name="Đồng Tâm")
    assert unique_slug(Category.objects.all(), "Đồng Tâm", 140, exclude_pk=own.pk) == "dong-tam"


def test_a_long_numbered_slug_still_fits_its_column(commune):
    Category.objects.create(commune=commune, name="Hội nghị thôn Đô")  # slug: hoi-nghi-thon-do
    slug = unique_slug(Category.objects.all(), "Hội nghị thôn Đông", 20)
    assert slug == "hoi-nghi-thon-do-2"
    assert len(slug) <= 20


def test_text_without_letters_takes_the_fallback(commune):
    assert unique_slug(Category.objects.all(), "!!!", 140, "bai-viet") == "bai-viet"
