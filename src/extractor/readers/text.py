"""Plain-text reports: decode, then rebuild paragraphs and the tables flattened into TAB lines.

Flattened tables come in several styles:
- TAB per cell (Word → text exports): each cell a line starting with a TAB, rows separated by one blank
  line, an empty TAB line for an empty or merged-continuation cell, a line without TAB right after a cell
  line continuing that cell (`商业` / `企业`); two blank lines end the table.
- a row per line: Markdown tables (`| a | b |`, the `|---|` rule skipped), cells joined by ` | `, or by TABs
  on one line; a blank line or a paragraph ends the table.
Rows whose spans were lost are rebuilt by ragged.align. Rows printed as "label numbers…" without any
delimiter stay paragraphs: the template stage reads them (template/lines.py).
"""
from __future__ import annotations

import codecs
import re

from ..errors import ExtractorError
from ..grammar import starts_with_heading_number
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
            try:
                return _checked(data.decode(encoding, errors="strict"))
            except UnicodeDecodeError:
                raise ExtractorError("undecodable_text", f"the text starts with a {encoding.upper()} byte-order mark "
                                     f"but is not {encoding.upper()}; convert it to UTF-8 and retry") from None
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


def row_cells(line: str) -> list[str] | None:
    """The cells of a line that holds a whole table row — Markdown (`| a | b |`), cells joined by ` | ` or by
    TABs (a leading TAB then being an empty first cell) — or None for a paragraph or a line of the
    TAB-per-cell style (one TAB, then the cell's text)."""
    if "|" not in line and "\t" not in line[1:]:
        return None  # most lines: prose, or one cell of the TAB-per-cell style
    stripped = line.rstrip()
    if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:  # " | a |" is ` | `-joined, empty first
        return [c.strip() for c in stripped[1:-1].split("|")]
    if " | " in line or line.startswith("| ") or line.rstrip(" ").endswith(" |"):
        return [c.strip() for c in line.split("|")]
    if "\t" in line[1:].rstrip("\t"):
        return [c.strip() for c in line.split("\t")]
    return None


def _one_cell_row(line: str, style: str | None) -> bool:
    """A line without delimiters just above a row line is a one-cell row (第二十条第（五）项) inside a table,
    and before one only when it reads like a caption cell: short, not a heading, not a sentence."""
    stripped = line.strip()
    if not stripped or style == "cells":
        return False
    return style == "rows" or (len(stripped) <= 30 and not starts_with_heading_number(stripped) and not stripped.endswith(("。", "；", "：", ":")))


_MARKDOWN_RULE = re.compile(r"^\s*\|?(\s*:?-{2,}:?\s*\|)+\s*(:?-{2,}:?\s*)?\|?\s*$")


def read_text(data: bytes) -> tuple[list[Block], list[Message]]:
    """Blocks of a plain-text report, tables rebuilt from the ways text exports flatten them."""
    text = _ARTEFACTS.sub("", decode(data)).replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[Block] = []
    rows: list[list[str]] = []
    row: list[str] | None = None  # the row being filled, TAB-per-cell style
    style = None  # "cells": one TAB line per cell; "rows": one line per row
    blank_run = 0

    def close_table() -> None:
        nonlocal rows, row, style
        if rows:
            n_rows, n_cols, cells = align(rows)
            blocks.append(Table(sum(isinstance(b, Table) for b in blocks), len(blocks), n_rows, n_cols, cells))
        rows, row, style = [], None, None

    lines = text.split("\n")
    rows_of = [row_cells(line) for line in lines]
    for i, line in enumerate(lines):
        whole_row = rows_of[i]
        if whole_row is None and i + 1 < len(lines) and rows_of[i + 1] is not None and _one_cell_row(line, style):
            whole_row = [line.strip()]
        if whole_row is not None or ("|" in line and _MARKDOWN_RULE.match(line)):
            if style == "cells":
                close_table()
            style, blank_run = "rows", 0
            if whole_row is not None:
                rows.append(whole_row)
        elif line.startswith("\t"):
            if style == "rows":
                close_table()
            if row is None:
                row = []
                rows.append(row)
            row.append(line[1:])
            style, blank_run = "cells", 0
        elif not line.strip():
            row = None
            blank_run += 1
            if style == "rows" or blank_run >= 2:
                close_table()
        elif style == "cells" and row:  # a line without TAB right after a cell continues it
            row[-1] += "\n" + line
        else:
            close_table()
            blocks.append(Paragraph(line.strip(), len(blocks)))
            blank_run = 0
    close_table()
    return blocks, []
