#!/usr/bin/env python3
"""Frozen-picture evaluation: ReelStudio's frozen frames vs FFmpeg's freezedetect (d=0.5).

Ours: the frozen_frames check's flags, over the picture and cuts lanes.

Builds tests/corpus/motion.py (real footage with inserted freezes, designed stills, slow
pans, a slow zoom, slow real motion and 60/120 fps conversions, split by source into tune and
held-out material) and prints, per split, the frozen interval IoU pooled over the split's
frames (intersection / union of frozen frames) and the negative clips on which a freeze was
reported, for both detectors, plus one line per clip.

freezedetect runs as ``ffmpeg -vf freezedetect=n=-60dB:d=0.5`` (its default noise, the
minimum duration the issue names); its freeze_start/freeze_end times are put on the frame
grid by rounding (freeze_end is the first frame that differs; a freeze running to the end has
no freeze_end).

Usage:  PYTHONPATH=. python bench/eval_frozen.py [--dir FOLDER] [--split tune|heldout|all]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "tests"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))


def detect_ours(path: str) -> list[dict]:
    """The frozen_frames check's flags over the picture and cuts lanes (what the editor sees)."""
    from reelstudio.analysis.cuts import CutsAnalyzer
    from reelstudio.analysis.picture import PictureAnalyzer
    from reelstudio.pipeline import analyze

    res = analyze(path, analyzers=[PictureAnalyzer(), CutsAnalyzer()], cache=False)
    for name in ("frozen", "cuts"):
        if res.lanes[name].status != "ok":
            raise RuntimeError(f"{path}: {name} lane {res.lanes[name].status}: {res.lanes[name].reason}")
    return [{"start_frame": f["start_frame"], "end_frame": f["end_frame"]} for f in res.flags
            if f["check"] == "frozen_frames"]


def detect_ffmpeg(path: str, fps: float, frames: int, d: float = 0.5) -> list[dict]:
    out = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", path, "-map", "0:v:0", "-vf",
                          f"freezedetect=n=-60dB:d={d}", "-f", "null", "-"], capture_output=True, text=True)
    found, start = [], None
    for key, value in re.findall(r"lavfi\.freezedetect\.(freeze_start|freeze_end): ([0-9.]+)", out.stderr):
        f = int(round(float(value) * fps))
        if key == "freeze_start":
            start = f
        elif start is not None:
            found.append({"start_frame": start, "end_frame": f})
            start = None
    if start is not None:
        found.append({"start_frame": start, "end_frame": frames})
    return found


def evaluate(clips: list[dict], verbose: bool = True) -> dict:
    from corpus.motion import interval_iou

    totals = {}
    for clip in clips:
        ours = detect_ours(clip["path"])
        ff = detect_ffmpeg(clip["path"], clip["fps"], clip["frames"])
        row = {}
        for who, found in (("ours", ours), ("ffmpeg", ff)):
            i, u = interval_iou(clip["freezes"], found, clip["frames"])
            t = totals.setdefault((clip["split"], who), {"i": 0, "u": 0, "false_negatives": [], "clips": 0})
            t["i"] += i
            t["u"] += u
            t["clips"] += 1
            if clip["negative"] and found:
                t["false_negatives"].append(clip["name"])
            row[who] = (i / u if u else 1.0, [(f["start_frame"], f["end_frame"]) for f in found])
        if verbose:
            truth = [(f["start_frame"], f["end_frame"]) for f in clip["freezes"]]
            print(f"{clip['name']:22s} {clip['fps']:>3} fps  truth {truth}\n"
                  f"{'':22s} ours   IoU {row['ours'][0]:.3f} {row['ours'][1]}\n"
                  f"{'':22s} ffmpeg IoU {row['ffmpeg'][0]:.3f} {row['ffmpeg'][1]}")
    return totals


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", help="corpus folder (kept; default: a temporary one)")
    ap.add_argument("--split", default="all", choices=("tune", "heldout", "all"))
    args = ap.parse_args(argv)
    from corpus import motion

    tmp = None
    if args.dir:
        folder = Path(args.dir)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="reelstudio-motion-")
        folder = Path(tmp.name)
    clips = motion.build(folder, args.split)
    totals = evaluate(clips)
    print()
    for split in ("tune", "heldout"):
        for who in ("ours", "ffmpeg"):
            t = totals.get((split, who))
            if not t:
                continue
            print(f"{split:8s} {who:7s} frozen IoU {t['i'] / max(1, t['u']):.3f} over {t['clips']} clips; "
                  f"freeze reported on negatives: {t['false_negatives'] or 'none'}")
    import datetime
    import json

    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    doc = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d"), "splits": {}}
    for (split, who), t in totals.items():
        doc["splits"].setdefault(split, {})[who] = {"iou": t["i"] / max(1, t["u"]), "clips": t["clips"],
                                                    "negatives_with_freeze": list(t["false_negatives"])}
    path = out / f"eval_frozen-{args.split}.json"
    path.write_text(json.dumps(doc, indent=1))
    print(f"figures: {path}")
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
