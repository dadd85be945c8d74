"""Progress over time drawn on the server as SVG: cumulative monthly bars and the target line.

No chart script: the template writes the shapes from these numbers (attributes, no style),
with a title, a description and a data table for people who cannot see the picture.
Coordinates are strings with a dot: the template would localise floats to `12,5`.
"""

from lib.vietnamese import format_number

WIDTH, HEIGHT = 400, 220
LEFT, RIGHT, TOP, BOTTOM = 4, 4, 22, 26


def _n(value):
    return f"{value:.1f}"


def progress_chart(indicator, points, target=None):
    """`points` are (first day of month, cumulative figure). Returns what `_chart.html` draws."""
    top_value = max([value for _, value in points] + [target or 0, 1])
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(points)
    bar_w = max(3, min(36, slot * 0.62))
    one_year = len({month.year for month, _ in points}) == 1

    def y_of(value):
        return TOP + plot_h - plot_h * max(value, 0) / top_value

    bars = []
    for index, (month, value) in enumerate(points):
        y = y_of(value)
        bars.append(
            {
                "x": _n(LEFT + slot * index + (slot - bar_w) / 2),
                "y": _n(y),
                "w": _n(bar_w),
                "h": _n(TOP + plot_h - y),
                "short": f"T{month.month}" if one_year else f"{month.month}/{month.year % 100:02d}",
                "label": f"{month.month:02d}/{month.year}",
                "label_x": _n(LEFT + slot * index + slot / 2),
                "value": f"{format_number(value)} {indicator.unit_text}",
            }
        )
    unit = indicator.unit_long
    last_month, last_value = points[-1]
    description = (
        f"Lũy kế đến tháng {last_month.month:02d}/{last_month.year}: {format_number(last_value)} {unit}"
    )
    if target:
        description += f"; chỉ tiêu {format_number(target)} {unit}"
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "bars": bars,
        "axis_y": _n(TOP + plot_h),
        "label_y": _n(HEIGHT - 8),
        "target_y": _n(y_of(target)) if target else None,
        "legend_y": _n(12),
        "legend_line_y": _n(8),
        "target_text": f"Chỉ tiêu: {format_number(target)} {indicator.unit_text}" if target else "",
        "right": _n(WIDTH - RIGHT),
        "title": f"Tiến độ {indicator.name} theo tháng (lũy kế)",
        "description": description,
        "show_every": max(1, -(-len(points) // 12)),
    }
