"""Demo data for `make demo`: a commune and its seven villages (original, invented names)."""

import datetime

from .models import Commune, ResidentialArea

AREA_NAMES = ["Đông", "Tây", "Trung", "Phú Lộc", "Đồng Tâm", "An Bình", "Hòa Thuận"]


def load(commune=None, log=print):
    commune, _ = Commune.objects.get_or_create(
        name="Hòa Phú",
        defaults={
            "kind": Commune.Kind.COMMUNE,
            "province": "tỉnh Quảng Nam",
            "address": "Trụ sở Ủy ban MTTQ xã, thôn Trung, xã Hòa Phú",
            "phone": "0235 3812 345",
        },
    )
    for position, name in enumerate(AREA_NAMES, start=1):
        ResidentialArea.objects.get_or_create(
            commune=commune,
            name=name,
            defaults={"position": position, "valid_from": datetime.date(2019, 1, 1)},
        )
    log(f"  {commune.full_name}: {commune.areas.count()} khu dân cư")
    return commune
