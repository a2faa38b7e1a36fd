"""--format duckdb: one OUTDIR/extractor.duckdb (DuckDB, the embedded database; `pip install 'zfxxgk-extractor[duckdb]'`)
with the tables reports, cells, checks, warnings, diffs, sections (and similar_pairs with --similar) and the
views failed_checks and wide (wide.csv's rows: a PIVOT of cells joined to reports, see batch/wide.py).

Each table is first staged as Parquet (typed as in every format) under OUTDIR/.parts; `finish` loads them into
a new database file beside the target and renames it into place, so an interrupted run leaves the previous
database as it was.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DIST, ExtractorError
from .parquet import ParquetWriter

if TYPE_CHECKING:
    import pandas as pd

DATABASE = "extractor.duckdb"
SQL_NAMES = {"similar": "similar_pairs"}  # SIMILAR is a reserved word in SQL: the table is named so that no query quotes it
_JSON_COLUMNS = {"source_file": "VARCHAR", "sha256": "VARCHAR", "metadata": "JSON", "preamble": "JSON", "sections": "JSON"}


def _views() -> dict[str, str]:
    """The views and their queries (wide's is built from the template's cells, so only when a database is made)."""
    from ..batch.wide import view_sql

    return {"failed_checks": "SELECT * FROM checks WHERE status IN ('fail', 'not_assessable')", "wide": view_sql()}


def _duckdb():
    try:
        import duckdb
    except ImportError as exc:
        raise ExtractorError("missing_dependency", f"--format duckdb needs duckdb: pip install '{DIST}[duckdb]'") from exc
    return duckdb


class DuckDbWriter(ParquetWriter):
    suffix = "duckdb"

    @classmethod
    def require(cls) -> None:
        super().require()
        _duckdb()

    @classmethod
    def location(cls, outdir: Path, name: str) -> Path:
        return Path(outdir) / ".parts" / f"{name}.staged.parquet"

    @classmethod
    def finish(cls, outdir: Path, names: Iterable[str]) -> None:
        duckdb = _duckdb()
        outdir = Path(outdir)
        fd, tmp = tempfile.mkstemp(prefix=f".{DATABASE}.", suffix=".tmp", dir=outdir)
        os.close(fd)
        os.unlink(tmp)  # duckdb creates the file itself
        views = _views()
        try:
            with duckdb.connect(tmp) as db:
                for name in names:
                    staged = cls.location(outdir, name)
                    if name not in views:  # a view is defined below, over its table
                        db.execute(f"CREATE TABLE {SQL_NAMES.get(name, name)} AS SELECT * FROM read_parquet(?)", [str(staged)])
                    staged.unlink()
                db.execute("CREATE TABLE sections AS SELECT * FROM read_json(?, columns = ?, format = 'newline_delimited')",
                           [str(outdir / "sections.jsonl"), _JSON_COLUMNS])
                for view, query in views.items():
                    db.execute(f"CREATE VIEW {view} AS {query}")
            os.replace(tmp, outdir / DATABASE)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            Path(tmp + ".wal").unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, outdir: Path, name: str) -> pd.DataFrame:
        from .tables import typed

        with _duckdb().connect(str(Path(outdir) / DATABASE), read_only=True) as db:
            return typed(db.execute(f"SELECT * FROM {SQL_NAMES.get(name, name)}").df())
