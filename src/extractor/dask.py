"""Beyond one machine: reports and cells as Dask dataframes (the `dask` extra), with the columns and dtypes of a
local batch's reports and cells tables.

    import extractor.dask
    from distributed import Client
    client = Client("tcp://scheduler:8786")
    reports, cells = extractor.dask.read("crawl/**/*.docx", partitions=256)
    cells.to_parquet("cells/")

Every file is converted where its partition runs; a file that cannot be read is a row of `reports` with status
`failed` and its `error_code`, never an exception that kills the job. What needs the whole batch at once — agency
ids across name variants, duplicates by content, cross-year checks — is left to `extractor batch`: here
`agency_id` is the folded name (panel.agency_key) and `duplicate_of` is empty.
"""
from __future__ import annotations

import glob
from collections.abc import Iterable

from .batch.assemble import REPORT_COLUMNS
from .errors import DIST, as_error
from .export import CSV_COLUMNS, csv_rows
from .export.tables import column_type, typed
from .panel import agency_base, agency_key
from .status import UNPLACED

try:
    import dask.bag as db
    import pandas as pd
except ImportError as exc:
    raise ImportError(f"extractor.dask needs dask: pip install '{DIST}[dask]'") from exc


_BLANK = {name: "" if column_type(name) == "text" else None for name in REPORT_COLUMNS}


def read(paths: str | Iterable[str], partitions: int | None = None):
    """(reports, cells) as dask dataframes for a glob pattern (recursive `**` allowed) or a list of paths."""
    files = sorted(glob.glob(paths, recursive=True)) if isinstance(paths, str) else [str(p) for p in paths]
    bag = db.from_sequence(files, npartitions=partitions or max(1, min(len(files), 64)))
    converted = bag.map(convert)
    reports = converted.pluck(0).to_dataframe(meta=_meta(REPORT_COLUMNS))
    cells = converted.pluck(1).flatten().to_dataframe(meta=_meta(CSV_COLUMNS))
    return reports.map_partitions(typed, meta=_meta(REPORT_COLUMNS)), cells.map_partitions(typed, meta=_meta(CSV_COLUMNS))


def convert(path: str) -> tuple[dict, list[dict]]:
    """One file → (its reports row, its cell rows), as dicts keyed by the batch's column names. Never raises."""
    from .api import parse

    try:
        report = parse(path)
    except Exception as exc:
        error = as_error(exc)
        return _BLANK | {"path": path, "status": "failed", "error_code": error.code,
                                                     "error": error.message}, []
    meta, source = report.metadata, report.document.source
    agency = meta.get("agency") or ""
    row = _BLANK | {
        "path": path, "sha256": source.sha256, "format": source.format, "agency": agency, "agency_id": agency_key(agency),
        "agency_id_source": "name" if agency else "", "agency_key": agency_key(agency), "agency_base": agency_base(agency),
        "year": meta.get("year"), "template": meta.get("template"), "title": meta.get("title") or "",
        "published": meta.get("published") or "", "status": report.status, "failed_checks": len(report.failed_checks),
        "warnings": len(report.warnings), "unplaced_cells": sum(1 for w in report.warnings if w.code in UNPLACED)}
    return row, [dict(zip(CSV_COLUMNS, (path, *r[1:]))) for r in csv_rows(report)]


def _meta(columns: tuple[str, ...]) -> pd.DataFrame:
    kinds = {"integer": "Int64", "number": "float64", "text": object}
    return pd.DataFrame({name: pd.Series(dtype=kinds[column_type(name)]) for name in columns})
