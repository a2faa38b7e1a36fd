"""A printed label path → the template key it names. The vocabulary itself lives in ..vocabulary, the floor
readers may read too."""
from __future__ import annotations

from ..vocabulary import Vocabulary, normalize_label


def resolve(vocab: Vocabulary, table: str, axis: str, labels: list[str]) -> tuple[str | None, str | None]:
    """The key named by a label path (outermost first) and, when it fails, the label that was not understood.

    The innermost label decides; outer labels only choose between its candidates (其他 under 其他处理 is
    results.other.other). An innermost label that names nothing fails, even when an outer one is known.
    """
    named = [label for label in labels if normalize_label(label)]
    if not named:
        return None, None
    candidates = vocab.match(table, axis, named[-1])
    if not candidates:
        return None, named[-1]
    if len(candidates) == 1:
        return next(iter(candidates)), None
    context = set().union(*(vocab.match(table, axis, label) for label in named[:-1])) if len(named) > 1 else set()
    fitting = [c for c in candidates if any(c.startswith(p + ".") for p in context)]
    return (fitting[0], None) if len(fitting) == 1 else (None, named[-1])
