"""Panel helpers: comparable agency names and checks across consecutive years of one agency."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Check
from .relations import Numbers, assess, cross_year

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


@lru_cache(maxsize=1)
def panel_cells() -> tuple[tuple[str, str, str], ...]:
    """The cells a cross-year check reads, kept per report by the batch."""
    return tuple(dict.fromkeys(ref for rel in cross_year() for ref in rel.cells))


def cross_year_checks(previous: Numbers, current: Numbers) -> list[Check]:
    """The cross-year relations (relations.cross_year) assessed between two consecutive years of one agency; each
    mapping holds (table, row, column) → value, None or absent where the cell is no number."""
    return [assess(rel, current, previous) for rel in cross_year()]


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
