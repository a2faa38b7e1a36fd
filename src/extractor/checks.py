"""Arithmetic checks over the cell records (勾稽关系) and against counts stated in the text. Flag, never repair.

Each check compares two sums of printed cells. A check touching a cell that is missing, blank, "/" or text
is `not_assessable`: a blank is never taken for 0. The printed values are only read, never changed.
"""
from __future__ import annotations

import re

from .model import CellRecord, Check, Section, report_texts
from .relations import Ref, assess, relations
from .template import prints_single_other_row
from .template.values import NUMBER_STATES


def numeric_cells(records) -> dict[Ref, int | float]:
    """The cells that hold a number (numeric or zero), by key; blanks, "/" and text are absent, never 0."""
    return {(r.table, r.row, r.column): r.value for r in records if r.state in NUMBER_STATES}


# Counts the text states: (rule, cells that must hold it, a word the sentence must contain, pattern with the
# count as group 1 or a zero statement). The word is a cheap filter before the pattern runs.
NARRATIVE = (
    ("narrative.new_received", (("applications", "new_received", "total"),), "申请",
     # receiving and the count in one clause (no comma between), the count right after 申请
     re.compile(r"(?:新收|收到|受理|接收)[^。；;，,]{0,40}?申请[^。；;，,\d]{0,6}?(\d+)\s*(?:件|条|份|个|次|宗)")),
    ("narrative.no_review", (("review_litigation", "review", "total"),), "行政复议",
     re.compile(r"(?:没有|未|无)[^。；;，,]{0,20}?行政复议")),
    ("narrative.no_litigation", (("review_litigation", "litigation.direct", "total"), ("review_litigation", "litigation.after_review", "total")),
     "行政诉讼", re.compile(r"(?:没有|未|无)[^。；;]{0,30}?行政诉讼")),
)
_KEYWORDS = re.compile("|".join(word for _, _, word, _ in NARRATIVE))
_SENTENCE = re.compile(r"[^。；;\n]+[。；;]?")


def narrative_checks(sections: tuple[Section, ...], preamble: Section, numbers: dict[Ref, int | float]) -> list[Check]:
    """Compare counts stated in the text with the tables; the sentence is quoted in the message."""
    texts = report_texts(preamble, sections)
    out, seen = [], set()
    for text in texts:
        if not _KEYWORDS.search(text):
            continue
        for sentence in _SENTENCE.findall(text):
            for rule, refs, word, pattern in NARRATIVE:
                match = word in sentence and pattern.search(sentence)
                if not match:
                    continue
                stated = int(match.group(1)) if match.groups() else 0
                if (rule, stated) in seen:
                    continue
                seen.add((rule, stated))
                out.append(_narrative_check(rule, refs, stated, sentence.strip(), numbers))
    return out


def _narrative_check(rule: str, refs: tuple[Ref, ...], stated: int, sentence: str, numbers: dict[Ref, int | float]) -> Check:
    values = [numbers.get(r) for r in refs]
    if any(v is None for v in values):
        return Check(rule, "text", refs, "not_assessable", stated, None,
                     f"the text states {stated} (“{sentence}”) but the table cell is not a number")
    actual = sum(values)
    return Check(rule, "text", refs, "pass" if actual == stated else "fail", stated, actual,
                 f"the text states {stated} (“{sentence}”), the table {actual}")


def run_checks(records: list[CellRecord], sections: tuple[Section, ...], preamble: Section, template: str) -> list[Check]:
    """Every template relation, then every count the text states. Tables absent from the report are skipped."""
    cells = {(r.table, r.row, r.column): r for r in records}
    states = {key: r.state for key, r in cells.items()}
    tables = {r.table for r in records}
    other = "2019" if prints_single_other_row(cells) else None
    numbers = numeric_cells(records)
    out = [assess(rel, numbers, states=states) for rel in relations(template, other) if rel.table in tables]
    return out + narrative_checks(sections, preamble, numbers)
