"""How closely two scores of the same documents agree: Pearson's r and Kendall's tau-b.

Used to set human MQM scores beside an automatic metric (chrF) per document. Both are
None where they are undefined (fewer than 3 documents, or one score the same everywhere).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

MIN_DOCUMENTS = 3


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's product-moment correlation of paired values."""
    if len(xs) != len(ys) or len(xs) < MIN_DOCUMENTS:
        return None
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def kendall(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Kendall's tau-b (ties counted as scipy.stats.kendalltau does)."""
    if len(xs) != len(ys) or len(xs) < MIN_DOCUMENTS:
        return None
    concordant = discordant = tied_x = tied_y = 0
    for i in range(len(xs)):
        for j in range(i + 1, len(xs)):
            dx, dy = xs[i] - xs[j], ys[i] - ys[j]
            if dx == 0 and dy == 0:
                continue
            if dx == 0:
                tied_x += 1
            elif dy == 0:
                tied_y += 1
            elif (dx > 0) == (dy > 0):
                concordant += 1
            else:
                discordant += 1
    n1 = concordant + discordant + tied_x
    n2 = concordant + discordant + tied_y
    if n1 == 0 or n2 == 0:
        return None
    return (concordant - discordant) / math.sqrt(n1 * n2)
