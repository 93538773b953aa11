"""The text lane's cost and accuracy on the 60 s 1080x1920 reel with burned-in subtitles.

    .venv/bin/python bench/bench_text.py            # CPU added by the text lane, best of 2
    .venv/bin/python bench/bench_text.py --runs 3
    .venv/bin/python bench/bench_text.py --against ../main   # and main's text lane, interleaved

The clip is bench/media.py ``reel_60s()``: real footage, LibriVox narration, ~30 subtitle
cues burned in by FFmpeg's libass (DejaVu Sans Bold, white with a black outline) and a
title for the first 3 s. Every job runs in its own process and reports its CPU time
(user + system of all its threads, ``resource.getrusage``):

- ``base``: the pipeline with CutsAnalyzer + PictureAnalyzer (the engine's video lanes);
- ``text``: the same plus TextAnalyzer.

The text lane's cost is text - base (best of ``--runs`` each, jobs interleaved). Budget:
2.5 CPU-s per 60 s of 1080x1920 30 fps video, OCR included.

Accuracy on real footage: the cues the clip burned (bench/.media/reel_subtitles.srt, plus
the title on frames [0, 90)) against the captions found: per cue, interval IoU with the
found caption overlapping it most, and the character error rate (edit distance / truth
length; case and line breaks as the text was burned).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
sys.path.append(str(HERE.parent / "tests"))  # after bench/: tests/ has its own media.py

FPS = 30
TITLE = ("THE DASHWOODS", 0, 90)

JOB = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from reelstudio.pipeline import analyze
from reelstudio.analysis.cuts import CutsAnalyzer
from reelstudio.analysis.picture import PictureAnalyzer
analyzers = [CutsAnalyzer(), PictureAnalyzer()]
if {with_text!r}:
    from reelstudio.analysis.text import TextAnalyzer
    analyzers.append(TextAnalyzer())
t0 = time.perf_counter()
r = analyze({path!r}, cache=False, analyzers=analyzers)
wall = time.perf_counter() - t0
ru = resource.getrusage(resource.RUSAGE_SELF)
out = {{"cpu_s": ru.ru_utime + ru.ru_stime, "wall_s": wall, "rss_mb": ru.ru_maxrss / 1024,
        "timings": r.timings}}
if "text" in r.lanes:
    out["text"] = r.lanes["text"].to_json()
print("RESULT " + json.dumps(out))
"""


def run_job(path: Path, with_text: bool, root: Path = HERE.parent) -> dict:
    code = JOB.format(root=str(root), path=str(path), with_text=with_text)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")][-1]
    return json.loads(line[7:])


def srt_cues(path: Path) -> list[dict]:
    """SRT cues as frame intervals: a frame shows a cue when its time is in [start, end)."""
    cues = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip()):
        lines = block.strip().splitlines()
        if len(lines) < 3:
            continue
        a, b = (t.strip() for t in lines[1].split("-->"))

        def sec(t):
            h, m, s = t.replace(",", ".").split(":")
            return int(h) * 3600 + int(m) * 60 + float(s)
        cues.append({"text": " ".join(lines[2:]), "start_frame": math.ceil(sec(a) * FPS - 1e-6),
                     "end_frame": math.ceil(sec(b) * FPS - 1e-6)})
    return cues


def score(lane: dict, srt: Path) -> dict:
    from corpus.text import cer, interval_iou

    found = lane.get("intervals", [])
    truth = [{"text": TITLE[0], "start_frame": TITLE[1], "end_frame": TITLE[2], "where": "top"}]
    truth += [dict(c, where="bottom") for c in srt_cues(srt)]
    used, rows = set(), []
    for t in truth:
        best, best_iou = None, 0.0
        for k, f in enumerate(found):
            cy = f["box"][1] + f["box"][3] / 2
            if (cy < 960) != (t["where"] == "top"):
                continue
            iou = interval_iou((t["start_frame"], t["end_frame"]), (f["start_frame"], f["end_frame"]))
            if iou > best_iou:
                best, best_iou = k, iou
        if best is not None:
            used.add(best)
        got = found[best]["text"] if best is not None else ""
        edits, n = cer(t["text"], got)
        rows.append({**t, "iou": best_iou, "edits": edits, "chars": n, "found": got,
                     "found_frames": [found[best]["start_frame"], found[best]["end_frame"]] if best is not None
                     else None})
    false = [f for k, f in enumerate(found) if k not in used]
    return {"cues": rows, "false": false, "mean_iou": sum(r["iou"] for r in rows) / len(rows),
            "cer": sum(r["edits"] for r in rows) / max(1, sum(r["chars"] for r in rows))}


def main() -> None:
    from media import MEDIA, reel_60s

    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--against", metavar="ROOT", help="another checkout (e.g. main): its text lane is run "
                    "interleaved with this one's, and the two costs compared (a ratio from the same run)")
    args = ap.parse_args()
    path = reel_60s()
    base, text, other = [], [], []
    for _ in range(args.runs):
        base.append(run_job(path, False))
        text.append(run_job(path, True))
        if args.against:
            other.append(run_job(path, True, Path(args.against)))
    b = min(base, key=lambda r: r["cpu_s"])
    t = min(text, key=lambda r: r["cpu_s"])
    lane = t["text"]
    print(f"clip: {path.name}")
    print(f" base (cuts + picture)       CPU {b['cpu_s']:6.2f} s  wall {b['wall_s']:6.2f} s  RSS {b['rss_mb']:.0f} MB"
          f"   runs: {', '.join('%.2f' % r['cpu_s'] for r in base)}")
    print(f" base + text                 CPU {t['cpu_s']:6.2f} s  wall {t['wall_s']:6.2f} s  RSS {t['rss_mb']:.0f} MB"
          f"   runs: {', '.join('%.2f' % r['cpu_s'] for r in text)}")
    print(f" text lane adds              CPU {t['cpu_s'] - b['cpu_s']:6.2f} s   (budget 2.50 s)"
          f"   time inside the analyzer: {t['timings'].get('text', 0):.2f} s wall")
    print(f" detector: {lane.get('sampled_frames')} whole-picture and {lane.get('band_detections')} band searches, "
          f"{lane.get('detector_px', 0) / 1e6:.2f} Mpx; OCR calls {lane.get('ocr_calls')}; "
          f"captions {len(lane.get('intervals', []))}")
    if other:
        o = min(other, key=lambda r: r["cpu_s"])
        ol = o["text"]
        print(f" {args.against} + text  CPU {o['cpu_s']:6.2f} s   runs: {', '.join('%.2f' % r['cpu_s'] for r in other)}")
        print(f" text lane adds there        CPU {o['cpu_s'] - b['cpu_s']:6.2f} s;  this one / that one: "
              f"{(t['cpu_s'] - b['cpu_s']) / max(1e-9, o['cpu_s'] - b['cpu_s']):.2f}  (text-thread time "
              f"{t['timings'].get('text', 0):.2f} vs {o['timings'].get('text', 0):.2f} s wall); detector there: "
              f"{ol.get('sampled_frames')} whole + {ol.get('band_detections')} band searches, "
              f"{ol.get('detector_px', 0) / 1e6:.2f} Mpx; OCR calls {ol.get('ocr_calls')}")
    s = score(lane, MEDIA / "reel_subtitles.srt")
    if args.verbose:
        for r in s["cues"]:
            print(f"  [{r['start_frame']:4d},{r['end_frame']:4d}) found {r['found_frames']}  IoU {r['iou']:.3f}  "
                  f"CER {r['edits']}/{r['chars']}  {r['text']!r} -> {r['found']!r}")
        for f in s["false"]:
            print(f"  FALSE [{f['start_frame']},{f['end_frame']}) {f['text']!r} box {f['box']}")
    print(f" real footage: {len(s['cues'])} cues, mean interval IoU {s['mean_iou']:.3f}, "
          f"min {min(r['iou'] for r in s['cues']):.3f}, CER {100 * s['cer']:.1f} %, false captions {len(s['false'])}")


if __name__ == "__main__":
    main()
