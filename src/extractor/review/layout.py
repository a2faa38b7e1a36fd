"""The three standard tables as the template draws them: header cells with their spans, then the value slots.

Built from the vocabulary alone (keys.tsv for the leaves and their printed labels, cells.tsv for which cells a
template has, layout.tsv for the group headers, captions and 主动公开's items), never from one report's printed
grid, so every report of a template is drawn the same way. A group's leaves are the keys that start with
`group.` (results.withheld → results.withheld.state_secret …). The drawing is a list of rows, each listing the
slots that start in it, left to right, as HTML rowspan/colspan lays them out.

    applications        row tree as label columns (一、… spans all three; 三、本年度办理结果 spans its 20+ rows),
                        column tree under the caption 申请人情况 (自然人 and 总计 span two header rows)
    review_litigation   the row tree drawn across: 行政复议 | 行政诉讼 › 未经复议直接起诉, 复议后起诉, each over
                        the five outcome columns; one row of values
    active_disclosure   one block per 第二十条 item: the item across the table, a header row
                        (信息内容 + the row's columns), then its rows; value cells share the width left of the label
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..template import prints_single_other_row
from ..vocabulary import display_label, rows, vocabulary

Key = tuple[str, str, str]  # (table, row, column)


@dataclass(frozen=True)
class Slot:
    """One drawn cell: a header label (`key` None) or the value slot of a template cell."""

    text: str = ""
    key: Key | None = None
    rowspan: int = 1
    colspan: int = 1
    kind: str = "label"  # label (a printed header) | value


@dataclass
class _Node:
    label: str
    key: str
    children: list[_Node]

    def leaves(self) -> list[_Node]:
        return [self] if not self.children else [leaf for c in self.children for leaf in c.leaves()]

    def height(self) -> int:
        return 1 + max((c.height() for c in self.children), default=0)


@lru_cache(maxsize=1)
def _layout() -> dict[tuple[str, str], dict[str, str]]:
    out: dict[tuple[str, str], dict[str, str]] = {}
    for table, kind, key, label in rows("layout.tsv"):
        out.setdefault((table, kind), {})[key] = label
    return out


def _part(table: str, kind: str) -> dict[str, str]:
    return _layout().get((table, kind), {})


def _label(table: str, axis: str, key: str) -> str:
    return display_label(vocabulary().keys[(table, axis, key)].label)


def _tree(table: str, axis: str, keys: list[str]) -> list[_Node]:
    """Leaves in printed order under the groups of layout.tsv that their keys start with."""
    groups = _part(table, "group")
    roots: list[_Node] = []
    made: dict[str, _Node] = {}
    for key in keys:
        siblings, parts = roots, key.split(".")
        for i in range(1, len(parts)):
            group = ".".join(parts[:i])
            if group in groups:
                if group not in made:
                    made[group] = _Node(groups[group], group, [])
                    siblings.append(made[group])
                siblings = made[group].children
        siblings.append(_Node(_label(table, axis, key), key, []))
    return roots


def drawn_cells(table: str, template: str, printed: set[Key]) -> list[tuple[str, str]]:
    """The (row, column) cells drawn for a report of `template` ("unknown" draws the 2021 format) whose cells
    are `printed`: the template's cells, with （六）其他处理 as one row when the report prints it so."""
    fmt = template if template in ("2019", "2021") else "2021"
    cells = list(vocabulary().cells(table, fmt))
    if table == "applications" and fmt == "2021" and prints_single_other_row(printed):
        single = [rc for rc in vocabulary().cells(table, "2019") if rc[0] == "results.other"]
        first = next(i for i, (r, _) in enumerate(cells) if r.startswith("results.other."))
        cells = [rc for rc in cells if not rc[0].startswith("results.other.")]
        cells[first:first] = single
    return cells


def draw(table: str, template: str, printed: set[Key]) -> list[list[Slot]]:
    """The table's rows of slots (header rows first) for a report whose cells are `printed`."""
    cells = drawn_cells(table, template, printed)
    if table == "active_disclosure":
        return _draw_blocks(table, cells)
    rows = list(dict.fromkeys(r for r, _ in cells))
    columns = list(dict.fromkeys(c for _, c in cells))
    if table == "review_litigation":
        return _draw_across(table, rows, columns)
    return _draw_grid(table, rows, columns)


def _header(roots: list[_Node], corner: Slot | None = None) -> list[list[Slot]]:
    """Header rows for a column tree: a group spans its leaves; a leaf reaches down to the last header row."""
    height = max(n.height() for n in roots)
    out: list[list[Slot]] = [[] for _ in range(height)]
    if corner is not None:
        out[0].append(Slot(corner.text, rowspan=height, colspan=corner.colspan))

    def place(node: _Node, depth: int) -> None:
        span = len(node.leaves())
        out[depth].append(Slot(node.label, rowspan=1 if node.children else height - depth, colspan=span))
        for child in node.children:
            place(child, depth + 1)

    for root in roots:
        place(root, 0)
    return out


def _draw_grid(table: str, rows: list[str], columns: list[str]) -> list[list[Slot]]:
    row_roots = _tree(table, "row", rows)
    label_columns = max(n.height() for n in row_roots)
    column_roots = _tree(table, "column", columns)
    caption = _part(table, "caption")
    if caption:
        column_roots = [_Node(label, key, column_roots) for key, label in caption.items()]
    corner = Slot(_part(table, "corner").get("label", ""), colspan=label_columns)
    drawn = _header(column_roots, corner)
    leaf_columns = [leaf.key for root in column_roots for leaf in root.leaves()]

    def walk(nodes: list[_Node], depth: int, opened: list[Slot]) -> None:
        for node in nodes:
            if node.children:
                walk(node.children, depth + 1, [*opened, Slot(node.label, rowspan=len(node.leaves()))])
                opened = []
                continue
            drawn.append([*opened, Slot(node.label, colspan=label_columns - depth),
                          *(Slot(key=(table, node.key, c), kind="value") for c in leaf_columns)])
            opened = []

    walk(row_roots, 0, [])
    return drawn


def _draw_across(table: str, rows: list[str], columns: list[str]) -> list[list[Slot]]:
    roots = _tree(table, "row", rows)
    outcome = _tree(table, "column", columns)
    for leaf in [leaf for root in roots for leaf in root.leaves()]:
        leaf.children = [_Node(o.label, f"{leaf.key}|{o.key}", []) for o in outcome]
    drawn = _header(roots)
    values = [leaf.key.split("|") for root in roots for leaf in root.leaves()]
    drawn.append([Slot(key=(table, row, column), kind="value") for row, column in values])
    return drawn


def _draw_blocks(table: str, cells: list[tuple[str, str]]) -> list[list[Slot]]:
    items = _part(table, "item")
    corner = _part(table, "corner").get("label", "")
    columns_of = {r: [c for rr, c in cells if rr == r] for r in dict.fromkeys(r for r, _ in cells)}
    width = max(len(cols) for cols in columns_of.values())
    drawn: list[list[Slot]] = []
    last_item = None
    for row, columns in columns_of.items():
        spans = [1] * (len(columns) - 1) + [width - len(columns) + 1]
        if items.get(row) != last_item:
            last_item = items.get(row)
            drawn.append([Slot(last_item or "", colspan=width + 1)])
            drawn.append([Slot(corner), *(Slot(_label(table, "column", c), colspan=s) for c, s in zip(columns, spans))])
        drawn.append([Slot(_label(table, "row", row)), *(Slot(key=(table, row, c), colspan=s, kind="value")
                                                          for c, s in zip(columns, spans))])
    return drawn
