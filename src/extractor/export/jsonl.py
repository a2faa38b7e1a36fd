"""JSON Lines tables: one object per row, keyed by column, numbers typed."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .report import dump_bytes
from .tables import TableWriter

if TYPE_CHECKING:
    import pandas as pd


class JsonlWriter(TableWriter):
    suffix = "jsonl"

    def open(self) -> None:
        self.handle = open(self.tmp, "wb")

    def write(self, rows) -> None:
        columns = self.columns
        self.handle.write(b"".join(dump_bytes(dict(zip(columns, row))) + b"\n" for row in self.nulled(rows)))

    def close(self) -> None:
        self.handle.close()

    @staticmethod
    def read(path: Path) -> pd.DataFrame:
        import pandas as pd

        return pd.read_json(path, lines=True, dtype=False)  # text stays text; panel() types the numbers
