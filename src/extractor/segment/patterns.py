"""How the segmenter reads a heading's title, as data.

A heading is a paragraph that starts with one of grammar.HEADING_STYLES (the numbering grammar, shared with
the readers); the style gives its level. Its title names a template section when it is one of
vocabulary.TEMPLATE_SECTIONS (the titles, shared with the readers), or one character off a long one.
"""
from __future__ import annotations

import re

from ..grammar import within_one_edit

# A run-in heading ends at the first of these: "1、办事处机构名称：江岸区…" has the title 办事处机构名称.
TITLE_END = re.compile(r"[。；;：:！？!?]")

# A top-level heading also names a template section when one character is added, left out or mistyped
# (因政府信息公开申请行政法复议…), for titles of at least this many characters (总体情况 ≠ 具体情况).
TOLERANT_LENGTH = 8


def holds_title_within_one_edit(folded: str, title: str) -> bool:
    """Whether `folded` holds `title`, up to one character added, left out or changed."""
    return any(within_one_edit(folded[start:start + size], title)
               for size in (len(title) - 1, len(title), len(title) + 1) for start in range(len(folded) - size + 1))
