"""Counts a report's text states about its own tables ("共收到政府信息公开申请38件", "制发行政规范性文件12件",
"未发生行政复议"), as one table: checks.py compares them with the cells, and the stream reader settles a run of
digits with them (template/stream.py). Imports nothing of the package, so both can read it.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

Ref = tuple[str, str, str]  # (table, row, column)

# 主动公开 rows and columns a sentence can state: the document it names and the verb of the column (of either
# template: a rule whose cell the report's template lacks is left out). A count follows the document
# (制发行政规范性文件12件) or comes between verb and document (制发12件规范性文件), in one clause.
_DOCUMENTS = (("regulations", "规章", "规章(?!制度)"), ("normative_documents", "规范性文件", "(?:行政)?规范性文件"))
_VERBS = (("issued", "(?:制发|印发|制定|出台)"), ("repealed", "(?:废止|废除|宣布失效)"), ("in_force", "现行有效"),  # 2021
          ("new_made", "新制作"), ("new_published", "新公开"), ("total_published", "对外公开总数(?:量)?"))  # 2019
_CLAUSE = r"[^。；;，,\d]"


def _active(row: str, noun: str, verb: str) -> re.Pattern[str]:
    return re.compile(f"{verb}(?:{_CLAUSE}{{0,10}}?{noun}{_CLAUSE}{{0,4}}?(\\d+)\\s*(?:件|部|个)"
                      f"|{_CLAUSE}{{0,4}}?(\\d+)\\s*(?:件|部|个){noun})")


# Counts the text states: (rule, cells that must hold it, a word the sentence must contain, pattern with the
# count as its first group that matched, or a zero statement). The word is a cheap filter before the pattern runs.
NARRATIVE = (
    ("narrative.new_received", (("applications", "new_received", "total"),), "申请",
     # receiving and the count in one clause (no comma between), the count right after 申请
     re.compile(r"(?:新收|收到|受理|接收)[^。；;，,]{0,40}?申请[^。；;，,\d]{0,6}?(\d+)\s*(?:件|条|份|个|次|宗)")),
    ("narrative.no_review", (("review_litigation", "review", "total"),), "行政复议",
     re.compile(r"(?:没有|未|无)[^。；;，,]{0,20}?行政复议")),
    ("narrative.no_litigation", (("review_litigation", "litigation.direct", "total"), ("review_litigation", "litigation.after_review", "total")),
     "行政诉讼", re.compile(r"(?:没有|未|无)[^。；;]{0,30}?行政诉讼")),
    *((f"narrative.{row}.{column}", (("active_disclosure", row, column),), word, _active(row, noun, verb))
      for row, word, noun in _DOCUMENTS for column, verb in _VERBS),
)
_KEYWORDS = re.compile("|".join(dict.fromkeys(word for _, _, word, _ in NARRATIVE)))
_SENTENCE = re.compile(r"[^。；;\n]+[。；;]?")


class Statement(NamedTuple):
    rule: str
    cells: tuple[Ref, ...]  # their sum is the count stated
    stated: int
    sentence: str
    said: str  # the words that state it, within the sentence


def statements(texts: Iterable[str]) -> list[Statement]:
    """Every count the texts state, in order; one per rule and count (a report repeating itself says it once)."""
    out, seen = [], set()
    for text in texts:
        if not _KEYWORDS.search(text):
            continue
        for sentence in _SENTENCE.findall(text):
            for rule, refs, word, pattern in NARRATIVE:
                match = word in sentence and pattern.search(sentence)
                if not match:
                    continue
                stated = int(next((g for g in match.groups() if g is not None), 0))
                if (rule, stated) not in seen:
                    seen.add((rule, stated))
                    out.append(Statement(rule, refs, stated, sentence.strip(), match.group(0)))
    return out
