"""Headings inside running text: a body flattened onto one line ("…联系。一、总体情况2021年，我局…").

A paragraph is cut only when it holds two or more of the template's section headings (a number 一、…六、
followed by one of vocabulary.TEMPLATE_SECTIONS' titles, in increasing order), so an ordinary paragraph that
mentions a title is left alone. A section title is recognised as printed, one character off, or with only
its last two characters different (改进措施 for 改进情况). Within each section, sub-headings (（一）, 1.) are cut
only where a sentence could start (the section's start, after a space or 。；：！？) and only when they
continue their level's numbering (（一） first, then （二）…; 1. after a （…） heading starts again), so numbers
inside sentences and tables ("（二）部分公开" after its row's digits, "第（一）项") are never headings.
Each piece starts with its heading; the tree (tree.py) reads them as paragraphs.
"""
from __future__ import annotations

import re

from ..grammar import ARABIC_DELIMITER, CLOSE, CN_NUMBER, DELIMITER, OPEN, numeral_value
from ..vocabulary import TEMPLATE_SECTIONS, fold_title, one_edit

_TOP = re.compile(rf"({CN_NUMBER}{{1,2}})\s*{DELIMITER}\s*")
_SUB = re.compile(rf"{OPEN}\s*({CN_NUMBER}{{1,3}})\s*{CLOSE}|(?<![\d.])(\d{{1,2}})\s*{ARABIC_DELIMITER}")
_STARTS_SENTENCE = frozenset(" \t\u3000\xa0。；;：:！？!?")
_COMMENT = re.compile(r"<!--.*?-->", re.S)  # Word's list markers left in page text (<!--[if !supportLists]-->)
_LIST_SEPARATORS = frozenset("；;、，,")
_MIN_LENGTH = 200
_TITLE_WINDOW = 40


def _title_length(folded: str, title: str) -> int:
    """How many folded characters of `folded` the template title takes, or 0 when it does not start it."""
    if folded.startswith(title):
        return len(title)
    if folded[:1] not in title[:2] and title[:1] not in folded[:2]:
        return 0  # one edit keeps one of the first two characters in place
    for n in (len(title) + 1, len(title) - 1, len(title)):
        if one_edit(folded[:n], title):
            return n
    return len(title) if len(title) > 4 and folded[:len(title) - 2] == title[:-2] else 0


def _span(text: str, start: int, folded_length: int) -> int:
    """The end in `text` of the first `folded_length` characters that title folding keeps."""
    kept = 0
    for i in range(start, len(text)):
        if fold_title(text[i]):
            kept += 1
            if kept == folded_length:
                return i + 1
    return len(text)


def _top_headings(text: str) -> list[tuple[int, int, int]]:
    """(start, end of title, ordinal) of each template section heading, in increasing section order."""
    found, last = [], 0
    for m in _TOP.finditer(text):
        folded = fold_title(text[m.end():m.end() + _TITLE_WINDOW])
        for ordinal, _, title in TEMPLATE_SECTIONS:
            n = _title_length(folded, fold_title(title))
            if ordinal > last and n and (numeral_value(m.group(1)) == ordinal or folded.startswith(fold_title(title))):
                end = _span(text, m.end(), n)
                if text[end:end + 1] in _LIST_SEPARATORS:  # "包括：一、总体情况；二、…": a list of contents
                    break
                found.append((m.start(), end, ordinal))
                last = ordinal
                break
    return found


def _sub_headings(text: str, start: int, end: int) -> list[int]:
    """Starts of the numbered sub-headings inside a section's body text[start:end]."""
    out, last = [], {"cn": 0, "arabic": 0}
    for m in _SUB.finditer(text, start, end):
        if m.start() > start and text[m.start() - 1] not in _STARTS_SENTENCE:
            continue
        style = "cn" if m.group(1) else "arabic"
        if numeral_value(m.group(1) or m.group(2)) != last[style] + 1:
            continue
        last[style] += 1
        if style == "cn":
            last["arabic"] = 0
        out.append(m.start())
    return out


BODY, SUB_HEADING = -1, 0  # what a piece is when not a template section (its ordinal, 1 … 6)


def split_inline(text: str) -> list[tuple[str, int | None]]:
    """The paragraph cut before each heading it runs on into, each piece with what it is: the ordinal of the
    template section its heading names, SUB_HEADING, or BODY (text, whatever it starts with); [(text, None)]
    when it is not such a body (the tree then reads it as any paragraph)."""
    if len(text) < _MIN_LENGTH:
        return [(text, None)]
    text = _COMMENT.sub("", text) if "<!--" in text else text
    tops = _top_headings(text)
    if len(tops) < 2:
        return [(text, None)]
    cuts = {0: BODY}
    for i, (start, title_end, ordinal) in enumerate(tops):
        body_end = tops[i + 1][0] if i + 1 < len(tops) else len(text)
        cuts |= {start: ordinal, title_end: BODY} | dict.fromkeys(_sub_headings(text, title_end, body_end), SUB_HEADING)
    bounds = sorted(cuts) + [len(text)]
    return [(piece, cuts[a]) for a, b in zip(bounds, bounds[1:]) if (piece := text[a:b].strip())]
