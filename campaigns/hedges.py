"""The words (`trên`, `gần`, `khoảng`) that hedged entries give to the sums they are part of.

Sums stay SQL sums of the bound columns; the words come from one more query over the few
hedged entries (a partial index holds only them), so a million exact entries cost nothing
here. A hedged entry that was reversed, and the reversal itself, give no word: together
they are an exact zero. Words combine as `lib.figures.Figure.__add__` says: exact + `trên`
is `trên`; `trên` + `gần` is only `khoảng`.
"""

from django.db.models import Q

from lib.figures import word_of

from .models import Contribution

HEDGED = ~Q(amount_qualifier="") | ~Q(quantity_qualifier="")


def hedges_for(indicator_ids, **filters):
    """The hedged entries of these indicators (one query), as a `Hedges` to ask for words."""
    if not indicator_ids:
        return Hedges([])
    rows = (
        Contribution.objects.countable()
        .filter(HEDGED, indicator_id__in=list(indicator_ids), **filters)
        .filter(reverses__isnull=True, reversed_by__isnull=True)
        .values_list("indicator_id", "area_id", "date", "amount_qualifier", "quantity_qualifier")
        .order_by()
        .distinct()
    )
    return Hedges(list(rows))


class Hedges:
    def __init__(self, rows):
        self.rows = rows

    def words(self, indicator, *, area_id=None, start=None, end=None, commune_wide=False):
        """(word of the measured figure, word of the money value) for the sum of `indicator`'s
        entries, optionally of one area (or, `commune_wide`, of the entries of no area) and
        between two dates (inclusive)."""
        amounts, quantities = set(), set()
        for indicator_id, row_area, day, amount_word, quantity_word in self.rows:
            if indicator_id != indicator.pk or (area_id is not None and row_area != area_id):
                continue
            if commune_wide and row_area is not None:
                continue
            if (start and day < start) or (end and day > end):
                continue
            amounts.add(amount_word)
            quantities.add(quantity_word)
        amount_word = word_of(amounts)
        if indicator.is_money:
            return amount_word, amount_word
        return word_of(quantities), amount_word
