"""Copy-paste detection (内容雷同) across a batch: pairs of reports whose narrative is near-identical.

    narrative(report: dict, *, agency=None) -> Narrative
        from a report dict (`Report.to_dict()`) or a sections.jsonl line: its id (source_file, else source.path),
        agency (pass the batch's agency_key — agency_id once it exists — else metadata.agency is folded with
        panel.agency_key), year and the texts of the narrative sections (overview 一, problems 五, other 六)
    find_similar(narratives: Sequence[Narrative], *, threshold=0.6, ...) -> list[SimilarPair]
        every pair of reports and section whose exact similarity is ≥ threshold: a, b (ids), section, similarity
        (Jaccard of the two texts' character shingles after boilerplate is removed), passage (the longest run
        of text both share, as printed in a), same_agency; best first. SIMILAR_COLUMNS names the CSV columns.

How, so that a national crawl is not compared all pairs against all pairs:
1. Boilerplate out (BOILERPLATE, a table of patterns: the standard opening sentence 根据《中华人民共和国政府信息
   公开条例》…编制本报告, the statistical period, the contact and website lines; and every label of the template's
   vocabulary); text folded (only letters, CJK and digits kept, every digit read as #, so a copy with next
   year's numbers is still a copy); 5-character shingles hashed (a vectorized rolling hash).
2. Shingles that occur in more than `max_share` of the batch (estimated on a sample of `df_sample` reports, and
   at least `min_docs` of them) are dropped: phrases every report prints make no two reports alike.
3. A MinHash (datasketch, `num_perm` permutations, over every `sample`-th shingle by hash) per report and
   section into one MinHashLSH per section at `threshold − 0.2`; each report queries it for its candidates.
4. Each candidate pair is verified on the full shingle sets; only the exact similarity is reported.
A section with fewer than `min_shingles` shingles left (e.g. 六、无。) takes no part.
"""
from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .diff import section_texts
from .panel import agency_key
from .vocabulary import vocabulary

NARRATIVE_SECTIONS = ("overview", "problems", "other")
SIMILAR_COLUMNS = ("a", "b", "section", "similarity", "passage", "same_agency")

# Sentences every report prints in the template's words: (what, pattern).
BOILERPLATE = (
    ("opening", r"根据《中华人民共和国政府信息公开条例》[^。]*?(?:编制|制定|发布|形成)[^。]*?。"),
    ("period", r"本(?:年度)?报告[^。]{0,12}?(?:所列数据的)?统计(?:期限|时限)[^。]*?。"),
    ("period_alone", r"(?:所列|本报告中?所列)数据的统计(?:期限|时限)[^。]*?。"),
    ("contact", r"如对本(?:年度)?报告有任何疑问[^。]*?。"),
    ("website", r"本(?:年度)?报告(?:的)?电子版[^。]*?。"),
)
_KEEP = re.compile(r"[^\W_]")  # letters, digits, CJK: what a shingle is made of (NUL, the blanked boilerplate, is not)
_DROP = re.compile(r"[\W_]+")
_DIGIT = re.compile(r"\d")
_MIX = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True)
class Narrative:
    id: str
    agency: str
    year: int | None
    sections: Mapping[str, str]  # section key → text


@dataclass(frozen=True)
class SimilarPair:
    a: str
    b: str
    section: str
    similarity: float
    passage: str
    same_agency: bool

    def row(self) -> list:
        return [self.a, self.b, self.section, round(self.similarity, 4), self.passage, self.same_agency]


def narrative(report: dict, *, agency: str | None = None) -> Narrative:
    meta = report.get("metadata", {})
    texts = section_texts(report)
    return Narrative(report.get("source_file") or report.get("source", {}).get("path", ""),
                     agency if agency is not None else agency_key(meta.get("agency")), meta.get("year"),
                     {k: texts[k][1] for k in NARRATIVE_SECTIONS if k in texts})


@lru_cache(maxsize=1)
def _boilerplate() -> tuple[tuple[re.Pattern, ...], tuple[str, ...]]:
    """The boilerplate patterns, and the template's labels (four characters or more, longest first)."""
    labels = vocabulary().folded_labels()  # keys.tsv's printed labels among them
    return tuple(re.compile(p) for _, p in BOILERPLATE), tuple(sorted((w for w in labels if len(w) >= 4), key=len, reverse=True))


def _blank_boilerplate(text: str) -> str:
    """`text` with each boilerplate sentence and label overwritten by NULs of the same length."""
    patterns, labels = _boilerplate()
    for pattern in patterns:
        if pattern.search(text):
            text = pattern.sub(lambda m: "\0" * len(m.group()), text)
    for label in labels:
        if label in text:
            text = text.replace(label, "\0" * len(label))
    return text


def fold(text: str, *, positions: bool = False) -> tuple[str, list[int]]:
    """The text with boilerplate out and only shingle characters kept (digits as #); with `positions`, also each
    kept character's position in `text` (to quote a passage as printed). Punctuation, whose width varies, is
    dropped; no NFKC pass (it would cost more than all the rest)."""
    blanked = _blank_boilerplate(text)
    if not positions:
        return _DIGIT.sub("#", _DROP.sub("", blanked)), []
    kept = [(i, "#" if ch.isdigit() else ch) for i, ch in enumerate(blanked) if _KEEP.match(ch)]
    return "".join(ch for _, ch in kept), [i for i, _ in kept]


def shingles(folded: str, k: int) -> np.ndarray:
    """64-bit hashes of every k-character window, in text order (a rolling polynomial hash, mixed)."""
    if len(folded) < k:
        return np.empty(0, np.uint64)
    codes = np.frombuffer(folded.encode("utf-32-le"), np.uint32).astype(np.uint64)
    n = len(codes) - k + 1
    h = np.zeros(n, np.uint64)
    for j in range(k):
        h = h * np.uint64(1_000_003) + codes[j:j + n]
    h ^= h >> np.uint64(31)
    return h * _MIX


class _Filter:
    """Drops the shingles of the boilerplate left after the patterns: those in a large share of the batch."""

    def __init__(self, frequent: np.ndarray):
        self.frequent = frequent  # sorted

    def __call__(self, hashes: np.ndarray) -> np.ndarray:
        if not len(self.frequent) or not len(hashes):
            return hashes
        at = np.minimum(np.searchsorted(self.frequent, hashes), len(self.frequent) - 1)
        return hashes[self.frequent[at] != hashes]


def _frequent(narratives: Sequence[Narrative], k: int, max_share: float, min_docs: int, df_sample: int) -> _Filter:
    picked = narratives if len(narratives) <= df_sample else random.Random(0).sample(list(narratives), df_sample)
    per_doc = [np.unique(np.concatenate([shingles(fold(t)[0], k) for t in n.sections.values()] or [np.empty(0, np.uint64)]))
               for n in picked]
    if not per_doc:
        return _Filter(np.empty(0, np.uint64))
    values, counts = np.unique(np.concatenate(per_doc), return_counts=True)
    return _Filter(values[counts > max(max_share * len(picked), min_docs)])


def find_similar(narratives: Sequence[Narrative], *, threshold: float = 0.6, k: int = 5, num_perm: int = 64, sample: int = 4,
                 max_share: float = 0.05, min_docs: int = 5, df_sample: int = 20_000, min_shingles: int = 30) -> list[SimilarPair]:
    """Near-identical narrative sections among `narratives`; see the module docstring."""
    from datasketch import MinHash, MinHashLSH

    drop = _frequent(narratives, k, max_share, min_docs, df_sample)
    permutations = MinHash(num_perm=num_perm, seed=1).permutations
    keep = np.uint64(sample)
    candidates: set[tuple[int, int, str]] = set()
    for section in NARRATIVE_SECTIONS:
        lsh = MinHashLSH(threshold=max(0.1, threshold - 0.2), num_perm=num_perm)
        for i, item in enumerate(narratives):
            hashes = drop(np.unique(shingles(fold(item.sections.get(section, ""))[0], k)))
            if len(hashes) < min_shingles:
                continue
            signature = MinHash(num_perm=num_perm, hashfunc=int, permutations=permutations, scheme="affine32")
            signature.update_batch((hashes[hashes % keep == 0] >> np.uint64(32)).tolist() or [0])
            candidates.update((min(i, j), max(i, j), section) for j in lsh.query(signature))
            lsh.insert(i, signature, check_duplication=False)
    pairs = [p for c in sorted(candidates) if (p := _verify(narratives, *c, k, drop, threshold)) is not None]
    return sorted(pairs, key=lambda p: (-p.similarity, p.a, p.b, p.section))


def _verify(narratives: Sequence[Narrative], i: int, j: int, section: str, k: int, drop: _Filter, threshold: float) -> SimilarPair | None:
    a, b = narratives[i], narratives[j]
    if a.id == b.id:
        return None
    text_a = a.sections[section]
    folded_a, where = fold(text_a, positions=True)
    ordered_a = shingles(folded_a, k)
    all_a, all_b = np.unique(ordered_a), np.unique(shingles(fold(b.sections[section])[0], k))
    set_a, set_b = drop(all_a), drop(all_b)
    shared = len(np.intersect1d(set_a, set_b, assume_unique=True))
    similarity = shared / (len(set_a) + len(set_b) - shared)
    if similarity < threshold:
        return None
    passage = _passage(text_a, ordered_a, where, np.intersect1d(all_a, all_b, assume_unique=True), k)
    return SimilarPair(a.id, b.id, section, similarity, passage, a.agency == b.agency)


def _passage(text: str, ordered: np.ndarray, where: list[int], shared: np.ndarray, k: int, limit: int = 200) -> str:
    """The longest run of consecutive shingles both texts print, quoted from a as printed, at most `limit` characters."""
    hit = np.concatenate([[0], np.isin(ordered, shared).astype(np.int8), [0]])
    edges = np.flatnonzero(np.diff(hit))
    if not len(edges):
        return ""
    starts, ends = edges[::2], edges[1::2]
    longest = int(np.argmax(ends - starts))
    first, last = int(starts[longest]), int(ends[longest]) + k - 2  # folded characters of the run's shingles
    return text[where[first]:where[last] + 1][:limit]
