"""WordprocessingML names and the text of a paragraph, shared by the body and table readers."""
from __future__ import annotations

from lxml import etree

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
        else:
            parts.append(_BREAKS[node.tag])
    return "".join(parts)


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
