"""The batch's outputs, written while the conversions arrive (in input order), so memory stays flat however many.

Each output is a TableWriter (export/): written under a unique temporary name in OUTDIR and renamed into place
only when the whole batch has succeeded, so a failed or interrupted run leaves the previous outputs as they were.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..export import CSV_COLUMNS, TABLE_FORMATS, TableWriter, dumps, write_atomic
from ..export.csv import CsvWriter, ExcelCsvWriter
from ..export.jsonl import JsonlWriter
from ..export.tables import sql_types
from ..export.xlsx import write_workbook
from ..panel import agency_base, agency_key
from . import supervise, wide
from .index import Index
from .settle import settle_from_last_year
from .worker import Outcome, read_part

REPORT_COLUMNS = ("path", "sha256", "format", "agency", "agency_id", "agency_id_source", "agency_key", "agency_base", "year",
                  "template", "title", "published", "status", "failed_checks", "warnings", "unplaced_cells", "error_code", "error",
                  "duplicate_of", "duplicate_reason")
CHECK_COLUMNS = ("source_file", "agency_id", "agency", "year", "rule", "status", "location", "expected", "actual", "cells", "message")
WARNING_COLUMNS = ("source_file", "code", "message", "location")
SECTION_COLUMNS = ("source_file", "sha256", "metadata", "preamble", "sections")
AGENCY_COLUMNS = ("name", "agency_id", "agency_id_source", "region_code", "agency_key", "agency_base", "reports", "candidates")
NOT_PASSED = ("fail", "not_assessable")  # what failed_checks.csv holds


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
    seen: int = 0  # files converted so far (an interrupted batch says how many)

    def line(self) -> str:
        total = self.converted + self.failed + self.skipped + self.duplicates
        statuses = ", ".join(f"{s} {self.statuses[s]}" for s in ("ok", "partial", "no_tables"))
        errors = ", ".join(f"{code} {n}" for code, n in sorted(self.errors.items()))
        return (f"{total} files: converted {self.converted} ({statuses}; {self.with_failed_checks} with failed checks), "
                f"failed {self.failed}" + (f" ({errors})" if errors else "") + f", skipped {self.skipped}"
                + (f", duplicates {self.duplicates}" if self.duplicates else ""))


def _report_row(f: dict) -> list:
    s = f["summary"]
    agency = s.get("agency", "")
    return [f["path"], f["sha256"], s.get("format", ""), agency, f["agency_id"], f["agency_id_source"], agency_key(agency),
            agency_base(agency), s.get("year", ""), s.get("template", ""), s.get("title", ""), s.get("published", ""), f["status"],
            s.get("failed_checks", ""), s.get("warnings", ""), s.get("unplaced_cells", ""), f["error_code"], f["error"],
            f["duplicate_of"], f["duplicate_reason"]]


def _skipped_row(path: str, reason: str) -> list:
    return [path, *[""] * 11, "skipped", "", "", "", "not_a_report", reason, "", ""]


def write_outputs(outcomes: Iterable[Outcome], skipped: list[tuple[str, str]], parts: Path, outdir: Path, fmt: str,
                  summary: Summary, crosswalk: dict | None = None, *, bom: bool = False, xlsx: bool = False,
                  review: bool = False, similar: bool = False) -> Summary:
    """Index the outcomes as they arrive (the conversions run meanwhile), decide who is who and what is the same
    report, then write every output from the index and the parts, in input order."""
    index = Index(outdir)
    try:
        for seq, o in enumerate(outcomes):
            index.add(seq, o)
            summary.seen += 1
        index.resolve(crosswalk)
        settle_from_last_year(index, parts, review)
        _write(index, skipped, parts, outdir, fmt, summary, ExcelCsvWriter if bom else CsvWriter, similar)
        if review:
            supervise.write_review(index.files(), parts, outdir)
        if xlsx:
            write_workbook(outdir, TABLE_FORMATS[fmt])
    finally:
        index.close()
    return summary


def _write(index: Index, skipped: list[tuple[str, str]], parts: Path, outdir: Path, fmt: str, summary: Summary,
           csv_writer: type[CsvWriter], similar: bool) -> None:
    writer = csv_writer if fmt == "csv" else TABLE_FORMATS[fmt]
    if similar:
        from ..similar import SIMILAR_COLUMNS  # numpy: imported only when copy-paste detection runs
    tables = {"reports": REPORT_COLUMNS, "cells": CSV_COLUMNS, "checks": CHECK_COLUMNS, "failed_checks": CHECK_COLUMNS,
              "warnings": WARNING_COLUMNS, "wide": wide.columns(), "diffs": supervise.DIFF_COLUMNS,
              **({"similar": SIMILAR_COLUMNS} if similar else {})}
    files: dict[str, TableWriter] = {name: writer(writer.location(outdir, name), columns) for name, columns in tables.items()}
    files["sections"] = JsonlWriter(outdir / "sections.jsonl", SECTION_COLUMNS)  # nested: JSON Lines in every format
    files["agencies"] = csv_writer(outdir / "agencies.csv", AGENCY_COLUMNS)  # a crosswalk to edit by hand: CSV in every format
    summary.skipped = len(skipped)
    summary.skipped_names = [Path(path).name for path, _ in skipped[:5]]
    try:
        for f in index.files():
            files["reports"].write([_report_row(f)])
            if f["status"] == "failed":
                summary.failed += 1
                summary.errors[f["error_code"]] += 1
            elif f["duplicate_of"]:
                summary.duplicates += 1
            else:
                summary.converted += 1
                summary.statuses[f["status"]] += 1
                if f["failed_checks"]:
                    summary.with_failed_checks += 1
                    summary.checks_failed_in.append((f["path"], f["failed_checks"]))
                _copy_part(read_part(parts, f["part"]), f, files)
        files["reports"].write(_skipped_row(path, reason) for path, reason in skipped)
        _write_checks(files, index.cross_year_rows(), _who(index))
        files["agencies"].write(index.agencies())
        supervise.write_diffs(index.consecutive(), parts, files["diffs"])
        if similar:
            files["sections"].handle.flush()  # read back from its temporary file: nothing is committed before the end
            supervise.write_similar(files["sections"].tmp, _agency_ids(index), files["similar"])
    except BaseException:
        for table in files.values():
            table.abandon()
        raise
    for table in files.values():
        table.commit()
    writer.finish(outdir, tables)
    write_atomic(outdir / "schema.json", dumps({name: sql_types(columns) for name, columns in tables.items()}))


def _agency_ids(index: Index) -> dict[str, str]:
    return {path: who[0] for path, who in _who(index).items()}


def _who(index: Index) -> dict[str, tuple]:
    """path → (agency_id, agency, year) of every converted report (the cross-year checks name their report's path)."""
    return {f["path"]: (f["agency_id"], f["summary"]["agency"], f["summary"]["year"] or None)
            for f in index.files() if f["status"] != "failed" and not f["duplicate_of"]}


def _write_checks(files: dict[str, TableWriter], rows, who: dict[str, tuple]) -> None:
    """Check rows (path first) into checks and, when not passed, failed_checks — with agency_id, agency and year."""
    placed = [[row[0], *who.get(row[0], ("", "", None)), *row[1:]] for row in rows]
    files["checks"].write(placed)
    files["failed_checks"].write(row for row in placed if row[5] in NOT_PASSED)


def _copy_part(part: dict, f: dict, files: dict[str, TableWriter]) -> None:
    """A part's rows into the outputs. The worker rendered them as CSV for its path and with the folded name as
    agency_id; they are re-rendered only for a part made under another path (a rename) or an agency the batch
    identified otherwise (qualified, crosswalk)."""
    path, s = f["path"], f["summary"]
    moved, renamed = part["path"] != path, f["agency_id"] != agency_key(s["agency"])
    if not moved and not renamed and isinstance(files["checks"], CsvWriter):
        for name in ("cells", "checks", "warnings", "wide"):
            files[name].write_text(part["csv"][name])
        files["failed_checks"].write(row for row in part["checks"] if row[5] in NOT_PASSED)
    else:
        cells, checks, warnings = ([[path, *row[1:]] for row in part[name]] for name in ("cells", "checks", "warnings"))
        files["cells"].write(cells)
        _write_checks(files, ([row[0], *row[4:]] for row in checks), {path: (f["agency_id"], s["agency"], s["year"] or None)})
        files["warnings"].write(warnings)
        [row] = part["wide"]
        files["wide"].write([[f["agency_id"], *row[1:11], path, *row[12:]]])
    files["warnings"].write([path, "conflicting_reports", f"another report claims the same agency and year with other numbers: "
                             f"{other}; both are kept, never averaged", "report"] for other in f["conflicts"])
    files["sections"].write([[path, *row[1:]] for row in part["sections"]])
