"""`--xlsx`: OUTDIR/panel.xlsx with the sheets reports, wide and failed_checks, for people who work in Excel
(openpyxl, the `xlsx` extra). A sheet holds at most Excel's 1,048,575 data rows; the tables themselves hold all."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import DIST, ExtractorError
from .tables import TableWriter

SHEETS = ("reports", "wide", "failed_checks")
EXCEL_ROWS = 1_048_575


def check_available() -> None:
    try:
        import openpyxl  # noqa: F401
    except ImportError as exc:
        raise ExtractorError("missing_dependency", f"--xlsx needs openpyxl: pip install '{DIST}[xlsx]'") from exc


def write_workbook(outdir: Path, writer: type[TableWriter]) -> Path:
    """Write panel.xlsx from the batch's tables (read back typed, in whatever format they were written)."""
    import pandas as pd

    target = Path(outdir) / "panel.xlsx"
    fd, tmp = tempfile.mkstemp(prefix=".panel.", suffix=".tmp.xlsx", dir=outdir)  # openpyxl goes by the suffix
    os.close(fd)
    try:
        with pd.ExcelWriter(tmp, engine="openpyxl") as book:
            for sheet in SHEETS:
                writer.load(outdir, sheet).head(EXCEL_ROWS).to_excel(book, sheet_name=sheet, index=False)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
