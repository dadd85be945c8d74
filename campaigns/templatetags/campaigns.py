"""The honest progress bar and the area ranking as tags, drawn in Python: a commune may rank
hundreds of areas, and an `{% include %}` per row costs more than the rest of the page.

Every text value is escaped here; numbers are integers computed by `Progress`.
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()

FILL, FILL_OVER, TRACK, MARK = "#1a7f37", "#0b6e4f", "#e9e4dc", "#1f2328"


def _bar(progress, compact=False):
    fill = mark = note = ""
    if progress.bar_fill:
        colour = FILL_OVER if progress.is_over else FILL
        fill = f'<rect width="{int(progress.bar_fill)}" height="10" fill="{colour}" />'
    if progress.bar_target_mark is not None:
        mark = f'<rect x="{int(progress.bar_target_mark)}" width="1" height="10" fill="{MARK}" />'
    if progress.is_over and not compact:
        text = _("Vượt chỉ tiêu %(over)s — vạch đen là mức chỉ tiêu.") % {"over": progress.over_percent_text}
        note = f'<p class="progress-note">{escape(text)}</p>'
    label = escape(progress.label)
    return (
        f'<svg class="progress-svg" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" '
        f'aria-label="{label}" focusable="false"><title>{label}</title>'
        f'<rect width="100" height="10" fill="{TRACK}" />{fill}{mark}</svg>{note}'
    )


@register.simple_tag
def progress_bar(progress, compact=False):
    """An SVG bar (no style attribute) named by its figure; beyond 100% the whole bar is the
    achieved figure and a dark mark shows where the target was."""
    return mark_safe(_bar(progress, compact))  # noqa: S308 - every text part escaped in _bar


@register.simple_tag
def ranking_list(result, label=None):
    """Areas (or a province's communes) ranked against their own targets, as an ordered list of
    bars; `label` names the list (default: the areas' ranking); a row with `url` links."""
    rank_word = escape(_("Hạng"))
    items = []
    for row in result.rows:
        progress = row.progress
        if progress.percent is None:
            head, bar = f'<span class="meta">{escape(progress.status.lower())}</span>', ""
        else:
            head, bar = (
                f'<span class="ranking-pct">{escape(progress.percent_text)}</span>',
                _bar(progress, compact=True),
            )
        items.append(
            f'<li class="ranking-item"><span class="ranking-rank"><span class="visually-hidden">{rank_word} </span>{row.rank}</span>'
            f'<div class="ranking-body"><div class="ranking-head"><span class="ranking-area">{_name(row)}</span>'
            f'{head}</div>{bar}<div class="meta">{escape(progress.figure)}</div></div></li>'
        )
    label = escape(
        label
        or _("Xếp hạng khu dân cư theo tỷ lệ đạt chỉ tiêu của mình — %(name)s")
        % {"name": result.indicator.name}
    )
    return mark_safe(f'<ol class="ranking-list" aria-label="{label}">{"".join(items)}</ol>')  # noqa: S308


def _name(row):
    url = getattr(row, "url", None)
    return f'<a href="{escape(url)}">{escape(row.area_name)}</a>' if url else escape(row.area_name)
