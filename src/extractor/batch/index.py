"""What the batch knows of every file once all are converted, kept on disk (SQLite) rather than in memory: who
each agency is across the batch, which files are the same report, and the cells cross-year checks read.

Same report: identical bytes, or the same agency (agency_id), year and content fingerprint (worker._content) —
one is kept, by format preference (docx > html > pdf > text unless told otherwise), then path order; the others
get `duplicate_of` and a reason. Two different reports claiming one agency-year are both kept and warned about
(`conflicting_reports`); the first in path order stands for that year in cross-year checks.
"""
from __future__ import annotations

import os
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from ..agencies import Candidate, identify
from ..export import dumps, loads
from ..panel import agency_base, agency_key, cross_year_checks
from .worker import Outcome, check_row

PREFERENCE = ("docx", "doc", "html", "pdf", "text")
_FIELDS = ("seq", "path", "sha256", "part", "status", "error_code", "error", "failed_checks", "summary")


class Index:
    def __init__(self, outdir: Path):
        fd, name = tempfile.mkstemp(prefix=".index.", suffix=".sqlite", dir=outdir)
        os.close(fd)
        self.path = Path(name)
        self.db = sqlite3.connect(self.path)
        self.db.execute("CREATE TABLE files (seq INTEGER PRIMARY KEY, path TEXT, sha256 TEXT, part TEXT, status TEXT, error_code TEXT, "
                        "error TEXT, failed_checks INTEGER, summary TEXT, agency_id TEXT DEFAULT '', agency_id_source TEXT "
                        "DEFAULT '', duplicate_of TEXT DEFAULT '', duplicate_reason TEXT DEFAULT '', conflicts TEXT DEFAULT '')")
        self.candidates: list[Candidate] = []
        self.identities: dict = {}

    def add(self, seq: int, o: Outcome) -> None:
        self.db.execute("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', '', '', '')",
                        (seq, o.path, o.sha256, o.part, o.status, o.error_code, o.error, o.failed_checks, dumps(o.summary)))

    def replace(self, seq: int, o: Outcome) -> None:
        """The file converted again (with last year's numbers: batch/settle.py): its part, status and summary."""
        self.db.execute("UPDATE files SET part = ?, status = ?, failed_checks = ?, summary = ? WHERE seq = ?",
                        (o.part, o.status, o.failed_checks, dumps(o.summary), seq))

    def resolve(self, crosswalk: dict | None = None, preference: tuple[str, ...] = PREFERENCE) -> None:
        """Agency ids, duplicates and conflicts, for every converted file."""
        converted = [(seq, path, sha, loads(summary)) for seq, path, sha, summary in
                     self.db.execute("SELECT seq, path, sha256, summary FROM files WHERE status != 'failed' ORDER BY seq")]
        self.identities, self.candidates = identify((s["agency"] for *_, s in converted), crosswalk)
        updates: dict[int, dict] = defaultdict(dict)
        first_bytes: dict[str, str] = {}
        same_year: dict[tuple[str, int], list] = defaultdict(list)
        for seq, path, sha, s in converted:
            identity = self.identities.get(s["agency"])
            if identity:
                updates[seq] |= {"agency_id": identity.agency_id, "agency_id_source": identity.source}
            if sha in first_bytes:
                updates[seq] |= {"duplicate_of": first_bytes[sha], "duplicate_reason": "the same bytes"}
                continue
            first_bytes[sha] = path
            if identity and s["year"]:
                same_year[(identity.agency_id, int(s["year"]))].append((seq, path, s))
        rank = {fmt: i for i, fmt in enumerate(preference)}
        for reports in same_year.values():
            by_content: dict[str, list] = defaultdict(list)
            for report in reports:
                by_content[report[2]["content"]].append(report)
            for copies in by_content.values():
                kept = min(copies, key=lambda r: (rank.get(r[2]["format"], len(rank)), r[0]))
                for seq, _, _ in copies:
                    if seq != kept[0]:
                        updates[seq] |= {"duplicate_of": kept[1], "duplicate_reason": f"the same agency, year and numbers as "
                                         f"this {kept[2]['format']} (kept by format preference)"}
            if len(by_content) > 1:
                kept_paths = [min(c, key=lambda r: (rank.get(r[2]["format"], len(rank)), r[0])) for c in by_content.values()]
                for seq, path, _ in kept_paths:
                    updates[seq]["conflicts"] = dumps(sorted(p for _, p, _ in kept_paths if p != path))
        kept_as = {path: updates[seq]["duplicate_of"] for seq, path, _, _ in converted if updates.get(seq, {}).get("duplicate_of")}
        for values in updates.values():  # a copy of a file that is itself a duplicate points at the report kept
            if values.get("duplicate_reason") == "the same bytes" and values["duplicate_of"] in kept_as:
                values["duplicate_of"] = kept_as[values["duplicate_of"]]
        for seq, values in updates.items():
            if values:
                self.db.execute(f"UPDATE files SET {', '.join(f'{k} = ?' for k in values)} WHERE seq = ?",
                                (*values.values(), seq))

    def files(self) -> Iterator[dict]:
        """Every file in input order, with what resolve() found."""
        cursor = self.db.execute("SELECT seq, path, sha256, part, status, error_code, error, failed_checks, summary, agency_id, "
                                 "agency_id_source, duplicate_of, duplicate_reason, conflicts FROM files ORDER BY seq")
        for row in cursor:
            record = dict(zip((*_FIELDS, "agency_id", "agency_id_source", "duplicate_of", "duplicate_reason", "conflicts"), row))
            record["summary"] = loads(record["summary"])
            record["conflicts"] = loads(record["conflicts"]) if record["conflicts"] else []
            yield record

    def consecutive(self) -> Iterator[tuple[str, int, dict, dict]]:
        """(agency_id, year, last year's file, this year's file) for each pair of consecutive years of one agency_id,
        on the report that stands for each year (the first in path order that is no duplicate)."""
        standing: dict[tuple[str, int], dict] = {}
        for f in self.files():
            s = f["summary"]
            if f["status"] != "failed" and not f["duplicate_of"] and f["agency_id"] and s["year"]:
                standing.setdefault((f["agency_id"], int(s["year"])), f)
        for (agency_id, year), f in sorted(standing.items()):
            if (agency_id, year - 1) in standing:
                yield agency_id, year, standing[(agency_id, year - 1)], f

    def cross_year_rows(self) -> Iterator[list]:
        """Checks between consecutive years of one agency_id."""
        for _, year, previous, current in self.consecutive():
            settled = set(current["summary"].get("settled_by_last_year", ()))
            for c in cross_year_checks(unpack(previous["summary"]["panel"]), unpack(current["summary"]["panel"])):
                if settled.intersection("|".join(ref) for ref in c.cells):  # batch/settle.py read them by this relation
                    c = replace(c, message=f"{c.message} (holds by construction: this year's cells were read with it)")
                yield check_row(current["path"], c, f"{c.where} ({year - 1}→{year})")

    def agencies(self) -> Iterator[list]:
        """Rows of agencies.csv: every name printed, its id and how it was found, and the merges not made."""
        reports: dict[str, int] = defaultdict(int)
        for f in self.files():
            if f["status"] != "failed" and not f["duplicate_of"] and f["summary"]["agency"]:
                reports[f["summary"]["agency"]] += 1
        undecided = {agency_key(c.name): c for c in self.candidates}
        for name, identity in sorted(self.identities.items()):
            candidate = undecided.get(agency_key(name))
            yield [name, identity.agency_id, identity.source, identity.region_code, agency_key(name), agency_base(name),
                   reports.get(name, 0), " | ".join(candidate.ids) if candidate else ""]

    def close(self) -> None:
        self.db.close()
        self.path.unlink(missing_ok=True)


def unpack(panel: dict) -> dict:
    """A summary's cross-year numbers ("table|row|column" → value) by (table, row, column)."""
    return {tuple(k.split("|")): v for k, v in panel.items()}
