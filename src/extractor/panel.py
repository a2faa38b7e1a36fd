"""Panel helpers: comparable agency names and checks across consecutive years of one agency."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .template.labels import vocabulary

if TYPE_CHECKING:
    import pandas as pd

# A trailing office of a body: 某市人民政府办公室 stays distinct from 某市人民政府 but shares its base.
_OFFICE_SUFFIX = re.compile(r"(?:办公室|办公厅)$")
_DROP = re.compile(r"[\s·•・]")


def agency_key(name: str | None) -> str:
    """The agency name folded for comparison: width, spaces and bracket styles removed; wording kept."""
    return _DROP.sub("", unicodedata.normalize("NFKC", name or ""))


def agency_base(name: str | None) -> str:
    """The body an office belongs to (某市人民政府办公室 → 某市人民政府); other names unchanged."""
    return _OFFICE_SUFFIX.sub("", agency_key(name))


# last year's in_force + this year's issued − this year's repealed = this year's in_force
IN_FORCE_ROWS = ("regulations", "normative_documents")




@lru_cache(maxsize=1)
def panel_cells() -> tuple[tuple[str, str, str], ...]:
    """The cells a cross-year check reads, kept per report by the batch."""
    columns = vocabulary().keys_of("applications", "column")
    return (*(("applications", row, col) for row in ("carried_forward", "carried_over") for col in columns),
            *(("active_disclosure", row, col) for row in IN_FORCE_ROWS for col in ("issued", "repealed", "in_force")))


def cross_year_checks(previous: dict, current: dict) -> list[dict]:
    """Checks between two consecutive years of one agency; each dict maps (table, row, column) → value or None."""
    out = []
    for col in vocabulary().keys_of("applications", "column"):
        out.append(_compare("panel.carried_over", f"column {col}", [(1, previous, ("applications", "carried_forward", col))],
                            (current, ("applications", "carried_over", col)), "上年结转下年度继续办理 = 本年上年结转"))
    for row in IN_FORCE_ROWS:
        out.append(_compare("panel.in_force", f"row {row}",
                            [(1, previous, ("active_disclosure", row, "in_force")), (1, current, ("active_disclosure", row, "issued")),
                             (-1, current, ("active_disclosure", row, "repealed"))],
                            (current, ("active_disclosure", row, "in_force")), "上年现行有效件数 + 本年制发 − 本年废止 = 本年现行有效件数"))
    return out


def _compare(rule: str, where: str, terms: list, target: tuple, wording: str) -> dict:
    values = [sign * v if (v := cells.get(ref)) is not None else None for sign, cells, ref in terms]
    actual = target[0].get(target[1])
    cells = [list(ref) for _, _, ref in terms] + [list(target[1])]
    if actual is None or any(v is None for v in values):
        return {"rule": rule, "where": where, "status": "not_assessable", "expected": None, "actual": None, "cells": cells,
                "message": f"{wording}: a cell is blank, '/' or missing"}
    expected = sum(values)
    status = "pass" if abs(expected - actual) < 1e-9 else "fail"
    return {"rule": rule, "where": where, "status": status, "expected": expected, "actual": actual, "cells": cells,
            "message": f"{wording}: {expected} vs {actual}"}


def panel(outdir: str | Path) -> pd.DataFrame:
    """The cells of a batch output folder as one DataFrame, with the reports' agency_id, agency_key and agency_base."""
    from .export import TABLE_FORMATS

    outdir = Path(outdir)
    writer = next((w for w in TABLE_FORMATS.values() if w.location(outdir, "reports").exists()
                   or (outdir / "extractor.duckdb").exists() and w.suffix == "duckdb"), None)
    if writer is None:
        raise FileNotFoundError(f"no batch output in {outdir} (reports.csv, .parquet, .jsonl or extractor.duckdb); "
                                "run `extractor batch` first")
    cells = writer.load(outdir, "cells")
    reports = writer.load(outdir, "reports")[["path", "agency_id", "agency_key", "agency_base"]]
    return cells.merge(reports.rename(columns={"path": "source_file"}), on="source_file", how="left")
