"""Writers for the contract's outputs: the report JSON and the long CSV (one row per cell)."""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path

from ..errors import ExtractorError

try:
    import orjson
except ImportError:  # a platform without its wheel: the standard library writes the same JSON, slower
    orjson = None
from ..report import SCHEMA_VERSION, Report

# Names usable in SQL without quoting (schema 2: table, row, column were table_key, row_key, column_key's old names).
CSV_COLUMNS = ("source_file", "agency", "year", "template", "table_key", "row_key", "column_key", "value", "state", "raw",
               "row_label", "column_label")


def dump_bytes(value) -> bytes:
    """Compact JSON as UTF-8 bytes. orjson writes the same bytes as the standard library, 10× faster."""
    if orjson is not None:
        return orjson.dumps(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(data: bytes | str):
    """JSON back to Python values (orjson when available: the batch reads every part back)."""
    return orjson.loads(data) if orjson is not None else json.loads(data)


def dumps(value) -> str:
    """Compact JSON text, UTF-8 characters kept (see dump_bytes)."""
    return dump_bytes(value).decode("utf-8")


def json_bytes(report: Report, indent: int | None = None) -> bytes:
    """The report JSON as UTF-8 bytes, ending in a newline: what the CLI writes (no str round trip)."""
    if indent is None:
        return dump_bytes(report.to_dict()) + b"\n"
    return (json.dumps(report.to_dict(), ensure_ascii=False, indent=indent) + "\n").encode("utf-8")


def to_json(report: Report, indent: int | None = None) -> str:
    """The report JSON; compact by default, indented for reading with `indent`."""
    return json_bytes(report, indent).decode("utf-8")


def error_json(path: str, error: ExtractorError) -> str:
    """The JSON of a file that could not be converted: its path and the error's code and message."""
    return dumps({"schema_version": SCHEMA_VERSION, "source": {"path": str(path)}, "error": error.as_dict()}) + "\n"


def csv_rows(report: Report):
    """The long-format rows of one report, in CSV_COLUMNS order; None where year or value is blank."""
    meta = report.metadata
    for r in report.records:
        yield (report.document.source.path, meta.get("agency") or "", meta.get("year"), meta.get("template"),
               r.table, r.row, r.column, r.value, r.state, r.raw, r.row_label, r.column_label)


def csv_text(rows) -> str:
    """Rows as CSV text, as every CSV output writes them ("\n" line ends, a blank for None)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def to_csv(report: Report) -> str:
    return csv_text([CSV_COLUMNS, *csv_rows(report)])


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, content: str | bytes) -> None:
    """Write the whole file or nothing: a temporary file beside the target, then an atomic rename."""
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # a temporary file is private; the output gets the user's usual mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
