"""The transcript an editor corrects: recognised words and burned-in caption texts, edited in
the analysis JSON itself, so the subtitle exporters (report/subtitles.py) write the edited text.

An edited word keeps what the recogniser heard in ``text_recognised``; an edited caption keeps
what was read off the screen in ``text_read``, and the subtitle_sync lane's ``spoken_text`` for
it (the words heard, used when the screen was misread) no longer overrides it: the editor has
said what it says. The lanes count their edits in ``edited``. Emptying a word drops it from the
subtitles (the exporters skip empty words). Pure Python, no Qt: a batch script can do the same.

Corrections are kept per video (``accepted.AcceptedStore.correct``, by the file's content hash)
under a key that names the item as the analysis first gave it (``word_key``: its start time and
what was heard; ``caption_key``: its frames and what was read), and ``apply_corrections`` puts
them back on a new analysis of the same video. A correction whose item is no longer there (a
newer recogniser heard it otherwise) is not applied and is counted, never applied elsewhere.
"""

from __future__ import annotations

import copy
from typing import Any


def caption_text(caption: dict[str, Any]) -> str:
    """What a caption may be quoted as: the editor's correction; else the words heard when the
    screen was misread (subtitle sync's ``spoken_text``); else the text read, unless the text
    lane marked the read unreadable (``readable`` false: not confidently words), then ''."""
    if "text_read" in caption:
        return " ".join(str(caption.get("text", "")).split())
    heard = caption.get("spoken_text")
    if heard:
        return " ".join(str(heard).split())
    if caption.get("readable") is False:
        return ""
    return " ".join(str(caption.get("text", "")).split())


# what flags and the timeline call a caption the text lane could not read confidently: the
# words on screen may be perfectly legible to a person; it is the app that could not read them
UNREAD = "text the app could not read"


def quote_caption(caption: dict[str, Any], limit: int = 40, unnamed: str = "text") -> str:
    """“The caption's words”, cut at ``limit`` characters; ``UNREAD`` ("text the app could not read") for a read that is
    not confidently words (never quoted as if it were the caption); ``unnamed`` when empty."""
    text = caption_text(caption)
    if text:
        return f"\u201c{text[:limit]}{'...' if len(text) > limit else ''}\u201d"
    return UNREAD if caption.get("readable") is False and caption.get("text") else unnamed


def words_in_reading_order(analysis: dict[str, Any]) -> list[tuple[int, dict]]:
    """(index in the speech lane's ``words``, word) in the order they are said."""
    speech = (analysis.get("lanes") or {}).get("speech") or {}
    if speech.get("status", "ok") != "ok":
        return []
    words = [(i, w) for i, w in enumerate(speech.get("words") or []) if isinstance(w, dict)]
    return sorted(words, key=lambda iw: (float(iw[1].get("start_s") or 0.0), iw[0]))


def captions_in_reading_order(analysis: dict[str, Any]) -> list[tuple[int, dict]]:
    """(index in the text lane's ``intervals``, caption) by first frame, top to bottom."""
    text = (analysis.get("lanes") or {}).get("text") or {}
    if text.get("status", "ok") != "ok":
        return []
    items = [(i, c) for i, c in enumerate(text.get("intervals") or []) if isinstance(c, dict)]
    return sorted(items, key=lambda ic: (int(ic[1].get("start_frame", 0)), (ic[1].get("box") or [0, 0])[1], ic[0]))


def _edited_lane(analysis: dict[str, Any], lane: str) -> tuple[dict, dict]:
    out = dict(analysis)
    out["lanes"] = dict(analysis["lanes"])
    out["lanes"][lane] = copy.deepcopy(analysis["lanes"][lane])
    return out, out["lanes"][lane]


def _count(lane: dict, items: list[dict], original: str) -> None:
    lane["edited"] = sum(1 for it in items if original in it)
    if not lane["edited"]:
        del lane["edited"]


def _set_text(item: dict, text: str, original_key: str) -> None:
    """``item`` reads ``text``; what was heard or read first is kept under ``original_key``
    (and dropped again when the correction is undone)."""
    first = item.get(original_key, item.get("text", ""))
    if text == first:
        item.pop(original_key, None)
    else:
        item[original_key] = first
    item["text"] = text


def with_word_text(analysis: dict[str, Any], index: int, text: str) -> dict[str, Any]:
    """The analysis with word ``index`` of the speech lane reading ``text`` (a copy)."""
    out, lane = _edited_lane(analysis, "speech")
    word = lane["words"][index]
    text = " ".join(str(text).split())
    _set_text(word, text, "text_recognised")
    _count(lane, lane["words"], "text_recognised")
    return out


def with_caption_text(analysis: dict[str, Any], index: int, text: str) -> dict[str, Any]:
    """The analysis with caption ``index`` of the text lane reading ``text`` (lines kept; a copy)."""
    out, lane = _edited_lane(analysis, "text")
    caption = lane["intervals"][index]
    text = "\n".join(" ".join(line.split()) for line in str(text).splitlines() if line.strip())
    _set_text(caption, text, "text_read")
    _count(lane, lane["intervals"], "text_read")
    sync = out["lanes"].get("subtitle_sync")
    if isinstance(sync, dict) and any(isinstance(e, dict) and e.get("caption") == index and e.get("spoken_text")
                                      for e in sync.get("subtitles") or []):
        out["lanes"]["subtitle_sync"] = sync = copy.deepcopy(sync)
        for entry in sync["subtitles"]:
            if isinstance(entry, dict) and entry.get("caption") == index and entry.get("spoken_text"):
                entry["spoken_text_overridden"] = entry.pop("spoken_text")  # the editor's text wins
    return out


def word_key(word: dict) -> str:
    """A word as first recognised: ``start_s`` (ms) and the text heard."""
    return f"{float(word.get('start_s') or 0.0):.3f}:{word.get('text_recognised', word.get('text', ''))}"


def caption_key(caption: dict) -> str:
    """A caption as first read: its frames and the text read off the screen."""
    return f"{int(caption.get('start_frame', 0))}:{int(caption.get('end_frame', 0))}:" \
           f"{caption.get('text_read', caption.get('text', ''))}"


def apply_corrections(analysis: dict[str, Any], corrections: dict[str, dict[str, str]]) -> tuple[dict[str, Any], int]:
    """The analysis with the stored corrections applied, and how many matched no word or caption."""
    lanes = analysis.get("lanes") or {}
    words = (lanes.get("speech") or {}).get("words") or []
    caps = (lanes.get("text") or {}).get("intervals") or []
    todo_w = dict(corrections.get("words") or {})
    todo_c = dict(corrections.get("captions") or {})
    out = analysis
    for i, w in enumerate(words):
        k = word_key(w) if isinstance(w, dict) else None
        if k in todo_w:
            out = with_word_text(out, i, todo_w.pop(k))
    for i, c in enumerate(caps):
        k = caption_key(c) if isinstance(c, dict) else None
        if k in todo_c:
            out = with_caption_text(out, i, todo_c.pop(k))
    return out, len(todo_w) + len(todo_c)
