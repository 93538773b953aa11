"""One severity vocabulary for flags, checklist rows, the score's bands and every view of them.

A flag's severity and its checklist row's status say the same thing in two places:
``error`` <-> ``fail``, ``warning`` <-> ``warn``, ``info`` (or no flag) <-> ``pass``.
Colours live here once; the PDF, the timeline picture and the app read this table
(markers use their NLE's own colour names, keyed by the same severities).
"""

from __future__ import annotations

SEVERITIES = ("info", "warning", "error")  # mildest first
STATUSES = ("pass", "warn", "fail", "n/a")

STATUS_OF_SEVERITY = {"info": "pass", "warning": "warn", "error": "fail"}
SEVERITY_OF_STATUS = {"pass": "info", "warn": "warning", "fail": "error"}

# sRGB, one colour per meaning: red fails, amber warns, green passes, blue informs
RED, AMBER, GREEN, BLUE, GREY = (214, 48, 49), (230, 145, 0), (46, 160, 67), (52, 120, 220), (150, 155, 160)
SEVERITY_RGB = {"error": RED, "warning": AMBER, "info": BLUE}
STATUS_RGB = {"fail": RED, "warn": AMBER, "pass": GREEN, "n/a": GREY}
BAND_RGB = {"poor": RED, "needs work": AMBER, "good": GREEN, None: GREY}
SEVERITY_WORD = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def rank(severity: str | None) -> int:
    """0 for info (or unknown), 1 warning, 2 error: larger is worse."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else 0


def worst(flags: list[dict]) -> str | None:
    """The worst severity among ``flags`` (None when there are none)."""
    if not flags:
        return None
    return max((f.get("severity") for f in flags), key=rank)


def counts(flags: list[dict]) -> dict[str, int]:
    """Flags per severity, worst first (error, warning, info)."""
    return {s: sum(1 for f in flags if f.get("severity") == s) for s in reversed(SEVERITIES)}
