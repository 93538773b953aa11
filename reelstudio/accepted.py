"""Flags the editor accepted as intentional, stored per video, and the score with them resolved.
The same store keeps the editor's transcript corrections (``AcceptedStore.correct``;
applied by ``transcript.apply_corrections``), so neither is lost when the video is analysed again.

An editor who meant the jump cut or the quiet intro says so once; the flag stays in the
result, marked ``"accepted": true``, and counts as resolved. The store is one JSON file in
the user data folder (``resources.data_dir()``), keyed by the sha256 of the video's bytes, so
a renamed or moved copy keeps its acceptances and an edited export starts fresh. A flag is
named by ``check:start_frame:end_frame`` (the same video gives the same flags); a stored name
with no such flag goes to the flag of its check over mostly the same frames (``match_keys``),
so a checks change that moves an edge by a few frames keeps the decision.

Re-scoring (``apply``): a check with ``k`` of its ``n`` flags accepted has its sub-score
raised by the accepted share of what it lost, ``sub + (1 - sub) * k / n`` (all accepted: 1.0,
a pass); its status is then judged on the flags still open. A critical-failure gate is lifted
when every flag of its check is accepted, except photosensitive flashing: a risk to viewers is
not a matter of taste. ``without_accepted`` undoes it exactly, so acceptances can change and
be applied again. Pure Python: the CLI's JSON and the app show the same thing.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from . import scoring

STORE_FILE = "accepted-flags.json"
STORE_VERSION = 1
NEVER_LIFTED = frozenset({"photosensitive_flashing"})  # gates that no acceptance lifts

_hashes: dict[tuple[str, int, int], str] = {}  # (path, size, mtime_ns) -> sha256, for this process


def flag_key(flag: dict) -> str:
    """The name of a flag in the store: ``check:start_frame:end_frame``."""
    return f"{flag['check']}:{int(flag['start_frame'])}:{int(flag['end_frame'])}"


def content_hash(path: str | os.PathLike) -> str:
    """sha256 of the video's bytes (remembered per path, size and mtime in this process)."""
    from .resources import sha256_of

    p = os.path.abspath(os.fspath(path))
    st = os.stat(p)
    stamp = (p, st.st_size, st.st_mtime_ns)
    if stamp not in _hashes:
        _hashes[stamp] = sha256_of(Path(p))
    return _hashes[stamp]


def known_hash(path: str | os.PathLike) -> str | None:
    """The content hash of ``path`` if this process has already computed it (nothing is read)."""
    p = os.path.abspath(os.fspath(path))
    try:
        st = os.stat(p)
    except OSError:
        return None
    return _hashes.get((p, st.st_size, st.st_mtime_ns))


def store_path() -> Path:
    from .resources import data_dir

    return data_dir() / STORE_FILE


class AcceptedStore:
    """The accepted flags of every video, by content hash; every change is written at once (atomically)."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path is not None else store_path()
        self._videos: dict[str, dict] = self._read()

    def _read(self) -> dict[str, dict]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):  # a damaged store is not worth a crash: it starts empty
            return {}
        videos = raw.get("videos") if isinstance(raw, dict) else None
        return videos if isinstance(videos, dict) else {}

    def _write(self) -> None:
        from .report._io import atomic_write

        self.path.parent.mkdir(parents=True, exist_ok=True)
        blob = json.dumps({"version": STORE_VERSION, "videos": self._videos}, indent=1, ensure_ascii=False)
        atomic_write(str(self.path), blob.encode("utf-8"))

    def keys(self, video_hash: str) -> set[str]:
        """The accepted flags' keys of one video."""
        return set((self._videos.get(video_hash) or {}).get("flags", {}))

    def keys_for(self, video_hash: str, flags: list[dict]) -> tuple[set[str], int]:
        """The keys of ``flags`` (this analysis') that the stored acceptances name, and how many
        acceptances named no flag here. A flag is found by its key, else as the flag of the same
        check over mostly the same frames (intersection over union >= 0.5): a newer checks
        version that moves a flag's edge by a few frames keeps the editor's decision."""
        stored = (self._videos.get(video_hash) or {}).get("flags", {})
        return match_keys(flags, stored)

    def accept(self, video_hash: str, flag: dict, name: str = "") -> None:
        entry = self._videos.setdefault(video_hash, {"name": name, "flags": {}})
        if name:
            entry["name"] = name
        entry["flags"][flag_key(flag)] = {"check": flag["check"], "start_frame": int(flag["start_frame"]),
                                         "end_frame": int(flag["end_frame"]),
                                         "message": str(flag.get("message", "")),
                                         "accepted_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        self._write()

    def unaccept(self, video_hash: str, flag: dict) -> None:
        entry = self._videos.get(video_hash)
        if entry and entry.get("flags", {}).pop(flag_key(flag), None) is not None:
            self._drop_if_empty(video_hash)
            self._write()

    def _drop_if_empty(self, video_hash: str) -> None:
        entry = self._videos.get(video_hash) or {}
        if not entry.get("flags") and not any((entry.get("corrections") or {}).values()):
            self._videos.pop(video_hash, None)

    # -- the transcript's corrections (reelstudio/transcript.py), kept with the video's flags ----------
    def corrections(self, video_hash: str) -> dict[str, dict[str, str]]:
        """``{"words": {key: text}, "captions": {key: text}}`` the editor typed for one video
        (keys: ``transcript.word_key`` / ``caption_key``)."""
        got = (self._videos.get(video_hash) or {}).get("corrections") or {}
        return {kind: dict(got.get(kind) or {}) for kind in ("words", "captions")}

    def correct(self, video_hash: str, kind: str, key: str, text: str | None, name: str = "") -> None:
        """Store (or, with ``text`` None, forget) one correction; written at once."""
        if kind not in ("words", "captions"):
            raise ValueError(f"no such correction kind: {kind!r}")
        entry = self._videos.setdefault(video_hash, {"name": name, "flags": {}})
        if name:
            entry["name"] = name
        table = entry.setdefault("corrections", {}).setdefault(kind, {})
        if text is None:
            table.pop(key, None)
        else:
            table[key] = text
        self._drop_if_empty(video_hash)
        self._write()


def match_keys(flags: list[dict], stored: dict[str, dict]) -> tuple[set[str], int]:
    """See ``AcceptedStore.keys_for``: (keys of ``flags`` accepted, stored entries matched to none)."""
    keys = {flag_key(f): f for f in flags}
    hit, missed, taken = set(), 0, set()
    loose = []
    for key, entry in stored.items():
        if key in keys:
            hit.add(key)
            taken.add(key)
        else:
            loose.append(entry)
    for entry in loose:
        s0, e0 = int(entry.get("start_frame", 0)), int(entry.get("end_frame", 0))
        best, best_iou = None, 0.5
        for key, f in keys.items():
            if key in taken or f["check"] != entry.get("check"):
                continue
            s1, e1 = int(f["start_frame"]), int(f["end_frame"])
            inter = max(0, min(e0, e1) - max(s0, s1))
            union = max(e0, e1) - min(s0, s1)
            iou = inter / union if union > 0 else 0.0
            if iou >= best_iou:
                best, best_iou = key, iou
        if best is None:
            missed += 1
        else:
            hit.add(best)
            taken.add(best)
    return hit, missed


def without_accepted(analysis: dict) -> dict:
    """The analysis as the checks made it: ``apply`` undone (a copy; unchanged if nothing was accepted)."""
    info = analysis.get("accepted_flags")
    if not info:
        return analysis
    out = dict(analysis)
    out.pop("accepted_flags")
    out["flags"] = [{k: v for k, v in f.items() if k != "accepted"} for f in analysis.get("flags", [])]
    rows = []
    for row in analysis.get("checklist", []):
        row = dict(row)
        if "accepted" in row:
            row.pop("accepted")
            row["score"] = row.pop("score_measured")
            row["status"] = row.pop("status_measured")
            row["points"] = round(row["weight"] * row["score"], 3)
        rows.append(row)
    out["checklist"] = rows
    for key in ("score", "band", "score_max", "score_note", "score_gates", "score_complete", "score_incomplete"):
        if key in info["before"]:
            out[key] = info["before"][key]
    return out


def apply(analysis: dict, keys: set[str] | frozenset[str], video_hash: str | None = None) -> dict:
    """The analysis (JSON dict) with the flags named by ``keys`` accepted and the score redone.

    Adds ``"accepted": true`` to those flags; on their checklist rows ``accepted`` (how many),
    ``score_measured`` and ``status_measured`` (what the check itself said); the score's fields
    redone, ``score_note`` ending with a sentence on the acceptances; and a top-level
    ``accepted_flags``: ``{"video_sha256", "count", "score_without", "note", "before": {...}}``
    (``before``: the score's fields as the checks gave them).
    """
    base = without_accepted(analysis)
    flags = base.get("flags") or []
    hit = {i for i, f in enumerate(flags) if flag_key(f) in keys}
    if not hit or base.get("score") is None:
        return base
    out = dict(base)
    out["flags"] = [dict(f, accepted=True) if i in hit else f for i, f in enumerate(flags)]
    by_check: dict[str, list[dict]] = {}
    for f in out["flags"]:
        by_check.setdefault(f["check"], []).append(f)
    rows, resolved = [], set()
    for row in base.get("checklist", []):
        own = by_check.get(row["check"], [])
        k = sum(1 for f in own if f.get("accepted"))
        if not k or row.get("score") is None or row.get("incomplete"):
            rows.append(row)
            continue
        sub = float(row["score"])
        new = round(sub + (1.0 - sub) * k / len(own), 4)
        still_open = [f for f in own if not f.get("accepted")]
        rows.append(dict(row, accepted=k, score_measured=row["score"], status_measured=row["status"], score=new,
                         points=round(row["weight"] * new, 3), status=scoring.status_of(new, still_open)))
        if not still_open:
            resolved.add(row["check"])
    gates = [g for g in base.get("score_gates") or [] if g["check"] not in resolved or g["gate"] in NEVER_LIFTED]
    s = scoring.total(rows, gates)
    before = {k: base[k] for k in ("score", "band", "score_max", "score_note", "score_gates", "score_complete",
                                   "score_incomplete") if k in base}
    n = len(hit)
    said = (f"{n} flag{'s' if n != 1 else ''} accepted as intentional "
            f"({base['score']} without accepting {'them' if n != 1 else 'it'}).")
    note = " ".join(p for p in (s.note(), said) if p)
    out.update(checklist=rows, score=s.score, band=s.band, score_max=s.score_max, score_gates=s.gates,
               score_complete=s.complete, score_incomplete=s.incomplete, score_note=note,
               accepted_flags={"video_sha256": video_hash, "count": n, "score_without": base["score"],
                               "note": said, "before": before})
    return out


def apply_stored(analysis: dict, video: str | os.PathLike, store: AcceptedStore | None = None) -> dict:
    """``apply`` with the acceptances stored for ``video`` (by its content hash)."""
    h = content_hash(video)
    keys, _missed = (store or AcceptedStore()).keys_for(h, without_accepted(analysis).get("flags") or [])
    return apply(analysis, keys, h)


def apply_editor(analysis: dict, video: str | os.PathLike, store: AcceptedStore | None = None) -> tuple[dict, int]:
    """What the editor decided in the app for ``video``: its transcript corrections put back,
    then its accepted flags marked and re-scored; and how many stored decisions (corrections
    and acceptances) matched nothing in this analysis."""
    from .transcript import apply_corrections

    store = store or AcceptedStore()
    h = content_hash(video)
    analysis, missed = apply_corrections(analysis, store.corrections(h))
    keys, unmatched = store.keys_for(h, without_accepted(analysis).get("flags") or [])
    return apply(analysis, keys, h), missed + unmatched


def is_accepted(flag: dict[str, Any]) -> bool:
    return bool(flag.get("accepted"))
