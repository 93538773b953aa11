"""The 0-100 score: a weighted mean of the checks' sub-scores, Lighthouse-style.

Each check has a published weight (docs/checks.md, ``reelstudio checks``) and returns a
sub-score 0..1. Checks that cannot apply (n/a: a lane could not run, no audio track) are
left out of the mean. The score is ``100 * sum(weight * sub) / sum(weight)`` over the
applicable checks, rounded; bands are good >= 90, needs work 50-89, poor < 50.
``SCORE_VERSION`` changes whenever a weight, a control point or a threshold does, so scores
of different versions are never compared.
"""

from __future__ import annotations

from dataclasses import dataclass

SCORE_VERSION = "2"  # 2: black frames need 0.1 s (or an edge), frozen frames exclude designed stills
PASS_AT = 0.9  # a check passes at a sub-score of 0.9 or more (and no warning or error flag)
FAIL_BELOW = 0.5
BANDS = ((90, "good"), (50, "needs work"), (0, "poor"))


def status_of(score: float | None, flags: list[dict]) -> str:
    """pass / warn / fail / n/a from a sub-score and the check's flags."""
    if score is None:
        return "n/a"
    if score < FAIL_BELOW:
        return "fail"
    serious = any(f.get("severity") in ("warning", "error") for f in flags)
    if score >= PASS_AT and not serious:
        return "pass"
    return "warn"


def band_of(score: int | None) -> str | None:
    if score is None:
        return None
    for low, name in BANDS:
        if score >= low:
            return name
    return BANDS[-1][1]


@dataclass(frozen=True)
class Score:
    score: int | None
    band: str | None
    earned: float
    possible: float


def total(checklist: list[dict]) -> Score:
    """The weighted mean of the applicable entries' sub-scores."""
    rows = [c for c in checklist if c["status"] != "n/a"]
    possible = float(sum(c["weight"] for c in rows))
    earned = float(sum(c["points"] for c in rows))
    if possible <= 0:
        return Score(None, None, 0.0, 0.0)
    value = int(round(100.0 * earned / possible))
    return Score(value, band_of(value), round(earned, 3), possible)
