"""Writers for the contract's outputs: the report JSON and the long CSV (one row per cell)."""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path

from .errors import ExtractorError

try:
    import orjson
except ImportError:  # a platform without its wheel: the standard library writes the same JSON, slower
    orjson = None
from .report import SCHEMA_VERSION, Report

CSV_COLUMNS = ("source_file", "agency", "year", "template", "table", "row", "column", "value", "state", "raw",
               "row_label", "column_label")


def dumps(value) -> str:
    """Compact JSON, UTF-8 characters kept. orjson writes the same bytes as the standard library, 10× faster."""
    if orjson is not None:
        return orjson.dumps(value).decode("utf-8")
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def to_json(report: Report, indent: int | None = None) -> str:
    """The report JSON; compact by default, indented for reading with `indent`."""
    if indent is None:
        return dumps(report.to_dict()) + "\n"
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=indent) + "\n"


def error_json(path: str, error: ExtractorError) -> str:
    """The JSON of a file that could not be converted: its path and the error's code and message."""
    return dumps({"schema_version": SCHEMA_VERSION, "source": {"path": str(path)}, "error": error.as_dict()}) + "\n"


def csv_rows(report: Report):
    """The long-format rows of one report, in CSV_COLUMNS order."""
    meta = report.metadata
    for r in report.records:
        yield (report.document.source.path, meta.get("agency") or "", meta.get("year") or "", meta.get("template"),
               r.table, r.row, r.column, "" if r.value is None else r.value, r.state, r.raw, r.row_label, r.column_label)


def to_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(report))
    return buffer.getvalue()


def write_atomic(path: str | Path, text: str) -> None:
    """Write the whole file or nothing: a temporary file beside the target, then an atomic rename."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

