"""WordprocessingML names, the text of a paragraph and a part's relationships, shared by the .docx readers."""
from __future__ import annotations

import posixpath
import zipfile
from typing import NamedTuple

from lxml import etree

from ..errors import ExtractorError
from ..limits import current_limits

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# The same hardened settings for every part: no entities, no DTD, no network.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_PKG_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# Where a picture names its image: DrawingML a:blip r:embed (r:link when linked), VML v:imagedata r:id.
BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"
IMAGE_REFS = (_R + "embed", _R + "link", _R + "id")

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


class Relationship(NamedTuple):
    kind: str  # the last segment of the relationship type: "image", "numbering", "styles" …
    target: str  # a part name inside the package, or the URL of an external target
    external: bool


def relationships(package: zipfile.ZipFile, part: str) -> dict[str, Relationship]:
    """The relationships of a part by id (its _rels/*.rels), targets resolved to part names; {} when it has none
    or they do not parse."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    try:
        rels = etree.fromstring(read_part(package, rels_name), PARSER)
    except (KeyError, etree.XMLSyntaxError):
        return {}
    found: dict[str, Relationship] = {}
    for rel in rels.iter(_PKG_RELS):
        target, external = rel.get("Target", ""), rel.get("TargetMode") == "External"
        if not external:
            target = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
        found.setdefault(rel.get("Id", ""), Relationship(rel.get("Type", "").rsplit("/", 1)[-1], target, external))
    return found
