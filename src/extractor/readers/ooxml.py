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


def block_text(container: etree._Element) -> str:
    """Text of every paragraph under a container (a table cell), one line each, nested tables included."""
    return "\n".join(paragraph_text(p) for p in container.iter(_PARAGRAPH))
