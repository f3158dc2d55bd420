"""How values read on a Vietnamese page: numbers, dates, figures, counts.

Presentation helpers the templates call; they return plain text, which the
renderer escapes like any other value.
"""

from __future__ import annotations

import datetime as dt
import re

from ..records.schema import Figure


def number(value: int | float | str) -> str:
    """A number as Vietnamese prints it: "." between thousands, "," before decimals.

    >>> number(14162), number(1070), number(12.5), number(950), number("77/112")
    ('14.162', '1.070', '12,5', '950', '77/112')
    """
    if isinstance(value, bool) or isinstance(value, str):
        return str(value)
    if isinstance(value, float) and not value.is_integer():
        whole, _, decimals = f"{value:,.6f}".rstrip("0").partition(".")
        return whole.replace(",", ".") + "," + decimals
    return f"{int(value):,}".replace(",", ".")


def figure_parts(figure: Figure) -> tuple[str, str, str]:
    """A figure as one phrase: (label before the amount, the amount with its unit,
    label after it).

    A label that starts with the unit does not repeat it: 380, "cuộc", "Cuộc đối
    thoại 6 tháng đầu năm" reads "380 cuộc đối thoại 6 tháng đầu năm"
    (``("", "380 cuộc", "đối thoại 6 tháng đầu năm")``).  Any other label comes
    first: "Tỉ lệ xã đạt chuẩn: từ 70% đến 86%" (``("Tỉ lệ xã đạt chuẩn", "từ 70%
    đến 86%", "")``).
    """
    amount = number(figure.value)
    unit = (figure.unit or "").strip()
    label = " ".join(figure.label.split())
    if unit:
        rest = label[len(unit):]
        # The unit must end at a word boundary: "hộ" must not match "Hội viên".
        if label.casefold().startswith(unit.casefold()) and (not rest or not rest[0].isalnum()):
            return "", f"{amount} {unit}", rest.strip(" ,:")
        return label, f"{amount} {unit}", ""
    return label, amount, ""


def and_list(items: list[str]) -> str:
    """ "a", "a và b", "a, b và c"."""
    items = [str(i) for i in items]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def date_short(value: dt.date | None) -> str:
    return f"{value.day}/{value.month}/{value.year}" if value else ""


def date_long(value: dt.date | None) -> str:
    return f"ngày {value.day} tháng {value.month} năm {value.year}" if value else ""


def first_sentence(text: str, limit: int = 200) -> str:
    """The first sentence of ``text`` (if it says enough on its own), at most about
    ``limit`` characters (for a page's meta description)."""
    text = " ".join(text.split())
    match = re.match(r"(.+?[.!?…])(\s|$)", text)
    return clip(match.group(1) if match and len(match.group(1)) >= 40 else text, limit)


def clip(text: str, limit: int = 200) -> str:
    """``text`` cut at a word boundary before ``limit`` characters, with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
