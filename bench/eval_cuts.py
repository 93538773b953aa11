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

The figures go to bench/results/eval_cuts-<splits>.json too (``--json`` names another file),
which bench/figures.py turns into the README's cuts line.

Usage:  PYTHONPATH=. python bench/eval_cuts.py [--dir FOLDER] [--split tune|heldout|heldout_b|heldout_c|heldout_d|heldout_e|heldout_f] [--json OUT]
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "tests"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from bench.scoring import CUT_TOL, GRADUAL_TOL, NEG_EXCLUDE, aggregate, match, score_clip  # noqa: E402,F401


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
    ap.add_argument("--json", help="write the figures as JSON here (default: bench/results/eval_cuts-<splits>.json)")
    ap.add_argument("--only", choices=list(DETECTORS), action="append", help="run only this detector")
    ap.add_argument("--split", choices=["tune", "heldout", "heldout_b", "heldout_c", "heldout_d", "heldout_e", "heldout_f"], action="append",
                    help="evaluate this split (default: each of them, on its own)")
    args = ap.parse_args(argv)
    splits = args.split or ["tune", "heldout", "heldout_b", "heldout_c", "heldout_d", "heldout_e", "heldout_f"]
    with tempfile.TemporaryDirectory(prefix="cuts_corpus_") as tmp:
        results = {sp: evaluate(args.dir or tmp, args.only, sp) for sp in splits}
    print("\n\n".join(table(res) for res in results.values()))
    out = Path(args.json) if args.json else ROOT / "bench" / "results" / f"eval_cuts-{'-'.join(splits)}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    # the run's date rides along under a key no split uses, for bench/figures.py
    stamp = {"_run": {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d"),
                      "detectors": args.only or list(DETECTORS)}}
    out.write_text(json.dumps({**results, **stamp}, indent=1, default=str))
    print(f"figures: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
