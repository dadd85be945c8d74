"""The plain shapes the admin's first page (the chair's dashboard) is made of.

Each app has a `dashboard.py` whose functions take a `Board` (who is asking, for which
commune, on which day) and return a `Section` of `Item`s, or None when there is nothing to
say. They never import each other; `mttq_portal/dashboard.py` lists them and renders them.
Every item names the URL where it is fixed: an admin change page or a filtered change list.
"""

import datetime
from dataclasses import dataclass, field


@dataclass
class Board:
    """Who the page is for: the signed-in user, the commune whose figures it shows (None for
    the province's page), the province, and today's date in the site's time zone."""

    user: object
    commune: object | None
    today: datetime.date
    province: object | None = None
    _memo: dict = field(default_factory=dict, repr=False)

    def once(self, key, make):
        """`make()`, computed once per page: sections that share a read share its queries."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]


@dataclass
class Item:
    text: str
    url: str
    detail: str = ""
    figure: str = ""
    # "late" (past a date), "warn" (wants a look), "" (plain)
    tone: str = ""
    when: datetime.date | None = None
    # An object with percent/bar_fill/bar_target_mark/label (campaigns.models.Progress), drawn
    # as the public pages draw it.
    progress: object | None = None
    links: list = field(default_factory=list)  # [(label, url)] under the item
    rows: list = field(default_factory=list)  # sub-items (a campaign's indicators)


@dataclass
class Section:
    key: str
    title: str
    items: list
    # The Django permission the section's links need ("app_label.codename"): the page shows
    # the section only to users who hold it, so no link answers 403.
    perm: str = ""
    count: int | None = None  # how many there are when `items` shows only the first ones
    more_url: str = ""
    more_label: str = ""
    rule: str = ""  # how the section decides what it lists, said to the reader
    empty: str = ""  # shown when `items` is empty (None sections are simply left out)
    order: int = 100
    template: str = "admin/dashboard/_items.html"
    extra: dict = field(default_factory=dict)

    @property
    def total(self):
        return len(self.items) if self.count is None else self.count

    @property
    def has_more(self):
        return self.total > len(self.items)
