"""`make demo` data for congresses: the story it tells holds together, and loading twice adds nothing."""

import datetime

from congresses import demo
from congresses.models import Conference, Consultation, FrontCommittee, Membership, ResidentialArea, Term


def test_the_demo_tells_the_2024_term_conferences_and_the_2025_merger(db):
    commune = demo.load(log=lambda message: None)
    assert commune.full_name == "xã Hòa Phú"
    village_conferences = Conference.objects.filter(kind="term", starts_at__date=datetime.date(2024, 1, 7))
    assert village_conferences.count() == 7
    assert Consultation.objects.filter(status="confirmed").count() == 9  # 7 villages, the congress, An Hòa
    commune_term = Term.objects.get(committee__level="commune", start_date__year=2024)
    assert commune_term.label == "lần thứ XII, nhiệm kỳ 2024–2029"
    assert commune_term.memberships.filter(position__name="Chủ tịch").count() == 1
    an_binh = ResidentialArea.objects.get(name="An Bình")
    assert an_binh.successor().name == "An Hòa"
    assert Term.objects.get(committee__area=an_binh, start_date__year=2024).ended_on == datetime.date(
        2025, 6, 30
    )
    assert Conference.objects.get(kind="voters").opinions_count == 38
    assert Conference.objects.get(kind="dialogue").areas_share == "7/7"

    before = (FrontCommittee.objects.count(), Membership.objects.count(), Conference.objects.count())
    demo.load(log=lambda message: None)
    assert (FrontCommittee.objects.count(), Membership.objects.count(), Conference.objects.count()) == before


def test_the_demo_shows_opinions_forwarded_answered_and_one_sent_from_the_site(db):
    from congresses.models import Opinion, VoterMeeting

    demo.load(log=lambda message: None)
    meeting = VoterMeeting.objects.get()
    assert str(meeting.attendees_figure) == "trên 300"
    assert meeting.opinions.public().count() == 2
    assert meeting.opinions.filter(duplicate_of__isnull=False).count() == 1
    site = Opinion.objects.get(source=Opinion.Source.WEBSITE)
    assert site.is_public and site.status == Opinion.Status.CLOSED
    assert Opinion.objects.overdue().exists()
    demo.load(log=lambda message: None)
    assert VoterMeeting.objects.count() == 1
