"""wide.csv: one row per report-year — who and when, the outcome, every template cell as a column named by its
keys (`applications__results_granted__natural_person`), and a few standard indicators.

An indicator is a ratio of sums of cells; it is empty when the denominator is 0 or any cell it reads holds no
number (blank, "/", text, missing) — never computed from a made-up 0.
"""
from __future__ import annotations

from functools import lru_cache

from ..vocabulary import TABLES, vocabulary

# name, numerator cells, subtracted from the denominator, denominator cells, definition (as in the README)
INDICATORS: tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...], str], ...] = (
    ("granted_share", ("applications|results.granted|total", "applications|results.partially_granted|total"), (),
     ("applications|results.total|total",),
     "applications granted in full or in part (（一）予以公开 + （二）部分公开) ÷ all applications decided （七）总计"),
    ("review_corrected_share", ("review_litigation|review|corrected",), ("review_litigation|review|pending",),
     ("review_litigation|review|total",),
     "administrative reviews corrected (结果纠正) ÷ reviews concluded (总计 − 尚未审结)"),
    ("litigation_corrected_share", ("review_litigation|litigation.direct|corrected", "review_litigation|litigation.after_review|corrected"),
     ("review_litigation|litigation.direct|pending", "review_litigation|litigation.after_review|pending"),
     ("review_litigation|litigation.direct|total", "review_litigation|litigation.after_review|total"),
     "lawsuits corrected (both kinds) ÷ lawsuits concluded (总计 − 尚未审结, both kinds)"),
)
LEADING = ("agency_id", "agency", "year", "template", "format", "title", "published", "period", "status", "failed_checks",
           "warnings", "source_file")


def column_name(table: str, row: str, column: str) -> str:
    """A cell's column in wide: usable in SQL without quoting."""
    return f"{table}__{row.replace('.', '_')}__{column}"


@lru_cache(maxsize=1)
def cell_refs() -> tuple[tuple[str, str, str], ...]:
    """Every cell of either template, the 2021 format's first, in print order."""
    vocab = vocabulary()
    return tuple(dict.fromkeys((t, r, c) for fmt in ("2021", "2019") for t in TABLES for r, c in vocab.cells(t, fmt)))


def columns() -> tuple[str, ...]:
    return (*LEADING, *(name for name, *_ in INDICATORS), *(column_name(*ref) for ref in cell_refs()))


def row(leading: list, values: dict[tuple[str, str, str], float | int | None]) -> list:
    """One report's wide row: `leading` in LEADING order, then the indicators, then every cell's value."""
    return [*leading, *(_ratio(values, *spec[1:4]) for spec in INDICATORS), *(values.get(ref) for ref in cell_refs())]


def _ratio(values: dict, numerator: tuple[str, ...], pending: tuple[str, ...], denominator: tuple[str, ...]):
    def total(refs):
        found = [values.get(tuple(ref.split("|"))) for ref in refs]
        return None if any(v is None for v in found) else sum(found)

    top, waiting, bottom = total(numerator), total(pending), total(denominator)
    if top is None or waiting is None or bottom is None or bottom - waiting == 0:
        return None
    return round(top / (bottom - waiting), 6)
