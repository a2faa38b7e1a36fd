"""The batch's outputs for the people who check reports, written after the tables:

- `diffs.csv` (always): for every agency_id with consecutive years, the cells that jumped (diff.diff_reports) and the
  cross-year checks that failed — one row a flag;
- `review/` (`--review`): each report's page (rendered by the worker) and `review/index.html`, one row a file;
- `similar.csv` (`--similar`): pairs of reports whose narrative (sections 一, 五, 六) is near-identical.
"""
from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from ..export import loads, write_atomic
from ..export.tables import TableWriter
from .worker import read_part, review_path

DIFF_COLUMNS = ("agency_id", "old_year", "new_year", "old_file", "new_file", "flag", "table_key", "row_key", "column_key",
                "old_value", "new_value", "absolute", "relative", "rule", "message")


def part_report(part: dict) -> dict:
    """The report dict a diff reads (tables, sections, metadata, source), rebuilt from a part's rows."""
    _, sha, meta, preamble, sections = part["sections"][0]
    tables: dict[str, list] = {"active_disclosure": [], "applications": [], "review_litigation": []}
    for row in part["cells"]:
        table, key, column, value, state, raw = row[4:10]
        tables[table].append({"table": table, "row": key, "column": column, "value": value, "state": state, "raw": raw})
    return {"source": {"path": part["path"], "sha256": sha}, "metadata": meta, "preamble": preamble, "sections": sections,
            "tables": tables}


def write_diffs(pairs: Iterable[tuple[str, int, dict, dict]], parts: Path, writer: TableWriter) -> None:
    """pairs: (agency_id, year, the previous year's file, this year's file) as the index lists them."""
    from ..diff import diff_reports

    for agency_id, year, previous, current in pairs:
        old, new = (part_report(read_part(parts, f["part"])) for f in (previous, current))
        diff = diff_reports(old, new)
        head = [agency_id, year - 1, year, previous["path"], current["path"]]
        writer.write([*head, f"jump_{c.jump}", c.table, c.row, c.column, c.old, c.new, c.absolute, c.relative, "", ""]
                     for c in diff.jumps)
        writer.write([*head, "cross_year_failed", *[""] * 7, c.rule, f"{c.where}: {c.message}"]
                     for c in diff.failed_cross_year)


def write_review(files: Iterable[dict], parts: Path, outdir: Path) -> None:
    """review/NNNNN.html for each converted report, and review/index.html listing every file."""
    from ..review import render_index

    folder = outdir / "review"
    folder.mkdir(exist_ok=True)
    rows = []
    for n, f in enumerate(files):
        s = f["summary"]
        row = {"agency": s.get("agency", ""), "year": s.get("year", ""), "format": s.get("format", ""), "status": f["status"],
               "failed_checks": f["failed_checks"] if f["status"] != "failed" else "", "warnings": s.get("warnings", ""),
               "path": f["path"], "href": ""}
        page = review_path(parts, f["part"]) if f["part"] else None
        if f["status"] != "failed" and page is not None and page.exists():
            row["href"] = f"{n:05d}.html"
            shutil.copyfile(page, folder / row["href"])
        rows.append(row)
    write_atomic(folder / "index.html", render_index(rows))


def write_similar(sections_jsonl: Path, agency_ids: dict[str, str], writer: TableWriter) -> None:
    from ..similar import find_similar, narrative

    with open(sections_jsonl, encoding="utf-8") as handle:
        narratives = [narrative(line, agency=agency_ids.get(line["source_file"]) or None)
                      for line in map(loads, handle)]
    writer.write([*row[:-1], str(row[-1])] for row in (pair.row() for pair in find_similar(narratives)))  # same_agency as text

