#!/usr/bin/env python3
"""Shot-boundary evaluation: ReelStudio's cuts lane vs PySceneDetect's AdaptiveDetector and
ffmpeg's scdet filter.

Builds the corpus of tests/corpus/cuts.py (real footage and photos edited into clips with
exact ground truth, split by source into ``tune`` and ``heldout``), runs the detectors on the
same files and prints, per split:

* hard cuts: precision / recall / F1 at +-1 frame (one-to-one, greedy nearest); detections
  inside a gradual transition's range (+-2) are that transition's, not false cuts;
* gradual transitions: found if any detection (cut or gradual) lies in [start-2, end+2];
* hard negatives: detections inside a negative range (flash, lighting, fast motion, object
  crossing), excluding those within 2 frames of a real transition;
* wall time.

A detection's position is its frame: the first frame of the new shot (ours: the event's
``frame``; PySceneDetect: a scene's start). The offsets of matched cuts are reported too, so a
constant shift between a detector's frames and the truth shows up as a number.

PySceneDetect runs with its defaults; scdet with ffmpeg's default threshold (10; its frame is
the first frame of the new scene).

Usage:  PYTHONPATH=. python bench/eval_cuts.py [--dir FOLDER] [--split tune|heldout|heldout_b|heldout_c] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "tests"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

CUT_TOL = 1
GRADUAL_TOL = 2
NEG_EXCLUDE = 2


# ----------------------------------------------------------------------------- detectors

def detect_ours(path: str) -> list[dict]:
    """Events of the cuts lane: dicts with 'frame' and 'kind' (and a gradual's range)."""
    from reelstudio.analysis.cuts import CutsAnalyzer
    from reelstudio.pipeline import analyze

    res = analyze(path, analyzers=[CutsAnalyzer()], cache=False)
    lane = res.lanes["cuts"]
    if lane.status != "ok":
        raise RuntimeError(f"{path}: cuts lane {lane.status}: {lane.reason}")
    return [dict(e) for e in lane.data["events"]]


def detect_pyscenedetect(path: str) -> list[dict]:
    """Scene starts (first frame of each new scene) from AdaptiveDetector with its defaults."""
    from scenedetect import AdaptiveDetector, detect

    scenes = detect(path, AdaptiveDetector())
    return [{"frame": int(start.frame_num), "kind": "cut"} for start, _ in scenes[1:]]


SCDET_THRESHOLD = 10.0  # ffmpeg's default


def detect_scdet(path: str) -> list[dict]:
    """Frames where ffmpeg's scdet filter reports a scene change (its default threshold)."""
    import re
    import subprocess

    out = subprocess.run(
        ["ffmpeg", "-hide_banner", "-nostats", "-i", path, "-an", "-vf",
         f"scdet=threshold={SCDET_THRESHOLD},metadata=print:key=lavfi.scd.time:file=-", "-f", "null", "-"],
        capture_output=True, text=True, check=True).stdout
    return [{"frame": int(m), "kind": "cut"} for m in re.findall(r"^frame:(\d+)", out, re.M)]


DETECTORS = {"ours": detect_ours, "pyscenedetect": detect_pyscenedetect, "scdet": detect_scdet}


# ----------------------------------------------------------------------------- scoring

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
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
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


def evaluate(folder: str | Path, detectors: list[str] | None = None, split: str | None = None,
             clips: list[str] | None = None) -> dict:
    """Build (or reuse) the corpus in ``folder`` (one split of it, or the named clips), run the
    detectors, return the figures."""
    from corpus.cuts import SPLITS, build, summary

    t0 = time.perf_counter()
    names = clips or (SPLITS[split] if split else None)
    clips = build(folder, only=names)
    build_s = time.perf_counter() - t0
    out = {"split": split or (", ".join(names) if names else "all"), "corpus": summary(clips), "build_seconds": build_s, "detectors": {}}
    frames = sum(c["frames"] for c in clips)
    for name in detectors or list(DETECTORS):
        fn = DETECTORS[name]
        per_clip, spent = [], 0.0
        for clip in clips:
            t = time.perf_counter()
            events = fn(clip["path"])
            spent += time.perf_counter() - t
            per_clip.append(score_clip(clip, events))
        out["detectors"][name] = aggregate(per_clip, spent, frames)
    return out


def table(res: dict) -> str:
    """The figures side by side, as plain text."""
    c = res["corpus"]
    lines = [
        f"corpus ({res.get('split', 'all')}): {c['clips']} clips, {c['frames']} frames, {c['cuts']} hard cuts, "
        f"{sum(c['graduals'].values())} graduals, {sum(c['negatives'].values())} hard negatives "
        f"(built/reused in {res['build_seconds']:.1f} s)",
        f"{'detector':<15}{'P@1':>7}{'R@1':>7}{'F1@1':>7}{'TP/FP/FN':>12}{'gradual':>10}{'neg FP':>8}"
        f"{'time s':>8}{'fps':>7}",
    ]
    for name, d in res["detectors"].items():
        lines.append(
            f"{name:<15}{d['precision']:>7.3f}{d['recall']:>7.3f}{d['f1']:>7.3f}"
            f"{d['cut_tp']:>5}/{d['cut_fp']}/{d['cut_fn']:<3}"
            f"{d['graduals_found']:>5}/{d['graduals']:<4}{d['negative_fp']:>8}{d['seconds']:>8.1f}{d['fps']:>7.0f}")
    for name, d in res["detectors"].items():
        lines.append(f"[{name}] matched-cut offsets (detected - truth) at +-1: {d['offsets']}, "
                     f"at +-3: {d['offsets_wide']}")
        lines.append(f"[{name}] graduals found by kind: "
                     + ", ".join(f"{k} {f}/{n}" for k, (f, n) in d["graduals_by_kind"].items()))
        if d["gradual_extent_offsets"]:
            lines.append(f"[{name}] gradual events' (start, end) minus truth: {d['gradual_extent_offsets']}")
        for cl in d["clips"]:
            bits = []
            if cl["missed_cuts"]:
                bits.append(f"missed cuts {cl['missed_cuts']}")
            if cl["fp_frames"]:
                bits.append(f"false cuts {cl['fp_frames']}")
            if cl["missed_graduals"]:
                bits.append(f"missed graduals {cl['missed_graduals']}")
            if cl["negative_hits"]:
                bits.append("on negatives " + ", ".join(f"{h['kind']}@{h['frame']}" for h in cl["negative_hits"]))
            if bits:
                lines.append(f"  {cl['clip']}: " + "; ".join(bits))
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", help="corpus folder (reused if it holds this corpus version); default: a temp dir")
    ap.add_argument("--json", help="also write the figures as JSON here")
    ap.add_argument("--only", choices=list(DETECTORS), action="append", help="run only this detector")
    ap.add_argument("--split", choices=["tune", "heldout", "heldout_b", "heldout_c"], action="append",
                    help="evaluate this split (default: each of them, on its own)")
    args = ap.parse_args(argv)
    splits = args.split or ["tune", "heldout", "heldout_b", "heldout_c"]
    with tempfile.TemporaryDirectory(prefix="cuts_corpus_") as tmp:
        results = {sp: evaluate(args.dir or tmp, args.only, sp) for sp in splits}
    print("\n\n".join(table(res) for res in results.values()))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
