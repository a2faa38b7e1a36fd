"""The TableWriter protocol: a table written to a unique temporary name beside its target and renamed into place
by `commit`, or removed by `abandon` — so a failed or interrupted run never leaves half a file."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    import pandas as pd

# Columns that hold numbers in every format (an empty cell is null); every other column is text.
_INTEGERS = frozenset({"year", "old_year", "new_year", "failed_checks", "warnings", "unplaced_cells", "reports"})
_NUMBERS = frozenset({"value", "expected", "actual", "absolute", "relative", "similarity"})


def column_type(name: str) -> str:
    """"integer", "number" or "text": one answer for every format (wide's cell columns and indicators are numbers)."""
    if name in _INTEGERS:
        return "integer"
    if name in _NUMBERS or "__" in name or name.endswith("_share"):
        return "number"
    return "text"


_SQL = {"integer": "BIGINT", "number": "DOUBLE", "text": "VARCHAR"}


def sql_types(columns: Iterable[str]) -> dict[str, str]:
    """column → SQL type, as OUTDIR/schema.json gives them to a CSV reader (`duckdb.read_csv(…, dtype=…)`): `raw`
    is text even where every printed value is a number."""
    return {name: _SQL[column_type(name)] for name in columns}


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """A table read back from any format with the same dtypes: float64 numbers, nullable Int64 integers, str text."""
    import pandas as pd

    out = {}
    for name in frame.columns:
        kind = column_type(name)
        if kind == "text":
            out[name] = frame[name].map(lambda v: "" if v is None or v != v else str(v)).astype(object)
        else:
            numbers = pd.to_numeric(frame[name], errors="coerce")
            out[name] = numbers.round().astype("Int64") if kind == "integer" else numbers.astype("float64")
    return pd.DataFrame(out, index=frame.index)


class TableWriter:
    suffix: ClassVar[str]

    def __init__(self, path: Path, columns: tuple[str, ...]):
        self.path, self.columns = Path(path), columns
        fd, name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        os.close(fd)
        self.tmp = Path(name)
        self.open()

    def open(self) -> None:
        """Start writing self.tmp."""
        raise NotImplementedError

    def write(self, rows: Iterable[Sequence]) -> None:
        """Rows in `columns` order: numbers as numbers (None or "" for a blank), the rest as text."""
        raise NotImplementedError

    def nulled(self, rows: Iterable[Sequence]) -> Iterable[list]:
        """Rows with a blank ("") in a number column as null, for the formats that type their columns."""
        numeric = [i for i, name in enumerate(self.columns) if column_type(name) != "text"]
        for row in rows:
            row = list(row)
            for i in numeric:
                if row[i] == "":
                    row[i] = None
            yield row

    def close(self) -> None:
        """Finish self.tmp."""
        raise NotImplementedError

    def commit(self) -> None:
        self.close()
        os.replace(self.tmp, self.path)

    def abandon(self) -> None:
        self.close()
        self.tmp.unlink(missing_ok=True)

    @staticmethod
    def read(path: Path) -> pd.DataFrame:
        raise NotImplementedError

    @classmethod
    def require(cls) -> None:
        """Raise `missing_dependency` naming what to install when the format's library is absent (checked before a
        batch converts anything)."""

    @classmethod
    def location(cls, outdir: Path, name: str) -> Path:
        """Where table `name` of a batch is written."""
        return Path(outdir) / f"{name}.{cls.suffix}"

    @classmethod
    def load(cls, outdir: Path, name: str) -> pd.DataFrame:
        """Table `name` of a batch output folder, typed the same whatever the format (see `typed`)."""
        return typed(cls.read(cls.location(outdir, name)))

    @classmethod
    def finish(cls, outdir: Path, names: Iterable[str]) -> None:
        """After every table is committed: nothing, except for formats that gather the tables (duckdb)."""
