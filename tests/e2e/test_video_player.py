"""A reader on a 360 px phone opens a YouTube video's page: nothing is asked of YouTube until
the poster is tapped, which puts the privacy-enhanced player (youtube-nocookie.com) in its place."""

import pytest

from tests.news.conftest import jpeg_upload

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def video(commune):
    from news import services
    from news.videos import Video

    return services.save_video(
        Video(commune=commune, title="Ngày hội Đại đoàn kết thôn Đông"),
        youtube_url="https://www.youtube.com/watch?v=aqz-KE-bpKQ",
        poster=jpeg_upload(width=640, height=360),
    )


def test_the_player_loads_only_when_the_reader_taps_the_poster(page, live_server, video):
    context = page.context.browser.new_context(
        locale="vi-VN", viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True
    )
    tab = context.new_page()
    asked, errors = [], []
    # No request leaves for another site: answered here with an empty page, and recorded.
    tab.route(
        lambda url: not url.startswith(live_server.url),
        lambda route: (asked.append(route.request.url), route.fulfill(status=204)),
    )
    tab.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    tab.goto(live_server.url + video.get_absolute_url())
    tab.wait_for_load_state("networkidle")
    assert asked == []
    assert tab.locator("iframe").count() == 0
    tab.locator("a.video-poster").click()
    frame = tab.locator("iframe.video-frame")
    frame.wait_for()
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1&rel=0"
    assert frame.get_attribute("title") == "Ngày hội Đại đoàn kết thôn Đông"
    tab.wait_for_timeout(300)
    assert asked and all(url.startswith("https://www.youtube-nocookie.com/") for url in asked)
    assert not [error for error in errors if "Content Security Policy" in error]
    context.close()
