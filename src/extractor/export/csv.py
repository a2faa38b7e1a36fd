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
    encoding = "utf-8"

    def open(self) -> None:
        self.handle = open(self.tmp, "w", encoding=self.encoding, newline="")
        self.writer = csv.writer(self.handle, lineterminator="\n")
        if self.columns:
            self.writer.writerow(self.columns)

    def write(self, rows) -> None:
        self.writer.writerows(rows)

    def write_text(self, text: str) -> None:
        """Rows already rendered as CSV (by a batch worker, in parallel), in `columns` order."""
        self.handle.write(text)

    def close(self) -> None:
        self.handle.close()

    @staticmethod
    def read(path: Path) -> pd.DataFrame:
        import pandas as pd

        # text as printed (a BOM, when written for Excel, is skipped); panel() types the numbers
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


class ExcelCsvWriter(CsvWriter):
    """CSV with a UTF-8 byte-order mark, which Chinese-locale Excel needs to open UTF-8 rather than GBK (`--bom`)."""

    encoding = "utf-8-sig"
