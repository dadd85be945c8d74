"""`make demo` tells one story: a post that quotes a campaign's figures agrees with its page."""

import io
import re

import pytest
from django.core.management import call_command

from campaigns.models import Indicator
from news.models import Post


@pytest.fixture
def demo(db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=io.StringIO())


def test_the_featured_blood_drive_post_quotes_the_campaign_page(demo, client):
    post = Post.objects.get(is_featured=True, title__startswith="Hiến máu tình nguyện")
    indicator = Indicator.objects.get(name="Hiến máu tình nguyện")
    units = indicator.totals()["quantity"]
    target = indicator.commune_target().amount

    # The percentage as the indicator writes it: the demo's blood drive has one decimal (106,8%).
    lead = re.search(r"hiến ([\d.]+) đơn vị máu trên chỉ tiêu ([\d.]+) đơn vị, đạt (\d+(?:,\d)?)%", post.lead)
    assert lead, post.lead
    quoted_units, quoted_target, quoted_percent = lead.groups()

    # The demo has several communes: the campaign page is read at the post's commune's host.
    host = post.category.commune.host
    page = client.get(indicator.campaign.get_absolute_url(), HTTP_HOST=host).content.decode()
    assert f"{quoted_units} / {quoted_target} đơn vị máu — đạt {quoted_percent}%" in page
    assert int(quoted_units.replace(".", "")) == units
    assert int(quoted_target.replace(".", "")) == target


def test_the_demo_registry_has_documents_with_pdfs_and_one_pinned_one_expired_announcement(demo, client):
    from news.models import Announcement, Document

    commune = Document.objects.first().commune
    host = commune.host
    documents = client.get("/van-ban/", HTTP_HOST=host).content.decode()
    assert "12/KH-MTTQ" in documents
    assert "01/NQ-ĐH" in documents
    plan = Document.objects.get(number="12/KH-MTTQ")
    download = client.get(plan.files.get().get_absolute_url(), HTTP_HOST=host)
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    pinned = Announcement.objects.current().get(is_pinned=True)
    expired = Announcement.objects.expired().get()
    home = client.get("/", HTTP_HOST=host).content.decode()
    assert pinned.title in home
    assert expired.title not in home
    assert expired.title in client.get("/thong-bao/", HTTP_HOST=host).content.decode()
    # The resolution belongs to the congress: its page lists it.
    resolution = Document.objects.get(number="01/NQ-ĐH")
    assert resolution.conference is not None
    conference_page = client.get(resolution.conference.get_absolute_url(), HTTP_HOST=host).content.decode()
    assert "Nghị quyết số 01/NQ-ĐH" in conference_page


def test_the_demo_chairs_dashboard_has_something_in_every_part(demo, client):
    from django.contrib.auth import get_user_model

    from campaigns.demo import CHAIR_USERNAME

    chair = get_user_model().objects.get(username=CHAIR_USERNAME)
    client.force_login(chair)
    page = client.get("/quan-tri/", HTTP_HOST="hoaphu.localhost").content.decode()
    for heading in (
        "Các cuộc vận động đang diễn ra",
        "Cùng kỳ năm trước:",
        "Khu dân cư chậm so với cả xã",
        "Kết quả chờ xác nhận",
        "Số liệu được nêu không khớp với sổ",
        "Ý kiến, kiến nghị quá hạn trả lời",
        "Kiến nghị sau giám sát quá hạn",
    ):
        assert heading in page, heading


def test_the_demo_has_videos_links_and_two_banners_on_the_home_page(demo, client):
    from news.links import Banner, WebLink
    from news.videos import Video

    video = Video.objects.filter(album__isnull=False, post__isnull=False).get()
    host = video.commune.host
    home = client.get("/", HTTP_HOST=host).content.decode()
    assert video.title in home
    assert all(link.title in home for link in WebLink.objects.filter(commune=video.commune))
    banners = Banner.objects.filter(commune=video.commune)
    assert banners.count() == 2 and all(f'alt="{banner.title}"' in home for banner in banners)
    album = client.get(video.album.get_absolute_url(), HTTP_HOST=host).content.decode()
    assert f"youtube-nocookie.com/embed/{video.youtube_id}" in album
