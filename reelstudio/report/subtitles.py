"""Transcript as SRT and WebVTT.

From the speech lane's words, grouped into readable cues (at most two lines, a pause or
a sentence end closes a cue, a cue stays on screen long enough to read); when the video
has no recognised words, from the on-screen subtitles the text lane read. Cue edges sit on
the source's frame grid: each time written is the presentation time of a frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import NotAvailableYet
from ..timebase import Timebase
from . import register
from ._common import timebase_of


@dataclass(frozen=True)
class CueRules:
    max_line_chars: int = 32  # a vertical frame holds shorter lines than 16:9 (42)
    max_lines: int = 2
    max_duration_s: float = 5.0
    min_duration_s: float = 0.8
    pause_s: float = 0.6  # a gap this long between words starts a new cue
    max_chars_per_s: float = 17.0  # reading speed; a cue is held on screen long enough for it


@dataclass(frozen=True)
class Cue:
    start_frame: int
    end_frame: int
    text: str  # lines separated by "\n"


def _wrap(words: list[str], width: int) -> list[str]:
    """Lines of at most ``width`` characters, balanced for two lines."""
    text = " ".join(words)
    if len(text) <= width:
        return [text]
    # two lines: the split point that makes the longer line shortest
    best = None
    for i in range(1, len(words)):
        a, b = " ".join(words[:i]), " ".join(words[i:])
        score = max(len(a), len(b))
        if best is None or score < best[0]:
            best = (score, [a, b])
    return best[1] if best else [text]


def cues_from_words(words: list[dict[str, Any]], tb: Timebase, rules: CueRules = CueRules()) -> list[Cue]:
    words = sorted((w for w in words if str(w.get("text", "")).strip()), key=lambda w: float(w["start_s"]))
    groups: list[list[dict[str, Any]]] = []
    limit = rules.max_line_chars * rules.max_lines
    for w in words:
        cur = groups[-1] if groups else None
        if cur:
            prev = cur[-1]
            text_len = len(" ".join(str(x["text"]).strip() for x in cur + [w]))
            sentence_end = str(prev["text"]).rstrip().endswith((".", "?", "!", "…", "。", "？", "！"))
            if (float(w["start_s"]) - float(prev["end_s"]) < rules.pause_s
                    and text_len <= limit
                    and float(w["end_s"]) - float(cur[0]["start_s"]) <= rules.max_duration_s
                    and not sentence_end):
                cur.append(w)
                continue
        groups.append([w])

    cues: list[Cue] = []
    for i, g in enumerate(groups):
        text_words = [str(x["text"]).strip() for x in g]
        lines = _wrap(text_words, rules.max_line_chars)
        start_s, end_s = float(g[0]["start_s"]), float(g[-1]["end_s"])
        need = max(rules.min_duration_s, len(" ".join(text_words)) / rules.max_chars_per_s)
        end_s = max(end_s, start_s + need)
        start = tb.seconds_to_nearest_frame(start_s)
        end = tb.seconds_to_nearest_frame(end_s)
        if i + 1 < len(groups):  # held longer to be read, but never over the next cue
            end = min(end, tb.seconds_to_nearest_frame(float(groups[i + 1][0]["start_s"])))
        if tb.frame_count:
            end = min(end, tb.frame_count)
        cues.append(Cue(start, max(start + 1, end), "\n".join(lines)))
    return cues


def cues_from_text_lane(lane: dict[str, Any]) -> list[Cue]:
    cues = []
    for iv in lane.get("intervals") or []:
        if iv.get("role") != "subtitle" or not str(iv.get("text", "")).strip():
            continue
        cues.append(Cue(int(iv["start_frame"]), int(iv["end_frame"]), str(iv["text"]).strip()))
    cues.sort(key=lambda c: c.start_frame)
    return cues


def cues_of(analysis: dict[str, Any], source: str = "auto") -> tuple[list[Cue], str]:
    """The cues and where they came from ('speech' or 'ocr').

    ``source``: 'speech' (recognised words), 'ocr' (subtitles read off the picture) or
    'auto' (speech when the words lane ran, else on-screen subtitles).
    """
    tb = timebase_of(analysis)
    lanes = analysis.get("lanes") or {}
    speech = lanes.get("speech") or {}
    text = lanes.get("text") or {}
    words_ok = speech.get("status", "ok") == "ok" and speech.get("words_status", "ok") == "ok" \
        and "words" in speech
    if source in ("auto", "speech") and words_ok:
        return cues_from_words(speech["words"], tb), "speech"
    ocr_ok = text.get("status", "ok") == "ok" and "intervals" in text
    if source in ("auto", "ocr") and ocr_ok:
        cues = cues_from_text_lane(text)
        if cues or source == "ocr":
            return cues, "ocr"
    why_words = speech.get("reason") or speech.get("words_status") or "no speech lane"
    why_text = text.get("reason") or ("no on-screen subtitles were read" if ocr_ok else "no text lane")
    raise NotAvailableYet(f"no transcript for this video: speech words: {why_words}; on-screen text: {why_text}")


def _clock(seconds: float, sep: str) -> str:
    ms = int(round(seconds * 1000))
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, ms = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


@register("srt")
def srt(analysis: dict[str, Any], source: str = "auto", **_: Any) -> bytes:
    tb = timebase_of(analysis)
    cues, _origin = cues_of(analysis, source)
    out = []
    for n, c in enumerate(cues, start=1):
        out.append(f"{n}\n{_clock(tb.frame_to_seconds(c.start_frame), ',')} --> "
                   f"{_clock(tb.frame_to_seconds(c.end_frame), ',')}\n{c.text}\n")
    return "\n".join(out).encode("utf-8")


@register("vtt")
def vtt(analysis: dict[str, Any], source: str = "auto", **_: Any) -> bytes:
    tb = timebase_of(analysis)
    cues, origin = cues_of(analysis, source)
    out = [f"WEBVTT\n\nNOTE transcript from {'recognised speech' if origin == 'speech' else 'on-screen subtitles'}"
           f" by ReelStudio\n"]
    for c in cues:
        out.append(f"{_clock(tb.frame_to_seconds(c.start_frame), '.')} --> "
                   f"{_clock(tb.frame_to_seconds(c.end_frame), '.')}\n{c.text.replace('-->', '→')}\n")
    return "\n".join(out).encode("utf-8")
