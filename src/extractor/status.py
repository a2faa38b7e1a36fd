"""A report's outcome, decided in one place for the CLI, the JSON and the batch alike.

| status | meaning |
|---|---|
| `ok` | all three standard tables found and every template cell placed |
| `partial` | some table or cell missing or unplaceable; warnings name each (`missing_table`, `missing_cell`, …) |
| `no_tables` | a report (its title or sections are the template's) but none of the three tables could be read; the
  sections are extracted and a warning says why when it can be seen (`tables_are_images`, `tables_in_text`) |

A document with nothing of the annual-report template at all (a notice, a news page, a configuration file) is
no report: `assess` raises `not_a_report`, which the CLI reports as an error and a batch as a failed file.
"""
from __future__ import annotations

import re

from .errors import ExtractorError
from .model import CellRecord, Document, Message, Section, report_texts, where
from .vocabulary import TABLES, normalize_label, vocabulary

STATUSES = ("ok", "partial", "no_tables")
# Warnings that say a value was printed but could not be given a template cell.
UNPLACED = frozenset({"unplaced_cell", "unplaced_row", "unknown_row_label", "subtotal_row", "not_a_template_cell"})
# Digits run together that the template's arithmetic left open: in a batch, last year's report may settle them.
UNSPLIT = frozenset({"ambiguous_digits"})
# Warnings that mean a template cell is absent from the output: such a report is `partial`, never `ok`.
INCOMPLETE = UNPLACED | {"missing_cell", "missing_table"}

# The report's own title: 政府信息公开工作年度报告 and its usual shortenings, not a notice *about* reports
# (关于做好…年度报告编制工作的通知) — see _is_titled.
_TITLE = re.compile(r"政府信息公开(?:工作)?(?:年度)?(?:报告|年报)|政务公开(?:工作)?年度报告")
_LOOKS_AT = 600  # characters of a line that may hold the title
_TITLE_LINES = 8  # the opening lines looked at (crawler headers may stand before the title)
_TITLE_OFFSET = 60  # the longest agency name and year before the title words
_SECTIONS_OF_A_REPORT = 2  # template section titles that make a document a report even without its title
_LABELS_OF_A_TABLE = 2  # template row labels found in the text that show a table flattened into it


def assess(document: Document, preamble: Section, sections: tuple[Section, ...],
           records: tuple[CellRecord, ...], messages: tuple[Message, ...]) -> tuple[str, list[Message]]:
    """(status, the warnings that explain it). Raises ExtractorError `not_a_report` for a document that is no
    annual report at all."""
    if not records:
        lines = [line for line in report_texts(preamble, sections) if line.strip()]
        labels = _flattened_tables("".join(lines))
        seen_a_table = any(m.code in UNPLACED for m in messages)  # a template table whose values found no cell
        titles = [document.title, *lines] if document.title else lines  # a web page's <title> names it too
        if not (seen_a_table or _is_titled(titles) or _template_sections(sections) >= _SECTIONS_OF_A_REPORT
                or len(labels) >= _LABELS_OF_A_TABLE):
            raise ExtractorError("not_a_report", "nothing of the annual-report template was found (no 政府信息公开…年度报告 "
                                 "title, none of its sections or tables); check that this is a report")
        return "no_tables", [_why_no_tables(document, labels)]
    incomplete = any(m.code in INCOMPLETE for m in messages)
    extra = [] if any(r.state != "empty" for r in records) else [Message(
        "blank_tables", "every cell of the tables is blank: an unfilled template, not data (no value is read as 0)")]
    return ("partial" if incomplete else "ok"), extra


def _is_titled(lines: list[str]) -> bool:
    """Whether one of the opening lines is the report's title: the words stand near the start of a line of prose
    (a table row or a file listing that mentions reports is no title), not after 关于 (a notice about reports)."""
    for line in lines[:_TITLE_LINES]:
        match = _TITLE.search(line[:_LOOKS_AT])
        if match and match.start() <= _TITLE_OFFSET and "\t" not in line[:match.start()] and "关于" not in line[:match.start()]:
            return True
    return False


def _template_sections(sections: tuple[Section, ...]) -> int:
    return len({s.key for top in sections for s in top.walk() if s.key})


def _flattened_tables(text: str) -> list[str]:
    """The template's row labels that the running text contains (the distinctive ones, eight characters or more)."""
    folded = normalize_label(text)
    return [label for label in _distinctive_labels() if label in folded][:_LABELS_OF_A_TABLE + 3]


def _distinctive_labels() -> tuple[str, ...]:
    vocab = vocabulary()
    labels = (normalize_label(k.label) for (table, axis, _), k in vocab.keys.items() if axis == "row" and table in TABLES)
    return tuple(dict.fromkeys(label for label in labels if len(label) >= 8))


def _why_no_tables(document: Document, labels: list[str]) -> Message:
    pictures = document.pictures
    if pictures:
        return Message("tables_are_images", f"none of the three standard tables is in the text, and the document holds "
                       f"{len(pictures)} picture(s): the tables are images (scanned or pasted as pictures) and OCR "
                       "read none of them (other warnings say why)", where(picture=pictures[0].index))
    if len(labels) >= _LABELS_OF_A_TABLE:
        return Message("tables_in_text", "the tables' labels are in the running text (" + "、".join(labels[:3]) + " …) but no "
                       "table could be rebuilt from them: the tables were flattened into text", "text")
    return Message("no_tables_found", "none of the three standard tables (主动公开, 收到和处理政府信息公开申请, 行政复议、行政诉讼) "
                   "was found in the document", "document")
