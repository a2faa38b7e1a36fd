"""CSV tables: UTF-8, a header line, "\n" line ends, a blank for a null."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

from .tables import TableWriter

if TYPE_CHECKING:
    import pandas as pd


class CsvWriter(TableWriter):
    suffix = "csv"

    def open(self) -> None:
        self.handle = open(self.tmp, "w", encoding="utf-8", newline="")
        self.writer = csv.writer(self.handle, lineterminator="\n")
        if self.columns:
            self.writer.writerow(self.columns)

    def write(self, rows) -> None:
        self.writer.writerows(rows)

    def close(self) -> None:
        self.handle.close()

    @staticmethod
    def read(path: Path) -> pd.DataFrame:
        import pandas as pd

        return pd.read_csv(path, dtype=str, keep_default_na=False)  # text as printed; panel() types the numbers
