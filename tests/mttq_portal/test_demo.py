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
