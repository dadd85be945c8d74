"""Small helpers that make campaign rows for tests."""

import datetime

from campaigns.models import Contribution


def give(indicator, area, amount=0, quantity=0, date=datetime.date(2025, 3, 1), **fields):
    """A contribution saved directly (tests of rules call the services instead)."""
    fields.setdefault("donor_name", "Nguyễn Văn An")
    return Contribution.objects.create(
        indicator=indicator, area=area, amount=amount, quantity=quantity, date=date, **fields
    )
