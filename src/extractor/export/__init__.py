"""Writers, one module per format, each registered once here: the CLI, batch and `panel()` all read these tables.

| module | writes |
|---|---|
| `report.py` | one report: the contract's JSON, the long CSV (one row per cell), a file written atomically |
| `tables.py` | the TableWriter protocol: open a unique temporary file, write rows, commit (rename) or abandon |
| `csv.py`, `jsonl.py`, `parquet.py` | a table of rows in that format, and its reader for `panel()` |
| `duckdb.py` | every table staged as Parquet, then gathered into one extractor.duckdb with views |

Adding an output format for batch tables = one module with a TableWriter subclass, and one line in TABLE_FORMATS.
"""
from __future__ import annotations

from .csv import CsvWriter
from .duckdb import DuckDbWriter
from .jsonl import JsonlWriter
from .parquet import ParquetWriter
from .report import CSV_COLUMNS, csv_rows, csv_text, dump_bytes, dumps, error_json, json_bytes, loads, to_csv, to_json, write_atomic
from .tables import TableWriter

# Batch tables: --format name → writer (its `suffix` names the file, its `read` loads it back).
TABLE_FORMATS: dict[str, type[TableWriter]] = {"csv": CsvWriter, "jsonl": JsonlWriter, "parquet": ParquetWriter,
                                                "duckdb": DuckDbWriter}
# One report: --format name → (report → bytes).
REPORT_FORMATS = {"json": lambda report, pretty=False: json_bytes(report, indent=1 if pretty else None),
                  "csv": lambda report, pretty=False: to_csv(report).encode("utf-8")}

__all__ = ["TABLE_FORMATS", "REPORT_FORMATS", "TableWriter", "CSV_COLUMNS", "csv_rows", "csv_text", "dump_bytes", "dumps", "error_json",
           "json_bytes", "loads", "to_csv", "to_json", "write_atomic"]
