"""wide.csv: one row per report-year — who and when, the outcome, every template cell as a column named by its
keys (`applications__results_granted__natural_person`), and a few standard indicators.

An indicator is a ratio of sums of cells; it is empty when the denominator is 0 or any cell it reads holds no
number (blank, "/", text, missing) — never computed from a made-up 0.

The same rows are written by the batch (wide.csv, wide.parquet) and defined in SQL over the tables reports, cells
and sections (`view_sql`: DuckDB's PIVOT of the cells that hold a number), so extractor.duckdb's `wide` is a view
that cannot drift from the file.
"""
from __future__ import annotations

from functools import lru_cache

from ..template.values import NUMBER_STATES
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
    """A cell's column in wide: usable in SQL without quoting (the keys' dots become `_`)."""
    return f"{table}__{row.replace('.', '_')}__{column.replace('.', '_')}"


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


# The leading columns in SQL over reports r (and sections s, whose metadata holds the period); the others are r's own.
_LEADING_SQL = {"period": "coalesce(array_to_string(CAST(s.metadata -> 'period' AS VARCHAR[]), '/'), '')",
                "source_file": "r.path"}
_IN_WIDE = "r.status NOT IN ('failed', 'skipped') AND r.duplicate_of = ''"  # the reports wide has a row for


def _sum_sql(refs: tuple[str, ...]) -> str:
    return "(" + " + ".join(column_name(*ref.split("|")) for ref in refs) + ")" if refs else "0"


def view_sql() -> str:
    """wide as a SELECT over the tables reports, cells and sections: its rows and columns, in its order."""
    cells = [column_name(*ref) for ref in cell_refs()]
    states = ", ".join(f"'{state}'" for state in NUMBER_STATES)
    keys = ", ".join(f"'{cell}'" for cell in cells)
    leading = [f"{_LEADING_SQL.get(name, 'r.' + name)} AS {name}" for name in LEADING]
    # round_even(…, 6) rounds as Python's round does (ties to even): equal on every k/n with n < 400 (measured)
    indicators = [f"CASE WHEN {_sum_sql(bottom)} - {_sum_sql(pending)} = 0 THEN NULL "
                  f"ELSE round_even({_sum_sql(top)} / ({_sum_sql(bottom)} - {_sum_sql(pending)}), 6) END AS {name}"
                  for name, top, pending, bottom, _ in INDICATORS]
    values = [f"p.{cell}" for cell in cells]
    # any_value: a report holds one cell per key (the template stage keeps a key's first reading)
    return (f"WITH numbers AS (SELECT source_file, table_key || '__' || replace(row_key, '.', '_') || '__' || replace(column_key, '.', '_')"
            f" AS cell, value FROM cells WHERE state IN ({states})), "
            f"pivoted AS (PIVOT numbers ON cell IN ({keys}) USING any_value(value) GROUP BY source_file) "
            f"SELECT {', '.join([*leading, *indicators, *values])} "
            "FROM reports r LEFT JOIN pivoted p ON p.source_file = r.path LEFT JOIN sections s ON s.source_file = r.path "
            f"WHERE {_IN_WIDE} ORDER BY r.rowid")
