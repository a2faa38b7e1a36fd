"""A printed cell → (value, state). Never invents a number: blank stays empty, "/" stays na.

States (report contract §2): numeric, zero, empty (blank), na ("/", "-", "—", "无", "不涉及", "N/A"), text
(anything else; `value` then holds a number only when one can be read without guessing, and a note says so).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..grammar import AMOUNT_UNITS, COUNT_UNITS, NA_TOKENS, NUMBER

NUMBER_STATES = ("numeric", "zero")  # states whose value is a number; empty, na and text never count as one
VALUE_STATES = ("numeric", "zero", "na")  # states of a cell that holds a value (a table body cell, not a label)
# A column's own unit (grammar.COUNT_UNITS, AMOUNT_UNITS) is the only one accepted silently.
AMOUNT_COLUMNS = frozenset({"fee_amount", "procurement_amount"})  # amounts in 万元; every other column counts
SIGNED_COLUMNS = frozenset({"change"})  # 2019's 本年增/减: the only column whose count may be negative
_NUMBER = re.compile(rf"^{NUMBER}$")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=16384)
def collapse(raw: str) -> str:
    """The cell text with whitespace (including full-width spaces and line breaks) collapsed."""
    return _SPACE.sub(" ", raw.replace("\u3000", " ").replace("\xa0", " ")).strip()


def _number(text: str) -> int | float | None:
    match = _NUMBER.match(text)
    if not match:
        return None
    sign, digits, fraction = match.groups()
    digits = digits.replace(",", "")
    value: int | float = float(digits + fraction) if fraction else int(digits)
    return -value if sign == "-" else value


@lru_cache(maxsize=16384)
def parse_value(raw: str, amount: bool = False) -> tuple[int | float | None, str, str | None]:
    """(value, state, note) of a count, or of an amount when `amount` (a column of AMOUNT_COLUMNS): each may carry
    its own unit (54件, 12.5万元); `note` explains a text state."""
    units = AMOUNT_UNITS if amount else COUNT_UNITS
    text = collapse(raw)
    if not text:
        return None, "empty", None
    folded = unicodedata.normalize("NFKC", text).replace(" ", "").replace("，", ",")
    if folded.lower() in NA_TOKENS or text in NA_TOKENS:
        return None, "na", None
    for unit in sorted(units, key=len, reverse=True):
        if folded.endswith(unit) and _number(folded[: -len(unit)]) is not None:
            folded = folded[: -len(unit)]
            break
    value = _number(folded)
    if value is not None:
        return value, ("zero" if value == 0 else "numeric"), None
    with_unit = re.fullmatch(r"([-+]?[\d,]+(?:\.\d+)?)(\D{1,4})", folded)
    readable = _number(with_unit.group(1)) if with_unit else None
    if readable is not None:
        return readable, "text", f"{text!r} is not a plain number in this column; read as {readable} with its unit kept in raw"
    return None, "text", f"{text!r} is not a number"
