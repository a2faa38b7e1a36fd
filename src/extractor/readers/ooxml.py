"""WordprocessingML names and the text of a paragraph, shared by the body and table readers."""
from __future__ import annotations

import zipfile

from lxml import etree

from ..errors import ExtractorError
from ..limits import current_limits

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

# Run content that carries text (ECMA-376 §17.3.3). Deleted text is w:delText and so never collected.
_TEXT = W + "t"
_BREAKS = {W + "br": "\n", W + "cr": "\n", W + "tab": "\t", W + "noBreakHyphen": "-"}
_PARAGRAPH = W + "p"


def paragraph_text(p: etree._Element) -> str:
    """The visible text of a w:p: w:t runs (tracked insertions included), breaks as newlines, tabs as tabs."""
    parts = []
    for node in p.iter(_TEXT, *_BREAKS):
        if node.tag == _TEXT:
            if node.text:
                parts.append(node.text)
            for child in node:  # an unresolved entity reference inside w:t: keep the text after it
                if child.tail:
                    parts.append(child.tail)
        else:
            parts.append(_BREAKS[node.tag])
    return "".join(parts)


# Containers that only wrap blocks, rows or cells: content controls, custom XML, smart tags (ECMA-376 §17.5).
TRANSPARENT = frozenset({W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag"})
# Block-level containers between a table cell and its paragraphs (nested tables, content controls).
_BLOCK_CONTAINERS = {W + "tbl", W + "tr", W + "tc", W + "sdt", W + "sdtContent", W + "customXml"}


def block_text(container: etree._Element) -> str:
    """Text of the paragraphs of a container (a table cell), one line each, nested tables included.

    Only block-level paragraphs are visited: a text box inside a run is already part of its paragraph's text.
    """
    lines = []
    stack = [container.iterchildren()]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == _PARAGRAPH:
            lines.append(paragraph_text(child))
        elif child.tag in _BLOCK_CONTAINERS:
            stack.append(iter(child))
    return "\n".join(lines)


def read_part(package: zipfile.ZipFile, name: str) -> bytes:
    """A package member's bytes, refused (`zip_bomb`) when it would inflate past the limits (limits.py)."""
    info = package.getinfo(name)
    limits = current_limits()
    if info.file_size > limits.max_part_mb * 2**20 or (
            info.file_size > 2**20 and info.file_size > limits.max_ratio * max(info.compress_size, 1)):
        raise ExtractorError("zip_bomb", f"{name} would inflate to {info.file_size / 2**20:.0f} MB from "
                                         f"{info.compress_size / 2**20:.1f} MB; refused (see EXTRACTOR_MAX_PART_MB, EXTRACTOR_MAX_RATIO)")
    return package.read(name)
