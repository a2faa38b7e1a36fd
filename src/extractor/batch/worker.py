"""The worker's job: read one file through the same entry as the single-file command, convert it, and write its
*part* (OUTDIR/.parts/<sha256>.json, atomically) — what the outputs need of it, rendered once."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..checks import numeric_cells
from ..errors import ExtractorError, as_error
from ..export import csv_rows, csv_text, dumps, loads, write_atomic
from ..model import Check, report_texts
from ..panel import agency_key, panel_cells
from ..readers import load
from ..status import UNPLACED, UNSPLIT
from . import wide

PART_VERSION = f"{__version__}/6"


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
    part: str = ""  # the part's name: the sha256, and a digest of last year's numbers when converted with them


def failed(path: str, code: str, message: str) -> Outcome:
    return Outcome(path, error_code=code, error=message)


def part_path(parts: Path, name: str) -> Path:
    return parts / name[:2] / f"{name}.json"


def read_part(parts: Path, name: str) -> dict:
    return loads(part_path(parts, name).read_bytes())


def review_path(parts: Path, name: str) -> Path:
    return part_path(parts, name).with_suffix(".html")


def part_name(sha: str, last_year: dict | None = None) -> str:
    if not last_year:
        return sha
    return f"{sha}-{hashlib.sha256(dumps(sorted(last_year.items())).encode()).hexdigest()[:16]}"


def convert_file(path: str, parts: str, resume: bool, review: bool = False, last_year: dict | None = None) -> Outcome:
    """Read, convert and write the part of one file (and its review page, with `review`). Never raises for a bad
    input. `last_year`: the numbers of the agency's report of the year before (api.parse_bytes)."""
    from .. import api

    try:
        data = load(path)
    except ExtractorError as exc:
        if exc.code == "file_not_found":  # it was there when the batch listed the folder
            return failed(path, "unreadable_file", "the file disappeared before it could be read")
        return failed(path, exc.code, exc.message)
    outcome = Outcome(path, sha256=hashlib.sha256(data).hexdigest())
    outcome.part = part_name(outcome.sha256, last_year)
    part = part_path(Path(parts), outcome.part)
    if resume and part.exists() and (not review or review_path(Path(parts), outcome.part).exists()):
        try:
            stored = loads(part.read_bytes())
            if stored.get("version") == PART_VERSION:
                return _outcome_of(outcome, stored["summary"])
        except (OSError, ValueError, KeyError):
            pass  # an unreadable part is converted again
    try:
        report = api.parse_bytes(data, path, last_year)
    except Exception as exc:  # a bug must not stop the batch either: the file is listed as failed with the reason
        error = as_error(exc)
        outcome.error_code, outcome.error = error.code, error.message
        return outcome
    stored = _part(report, path)
    part.parent.mkdir(parents=True, exist_ok=True)
    if review:
        from ..review import render_report

        write_atomic(review_path(Path(parts), outcome.part), render_report(report.to_dict()))
    write_atomic(part, dumps(stored))
    return _outcome_of(outcome, stored["summary"])


def _outcome_of(outcome: Outcome, summary: dict) -> Outcome:
    outcome.status, outcome.failed_checks, outcome.summary = summary["status"], summary["failed_checks"], summary
    return outcome


def _part(report, path: str) -> dict:
    """What the outputs need of one report, as rows (path first): cells, checks, warnings, its sections line,
    and the cells cross-year checks read."""
    meta = report.metadata
    codes = [w.code for w in report.warnings]
    numbers = numeric_cells(report.records)
    summary = {"agency": meta.get("agency") or "", "year": meta.get("year") or "", "template": meta.get("template"),
               "format": report.document.source.format, "title": meta.get("title") or "", "published": meta.get("published") or "",
               "status": report.status, "failed_checks": len(report.failed_checks), "warnings": len(codes),
               "unplaced_cells": sum(1 for c in codes if c in UNPLACED), "content": _content(report),
               "open_runs": not UNSPLIT.isdisjoint(codes),  # digits left unsplit: last year's report may settle them
               "settled_by_last_year": ["|".join(r[:3]) for r in report.records if "previous_year" in r.source.get("settled_by", "")],
               "panel": {"|".join(ref): numbers.get(ref) for ref in panel_cells()}}
    outline = report.outline()
    # Rows as the outputs hold them, with the agency folded as its provisional agency_id (the batch keeps the
    # worker's CSV rendering of them whenever the batch-wide id is the same: the common case).
    who = [agency_key(summary["agency"]), summary["agency"], meta.get("year")]
    period = "/".join(meta.get("period") or ())
    tables = {"cells": list(csv_rows(report)), "checks": [[path, *who, *check_row(path, c)[1:]] for c in report.checks],
              "warnings": [[path, w.code, w.message, w.where] for w in report.warnings],
              "wide": [wide.row([*who[:1], summary["agency"], meta.get("year"), summary["template"], summary["format"],
                                 summary["title"], summary["published"], period, report.status, summary["failed_checks"],
                                 summary["warnings"], path], numbers)]}
    return {"version": PART_VERSION, "path": path, "summary": summary, **tables,
            "csv": {name: csv_text(rows) for name, rows in tables.items()},  # rendered here, in parallel
            "sections": [[path, report.document.source.sha256, meta, outline["preamble"], outline["sections"]]]}


def _content(report) -> str:
    """A fingerprint of what a report says in numbers (every cell's key, state and value), or of its text when it has
    no cell: the same report saved as .docx, .html and .txt has one fingerprint."""
    if report.records:
        said = dumps([[r.table, r.row, r.column, r.state, r.value] for r in report.records])
    else:
        said = "".join("".join(line.split()) for line in report_texts(report.preamble, report.sections))
    return hashlib.sha256(said.encode("utf-8")).hexdigest()


def check_row(path: str, check: Check, where: str | None = None) -> list:
    """A check as a checks.csv row (CHECK_COLUMNS); `where` replaces the check's own."""
    return [path, check.rule, check.status, where or check.where, check.expected, check.actual, dumps(check.cells),
            check.message]
