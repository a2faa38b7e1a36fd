"""Paragraphs → a tree of numbered sections. Every paragraph lands in exactly one section.

Tables and pictures are held by the section they fall in: a table's index in `Section.tables`, and its block
index, like a picture's, in `Section.blocks`.

Levels come from the numbering style (grammar.HEADING_STYLES). A heading whose title is one of the
template's six section titles (vocabulary.template_section) is a level-1 section whatever its numbering (reports print 二 as "2、");
numbers that skip or repeat are warned about and kept as printed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..grammar import HEADING_STARTS, HEADING_STYLES, numeral_value
from ..model import Block, Message, Paragraph, Picture, Section, Table, where
from ..vocabulary import TEMPLATE_SECTIONS, template_section
from .inline import BODY, split_inline

# A run-in heading ends at the first of these: "1、办事处机构名称：江岸区…" has the title 办事处机构名称.
TITLE_END = re.compile(r"[。；;：:！？!?]")


@dataclass
class _Open:
    number: str | None
    level: int
    title: str
    key: str | None = None
    value: int = 0
    paragraphs: list[str] = field(default_factory=list)
    tables: list[int] = field(default_factory=list)
    children: list[_Open] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)

    def freeze(self) -> Section:
        return Section(self.number, self.level, self.title, tuple(self.paragraphs), tuple(self.tables),
                       tuple(c.freeze() for c in self.children), self.key, tuple(self.blocks))


@dataclass(frozen=True)
class Heading:
    number: str
    value: int
    style: str
    level: int
    title: str
    rest: str  # text of a run-in heading after its title


def parse_heading(text: str) -> Heading | None:
    """The heading a paragraph starts with, or None. Numbers inside a sentence never match (anchored at start)."""
    if text[:1] not in HEADING_STARTS:
        return None
    for style, level, pattern in HEADING_STYLES:
        match = pattern.match(text)
        if match and text[match.end():].strip():
            body = text[match.end():].strip()
            end = TITLE_END.search(body)
            title, rest = (body[: end.start()], body[end.end():].strip()) if end else (body, "")
            return Heading(match.group(1), numeral_value(match.group(1)), style, level, title.strip(), rest)
    return None


_SECTION_KEYS = {ordinal: (ordinal, key) for ordinal, key, _ in TEMPLATE_SECTIONS}


def segment(blocks: tuple[Block, ...]) -> tuple[Section, tuple[Section, ...], list[Message]]:
    """(preamble, top-level sections, warnings). The preamble holds what precedes the first heading."""
    root = _Open(None, 0, "")
    stack = [root]
    messages: list[Message] = []
    last_ordinal = 0
    for block in blocks:
        if isinstance(block, Table):
            stack[-1].tables.append(block.index)
            stack[-1].blocks.append(block.block)
            continue
        if isinstance(block, Picture):  # no text to segment; held by the section it falls in (Section.blocks)
            stack[-1].blocks.append(block.index)
            continue
        if not isinstance(block, Paragraph) or not block.text.strip():
            continue
        for text, ordinal in split_inline(block.text.strip()):
            last_ordinal = _add(text, ordinal, block.index, stack, messages, last_ordinal)
    preamble = Section(None, 0, "", tuple(root.paragraphs), tuple(root.tables), blocks=tuple(root.blocks))
    return preamble, tuple(c.freeze() for c in root.children), messages


def _add(text: str, ordinal: int | None, index: int, stack: list[_Open], messages: list[Message], last_ordinal: int) -> int:
    """File one paragraph (or one piece of a body run together, see inline.py, with the template section
    its heading was found to name) into the open sections."""
    heading = parse_heading(text) if ordinal != BODY else None
    if heading is None:
        stack[-1].paragraphs.append(text)
        if stack[-1].blocks[-1:] != [index]:
            stack[-1].blocks.append(index)
        return last_ordinal
    level, key = heading.level, None
    known = _SECTION_KEYS[ordinal] if ordinal else template_section(heading.title, exact=heading.level != 1)
    if known and known[0] > last_ordinal:
        last_ordinal, key = known
        if level != 1:
            messages.append(Message("heading_promoted", f"template section {heading.title!r} is numbered "
                                    f"{heading.number!r} ({heading.style}); read as a top-level section", where(paragraph=index)))
            level = 1
    while stack[-1].level >= level:
        stack.pop()
    parent = stack[-1]
    siblings = [c for c in parent.children if c.level == level]
    expected = siblings[-1].value + 1 if siblings else 1
    if key is None and heading.value != expected:
        messages.append(Message("heading_out_of_order", f"heading {heading.number!r} {heading.title!r} follows "
                                f"{'number ' + str(expected - 1) if siblings else 'no sibling'} at its level",
                                where(paragraph=index)))
    section = _Open(heading.number, level, heading.title, key, heading.value if key is None else known[0], blocks=[index])
    if heading.rest:
        section.paragraphs.append(heading.rest)
    parent.children.append(section)
    stack.append(section)
    return last_ordinal
