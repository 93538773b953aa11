"""The document the app shows, without Qt: the open video, its analysis and the editor's decisions.

napari's shape: the model is plain Python and says what changed; the window subscribes and
repaints. A ``Session`` owns the open video's path and content hash, the analysis JSON dict
(from a run, or ``lanes.load_analysis``), the preset it is scored for, and the decisions the
editor stored for the video (accepted flags, transcript corrections; ``accepted.AcceptedStore``).
Every analysis it holds has those decisions applied, so the window never re-derives a score.

Subscribers are called as ``callback(event, **details)``:
``"opened"`` a new video, no analysis yet; ``"analysis"`` the analysis was replaced (loaded,
rescored, a flag accepted, the stored decisions found once the hash was ready), details
``keep_selection`` (True when the flags are the same flags, only marked or scored anew);
``"edited"`` one lane's text was corrected, detail ``lane``; ``"lanes"`` lanes of a running
analysis arrived before its result, detail ``lanes`` (``{name: lane JSON}``, the new ones).
Store and file errors are raised (``OSError``); the caller says them.
"""

from __future__ import annotations

import os
from typing import Any, Callable

Callback = Callable[..., Any]


def rescored(analysis: dict, preset: str) -> dict:
    """An analysis JSON dict with its flags, checklist and score redone for ``preset``; lanes unchanged."""
    from .checks import evaluate

    ev = evaluate(analysis["lanes"], analysis["source"], preset)
    # accepted flags are applied again over the new flags (Session.load, reelstudio/accepted.py)
    out = {k: v for k, v in analysis.items() if k not in ("score_status", "score_reason", "accepted_flags")}
    out.update(flags=ev.flags, checklist=ev.checklist, **ev.score_fields())
    if ev.score is None:
        out["score_status"] = "unavailable"
        out["score_reason"] = "no check could run on this analysis (every lane it needs is unavailable)"
    return out


class Session:
    """The open video and what is known and decided about it; see the module docstring."""

    def __init__(self, preset: str = "reels", store=None):
        self.preset = preset
        self.path: str | None = None
        self.source: dict | None = None  # the source facts: probed on open, then the analysis' own
        self.analysis: dict | None = None  # the analysis JSON dict shown, with the decisions applied
        self.result = None  # its AnalysisResult, when it came from a run in this process
        self.lanes: dict[str, dict] = {}  # the lanes of this analysis so far: streamed by a run, then its own
        self.note = ""  # what the last load could not apply (stored decisions that no longer match)
        self._store = store  # reelstudio.accepted.AcceptedStore, read when first needed
        self._subscribers: list[Callback] = []

    # -- subscribers ----------------------------------------------------------------------
    def subscribe(self, callback: Callback) -> Callable[[], None]:
        """Call ``callback(event, **details)`` on every change; returns the unsubscribe."""
        self._subscribers.append(callback)
        return lambda: self._subscribers.remove(callback) if callback in self._subscribers else None

    def _emit(self, event: str, **details) -> None:
        for callback in list(self._subscribers):
            callback(event, **details)

    # -- the video ------------------------------------------------------------------------
    def open(self, path: str | os.PathLike, source: dict | None = None) -> None:
        """A new video (already probed: ``source`` its contract dict); its analysis is to come."""
        self.path = os.path.abspath(os.fspath(path))
        self.source = source
        self.analysis = None
        self.result = None
        self.lanes = {}
        self.note = ""
        self._emit("opened")

    @property
    def store(self):
        from .accepted import AcceptedStore

        if self._store is None:
            self._store = AcceptedStore()
        return self._store

    def video_hash(self, wait: bool = True) -> str | None:
        """The open video's content hash (None: no video); with ``wait`` False only if already
        computed (loading never reads the file; storing a decision may). OSError if unreadable."""
        from .accepted import content_hash, known_hash

        if not self.path:
            return None
        return content_hash(self.path) if wait else known_hash(self.path)

    def hash_ready(self, path: str, video_hash: str) -> bool:
        """The hash of ``path`` was computed elsewhere (a thread): put the decisions stored for
        it on the analysis shown. True if that changed the analysis."""
        if path != self.path or not video_hash or self.analysis is None:
            return False
        if not self.store.keys(video_hash) and not any(self.store.corrections(video_hash).values()):
            return False  # nothing stored for this video: the analysis shown is already right
        self.load(self.analysis, keep_selection=True)
        return True

    # -- the analysis ---------------------------------------------------------------------
    def load(self, data: dict, result=None, keep_selection: bool = False) -> None:
        """Hold a finished analysis JSON dict of the open video, with the corrections and
        accepted flags stored for it applied (when its hash is known)."""
        if result is not None:
            self.result = result
        self.note = ""
        self.analysis = self._with_accepted(self._with_corrections(data))
        self.source = self.analysis["source"]
        self.lanes = dict(self.analysis.get("lanes", {}))
        self._emit("analysis", keep_selection=keep_selection)

    def add_lanes(self, lanes: dict[str, dict]) -> None:
        """Lanes of the running analysis, as they finish (its result follows through ``load``)."""
        self.lanes = {**self.lanes, **lanes}
        self._emit("lanes", lanes=lanes)

    def flag_after(self, frame: int) -> int | None:
        """The flag to step to forward from ``frame``: the first starting after it (index into the flags)."""
        return next((i for s, i in self._flag_starts() if s > frame), None)

    def flag_before(self, frame: int) -> int | None:
        """The flag to step to back from ``frame``: the last starting before it (of a tie, the first listed)."""
        earlier = [(s, i) for s, i in self._flag_starts() if s < frame]
        return min(i for s, i in earlier if s == earlier[-1][0]) if earlier else None

    def _flag_starts(self) -> list[tuple[int, int]]:
        flags = (self.analysis or {}).get("flags") or []
        return sorted((int(f.get("start_frame", 0)), i) for i, f in enumerate(flags))

    def set_preset(self, preset: str) -> None:
        """Score the analysis for another preset: the checks run again, the lanes stay."""
        changed = preset != self.preset
        self.preset = preset
        if changed and self.analysis is not None:
            self.load(rescored(self.analysis, preset))

    def _with_corrections(self, data: dict) -> dict:
        from .transcript import apply_corrections

        h = self.video_hash(wait=False)
        if h is None:
            return data
        data, missed = apply_corrections(data, self.store.corrections(h))
        if missed:
            self.note = (f"{missed} stored correction{'s' if missed != 1 else ''} no longer match a word or "
                         "caption of this analysis and were not applied")
        return data

    def _with_accepted(self, data: dict) -> dict:
        from .accepted import apply, without_accepted

        h = self.video_hash(wait=False)
        if h is None or data.get("score") is None:
            return without_accepted(data)
        keys, missed = self.store.keys_for(h, without_accepted(data).get("flags") or [])
        if missed:
            gone = f"{missed} accepted flag{'s' if missed != 1 else ''} no longer match a flag of this analysis"
            self.note = "; ".join(p for p in (self.note, gone) if p)
        return apply(data, keys, h)

    # -- the editor's decisions -----------------------------------------------------------
    def accept(self, indices: list[int], accept: bool = True) -> None:
        """Accept flags (indices into the analysis' flags) as intentional, or undo it: stored
        for this video by its content hash, the score redone. OSError: not stored."""
        h = self.video_hash()
        if self.analysis is None or h is None:
            return
        flags = self.analysis.get("flags") or []
        name = os.path.basename(self.path or "")
        for i in indices:
            if 0 <= i < len(flags):
                self.store.accept(h, flags[i], name) if accept else self.store.unaccept(h, flags[i])
        self.load(self.analysis, keep_selection=True)  # flag indices do not change: only their marks

    def correct(self, kind: str, index: int, text: str) -> bool:
        """Correct word ``index`` of the speech lane (``kind`` "words") or caption ``index`` of
        the text lane ("captions"), and keep it for this video (undone: forgotten). False if it
        could not be kept because the video cannot be read; OSError if the store cannot be written."""
        from .transcript import caption_key, with_caption_text, with_word_text, word_key

        if self.analysis is None:
            return False
        lane, items, original, edit, key_of = {
            "words": ("speech", "words", "text_recognised", with_word_text, word_key),
            "captions": ("text", "intervals", "text_read", with_caption_text, caption_key),
        }[kind]
        self.analysis = edit(self.analysis, index, text)
        self._emit("edited", lane=lane)
        try:
            h = self.video_hash()
        except OSError:
            return False
        item = self.analysis["lanes"][lane][items][index]
        self.store.correct(h, kind, key_of(item), item["text"] if original in item else None,
                           os.path.basename(self.path or ""))
        return True
