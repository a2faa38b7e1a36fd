"""The batch's outputs, written while the conversions arrive (in input order), so memory stays flat however many.

Each output is a TableWriter (export/): written under a unique temporary name in OUTDIR and renamed into place
only when the whole batch has succeeded, so a failed or interrupted run leaves the previous outputs as they were.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..export import CSV_COLUMNS, TABLE_FORMATS, TableWriter
from ..export.csv import CsvWriter
from ..export.jsonl import JsonlWriter
from ..panel import agency_base, agency_key
from .index import PanelIndex
from .worker import Outcome, part_path

REPORT_COLUMNS = ("path", "sha256", "agency", "agency_key", "agency_base", "year", "template", "status", "failed_checks",
                  "warnings", "unplaced_cells", "error_code", "error", "duplicate_of")
CHECK_COLUMNS = ("source_file", "rule", "status", "where", "expected", "actual", "cells", "message")
WARNING_COLUMNS = ("source_file", "code", "message", "where")
SECTION_COLUMNS = ("source_file", "sha256", "metadata", "preamble", "sections")
PART_TABLES = ("cells", "checks", "warnings", "sections")  # what a part holds rows of, path first


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
    table_writer = TABLE_FORMATS[fmt]
    files: dict[str, TableWriter] = {
        "reports": CsvWriter(outdir / "reports.csv", REPORT_COLUMNS),
        "cells": table_writer(outdir / f"cells.{table_writer.suffix}", CSV_COLUMNS),
        "checks": CsvWriter(outdir / "checks.csv", CHECK_COLUMNS),
        "warnings": CsvWriter(outdir / "warnings.csv", WARNING_COLUMNS),
        "sections": JsonlWriter(outdir / "sections.jsonl", SECTION_COLUMNS),
    }
    summary.skipped = len(skipped)
    summary.skipped_names = [Path(path).name for path, _ in skipped[:5]]
    first_path: dict[str, str] = {}  # sha256 → the first path with those bytes
    panel = PanelIndex(outdir)
    try:
        for o in outcomes:
            duplicate_of = first_path.get(o.sha256, "") if o.status != "failed" else ""
            files["reports"].write([_report_row(o, duplicate_of)])
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
        files["reports"].write(_skipped_row(path, reason) for path, reason in skipped)
        files["checks"].write(panel.cross_year_rows())
    except BaseException:
        for table in files.values():
            table.abandon()
        raise
    finally:
        panel.close()
    for table in files.values():
        table.commit()
    return summary


def _copy_part(part: dict, path: str, files: dict[str, TableWriter]) -> None:
    """A part's rows into the outputs, under `path` when the part was made under another (a duplicate, a rename)."""
    moved = part["path"] != path
    for name in PART_TABLES:
        rows = part[name]
        files[name].write([[path, *row[1:]] for row in rows] if moved else rows)
