"""The report's six template sections and how a heading's title is read, as data.

A heading is a paragraph that starts with one of grammar.HEADING_STYLES (the numbering grammar, shared with
the readers); the style gives its level.
"""
from __future__ import annotations

import re

from ..grammar import HEADING_STARTS, HEADING_STYLES, starts_with_heading_number

__all__ = ["HEADING_STARTS", "HEADING_STYLES", "starts_with_heading_number", "TITLE_END", "TEMPLATE_SECTIONS"]

# A run-in heading ends at the first of these: "1、办事处机构名称：江岸区…" has the title 办事处机构名称.
TITLE_END = re.compile(r"[。；;：:！？!?]")

# The template's six sections: ordinal, key, title (compared without spaces and punctuation) — the template's
# own titles first, then the variants reports print (the 2019 format's, shortened or reworded ones).
TEMPLATE_SECTIONS: tuple[tuple[int, str, str], ...] = (
    (1, "overview", "总体情况"),
    (2, "active_disclosure", "主动公开政府信息情况"),
    (3, "applications", "收到和处理政府信息公开申请情况"),
    (4, "review_litigation", "政府信息公开行政复议行政诉讼情况"),
    (5, "problems", "存在的主要问题及改进情况"),
    (6, "other", "其他需要报告的事项"),
    (4, "review_litigation", "因政府信息公开申请行政复议提起行政诉讼的情况"),
    (4, "review_litigation", "因政府信息公开申请提起行政复议行政诉讼的情况"),
    (5, "problems", "政府信息公开工作存在的主要问题及改进情况"),
    (5, "problems", "存在的主要问题及改进措施"),
    (5, "problems", "存在问题及改进情况"),
    (5, "problems", "存在的问题及改进情况"),
    (5, "problems", "存在的问题及改进措施"),
)
# A top-level heading also names a template section when one character is added, left out or mistyped
# (因政府信息公开申请行政法复议…), for titles of at least this many characters (总体情况 ≠ 具体情况).
TOLERANT_LENGTH = 8

_PUNCTUATION = re.compile(r"[\s、，,。.．:：;；（）()“”\"]")


def fold_title(title: str) -> str:
    return _PUNCTUATION.sub("", title)


def within_one_edit(a: str, b: str) -> bool:
    """Whether `a` becomes `b` by adding, leaving out or changing at most one character."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def holds_title_within_one_edit(folded: str, title: str) -> bool:
    """Whether `folded` holds `title`, up to one character added, left out or changed."""
    return any(within_one_edit(folded[start:start + size], title)
               for size in (len(title) - 1, len(title), len(title) + 1) for start in range(len(folded) - size + 1))
