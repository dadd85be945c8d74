"""Demo poll of the home page (original wording) with answers spread over the last days, and a
closed one with its results public. Loaded once; run again it changes nothing."""

import datetime

from django.utils import timezone

from .polls import Ballot, Poll, PollOption

RUNNING = (
    "Trên trang của Mặt trận xã, bạn muốn đọc thêm về điều gì nhất?",
    [
        ("Tiến độ các cuộc vận động, Quỹ “Vì người nghèo”", 46),
        ("Thông báo, lịch họp và lịch tiếp xúc cử tri", 31),
        ("Gương người tốt, việc tốt ở các thôn", 22),
        ("Kết quả giám sát, trả lời ý kiến của cử tri", 17),
        ("Hình ảnh, video hoạt động", 9),
    ],
)
CLOSED = (
    "Giờ nào thuận tiện nhất để bà con dự hội nghị ở thôn?",
    [("Buổi sáng ngày nghỉ", 38), ("Chiều tối ngày thường (sau 19 giờ)", 57), ("Buổi chiều ngày thường", 12)],
)


def _poll(commune, question, options, opens_at, closes_at, results):
    poll = Poll.objects.filter(commune=commune, question=question).first()
    if poll is not None:
        return poll
    poll = Poll.objects.create(
        commune=commune, question=question, opens_at=opens_at, closes_at=closes_at, results=results
    )
    ballots = []
    for position, (text, answers) in enumerate(options, start=1):
        option = PollOption.objects.create(poll=poll, text=text, position=position)
        span = max(1, ((closes_at or timezone.now()) - opens_at).total_seconds())
        ballots += [
            Ballot(
                poll=poll,
                option=option,
                cast_at=opens_at + datetime.timedelta(seconds=span * (n + 0.5) / answers),
            )
            for n in range(answers)
        ]
    Ballot.objects.bulk_create(ballots)
    return poll


def load(commune, log=print):
    now = timezone.now()
    _poll(
        commune,
        *RUNNING,
        now - datetime.timedelta(days=12),
        now + datetime.timedelta(days=30),
        Poll.Results.ALWAYS,
    )
    _poll(
        commune,
        *CLOSED,
        now - datetime.timedelta(days=80),
        now - datetime.timedelta(days=50),
        Poll.Results.AFTER_CLOSE,
    )
    log("  2 khảo sát (1 đang mở, 1 đã kết thúc), có câu trả lời")
