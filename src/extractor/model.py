"""The document model every reader produces and every later stage consumes.

Frozen dataclasses only. A merged cell exists exactly once, at its top-left anchor, with its spans;
the dense grid (`Table.grid()`) is a derived view and is never stored or serialized.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from typing import NamedTuple

_PLACES = ("table", "row", "column", "paragraph", "value", "page", "picture")


def where(*, table: int | None = None, row: int | None = None, column: int | None = None, paragraph: int | None = None,
          value: int | None = None, page: int | None = None, picture: int | str | None = None) -> str:
    """Where a warning points, in the one wording every stage uses: "table 2, row 5, column 3", "paragraph 9,
    value 2", "page 3", "picture 1" — the parts given, in that order."""
    given = dict(zip(_PLACES, (table, row, column, paragraph, value, page, picture)))
    return ", ".join(f"{name} {v}" for name, v in given.items() if v is not None)


@dataclass(frozen=True, slots=True)
class Message:
    """A warning: stable `code`, human `message`, and `where` it happened (file, table, row, column…)."""

    code: str
    message: str
    where: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "where": self.where}


@dataclass(frozen=True, slots=True)
class Check(Mapping):
    """One relation or stated count assessed (relations.assess, checks.narrative_checks): `status` pass, fail or
    not_assessable; `expected` and `actual` the two sides; `cells` the (table, row, column) of every cell read.
    It reads as the mapping the report JSON holds (check["status"], dict(check)), cells as [table, row, column] lists."""

    rule: str
    where: str
    cells: tuple[tuple[str, str, str], ...]
    status: str
    expected: int | float | None
    actual: int | float | None
    message: str

    def __getitem__(self, key: str):
        if key == "cells":
            return [list(ref) for ref in self.cells]
        if key not in _CHECK_FIELDS:
            raise KeyError(key)
        return getattr(self, key)

    def __iter__(self) -> Iterator[str]:
        return iter(_CHECK_FIELDS)

    def __len__(self) -> int:
        return len(_CHECK_FIELDS)

    def as_dict(self) -> dict:
        """dict(self), spelled out: a report renders dozens of checks, and the Mapping protocol's way costs 5× more."""
        return {"rule": self.rule, "where": self.where, "cells": [list(ref) for ref in self.cells], "status": self.status,
                "expected": self.expected, "actual": self.actual, "message": self.message}


_CHECK_FIELDS = tuple(f.name for f in fields(Check))


class Paragraph(NamedTuple):
    """A paragraph of text (a tuple, like Cell: immutable and cheap, as a report has hundreds)."""

    text: str
    index: int  # position among all blocks of the document


class Cell(NamedTuple):
    """A table cell at its anchor (top-left grid slot) with its spans. A tuple: immutable and cheap to build,
    as a report has hundreds of them."""

    row: int
    col: int
    text: str
    row_span: int = 1
    col_span: int = 1
    page: int | None = None  # 1-based page of a PDF cell; None for formats without pages
    source: tuple[tuple[str, object], ...] = ()  # how the reader read it (OCR: ocr, confidence, doubt, candidates),
    # added to its record's source; a cell with `doubt` holds no number (template/locate.py)


@dataclass(frozen=True, slots=True)
class Table:
    """A grid of cells; each merged cell stored once at its anchor."""

    index: int  # position among the document's tables
    block: int  # position among all blocks of the document
    n_rows: int
    n_cols: int
    cells: tuple[Cell, ...]

    def grid(self) -> list[list[Cell | None]]:
        """Dense view: every slot points to the cell covering it (None where no cell does)."""
        view: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            if cell.row_span == 1 and cell.col_span == 1:  # most cells: no span to spread
                view[cell.row][cell.col] = cell
                continue
            for line in view[cell.row:cell.row + cell.row_span]:
                line[cell.col:cell.col + cell.col_span] = [cell] * len(line[cell.col:cell.col + cell.col_span])
        return view

    def text_grid(self) -> list[list[str]]:
        """Texts at their anchors; "" in spanned and empty slots (the contract's `raw_tables.grid`)."""
        out = [[""] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            out[cell.row][cell.col] = cell.text
        return out


class Picture(NamedTuple):
    """An image shown in the text flow (a .docx drawing, an HTML <img>; a tuple, like Paragraph). Its pixels are
    not read: `part` says where they are — the package part of a .docx (word/media/image1.png), or the src of a
    web page's <img>."""

    index: int  # position among all blocks of the document
    part: str
    size: int | None = None  # bytes of the image when the package holds it; None for a link or a web image


Block = Paragraph | Table | Picture


@dataclass(frozen=True, slots=True)
class Source:
    path: str
    sha256: str
    format: str
    bytes: int


@dataclass(frozen=True, slots=True)
class Document:
    source: Source
    blocks: tuple[Block, ...]
    messages: tuple[Message, ...] = ()
    # The title the file gives itself outside its printed text (a web page's <title>); metadata's `page_title`.
    title: str | None = None
    # The date the file gives itself outside its printed text (a web page's PubDate or 发布时间 line), ISO.
    published: str | None = None

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Table))

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Paragraph))

    @property
    def pictures(self) -> tuple[Picture, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Picture))


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered part of the report. `key` names the template section (overview, …) when recognized."""

    number: str | None
    level: int
    title: str
    paragraphs: tuple[str, ...]
    tables: tuple[int, ...] = ()
    children: tuple[Section, ...] = ()
    key: str | None = None
    blocks: tuple[int, ...] = ()  # document blocks this section holds: its heading, paragraphs, tables and pictures

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def report_texts(preamble: Section, sections: tuple[Section, ...]) -> list[str]:
    """Every line of the report's text in order: the preamble, then each section's title and paragraphs."""
    return [*preamble.paragraphs, *(t for top in sections for s in top.walk() for t in (s.title, *s.paragraphs))]


class CellRecord(NamedTuple):
    """One printed cell of a standard table, in the contract's shape (a tuple: immutable and cheap to build)."""

    table: str
    row: str
    column: str
    value: int | float | None
    state: str
    raw: str
    row_label: str
    column_label: str
    source: dict

    def as_dict(self) -> dict:
        table, row, column, value, state, raw, row_label, column_label, source = self
        return {"table": table, "row": row, "column": column, "value": value, "state": state, "raw": raw,
                "row_label": row_label, "column_label": column_label, "source": {**source}}
