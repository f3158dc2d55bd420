"""Charts drawn at build time: series of numbers → an accessible inline SVG figure.

A hand-written horizontal bar chart (plain or stacked) is all the site needs, so no
chart library: pygal, the well-kept small one, links its tooltips script from
another host by default and draws vertical axes whose labels do not fit a 390 px
phone.  Each figure carries the numbers as a table beside the picture, a
``<title>`` and ``<desc>`` for screen readers and axis labels.  Every label comes
from records, so everything is escaped for HTML/XML here; the result is trusted
HTML (:class:`~generator.pages.markdown.Md`) a template prints as is.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from ..pages.format import number
from ..pages.markdown import Md

#: Okabe–Ito colours: told apart with every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
#: Series beyond the palette are summed into one named "Khác" (other).
MAX_SERIES = len(PALETTE)
OTHER = "Khác"


def _escape(text: object) -> str:
    return escape(str(text), quote=True)

# Geometry, in SVG user units = CSS pixels: the picture is drawn at its natural
# size, which fits a 390 px phone's column; narrower columns shrink it.
WIDTH = 360
ROW = 22  # height of one bar's row
BAR = 15
FONT = 13
LEGEND_ROW = 18
MARGIN = 8
LABEL_CHARS = 16  # longer category labels are shortened in the picture (the table has them whole)


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class Chart:
    """Rows (``categories``) of one or more stacked ``series``."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    value_label: str  # the horizontal axis: what is counted ("Số hội nghị")
    category_label: str  # the vertical axis: what the rows are ("Năm")
    description: str = ""
    totals: tuple[float, ...] = field(init=False)

    def __post_init__(self) -> None:
        totals = tuple(sum(s.values[i] for s in self.series) for i in range(len(self.categories)))
        object.__setattr__(self, "totals", totals)


def bars(title: str, rows: Sequence[tuple[str, float]], *, value_label: str, category_label: str,
         series_name: str = "", description: str = "") -> Chart:
    """One bar per row."""
    return Chart(title, tuple(label for label, _ in rows), (Series(series_name or value_label,
                 tuple(value for _, value in rows)),), value_label, category_label, description)


def stacked(title: str, categories: list[str], series: dict[str, list[float]], *, value_label: str,
            category_label: str, description: str = "") -> Chart:
    """One bar per category, split by series (largest series first; the rest summed as "Khác")."""
    ranked = sorted(series.items(), key=lambda item: -sum(item[1]))
    if len(ranked) > MAX_SERIES:
        kept, rest = ranked[: MAX_SERIES - 1], ranked[MAX_SERIES - 1 :]
        ranked = [*kept, (OTHER, [sum(values) for values in zip(*(v for _, v in rest))])]
    return Chart(title, tuple(categories), tuple(Series(name, tuple(values)) for name, values in ranked),
                 value_label, category_label, description)


def _number(value: float) -> str:
    """1234.5 → "1.234,5": :func:`format.number` at two decimals at most."""
    return number(round(float(value), 2))


def _ticks(top: float) -> list[float]:
    """About four round steps from 0 to at least ``top``."""
    if top <= 0:
        return [0, 1]
    raw = top / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    if top <= 4 and float(top).is_integer():
        step = 1  # small counts: one tick per unit, never "0,5 hội nghị"
    count = math.ceil(top / step)
    return [step * i for i in range(count + 1)]


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def svg(chart: Chart) -> str:
    """The picture: a ``role="img"`` SVG with a title, a description and axis labels."""
    e = _escape
    legend = len(chart.series) > 1
    label_width = min(LABEL_CHARS, max((len(c) for c in chart.categories), default=1)) * FONT * 0.58 + MARGIN
    plot_left = MARGIN + label_width
    plot_right = WIDTH - MARGIN - 40  # room for the total after the longest bar
    ticks = _ticks(max(chart.totals, default=0))
    scale = (plot_right - plot_left) / ticks[-1]
    top = MARGIN + FONT + 6  # the vertical axis label
    legend_height = LEGEND_ROW * len(chart.series) if legend else 0
    plot_top = top + legend_height
    plot_bottom = plot_top + ROW * len(chart.categories)
    height = plot_bottom + FONT * 2 + 14 + MARGIN
    out = [
        f'<svg class="bb-chart__svg" role="img" width="{WIDTH}" height="{height:.0f}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="{FONT}" fill="currentColor">',
        f"<title>{e(chart.title)}</title>",
        f"<desc>{e(chart.description or _describe(chart))}</desc>",
        f'<text x="{MARGIN}" y="{MARGIN + FONT}" font-weight="bold">{e(chart.category_label)}</text>',
    ]
    if legend:
        for i, series in enumerate(chart.series):
            y = top + i * LEGEND_ROW
            out.append(f'<rect x="{plot_left:.1f}" y="{y + 3}" width="12" height="12" fill="{PALETTE[i]}"/>'
                       f'<text x="{plot_left + 18:.1f}" y="{y + 13}">{e(series.name)}</text>')
    for tick in ticks:
        x = plot_left + tick * scale
        out.append(f'<line x1="{x:.1f}" y1="{plot_top}" x2="{x:.1f}" y2="{plot_bottom}" '
                   'stroke="currentColor" stroke-opacity="0.15"/>'
                   f'<text x="{x:.1f}" y="{plot_bottom + FONT + 4}" text-anchor="middle">{_number(tick)}</text>')
    for row, category in enumerate(chart.categories):
        y = plot_top + row * ROW
        out.append(f'<text x="{plot_left - 6:.1f}" y="{y + BAR - 3}" text-anchor="end">'
                   f"{e(_short(category))}</text>")
        x = plot_left
        for i, series in enumerate(chart.series):
            width = series.values[row] * scale
            if width > 0:
                out.append(f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR}" fill="{PALETTE[i]}">'
                           f"<title>{e(category)}, {e(series.name)}: {_number(series.values[row])}</title></rect>")
            x += width
        out.append(f'<text x="{x + 4:.1f}" y="{y + BAR - 3}">{_number(chart.totals[row])}</text>')
    out.append(f'<line x1="{plot_left:.1f}" y1="{plot_top}" x2="{plot_left:.1f}" y2="{plot_bottom}" '
               'stroke="currentColor"/>')
    out.append(f'<text x="{(plot_left + plot_right) / 2:.1f}" y="{plot_bottom + FONT * 2 + 10}" '
               f'text-anchor="middle" font-weight="bold">{e(chart.value_label)}</text>')
    out.append("</svg>")
    return "".join(out)


def _describe(chart: Chart) -> str:
    if not chart.categories:
        return "Không có số liệu."
    best = max(range(len(chart.categories)), key=lambda i: chart.totals[i])
    return (f"{len(chart.categories)} hàng; cao nhất: {chart.categories[best]} "
            f"({_number(chart.totals[best])}). Số liệu đầy đủ ở bảng bên cạnh.")


def table(chart: Chart) -> str:
    """The chart's numbers: one row per category, one column per series (and a total)."""
    e = escape
    several = len(chart.series) > 1
    head = [f'<th scope="col">{e(chart.category_label)}</th>']
    head += [f'<th scope="col">{e(s.name)}</th>' for s in chart.series]
    if several:
        head.append('<th scope="col">Tổng</th>')
    rows = []
    for i, category in enumerate(chart.categories):
        cells = [f'<th scope="row">{e(category)}</th>']
        cells += [f"<td>{_number(s.values[i])}</td>" for s in chart.series]
        if several:
            cells.append(f"<td>{_number(chart.totals[i])}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (f"<table><caption>{e(chart.title)}: số liệu</caption><thead><tr>{''.join(head)}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def figure(chart: Chart, *, with_table: bool = True) -> Md:
    """The chart and its table side by side (stacked on a phone), as one HTML block.

    ``with_table=False`` when the page shows the same numbers in a table of its own."""
    parts = [f'<figure class="bb-chart"><figcaption>{escape(chart.title)}</figcaption>',
             f'<div class="bb-chart__picture">{svg(chart)}</div>']
    if with_table:
        # It may scroll sideways: a keyboard must be able to reach it (tabindex), and a
        # screen reader hears what it is (role, label).
        parts.append(f'<div class="bb-chart__numbers" tabindex="0" role="region" '
                     f'aria-label="{escape("Số liệu: " + chart.title)}">{table(chart)}</div>')
    parts.append("</figure>")
    # A raw HTML block for Markdown: on lines of its own, blank lines around it.
    return Md("\n\n" + "\n".join(parts) + "\n\n")
