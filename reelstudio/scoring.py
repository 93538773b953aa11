"""The 0-100 score: a weighted mean of the checks' sub-scores, Lighthouse-style, with gates.

Each check has a published weight (docs/checks.md, ``reelstudio checks``) and returns a
sub-score 0..1. The score is ``100 * sum(weight * sub) / sum(weight)``, rounded; bands are
good >= 90, needs work 50-89, poor < 50. Three rules keep it honest:

- A check that does not apply (no audio track, so no loudness to judge) is left out.
- A check that could not run because something broke or was left out (a damaged model,
  OCR missing, a lane skipped) counts as 0: the score is then a lower bound, the result
  says it is incomplete, which checks and why, and the most it could be (``score_max``,
  those checks at 1). A broken install never raises a score.
- A critical failure (photosensitive flashing, no usable audio, black or frozen over a
  large share, a frame the preset would letterbox) caps the score at 49: "poor" whatever
  the rest earns.
- A check that fails keeps the score out of "good": at most 89, "needs work". A mix at -30
  LUFS (an error, 16 LU under target) cost its 8 points and left the reel "good" (92) beside a
  FAIL row; the band and the checklist must say the same thing.

``SCORE_VERSION`` changes whenever a weight, a control point, a threshold or one of these
rules does, so scores of different versions are never compared.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .severity import SEVERITY_OF_STATUS, rank, worst

SCORE_VERSION = "5"  # 2: gates, one flag per problem; black frames need 0.1 s, frozen excludes stills;
# 4: no face in the hook is a warning (0.5), not a fail; a silent track is not also dead air (issue 13 evidence)
# 5: a subtitle may stay 0.5 s after its speech (Netflix timing); black under captions is black;
#    a failing check holds the score at 89
PASS_AT = 0.9  # a check passes at a sub-score of 0.9 or more (and no warning or error flag)
FAIL_BELOW = 0.5
BANDS = ((90, "good"), (50, "needs work"), (0, "poor"))
GATED_MAX = 49  # a critical failure caps the score here: the top of "poor"
FAILING_MAX = 89  # a failing check holds the score here: the top of "needs work"


def status_of(score: float | None, flags: list[dict]) -> str:
    """pass / warn / fail / n/a from a sub-score and the check's flags: an error flag fails
    the row and a warning flag warns it, whatever the sub-score."""
    if score is None:
        return "n/a"
    w = rank(worst(flags)) if flags else 0
    if score < FAIL_BELOW or w >= rank("error"):
        return "fail"
    if score < PASS_AT or w >= rank("warning"):
        return "warn"
    return "pass"


def agree(status: str, flags: list[dict]) -> list[dict]:
    """The flags with severities that say what the row's status says: a failing row's worst
    flags are errors, a warning row's worst flags warnings (the milder ones stay as they are)."""
    target = SEVERITY_OF_STATUS.get(status)
    if target is None or not flags:
        return flags
    top = worst(flags)
    if rank(top) >= rank(target):
        return flags
    return [dict(f, severity=target) if f.get("severity") == top else f for f in flags]


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
    score_max: int | None = None  # the checks that could not run at 1.0 (incomplete scores only)
    uncapped: int | None = None  # before a critical failure capped it (gated scores only)
    incomplete: list[dict] = field(default_factory=list)  # [{"check", "reason"}]
    gates: list[dict] = field(default_factory=list)  # [{"gate", "check", "reason"}]
    held_by: list[str] = field(default_factory=list)  # failing checks that held a "good" score at 89

    @property
    def complete(self) -> bool:
        return not self.incomplete

    def note(self) -> str:
        """One plain sentence (or two) on why the score is incomplete or capped; '' when neither."""
        parts = []
        if self.gates:
            why = "; ".join(g["reason"] for g in self.gates)
            parts.append(f"Capped at {GATED_MAX} (poor) by a critical failure: {why}.")
        elif self.held_by:
            n = len(self.held_by)
            parts.append(f"Held at {FAILING_MAX} (needs work, from {self.uncapped}): {', '.join(self.held_by)} "
                         f"fail{'s' if n == 1 else ''}, and a reel with a failing check is not ready to publish.")
        if self.incomplete:
            n = len(self.incomplete)
            names = ", ".join(i["check"] for i in self.incomplete)
            reasons = "; ".join(dict.fromkeys(i["reason"] for i in self.incomplete))
            parts.append(f"Incomplete: {n} check{'s' if n != 1 else ''} could not run ({names}: {reasons}) "
                         f"and count as 0; with them the score would be at most {self.score_max}.")
        return " ".join(parts)


def total(checklist: list[dict], gates: list[dict] | None = None) -> Score:
    """The weighted mean of the checks that apply; rows marked ``incomplete`` (could not run:
    something broke) count as 0 with their full weight; any gate caps it at ``GATED_MAX``."""
    gates = list(gates or [])
    rows = [c for c in checklist if c["status"] != "n/a" or c.get("incomplete")]
    incomplete = [{"check": c["check"], "reason": c["incomplete"]} for c in rows if c.get("incomplete")]
    possible = float(sum(c["weight"] for c in rows))
    earned = float(sum(c["points"] for c in rows if not c.get("incomplete")))
    if possible <= 0 or all(c["status"] == "n/a" for c in rows):  # no check ran at all: no score
        return Score(None, None, 0.0, 0.0, incomplete=incomplete, gates=gates)
    value = int(round(100.0 * earned / possible))
    most = None
    if incomplete:
        most = int(round(100.0 * (earned + sum(c["weight"] for c in rows if c.get("incomplete"))) / possible))
    uncapped, held_by = None, []
    if gates and value > GATED_MAX:
        uncapped, value = value, GATED_MAX
    failing = [c.get("title") or c["check"] for c in rows if c["status"] == "fail" and not c.get("incomplete")]
    if failing and value > FAILING_MAX:
        uncapped, value, held_by = value, FAILING_MAX, failing
    if gates and most is not None:
        most = min(most, GATED_MAX)
    if failing and most is not None:
        most = min(most, FAILING_MAX)
    return Score(value, band_of(value), round(earned, 3), possible, score_max=most, uncapped=uncapped,
                 incomplete=incomplete, gates=gates, held_by=held_by)
