"""Convert a folder tree of reports into one tidy dataset, in parallel, resumably.

Each converted report is first written as a *part* (OUTDIR/.parts/<sha256>.json, atomically), then the
outputs are assembled from the parts in input-path order and renamed into place at the end. So a batch that
is killed leaves its finished parts and no half-written output; `--resume` reuses the parts of files whose
bytes did not change, and the outputs come out the same as from an uninterrupted run. A report present
twice under different names is converted once; reports.csv lists both paths.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .checks import numeric_cells
from .errors import ExtractorError
from .export import CSV_COLUMNS, csv_rows, dumps, write_atomic
from .panel import agency_base, agency_key, cross_year_checks, panel_cells

# Files a batch tries to read; anything else in the tree is listed as skipped. Formats recognized but not
# readable yet (.doc, .pdf, web pages) are tried so that reports.csv says why they failed and what to do.
REPORT_SUFFIXES = {".docx", ".docm", ".txt", ".text", ".doc", ".wps", ".pdf", ".html", ".htm"}
REPORT_COLUMNS = ("path", "sha256", "agency", "agency_key", "agency_base", "year", "template", "status", "failed_checks",
                  "warnings", "unplaced_cells", "error_code", "error", "duplicate_of")
CHECK_COLUMNS = ("source_file", "rule", "status", "where", "expected", "actual", "cells", "message")
WARNING_COLUMNS = ("source_file", "code", "message", "where")
UNPLACED = {"unplaced_cell", "unplaced_row", "unknown_row_label", "subtotal_row", "not_a_template_cell"}
# Warnings that mean a template cell is missing from the output: such a report is `partial`.
INCOMPLETE = UNPLACED | {"missing_cell", "missing_table"}
PART_VERSION = f"{__version__}/2"  # bumped when what a part holds changes (2: metadata.sources)


def discover(root: Path, outdir: Path | None = None) -> tuple[list[Path], list[Path]]:
    """(report files, skipped files) under root, recursively, sorted; hidden entries and OUTDIR are left out."""
    inputs, skipped = [], []
    outdir = outdir.resolve() if outdir else None
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and (outdir is None or Path(dirpath, d).resolve() != outdir))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath, name)
            (inputs if path.suffix.lower() in REPORT_SUFFIXES else skipped).append(path)
    return inputs, skipped


@dataclass
class Outcome:
    """What the main process learns about one input file (small: the rows live in the part)."""

    path: str
    sha256: str = ""
    status: str = "failed"
    error_code: str = ""
    error: str = ""
    failed_checks: int = 0
    summary: dict = field(default_factory=dict)


def _part_path(parts: Path, sha: str) -> Path:
    return parts / sha[:2] / f"{sha}.json"


def convert_file(path: str, parts: str, resume: bool) -> Outcome:
    """Worker: read, convert and write the part of one file. Never raises for a bad input."""
    from .api import parse_bytes

    outcome = Outcome(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        outcome.error_code, outcome.error = "unreadable_file", f"cannot read the file: {exc.strerror or exc}"
        return outcome
    outcome.sha256 = hashlib.sha256(data).hexdigest()
    part = _part_path(Path(parts), outcome.sha256)
    if resume and part.exists():
        try:
            stored = json.loads(part.read_text(encoding="utf-8"))
            if stored.get("version") == PART_VERSION:
                return _outcome_of(outcome, stored["summary"])
        except (OSError, ValueError, KeyError):
            pass  # an unreadable part is converted again
    try:
        report = parse_bytes(data, path)
    except ExtractorError as exc:
        outcome.error_code, outcome.error = exc.code, exc.message
        return outcome
    except Exception as exc:  # a bug must not stop the batch: the file is listed as failed with the reason
        outcome.error_code, outcome.error = "internal_error", f"{type(exc).__name__}: {exc}"
        return outcome
    stored = _part(report, path)
    part.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(part, dumps(stored))
    return _outcome_of(outcome, stored["summary"])


def _outcome_of(outcome: Outcome, summary: dict) -> Outcome:
    outcome.status, outcome.failed_checks, outcome.summary = summary["status"], summary["failed_checks"], summary
    return outcome


def _part(report, path: str) -> dict:
    """What the outputs need of one report, rendered once by the worker: CSV rows and a sections line."""
    meta = report.metadata
    codes = [w.code for w in report.warnings]
    summary = {"agency": meta.get("agency") or "", "year": meta.get("year") or "", "template": meta.get("template"),
               "status": "partial" if any(c in INCOMPLETE for c in codes) else "ok",
               "failed_checks": len(report.failed_checks), "warnings": len(codes),
               "unplaced_cells": sum(1 for c in codes if c in UNPLACED),
               "panel": {"|".join(k): v for k, v in _panel_values(report).items()}}
    checks = (_check_row(path, c) for c in report.checks)
    sections = {"source_file": path, "sha256": report.document.source.sha256, "metadata": meta, **report.outline()}
    return {"version": PART_VERSION, "path": path, "summary": summary, "cells": _csv_text(csv_rows(report)),
            "checks": _csv_text(checks), "warnings": _csv_text([path, w.code, w.message, w.where] for w in report.warnings),
            "sections": dumps(sections) + "\n"}


def _csv_text(rows) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _moved(text: str, path: str) -> str:
    """CSV rows of a part rendered for another path (a duplicate or renamed file), with `path` first."""
    return _csv_text([path, *row[1:]] for row in csv.reader(io.StringIO(text)))


def _check_row(path: str, check: dict, where: str | None = None) -> list:
    """A check as a checks.csv row (CHECK_COLUMNS); `where` replaces the check's own."""
    return [path, check["rule"], check["status"], where or check["where"], _blank(check["expected"]), _blank(check["actual"]),
            dumps(check["cells"]), check["message"]]


def _blank(value):
    return "" if value is None else value


def _panel_values(report) -> dict:
    numbers = numeric_cells(report.records)
    return {ref: numbers.get(ref) for ref in panel_cells()}


@dataclass
class Summary:
    converted: int = 0
    with_failed_checks: int = 0
    failed: int = 0
    skipped: int = 0
    duplicates: int = 0

    def line(self) -> str:
        return (f"converted {self.converted} ({self.with_failed_checks} with failed checks), failed to read {self.failed}, "
                f"skipped {self.skipped}" + (f", duplicates {self.duplicates}" if self.duplicates else ""))


class Progress:
    """A one-line progress bar on a terminal: files done / total, rate, failures so far."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.enabled, self.done, self.failed, self.start = total, enabled, 0, 0, time.monotonic()

    def update(self, outcome: Outcome) -> None:
        self.done += 1
        self.failed += outcome.status == "failed"
        if self.enabled and (self.done == self.total or self.done % 5 == 0):
            rate = self.done / max(time.monotonic() - self.start, 1e-9)
            width = 30
            filled = int(width * self.done / max(self.total, 1))
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {rate:.1f} files/s, "
                             f"{self.failed} failed ")
            sys.stderr.flush()

    def track(self, outcomes: Iterable[Outcome]) -> Iterator[Outcome]:
        for outcome in outcomes:
            self.update(outcome)
            yield outcome

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def run_batch(root: str | Path, outdir: str | Path, *, jobs: int | None = None, fmt: str = "csv", resume: bool = False,
              progress: bool = False) -> Summary:
    """Convert every report under `root` into the tidy outputs in `outdir` (see the module docstring)."""
    root, outdir = Path(root), Path(outdir)
    if not root.is_dir():
        raise ExtractorError("not_a_directory", f"{root} is not a folder")
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError as exc:
            raise ExtractorError("missing_dependency", "--format parquet needs pyarrow: pip install 'extractor[parquet]'") from exc
    outdir.mkdir(parents=True, exist_ok=True)
    parts = outdir / ".parts"
    inputs, skipped = discover(root, outdir)
    bar = Progress(len(inputs), progress)
    converted = _convert_all([str(p) for p in inputs], str(parts), resume, jobs)  # in input order
    try:
        return _assemble(bar.track(converted), [str(p) for p in skipped], parts, outdir, fmt)
    finally:
        bar.close()


def _convert_all(paths: list[str], parts: str, resume: bool, jobs: int | None) -> Iterator[Outcome]:
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(paths) < 2:
        for path in paths:
            yield convert_file(path, parts, resume)
        return
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(partial(convert_file, parts=parts, resume=resume), paths, chunksize=8)


class _Table:
    """One output file, written to a temporary name and renamed into place by `commit`. Rows arrive as CSV text
    (as the parts hold them); other formats convert them, typing `year` and `value` as numbers."""

    def __init__(self, path: Path, columns: tuple[str, ...], fmt: str):
        self.path, self.columns, self.fmt = path, columns, fmt
        self.tmp = path.with_name(f".{path.name}.tmp")
        self.rows: list[list] = []  # parquet: rows waiting for the next row group
        if fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            self.schema = pa.schema([(c, pa.float64() if c == "value" else pa.int64() if c == "year" else pa.string()) for c in columns])
            self.writer = pq.ParquetWriter(self.tmp, self.schema)
        else:
            self.handle = open(self.tmp, "w", encoding="utf-8", newline="")
            if fmt == "csv":
                self.handle.write(_csv_text([columns]))

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


def _skipped_row(path: str) -> list:
    return [path, "", "", "", "", "", "", "skipped", "", "", "", "not_a_report", "not a report file type (.docx, .txt, .doc, .pdf, .html …)", ""]


def _assemble(outcomes: Iterable[Outcome], skipped: list[str], parts: Path, outdir: Path, fmt: str) -> Summary:
    """Write the outputs while the conversions arrive (in input order), so memory stays flat however many."""
    files = {
        "reports": _Table(outdir / "reports.csv", REPORT_COLUMNS, "csv"),
        "cells": _Table(outdir / f"cells.{fmt}", CSV_COLUMNS, fmt),
        "checks": _Table(outdir / "checks.csv", CHECK_COLUMNS, "csv"),
        "warnings": _Table(outdir / "warnings.csv", WARNING_COLUMNS, "csv"),
        "sections": _Table(outdir / "sections.jsonl", (), "text"),
    }
    summary = Summary(skipped=len(skipped))
    first_path: dict[str, str] = {}  # sha256 → the first path with those bytes
    panel = _PanelIndex(outdir / ".panel.sqlite")
    try:
        for o in outcomes:
            duplicate_of = first_path.get(o.sha256, "") if o.status != "failed" else ""
            files["reports"].write_csv(_csv_text([_report_row(o, duplicate_of)]))
            if o.status == "failed":
                summary.failed += 1
            elif duplicate_of:
                summary.duplicates += 1
            else:
                first_path[o.sha256] = o.path
                summary.converted += 1
                summary.with_failed_checks += o.failed_checks > 0
                _copy_part(json.loads(_part_path(parts, o.sha256).read_text(encoding="utf-8")), o.path, files)
                panel.add(o)
        files["reports"].write_csv(_csv_text(_skipped_row(path) for path in skipped))
        files["checks"].write_csv(_csv_text(panel.cross_year_rows()))
    except BaseException:
        for table in files.values():
            table.abandon()
        raise
    finally:
        panel.close()
    for table in files.values():
        table.commit()
    return summary


class _PanelIndex:
    """The cells cross-year checks need, per (agency, year), kept on disk (SQLite) rather than in memory."""

    def __init__(self, path: Path):
        import sqlite3

        self.path = path
        path.unlink(missing_ok=True)
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE panel (agency TEXT, year INTEGER, path TEXT, cells TEXT, PRIMARY KEY (agency, year))")

    def add(self, o: Outcome) -> None:
        agency, year = o.summary.get("agency"), o.summary.get("year")
        if agency and year:  # the first report of an agency and year (in path order) stands for it
            self.db.execute("INSERT OR IGNORE INTO panel VALUES (?, ?, ?, ?)",
                            (agency_key(agency), int(year), o.path, dumps(o.summary["panel"])))

    def cross_year_rows(self) -> Iterator[list]:
        pairs = self.db.execute("SELECT cur.year, cur.path, prev.cells, cur.cells FROM panel cur JOIN panel prev "
                                "ON prev.agency = cur.agency AND prev.year = cur.year - 1 ORDER BY cur.agency, cur.year")
        for year, path, previous, current in pairs:
            for c in cross_year_checks(_unpack(json.loads(previous)), _unpack(json.loads(current))):
                yield _check_row(path, c, f"{c['where']} ({year - 1}→{year})")

    def close(self) -> None:
        self.db.close()
        self.path.unlink(missing_ok=True)


def _copy_part(part: dict, path: str, files: dict[str, _Table]) -> None:
    """A part's rows into the outputs; rendered again only when the part was made under another path."""
    moved = part["path"] != path
    for name in ("cells", "checks", "warnings"):
        files[name].write_csv(_moved(part[name], path) if moved else part[name])
    sections = part["sections"]
    if moved:
        sections = dumps({**json.loads(sections), "source_file": path}) + "\n"
    files["sections"].write_text(sections)


def _unpack(panel: dict) -> dict:
    return {tuple(k.split("|")): v for k, v in panel.items()}
