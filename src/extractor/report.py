"""The result of converting one report: everything the contract's JSON holds, plus DataFrame views."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import CellRecord, Check, Document, Message, Section

if TYPE_CHECKING:
    import pandas as pd

# 2: tabular outputs name their columns for SQL (table_key, row_key, column_key, location)
# 3: wide's cell columns fold the keys' dots to _ too; sources may say settled_by, or carry OCR's candidates
SCHEMA_VERSION = "3"


def json_schema() -> str:
    """The JSON Schema (draft 2020-12) of the report JSON and of a file's error JSON, as shipped in the package."""
    from importlib import resources

    return resources.files(__package__).joinpath("report.schema.json").read_text(encoding="utf-8")


def section_dict(section: Section) -> dict:
    return {"number": section.number, "level": section.level, "title": section.title, "text": section.text,
            "key": section.key, "tables": list(section.tables), "children": [section_dict(c) for c in section.children]}


@dataclass(frozen=True)
class Report:
    document: Document
    metadata: dict
    preamble: Section
    sections: tuple[Section, ...]
    records: tuple[CellRecord, ...]
    checks: tuple[Check, ...]
    warnings: tuple[Message, ...]
    status: str  # ok, partial or no_tables: see status.py

    @property
    def failed_checks(self) -> list[Check]:
        return [c for c in self.checks if c.status == "fail"]

    def to_dict(self) -> dict:
        """The contract's report object (§3). `preamble` holds the title block that precedes section 一."""
        tables: dict[str, list[dict]] = {"active_disclosure": [], "applications": [], "review_litigation": []}
        for record in self.records:
            tables[record.table].append(record.as_dict())
        source = self.document.source
        return {
            "schema_version": SCHEMA_VERSION,
            "source": {"path": source.path, "sha256": source.sha256, "format": source.format, "bytes": source.bytes},
            "status": self.status,
            "metadata": dict(self.metadata),
            **self.outline(),
            "tables": tables,
            "checks": [c.as_dict() for c in self.checks],
            "warnings": [m.as_dict() for m in self.warnings],
            "raw_tables": [_raw_table(t, self.document) for t in self.document.tables],
        }

    def outline(self) -> dict:
        """The text's structure as in the JSON: `preamble` (the title block before section 一) and `sections`."""
        return {"preamble": {"text": self.preamble.text, "tables": list(self.preamble.tables)},
                "sections": [section_dict(s) for s in self.sections]}

    def frame(self, table: str) -> pd.DataFrame:
        """One standard table as printed: template row keys × column keys, values as numbers (NaN where not numeric)."""
        import pandas as pd

        rows = [r for r in self.records if r.table == table]
        frame = pd.DataFrame([(r.row, r.column, r.value) for r in rows], columns=["row", "column", "value"])
        order_rows = list(dict.fromkeys(r.row for r in rows))
        order_cols = list(dict.fromkeys(r.column for r in rows))
        wide = frame.pivot(index="row", columns="column", values="value")
        return wide.reindex(index=order_rows, columns=order_cols)

    def raw_frames(self) -> list[pd.DataFrame]:
        """Every table of the document as a DataFrame with multi-level row and column headers."""
        from .frames import table_frame

        return [table_frame(t) for t in self.document.tables]


def _raw_table(table, document: Document) -> dict:
    heading = ""
    for block in document.blocks[: table.block][::-1]:
        if hasattr(block, "text") and block.text.strip():
            heading = block.text.strip()
            break
    spans = [{"row": c.row, "col": c.col, "rowspan": c.row_span, "colspan": c.col_span}
             for c in table.cells if c.row_span > 1 or c.col_span > 1]
    return {"index": table.index, "heading": heading, "grid": table.text_grid(), "spans": spans}
