"""The batch's outputs, written while the conversions arrive (in input order), so memory stays flat however many.

Each output is written under a unique temporary name in OUTDIR and renamed into place only when the whole
batch has succeeded: a failed or interrupted run leaves the previous outputs as they were.
"""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..export import CSV_COLUMNS, dumps
from ..panel import agency_base, agency_key
from .index import PanelIndex
from .worker import Outcome, csv_text, part_path

REPORT_COLUMNS = ("path", "sha256", "agency", "agency_key", "agency_base", "year", "template", "status", "failed_checks",
                  "warnings", "unplaced_cells", "error_code", "error", "duplicate_of")
CHECK_COLUMNS = ("source_file", "rule", "status", "where", "expected", "actual", "cells", "message")
WARNING_COLUMNS = ("source_file", "code", "message", "where")


@dataclass
class Summary:
    converted: int = 0
    with_failed_checks: int = 0
    failed: int = 0
    skipped: int = 0
    duplicates: int = 0
    statuses: Counter = field(default_factory=Counter)  # ok / partial / no_tables of the converted files
    errors: Counter = field(default_factory=Counter)  # error code → failed files
    checks_failed_in: list[tuple[str, int]] = field(default_factory=list)  # (path, failed checks)
    skipped_names: list[str] = field(default_factory=list)  # the first few skipped files' names

    def line(self) -> str:
        total = self.converted + self.failed + self.skipped + self.duplicates
        statuses = ", ".join(f"{s} {self.statuses[s]}" for s in ("ok", "partial", "no_tables"))
        errors = ", ".join(f"{code} {n}" for code, n in sorted(self.errors.items()))
        return (f"{total} files: converted {self.converted} ({statuses}; {self.with_failed_checks} with failed checks), "
                f"failed {self.failed}" + (f" ({errors})" if errors else "") + f", skipped {self.skipped}"
                + (f", duplicates {self.duplicates}" if self.duplicates else ""))


class _Table:
    """One output file, written to a unique temporary name and renamed into place by `commit`. Rows arrive as
    CSV text (as the parts hold them); other formats convert them, typing `year` and `value` as numbers."""

    def __init__(self, path: Path, columns: tuple[str, ...], fmt: str):
        self.path, self.columns, self.fmt = path, columns, fmt
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        self.tmp = Path(name)
        self.rows: list[list] = []  # parquet: rows waiting for the next row group
        if fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            os.close(fd)
            self.schema = pa.schema([(c, pa.float64() if c == "value" else pa.int64() if c == "year" else pa.string()) for c in columns])
            self.writer = pq.ParquetWriter(self.tmp, self.schema)
        else:
            self.handle = open(fd, "w", encoding="utf-8", newline="")
            if fmt == "csv":
                self.handle.write(csv_text([columns]))

    def write_text(self, text: str) -> None:
        self.handle.write(text)

    def write_csv(self, text: str) -> None:
        if self.fmt == "csv":
            self.handle.write(text)
            return
        for row in csv.reader(io.StringIO(text)):
            typed = [_typed(name, value) for name, value in zip(self.columns, row)]
            if self.fmt == "jsonl":
                self.handle.write(dumps(dict(zip(self.columns, typed))) + "\n")
            else:
                self.rows.append(typed)
        if len(self.rows) >= 50_000:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        columns = list(zip(*self.rows)) if self.rows else [[] for _ in self.columns]
        arrays = [pa.array(list(values), type=self.schema.field(name).type) for name, values in zip(self.columns, columns)]
        self.writer.write_table(pa.Table.from_arrays(arrays, schema=self.schema))
        self.rows = []

    def commit(self) -> None:
        if self.fmt == "parquet":
            self._flush()
            self.writer.close()
        else:
            self.handle.close()
        os.replace(self.tmp, self.path)

    def abandon(self) -> None:
        if self.fmt == "parquet":
            self.writer.close()
        else:
            self.handle.close()
        self.tmp.unlink(missing_ok=True)


def _typed(name: str, value: str):
    if name not in ("value", "year"):
        return value
    if value == "":
        return None
    number = float(value)
    return int(number) if name == "year" or (number.is_integer() and "." not in value) else number


def _report_row(o: Outcome, duplicate_of: str) -> list:
    s = o.summary
    agency = s.get("agency", "")
    return [o.path, o.sha256, agency, agency_key(agency), agency_base(agency), s.get("year", ""), s.get("template", ""), o.status,
            s.get("failed_checks", ""), s.get("warnings", ""), s.get("unplaced_cells", ""), o.error_code, o.error, duplicate_of]


def _skipped_row(path: str, reason: str) -> list:
    return [path, "", "", "", "", "", "", "skipped", "", "", "", "not_a_report", reason, ""]


def write_outputs(outcomes: Iterable[Outcome], skipped: list[tuple[str, str]], parts: Path, outdir: Path, fmt: str,
             summary: Summary) -> Summary:
    """Write every output from the outcomes and their parts; `summary` counts as they arrive."""
    files = {
        "reports": _Table(outdir / "reports.csv", REPORT_COLUMNS, "csv"),
        "cells": _Table(outdir / f"cells.{fmt}", CSV_COLUMNS, fmt),
        "checks": _Table(outdir / "checks.csv", CHECK_COLUMNS, "csv"),
        "warnings": _Table(outdir / "warnings.csv", WARNING_COLUMNS, "csv"),
        "sections": _Table(outdir / "sections.jsonl", (), "text"),
    }
    summary.skipped = len(skipped)
    summary.skipped_names = [Path(path).name for path, _ in skipped[:5]]
    first_path: dict[str, str] = {}  # sha256 → the first path with those bytes
    panel = PanelIndex(outdir)
    try:
        for o in outcomes:
            duplicate_of = first_path.get(o.sha256, "") if o.status != "failed" else ""
            files["reports"].write_csv(csv_text([_report_row(o, duplicate_of)]))
            if o.status == "failed":
                summary.failed += 1
                summary.errors[o.error_code] += 1
            elif duplicate_of:
                summary.duplicates += 1
            else:
                first_path[o.sha256] = o.path
                summary.converted += 1
                summary.statuses[o.status] += 1
                if o.failed_checks:
                    summary.with_failed_checks += 1
                    summary.checks_failed_in.append((o.path, o.failed_checks))
                _copy_part(json.loads(part_path(parts, o.sha256).read_text(encoding="utf-8")), o.path, files)
                panel.add(o)
        files["reports"].write_csv(csv_text(_skipped_row(path, reason) for path, reason in skipped))
        files["checks"].write_csv(csv_text(panel.cross_year_rows()))
    except BaseException:
        for table in files.values():
            table.abandon()
        raise
    finally:
        panel.close()
    for table in files.values():
        table.commit()
    return summary


def _copy_part(part: dict, path: str, files: dict[str, _Table]) -> None:
    """A part's rows into the outputs; rendered again only when the part was made under another path."""
    moved = part["path"] != path
    for name in ("cells", "checks", "warnings"):
        files[name].write_csv(_moved(part[name], path) if moved else part[name])
    sections = part["sections"]
    if moved:
        sections = dumps({**json.loads(sections), "source_file": path}) + "\n"
    files["sections"].write_text(sections)


def _moved(text: str, path: str) -> str:
    """CSV rows of a part rendered for another path (a duplicate or renamed file), with `path` first."""
    return csv_text([path, *row[1:]] for row in csv.reader(io.StringIO(text)))
