"""The home page shows the latest conferences, newest first."""

import datetime

from django.utils import timezone

from congresses.models import Conference, FrontCommittee, Term


def make_conference(commune, area, day, venue):
    committee, _ = FrontCommittee.objects.get_or_create(
        commune=commune, level=FrontCommittee.Level.RESIDENTIAL, area=area
    )
    term, _ = Term.objects.get_or_create(
        committee=committee, start_date=datetime.date(2024, 1, 7), end_date=datetime.date(2026, 12, 31)
    )
    return Conference.objects.create(
        committee=committee,
        term=term,
        kind=Conference.Kind.DIALOGUE,
        starts_at=timezone.make_aware(datetime.datetime(2024, 5, day, 8, 0)),
        venue=venue,
    )


def test_home_lists_the_latest_conferences_newest_first(client, commune, area_a, area_b):
    older = make_conference(commune, area_a, 2, "Nhà văn hóa thôn Đông")
    newer = make_conference(commune, area_b, 20, "Nhà văn hóa thôn Tây")

    page = client.get("/").content.decode()

    assert "Hội nghị gần đây" in page
    assert page.index(newer.get_absolute_url()) < page.index(older.get_absolute_url())


def test_home_without_conferences_has_no_conference_section(client, db):
    assert "Hội nghị gần đây" not in client.get("/").content.decode()
