"""Parquet tables (pyarrow, the `parquet` extra): numbers typed, text as strings, written in row groups."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DIST, ExtractorError
from .tables import TableWriter, column_type

if TYPE_CHECKING:
    import pandas as pd

_ROW_GROUP = 50_000


class ParquetWriter(TableWriter):
    suffix = "parquet"

    @classmethod
    def require(cls) -> None:
        try:
            import pyarrow  # noqa: F401
        except ImportError as exc:
            raise ExtractorError("missing_dependency", f"--format {cls.suffix} needs pyarrow: pip install '{DIST}[parquet]'") from exc

    def open(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        types = {"number": pa.float64(), "integer": pa.int64(), "text": pa.string()}
        self.schema = pa.schema([(c, types[column_type(c)]) for c in self.columns])
        self.writer = pq.ParquetWriter(self.tmp, self.schema)
        self.rows: list = []

    def write(self, rows) -> None:
        self.rows.extend(self.nulled(rows))
        if len(self.rows) >= _ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        columns = list(zip(*self.rows)) if self.rows else [[] for _ in self.columns]
        arrays = [pa.array(list(values), type=self.schema.field(name).type) for name, values in zip(self.columns, columns)]
        self.writer.write_table(pa.Table.from_arrays(arrays, schema=self.schema))
        self.rows = []

    def close(self) -> None:
        if self.writer is not None:
            self._flush()
            self.writer.close()
            self.writer = None

    def abandon(self) -> None:
        self.rows = []
        super().abandon()

    @staticmethod
    def read(path: Path) -> pd.DataFrame:
        import pandas as pd

        return pd.read_parquet(path)
