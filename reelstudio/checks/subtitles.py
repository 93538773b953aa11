"""Subtitles: speech with no on-screen text, and subtitles off their speech."""

from __future__ import annotations

import numpy as np

from ..transcript import quote_caption
from .base import GROUP_MIN, REGISTRY, Context, Outcome, check, control_points, fmt_s, group, interval_frames, \
    merge_intervals, subtract_intervals

MISSING_MIN_S = 1.0  # uncaptioned speech shorter than this is not flagged
SPEECH_JOIN_S = 0.5  # speech intervals closer than this are one stretch of talk
SYNC_TOLERANCE_S = 0.3  # a subtitle may appear or leave this far off its speech
LINGER_S = 0.5  # and may stay this long after its speech ends (Netflix: out-time up to half a second past the audio)
LONG_OVERLAY_S = 5.0  # an overlay on screen this long is a title or logo, not words for the speech


def _subtitle_intervals(ctx: Context) -> list[tuple[int, int]]:
    """Frames with words on screen for a muted viewer: every caption except an overlay that
    stays on screen 5 s or more (a title, a logo, a watermark), unless the sync step
    matched that one to speech."""
    text = ctx.lane("text")
    items = text.get("intervals", []) if text else []
    matched = set()
    sync = ctx.lane("subtitle_sync")
    if sync is not None:
        for sub in sync.get("subtitles", []):
            if sub.get("speech_start_s") is not None and sub.get("caption") is not None:
                matched.add(int(sub["caption"]))
    out = []
    for i, it in enumerate(items):
        s, e = interval_frames(ctx, it)
        lasting = ctx.seconds(e) - ctx.seconds(s) >= LONG_OVERLAY_S
        if i in matched or it.get("role") == "subtitle" or not lasting:
            out.append((s, e))
    return out


def _subtitled_speech(ctx: Context) -> list[tuple[int, int]]:
    """The speech the sync step matched to a subtitle: those words have their subtitle, and
    when it shows is subtitles_out_of_sync's to judge. A track shown 0.8 s late leaves the
    first 0.8 s of every line with nothing on screen; that is one problem, the shift, not
    also "speech with no subtitle" over the same lines (issue 13: one flag per problem)."""
    sync = ctx.lane("subtitle_sync")
    out = []
    for sub in (sync or {}).get("subtitles", []):
        if sub.get("speech_start_s") is not None and sub.get("speech_end_s") is not None:
            out.append((ctx.frame_at(float(sub["speech_start_s"])),
                        max(ctx.frame_at(float(sub["speech_start_s"])) + 1, ctx.frame_at(float(sub["speech_end_s"])))))
    return out


@check("subtitles_missing", title="Speech without subtitles", weight=8, lanes=("speech", "text"), optional=("subtitle_sync",),
       measure="share of speech time with subtitles on screen", points=((0.0, 0.0), (0.5, 0.5), (0.8, 1.0)))
def subtitles_missing(ctx: Context) -> Outcome:
    """Most viewers scroll with the sound off: speech needs words on screen. Stretches of 1 s
    or more of speech (where Whisper heard words, see ``_words_only``) with no caption are flagged (a title or logo that stays 5 s or more
    does not count as a caption)."""
    speech, text = ctx.lane("speech"), ctx.lane("text")
    if speech is None:
        return Outcome.na(ctx.why_missing("speech"))
    if text is None:
        return Outcome.na(ctx.why_missing("text"))
    join = max(0, round(SPEECH_JOIN_S * ctx.fps))
    talk = merge_intervals([interval_frames(ctx, it) for it in speech.get("intervals", [])])
    talk = _words_only(ctx, speech, talk, join)
    if not talk:
        return Outcome(1.0, "no speech to subtitle")
    subs = _subtitle_intervals(ctx) + _subtitled_speech(ctx)
    spoken = sum(ctx.seconds(e) - ctx.seconds(s) for s, e in talk)
    pieces = [p for s, e in talk for p in subtract_intervals((s, e), subs)]
    bare = sum(ctx.seconds(e) - ctx.seconds(s) for s, e in pieces)
    flags = []
    # uncaptioned speech across a short pause is one stretch
    for gs, ge in merge_intervals(pieces, gap=join):
        inside = sum(ctx.seconds(min(e, ge)) - ctx.seconds(max(s, gs)) for s, e in pieces if s < ge and e > gs)
        if inside < MISSING_MIN_S - 1e-9:
            continue
        flags.append(ctx.flag("subtitles_missing", "warning", gs, ge,
                              f"{fmt_s(inside)} of speech with no subtitle on screen",
                              f"add subtitles for {ctx.timebase.frame_to_timecode(gs)}-"
                              f"{ctx.timebase.frame_to_timecode(ge)} (most viewers watch muted)",
                              duration_s=inside))
    covered = 1.0 - bare / spoken if spoken > 0 else 1.0
    score = REGISTRY["subtitles_missing"].curve(covered)
    detail = f"subtitles cover {covered:.0%} of {fmt_s(spoken)} of speech"
    return Outcome(score, detail, flags, {"covered_share": round(covered, 4), "speech_s": round(spoken, 3)})


def _words_only(ctx: Context, speech: dict, talk: list[tuple[int, int]], join: int) -> list[tuple[int, int]]:
    """Where the recogniser heard words, speech is where its words are: the voice activity
    also covers a music bed's tail after a phrase ("1.7 s of speech with no subtitle" over the
    sample reel's music, after its last subtitled word) and music it took for a voice. Voice
    activity with no word on it is not flagged. Only with Whisper's words (gated by their
    probability: pocketsphinx writes words over music too)."""
    words = speech.get("words") or []
    engine = str(speech.get("words_engine") or "")
    if speech.get("words_status", "ok") != "ok" or not engine.startswith("faster-whisper"):
        return talk
    spans = merge_intervals([(ctx.frame_at(w["start_s"]), max(ctx.frame_at(w["start_s"]) + 1, ctx.frame_at(w["end_s"])))
                             for w in words], gap=join)
    out = []
    for s, e in talk:
        out += [(max(s, a), min(e, b)) for a, b in spans if a < e and b > s]
    return merge_intervals(out)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _shift_words(offset: float) -> str:
    return f"{fmt_s(abs(offset))} {'earlier' if offset > 0 else 'later'}"


@check("subtitles_out_of_sync", title="Subtitles out of sync", weight=7, lanes=("subtitle_sync",), optional=("text", "speech"),
       measure="worst of start/end offset per subtitle (s; an end is late only past the 0.5 s linger), "
               "averaged over subtitles",
       points=((SYNC_TOLERANCE_S, 1.0), (0.6, 0.5), (1.0, 0.0)))
def subtitles_out_of_sync(ctx: Context) -> Outcome:
    """A subtitle that appears more than 0.3 s off the speech it shows, leaves more than 0.3 s
    before that speech ends, or stays more than 0.3 s past the half second a subtitle may
    linger after its speech (Netflix Timed Text Style Guide, Subtitle Timing Guidelines: the
    in-time on the first frame of audio, the out-time "up to half a second past the timecode at
    which the audio ends"). A subtitle held a little after the last word is well timed, and the
    recogniser ends a phrase's last word early (0.37 s on a recorded voice), so a 0.3 s
    tolerance on the end alone flagged well-timed subtitles."""
    sync = ctx.lane("subtitle_sync")
    if sync is None:
        return Outcome.na(ctx.why_missing("subtitle_sync"))
    matched = [s for s in sync.get("subtitles", []) if s.get("speech_start_s") is not None]
    if not matched:
        return Outcome.na("no subtitle was matched to speech")
    flags, scores = [], []
    words = _words(ctx)
    for sub in matched:
        on, off = _offsets(sub, matched, words)
        over = max(0.0, off - LINGER_S) if off > 0 else off  # how far the end is off what is allowed
        worst = max(abs(on), abs(over))
        scores.append(control_points(worst, REGISTRY["subtitles_out_of_sync"].points))
        bad_on, bad_off = abs(on) > SYNC_TOLERANCE_S + 1e-9, abs(over) > SYNC_TOLERANCE_S + 1e-9
        if not (bad_on or bad_off):
            continue
        parts, fixes = [], []
        if bad_on:
            parts.append(f"appears {fmt_s(abs(on))} {'after' if on > 0 else 'before'} the words are spoken")
        if bad_off:
            parts.append(f"leaves {fmt_s(abs(off))} {'after' if off > 0 else 'before'} the speech ends")
        if bad_on and bad_off and on * off > 0 and abs(on - off) <= SYNC_TOLERANCE_S:
            fixes.append(f"move the subtitle {_shift_words((on + off) / 2)}")
        else:
            if bad_on:
                fixes.append(f"start it {_shift_words(on)}")
            if bad_off:
                fixes.append(f"end it {_shift_words(over)}" + (f" (at most {LINGER_S:g} s after the last word)"
                                                               if off > 0 else ""))
        s, e = int(sub["start_frame"]), int(sub["end_frame"])
        cap = (ctx.lane("text") or {}).get("intervals", [])
        shown = cap[sub["caption"]] if isinstance(sub.get("caption"), int) and sub["caption"] < len(cap) else {}
        label = quote_caption(shown or {"text": sub.get("text", ""), "spoken_text": sub.get("spoken_text")},
                              unnamed="a subtitle")
        flags.append(ctx.flag("subtitles_out_of_sync", "warning", s, e, f"{label} " + " and ".join(parts),
                              _sentence("; ".join(fixes)),
                              caption=sub.get("caption"), offset_s=on, offset_start_s=on, offset_end_s=off))
    score = sum(scores) / len(scores)
    detail = (f"{len(flags)} of {len(matched)} subtitles more than {SYNC_TOLERANCE_S:g} s off their speech"
              if flags else f"all {len(matched)} subtitles within {SYNC_TOLERANCE_S:g} s of their speech")
    return Outcome(score, detail, _whole_track(ctx, flags, len(matched)))


def _words(ctx: Context) -> list[tuple[float, float]]:
    speech = ctx.lane("speech")
    return sorted((float(w["start_s"]), float(w["end_s"])) for w in (speech or {}).get("words") or []
                  if w.get("start_s") is not None and w.get("end_s") is not None)


def _offsets(sub: dict, matched: list[dict], words: list[tuple[float, float]]) -> tuple[float, float]:
    """The subtitle's start and end offsets from the speech it is on screen for. The sync lane
    measures them from the words it matched to the caption's text as read; when an edge word
    was not read (misread, or set off the frame: "is the one thing nobody tells" for "Here is
    the one thing nobody tells you"), words are spoken when the caption appears or until it
    leaves, and it is not early or late. So an
    early start or a late end is measured to the words heard next to the matched ones (each
    within 0.5 s of the next) that no other subtitle shows."""
    on = float(sub.get("offset_start_s") or 0.0)
    off = float(sub.get("offset_end_s") or 0.0)
    s0, s1 = float(sub["speech_start_s"]), float(sub["speech_end_s"])
    shown0, shown1 = s0 + on, s1 + off
    others = [(float(o["speech_start_s"]), float(o["speech_end_s"])) for o in matched
              if o is not sub and o.get("speech_end_s") is not None]
    free = [(a, b) for a, b in words if not any(x <= 0.5 * (a + b) <= y for x, y in others)]
    if on < -SYNC_TOLERANCE_S:
        start = s0
        for a, b in reversed([w for w in free if w[1] <= s0 + 1e-6]):
            if b < start - SPEECH_JOIN_S or b <= shown0:
                break
            start = a
        if start < s0:  # words were heard from then on: early by at most what is left
            on = min(0.0, shown0 - start)
    if off > SYNC_TOLERANCE_S:
        end = s1
        for a, b in [w for w in free if w[0] >= s1 - 1e-6]:
            if a > end + SPEECH_JOIN_S or a >= shown1:
                break
            end = b
        if end > s1:
            off = max(0.0, shown1 - end)
    return on, off


def _whole_track(ctx: Context, flags: list[dict], matched: int) -> list[dict]:
    """A subtitle track shifted as a whole (the export of a track 0.7 s late) is one problem
    with one fix: when at least GROUP_MIN subtitles, and most of those matched, are off the
    same way by about the same time (within the sync tolerance of their median), one flag
    lists them all and says how far to shift the track; the rest keep their own."""
    if len(flags) < GROUP_MIN:
        return flags
    shift = [0.5 * (f["offset_start_s"] + f["offset_end_s"]) for f in flags]
    mid = float(np.median(shift))
    same = [f for f, v in zip(flags, shift) if v * mid > 0 and abs(v - mid) <= SYNC_TOLERANCE_S]
    if len(same) < GROUP_MIN or len(same) < 0.5 * matched:
        return flags
    way = "late" if mid > 0 else "early"
    one = group(ctx, "subtitles_out_of_sync", same,
                f"{len(same)} of {matched} subtitles come about {fmt_s(abs(mid))} {way}: the track is shifted",
                f"shift the subtitle track {_shift_words(mid)} (every subtitle at once)",
                shift_s=round(mid, 3), subtitles=len(same))
    return sorted([one] + [f for f in flags if f not in same], key=lambda f: f["start_frame"])
