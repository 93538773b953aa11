"""The scoring the evaluations share: pure functions over truth and detections (no media,
no decoders, no reelstudio imports), so they are tested on hand-made cases
(tests/test_bench_scoring.py). Moved here from the bench scripts unchanged in what they
compute; each script imports what it uses.

Time is an integer frame index except where a name says ``_s`` (the caption set's seconds).
Scoring that belongs to a corpus (interval IoU of tests/corpus/faces.py and motion.py,
CER/WER and the caption-styles matching in tests/corpus/) stays with its corpus, which the
tests share.
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher


def prf1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1 from counts; nothing to find and nothing found is a perfect 1.0
    each, and P = R = 0 gives F1 0."""
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1


# ----------------------------------------------------------------------------- cuts (eval_cuts.py)

CUT_TOL = 1
GRADUAL_TOL = 2
NEG_EXCLUDE = 2


def match(detected: list[int], truth: list[int], tol: int) -> list[tuple[int, int]]:
    """One-to-one greedy nearest matching within ``tol``: (detected index, truth index) pairs."""
    pairs = sorted((abs(d - t), i, j) for i, d in enumerate(detected) for j, t in enumerate(truth) if abs(d - t) <= tol)
    used_d, used_t, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_d and j not in used_t:
            used_d.add(i)
            used_t.add(j)
            out.append((i, j))
    return out


def score_clip(clip: dict, events: list[dict]) -> dict:
    frames = [int(e["frame"]) for e in events]
    grads = clip["graduals"]

    def in_gradual(f: int) -> bool:
        return any(g["start_frame"] - GRADUAL_TOL <= f < g["end_frame"] + GRADUAL_TOL for g in grads)

    # hard cuts: detections inside a gradual's range belong to the gradual
    cand = [i for i, f in enumerate(frames) if not in_gradual(f)]
    pairs = match([frames[i] for i in cand], clip["cuts"], CUT_TOL)
    tp = len(pairs)
    fp_idx = sorted(set(range(len(cand))) - {i for i, _ in pairs})
    missed = sorted(set(range(len(clip["cuts"]))) - {j for _, j in pairs})
    offsets = [frames[cand[i]] - clip["cuts"][j] for i, j in pairs]
    # offsets with a wider window, to see a constant shift that +-1 would hide or cause
    wide = [frames[cand[i]] - clip["cuts"][j] for i, j in match([frames[i] for i in cand], clip["cuts"], 3)]
    kinds_on_cuts = Counter(events[cand[i]]["kind"] for i, _ in pairs)

    found, missed_g = [], []
    for g in grads:
        hit = any(g["start_frame"] - GRADUAL_TOL <= f < g["end_frame"] + GRADUAL_TOL for f in frames)
        (found if hit else missed_g).append(g)
    kinds_on_grads = Counter(
        e["kind"] for e in events if in_gradual(int(e["frame"])))
    # extent of reported gradual events against the truth (start, end offsets), when one overlaps
    extent = []
    for g in grads:
        over = [e for e in events if e.get("kind") == "gradual" and "start_frame" in e
                and e["start_frame"] < g["end_frame"] and e["end_frame"] > g["start_frame"]]
        if len(over) == 1:
            extent.append(f"start {over[0]['start_frame'] - g['start_frame']:+d} end {over[0]['end_frame'] - g['end_frame']:+d}")

    transitions = [(c, c + 1) for c in clip["cuts"]] + [(g["start_frame"], g["end_frame"]) for g in grads]

    def near_transition(f: int) -> bool:
        return any(s - NEG_EXCLUDE <= f < e + NEG_EXCLUDE for s, e in transitions)

    neg_hits = []
    for n in clip["negatives"]:
        for f in frames:
            if n["start_frame"] <= f < n["end_frame"] and not near_transition(f):
                neg_hits.append({"kind": n["kind"], "frame": f, "range": [n["start_frame"], n["end_frame"]]})
    return {
        "clip": clip["name"], "cuts": len(clip["cuts"]), "tp": tp, "fp": len(fp_idx), "fn": len(missed),
        "fp_frames": [frames[cand[i]] for i in fp_idx], "missed_cuts": [clip["cuts"][j] for j in missed],
        "offsets": offsets, "offsets_wide": wide, "kinds_on_cuts": dict(kinds_on_cuts),
        "graduals": len(grads), "graduals_found": len(found),
        "missed_graduals": [(g["kind"], g["start_frame"], g["end_frame"]) for g in missed_g],
        "found_graduals_by_kind": dict(Counter(g["kind"] for g in found)),
        "graduals_by_kind": dict(Counter(g["kind"] for g in grads)),
        "gradual_extent_offsets": extent,
        "kinds_on_graduals": dict(kinds_on_grads),
        "negatives": len(clip["negatives"]), "negative_hits": neg_hits,
    }


def aggregate(per_clip: list[dict], seconds: float, frames: int) -> dict:
    tp = sum(c["tp"] for c in per_clip)
    fp = sum(c["fp"] for c in per_clip)
    fn = sum(c["fn"] for c in per_clip)
    p, r, f1 = prf1(tp, fp, fn)
    g = sum(c["graduals"] for c in per_clip)
    gf = sum(c["graduals_found"] for c in per_clip)
    hits = [h for c in per_clip for h in c["negative_hits"]]
    negs = sum(c["negatives"] for c in per_clip)
    return {
        "cut_tp": tp, "cut_fp": fp, "cut_fn": fn, "precision": p, "recall": r, "f1": f1,
        "graduals": g, "graduals_found": gf, "gradual_recall": gf / g if g else 1.0,
        "negatives": negs, "negative_fp": len(hits),
        "negative_fp_by_kind": dict(Counter(h["kind"] for h in hits)),
        "graduals_by_kind": {k: [sum(c["found_graduals_by_kind"].get(k, 0) for c in per_clip), n]
                             for k, n in sorted(sum((Counter(c["graduals_by_kind"]) for c in per_clip),
                                                    Counter()).items())},
        "gradual_extent_offsets": dict(sorted(Counter(
            o for c in per_clip for o in c["gradual_extent_offsets"]).items())),
        "offsets": dict(sorted(Counter(o for c in per_clip for o in c["offsets"]).items())),
        "offsets_wide": dict(sorted(Counter(o for c in per_clip for o in c["offsets_wide"]).items())),
        "seconds": seconds, "fps": frames / seconds if seconds else 0.0,
        "clips": per_clip,
    }


# ----------------------------------------------------------------------------- faces (eval_faces.py)

def faces_found(truth: list[dict], found: list[tuple[int, int]]) -> int:
    """Truth face intervals at least half covered by the found [start, end) intervals."""
    return sum(1 for iv in truth if sum(
        max(0, min(iv["end_frame"], b) - max(iv["start_frame"], a)) for a, b in found)
        >= (iv["end_frame"] - iv["start_frame"]) / 2)


# ----------------------------------------------------------------------------- caption set (eval_subsync_set.py)

MIN_TEXT_SIM = 0.35  # a read caption less like the truth than this is not that caption


def normalize_text(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.lower().replace("ё", "е")))


def text_sim(a: str, b: str) -> float:
    return SequenceMatcher(None, normalize_text(a), normalize_text(b), autojunk=False).ratio()


def overlap_s(a0, a1, b0, b1) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def match_captions(truth: list, read: list[dict]) -> tuple[dict[int, int], list[int]]:
    """truth index -> read index of its main read caption; read indices matching no truth."""
    owner = {}
    for r, cap in enumerate(read):
        best, best_score = None, 0.0
        for t, c in enumerate(truth):
            ov = overlap_s(c.start_s, c.end_s, float(cap["start_s"]), float(cap["end_s"]))
            if ov <= 0:
                continue
            sim = text_sim(c.text, cap.get("text", ""))
            if sim < MIN_TEXT_SIM:
                continue
            iou = ov / (max(c.end_s, float(cap["end_s"])) - min(c.start_s, float(cap["start_s"])))
            score = sim + 0.5 * iou
            if score > best_score:
                best, best_score = t, score
        if best is not None:
            owner[r] = best
    main: dict[int, int] = {}
    for r, t in owner.items():
        c = truth[t]
        ov = overlap_s(c.start_s, c.end_s, float(read[r]["start_s"]), float(read[r]["end_s"]))
        if t not in main or ov > overlap_s(c.start_s, c.end_s, float(read[main[t]]["start_s"]),
                                         float(read[main[t]]["end_s"])):
            main[t] = r
    return main, [r for r in range(len(read)) if r not in owner]


# ----------------------------------------------------------------------------- checks (eval_checks.py)

SLACK = 3  # frames each expected span is widened by
FIRING = ("warning", "error")
DUP_IOU = 0.5  # two checks' flags over (mostly) the same frames
# checks whose fixes pull opposite ways when they flag the same frames
CONTRARY = {frozenset(p) for p in (("too_quiet", "too_loud"), ("static_picture", "too_dynamic"),
                                   ("text_too_brief", "subtitles_out_of_sync"),
                                   ("hook_static_open", "too_dynamic"))}


def frame_overlap(a0, a1, b0, b1) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def score_reel(truth: dict, doc: dict) -> dict:
    expect = truth["expect"]
    firing = [f for f in doc["flags"] if f["severity"] in FIRING]
    units = {}
    for check in set(expect) | {f["check"] for f in firing}:
        mine = [f for f in firing if f["check"] == check]
        spans = expect.get(check, [])
        hit = any(frame_overlap(f["start_frame"], f["end_frame"], s - SLACK, e + SLACK) > 0 for f in mine for s, e in spans)
        stray = [f for f in mine if not any(frame_overlap(f["start_frame"], f["end_frame"], s - SLACK, e + SLACK) > 0
                                            for s, e in spans)]
        units[check] = {"tp": int(bool(spans) and hit), "fn": int(bool(spans) and not hit), "fp": int(bool(stray)),
                        "stray": [(f["start_frame"], f["end_frame"], f["severity"], f["message"]) for f in stray]}
    dups, contra = [], []
    for i, a in enumerate(firing):
        for b in firing[i + 1:]:
            ov = frame_overlap(a["start_frame"], a["end_frame"], b["start_frame"], b["end_frame"])
            if ov <= 0:
                continue
            union = max(a["end_frame"], b["end_frame"]) - min(a["start_frame"], b["start_frame"])
            pair = frozenset((a["check"], b["check"]))
            if pair in CONTRARY:
                contra.append((a["check"], b["check"], a["fix"], b["fix"]))
            if a["check"] != b["check"] and ov >= DUP_IOU * max(1, union) and not pair <= set(expect):
                dups.append((a["check"], b["check"], a["start_frame"], a["end_frame"], b["start_frame"], b["end_frame"]))
            if a["check"] == b["check"]:
                dups.append((a["check"], b["check"], a["start_frame"], a["end_frame"], b["start_frame"], b["end_frame"]))
    rows = {r["check"]: r["status"] for r in doc["checklist"]}
    return {"name": truth["name"], "split": truth["split"], "kind": truth["kind"], "gate": truth.get("gate", False),
            "units": units, "dups": dups, "contra": contra, "score": doc["score"], "band": doc["band"],
            "fails": sorted(c for c, s in rows.items() if s == "fail"),
            "warns": sorted(c for c, s in rows.items() if s == "warn"),
            "flags": [(f["check"], f["severity"], f["start_frame"], f["end_frame"], f["message"]) for f in doc["flags"]],
            "seconds": doc.get("_seconds")}


# ----------------------------------------------------------------------------- caption styles (eval_captions.py)

TARGET_CONTRAST = 0.5


def size_bucket(pct: float) -> str:
    if pct < 2.0:
        return "<2%"
    if pct < 3.0:
        return "2-3%"
    if pct < 5.0:
        return "3-5%"
    return "5-8%"


def caption_stats(rows: list[dict]) -> dict:
    n = len(rows)
    found = [r for r in rows if r["found"]]
    chars = sum(r["chars"] for r in found)
    cerr = [r["contrast_err"] for r in found if r["contrast_err"] is not None]
    cerr_l = [r["contrast_err_luma"] for r in found if r["contrast_err_luma"] is not None]
    med = lambda v: sorted(v)[len(v) // 2] if v else None  # noqa: E731
    return {
        "n": n, "found": len(found), "recall": len(found) / n if n else None,
        "iou": sum(r["iou"] for r in rows) / n if n else None,
        "cer": sum(r["edits"] for r in found) / chars if chars else None,
        "cer_ci": sum(r["edits_ci"] for r in found) / chars if chars else None,
        "contrast_err_mean": sum(cerr) / len(cerr) if cerr else None,
        "contrast_err_median": med(cerr), "contrast_err_max": max(cerr) if cerr else None,
        "contrast_within_0_5": sum(e <= TARGET_CONTRAST for e in cerr) / len(cerr) if cerr else None,
        "contrast_err_luma_mean": sum(cerr_l) / len(cerr_l) if cerr_l else None,
    }
