"""The cells cross-year checks need, per (agency, year), kept on disk (SQLite) rather than in memory."""
from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..export import dumps
from ..panel import agency_key, cross_year_checks
from .worker import Outcome, check_row


class PanelIndex:
    def __init__(self, outdir: Path):
        fd, name = tempfile.mkstemp(prefix=".panel.", suffix=".sqlite", dir=outdir)
        os.close(fd)
        self.path = Path(name)
        self.db = sqlite3.connect(self.path)
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
                yield check_row(path, c, f"{c['where']} ({year - 1}→{year})")

    def close(self) -> None:
        self.db.close()
        self.path.unlink(missing_ok=True)


def _unpack(panel: dict) -> dict:
    return {tuple(k.split("|")): v for k, v in panel.items()}
