"""The geometry of a scanned page for the OCR reader (readers/ocr.py): numpy and OpenCV only, no recognition.

1. Ink. Red ink (a seal over the table) is dropped before anything else by reading the red channel only: red
   ink barely darkens it, black print under the seal does. Ink is what Otsu's threshold leaves dark.
2. Skew. The angle (within ±MAX_SKEW degrees) at which the rows of ink line up best: the one that maximises the
   variance of the horizontal projection profile of a half-size copy; the page is rotated back by it.
3. Rules. Horizontal and vertical rules are the ink left by a morphological opening with a line RULE_LENGTH
   long (longer than any stroke of body text); a table is a connected region of rules both wide and tall.
   Row and column edges are the rule positions snapped together; two neighbouring grid slots belong to one
   (merged) cell when no rule separates them, so spans come from what is drawn, as in the ruled PDF reader.
4. Lines of text. Inside a cell, and in the page outside its tables, lines of text are the runs of rows that
   hold ink (projection profile); each line is cut to its ink and handed to the recogniser.
5. Text height. A picture (a table pasted into a .docx or a web page) has no resolution to go by: the height
   of its characters is read off its ink instead — the CHARACTER_PERCENTILE-th percentile of the heights of
   its character-shaped connected components (radicals and strokes are lower, the tallest are whole
   characters); on generated tables drawn at 100 to 300 dpi it is 18 px ± 1 at 150 dpi equivalent.

Lengths are in pixels of the page rendered at `dpi`; tolerances are given in points (1/72 inch) and scaled.
Projection profiles were preferred to rapidocr's learned text detector: on a generated applications page the
detector (with its recogniser) missed single-digit cells and took 28 s of CPU; finding the lines here takes ≈0.1 s.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

MAX_SKEW = 3.0  # degrees
RULE_LENGTH = 14.0  # pt: a run of ink this long in a straight line is a rule, not a stroke of a character
SNAP = 3.0  # pt: rules closer than this are one grid line
WALL = 0.6  # a rule covering this share of a slot's side separates the slot from its neighbour
MIN_TABLE = 36.0  # pt: a table's rules span at least this much both ways
MIN_INK = 6  # pixels: less ink than this in a cell is dust, the cell is blank
LINE_GAP = 1  # rows without ink between two lines of text
PAD = 3  # pixels of paper kept around a line crop
CHARACTER_PERCENTILE = 90
MIN_CHARACTERS = 20  # fewer character-shaped components than this: no text to measure


@dataclass(frozen=True, slots=True)
class GridCell:
    row: int
    col: int
    row_span: int
    col_span: int
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 inside the rules


@dataclass(frozen=True, slots=True)
class PageGrid:
    box: tuple[int, int, int, int]  # the table's outer rules
    xs: tuple[float, ...]  # x of every column rule
    cells: tuple[GridCell, ...]
    n_rows: int
    n_cols: int


def paper(rgb: np.ndarray) -> np.ndarray:
    """The page as gray with red ink removed (1.): its red channel, which red ink hardly darkens while black
    print darkens it as much as any channel, also where a seal covers the print."""
    return np.ascontiguousarray(rgb[:, :, 0])


def ink(gray: np.ndarray) -> np.ndarray:
    _, out = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return out


def skew(gray: np.ndarray) -> float:
    """The page's skew in degrees (2.): coarse then fine search of the sharpest horizontal profile."""
    small = ink(cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA))
    h, w = small.shape
    centre = (w / 2, h / 2)

    def sharpness(angle: float) -> float:
        turned = cv2.warpAffine(small, cv2.getRotationMatrix2D(centre, angle, 1.0), (w, h), flags=cv2.INTER_NEAREST)
        return float(np.var(turned.sum(axis=1, dtype=np.float64)))

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-6, 0.25), key=sharpness)
    return float(max(np.arange(best - 0.25, best + 0.25 + 1e-6, 0.05), key=sharpness))


def deskew(gray: np.ndarray, angle: float) -> np.ndarray:
    if abs(angle) < 0.05:
        return gray
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def rules(binary: np.ndarray, dpi: int) -> tuple[np.ndarray, np.ndarray]:
    """(horizontal, vertical) rule masks (3.)."""
    length = max(int(RULE_LENGTH / 72 * dpi), 10)
    horizontal = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    vertical = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    return horizontal, vertical


def _segments(mask: np.ndarray, axis: int) -> list[tuple[float, int, int]]:
    """Rule segments of a mask: (position across, start, end along); axis 0 = horizontal rules."""
    n, _, stats, centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out = []
    for i in range(1, n):
        x, y, w, h = stats[i, :4]
        if axis == 0:
            out.append((float(centroids[i][1]), int(x), int(x + w)))
        else:
            out.append((float(centroids[i][0]), int(y), int(y + h)))
    return out


def _snap(values: list[float], tolerance: float) -> list[float]:
    groups: list[list[float]] = []
    for v in sorted(values):
        if groups and v - groups[-1][-1] <= tolerance:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [sum(g) / len(g) for g in groups]


def _covered(segments: list[tuple[float, int, int]], at: float, start: float, end: float, tolerance: float) -> bool:
    """Whether rule segments at position `at` cover at least WALL of start…end."""
    spans = sorted((max(a, start), min(b, end)) for pos, a, b in segments if abs(pos - at) <= tolerance and b > start and a < end)
    total, reach = 0.0, start
    for a, b in spans:
        if b > reach:
            total += b - max(a, reach)
            reach = b
    return total >= WALL * (end - start)


def tables(horizontal: np.ndarray, vertical: np.ndarray, dpi: int) -> list[PageGrid]:
    """The ruled tables of a page, top to bottom, with their cells and spans (3.)."""
    joints = cv2.dilate(horizontal | vertical, np.ones((5, 5), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(joints, connectivity=8)
    minimum = MIN_TABLE / 72 * dpi
    found = []
    for i in range(1, n):
        x, y, w, h = (int(v) for v in stats[i, :4])
        if w >= minimum and h >= minimum:
            grid = _grid(horizontal[y:y + h, x:x + w], vertical[y:y + h, x:x + w], (x, y), dpi)
            if grid is not None:
                found.append(grid)
    return sorted(found, key=lambda g: g.box[1])


def _grid(horizontal: np.ndarray, vertical: np.ndarray, origin: tuple[int, int], dpi: int) -> PageGrid | None:
    tolerance = SNAP / 72 * dpi
    hs, vs = _segments(horizontal, 0), _segments(vertical, 1)
    ys, xs = _snap([s[0] for s in hs], tolerance), _snap([s[0] for s in vs], tolerance)
    if len(ys) < 2 or len(xs) < 2:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and not _covered(vs, xs[c + 1], ys[r], ys[r + 1], tolerance):
                parent[find(r * n_cols + c + 1)] = find(r * n_cols + c)
            if r + 1 < n_rows and not _covered(hs, ys[r + 1], xs[c], xs[c + 1], tolerance):
                parent[find((r + 1) * n_cols + c)] = find(r * n_cols + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            groups.setdefault(find(r * n_cols + c), []).append((r, c))
    ox, oy = origin
    inset = max(2, int(dpi / 72))  # half a rule's width and the blur around it
    cells = []
    for slots in groups.values():
        r0, c0 = min(r for r, _ in slots), min(c for _, c in slots)
        r1, c1 = max(r for r, _ in slots) + 1, max(c for _, c in slots) + 1
        box = (int(ox + xs[c0]) + inset, int(oy + ys[r0]) + inset, int(ox + xs[c1]) - inset, int(oy + ys[r1]) - inset)
        cells.append(GridCell(r0, c0, r1 - r0, c1 - c0, box))
    cells.sort(key=lambda c: (c.row, c.col))
    box = (int(ox + xs[0]), int(oy + ys[0]), int(ox + xs[-1]), int(oy + ys[-1]))
    return PageGrid(box, tuple(ox + x for x in xs), tuple(cells), n_rows, n_cols)


def text_lines(binary: np.ndarray, box: tuple[int, int, int, int]) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1, page pixels) of the lines of text inside `box` of a binary image without rules (4.)."""
    x0, y0, x1, y1 = box
    area = binary[y0:y1, x0:x1]
    if area.size == 0 or int(np.count_nonzero(area)) < MIN_INK:
        return []
    rows = np.count_nonzero(area, axis=1)
    runs, start, gap = [], None, 0
    for y, count in enumerate(rows):
        if count:
            if start is None:
                start = y
            gap, end = 0, y + 1
        elif start is not None:
            gap += 1
            if gap > LINE_GAP:
                runs.append((start, end))
                start = None
    if start is not None:
        runs.append((start, end))
    out = []
    for a, b in runs:
        band = area[a:b]
        if int(np.count_nonzero(band)) < MIN_INK:
            continue
        cols = np.flatnonzero(band.any(axis=0))
        out.append((x0 + int(cols[0]), y0 + a, x0 + int(cols[-1]) + 1, y0 + b))
    return out


def crop(gray: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    x0, y0, x1, y1 = box
    h, w = gray.shape
    return gray[max(y0 - PAD, 0):min(y1 + PAD, h), max(x0 - PAD, 0):min(x1 + PAD, w)]


def text_height(binary: np.ndarray) -> float | None:
    """The height in pixels of the characters of a binary image (5.), or None when it shows (almost) no text."""
    _, _, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    w, h = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    shaped = h[(h >= 3) & (w < 4 * h) & (h < 4 * w) & (h < binary.shape[0] / 4)]  # no rule, no frame, no speck
    return float(np.percentile(shaped, CHARACTER_PERCENTILE)) if len(shaped) >= MIN_CHARACTERS else None
