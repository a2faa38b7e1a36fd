"""Plain-text reports: decode, then rebuild paragraphs and the tables flattened into TAB lines.

The flattened style (Word → text exports): each table cell is a line starting with a TAB, rows are separated
by one blank line, an empty TAB line is an empty or merged-continuation cell, and a line without TAB right
after a cell line continues that cell (`商业` / `企业`). Two blank lines in a row end the table.
"""
from __future__ import annotations

import codecs
import re

from ..errors import ExtractorError
from ..model import Block, Message, Paragraph, Table
from .ragged import align

# Export artefacts that are not report text: Word bookmarks written out by converters.
_ARTEFACTS = re.compile(r"\[bookmark:[^\]]*\]")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0b\x0e-\x1f\x7f]")


def decode(data: bytes) -> str:
    """Text of the file: BOM first, then UTF-16 by its NUL bytes, UTF-8, GB18030. Raises `undecodable_text`/`binary_file`."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="strict"))
    sample = data[:4096]
    if sample.count(0):  # UTF-8 and GB18030 text has no NUL bytes; UTF-16 has one in every ASCII character
        even_nuls = sample[0::2].count(0) > sample[1::2].count(0)
        encoding = "utf-16-be" if even_nuls else "utf-16-le"
        try:
            return _checked(data.decode(encoding))
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8", "gb18030"):
        try:
            return _checked(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    if len(_CONTROL_BYTES.findall(sample)) > len(sample) // 20:
        raise ExtractorError("binary_file", "the file holds binary data, not text; give the original .docx or a text export")
    raise ExtractorError("undecodable_text", "the text is neither UTF-8, UTF-16 nor GB18030; convert it to UTF-8 and retry")


def _checked(text: str) -> str:
    if len(_CONTROL.findall(text[:8192])) > 8:
        raise ExtractorError("binary_file", "the file holds binary data, not text; give the original .docx or a text export")
    return text


def read_text(data: bytes) -> tuple[list[Block], list[Message]]:
    """Blocks of a plain-text report, tables rebuilt from their flattened TAB lines."""
    text = _ARTEFACTS.sub("", decode(data)).replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[Block] = []
    rows: list[list[str]] = []
    row: list[str] | None = None
    blank_run = 0
    after_cell = False
    n_tables = 0

    def close_table() -> None:
        nonlocal rows, row, n_tables
        if rows:
            n_rows, n_cols, cells = align(rows)
            blocks.append(Table(n_tables, len(blocks), n_rows, n_cols, cells))
            n_tables += 1
        rows, row = [], None

    for line in text.split("\n"):
        if line.startswith("\t"):
            if row is None:
                row = []
                rows.append(row)
            row.append(line[1:].replace("\t", " "))
            after_cell, blank_run = True, 0
        elif not line.strip():
            row, after_cell = None, False
            blank_run += 1
            if blank_run >= 2:
                close_table()
        elif after_cell and row:
            row[-1] += "\n" + line
        else:
            close_table()
            blocks.append(Paragraph(line.strip(), len(blocks)))
            blank_run = 0
    close_table()
    return blocks, []


