"""The words of a meeting as it is announced and reported: whether it is still announced or was
held, the part of the day when no hour is given ("sáng 12/11/2026"), and who chairs it when the
Front only co-organises ("Đảng ủy xã chủ trì, Ủy ban MTTQ xã phối hợp tổ chức").

Plain choices and words, no model: `congresses.models.Conference` reads them at import.
"""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConferenceStatus(models.TextChoices):
    ANNOUNCED = "announced", _("Thông báo, sắp tổ chức")
    HELD = "held", _("Đã tổ chức")


class PartOfDay(models.TextChoices):
    MORNING = "sang", _("Sáng")
    AFTERNOON = "chieu", _("Chiều")
    EVENING = "toi", _("Tối")


# The hour a meeting announced only by its part of the day is filed under, so that lists and
# the calendar order it among the others (morning before afternoon before evening).
PART_HOURS = {
    PartOfDay.MORNING: datetime.time(7, 30),
    PartOfDay.AFTERNOON: datetime.time(14, 0),
    PartOfDay.EVENING: datetime.time(19, 0),
}


class Organiser(models.TextChoices):
    PARTY = "dang_uy", _("Đảng ủy")
    COUNCIL = "hdnd", _("Hội đồng nhân dân")
    PEOPLES_COMMITTEE = "ubnd", _("Ủy ban nhân dân")
    OTHER = "khac", _("Cơ quan khác")


# How a report names each organiser before the commune's kind: "Đảng ủy xã", "HĐND xã".
ORGANISER_WORDS = {
    Organiser.PARTY: "Đảng ủy",
    Organiser.COUNCIL: "HĐND",
    Organiser.PEOPLES_COMMITTEE: "UBND",
}
