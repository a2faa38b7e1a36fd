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
NUMBER_COLUMNS = {"value": "number", "year": "integer"}


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
        """Rows in `columns` order: numbers as numbers (None for a blank), the rest as text."""
        raise NotImplementedError

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
