"""On-screen text lane against the burned-in caption corpus (tests/corpus/text.py).

    .venv/bin/python bench/eval_text.py [--only NAME ...] [--json OUT]
    .venv/bin/python bench/eval_text.py --texture tune|heldout   # photo texture: false captions

Renders the corpus once into bench/.media/text (real footage and photos, real fonts),
runs the text lane through the pipeline (one decode pass) on each clip and prints, per
caption and per font / colour / style / script group: interval IoU against the exact
truth frames, character error rate of the text read (edit distance / truth length, line
breaks and repeated spaces as one space), and false captions (found where no caption is).
Targets: IoU >= 0.85, CER <= 5 %. ``--texture``: the photo-texture clips of that split
(corpus ``TEXTURE``: a zooming and a still photo each, one caption after 2.5 s of none); the
figure to watch is the false captions, texture read as text (target 0).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests"))

from corpus import text as corpus  # noqa: E402


def run(clips: list[dict], **params) -> list[dict]:
    from reelstudio.analysis.text import TextAnalyzer
    from reelstudio.pipeline import analyze

    results = []
    for clip in clips:
        t0 = time.process_time()
        r = analyze(clip["path"], cache=False, analyzers=[TextAnalyzer(**params)])
        lane = r.lanes["text"]
        if lane.status != "ok":
            raise SystemExit(f"text lane unavailable: {lane.reason}")
        scored = corpus.score(clip, lane.data["intervals"])
        scored["name"] = clip["name"]
        scored["cpu_s"] = time.process_time() - t0
        scored["frames"] = clip["frames"]
        scored["lane"] = lane.data
        results.append(scored)
    return results


def summarise(results: list[dict]) -> dict:
    groups: dict[str, list[dict]] = defaultdict(list)
    rows = []
    for r in results:
        for c in r["captions"]:
            rows.append(c)
            groups["all"].append(c)
            groups[f"font={c['font']}"].append(c)
            groups[f"colour={c['colour']}"].append(c)
            groups[f"style={c['style']}"].append(c)
            groups[f"script={c['script']}"].append(c)
            groups[f"size@1080={'<=40' if c['size_at_1080'] <= 40 else '>40'}"].append(c)
            groups[f"role={c['role']}"].append(c)
    out = {}
    for g, cs in groups.items():
        edits = sum(c["edits"] for c in cs)
        chars = sum(c["chars"] for c in cs)
        out[g] = {"captions": len(cs), "mean_iou": sum(c["iou"] for c in cs) / len(cs),
                  "min_iou": min(c["iou"] for c in cs), "cer": edits / max(1, chars)}
    out["false_captions"] = sum(len(r["false"]) for r in results)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--json")
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--texture", choices=tuple(corpus.TEXTURE))
    args = ap.parse_args()
    if args.texture:
        args.only = [n for n in corpus.clips() if n.startswith("texture_")
                     and n.removeprefix("texture_").removesuffix("_still") in corpus.TEXTURE[args.texture]]
    clips = corpus.build(HERE / ".media" / "text", only=args.only)
    results = run(clips)
    for r in results:
        print(f"\n== {r['name']}: {r['frames']} frames, {r['cpu_s']:.2f} CPU s, "
              f"{r['lane']['sampled_frames']} detections, {r['lane']['ocr_calls']} OCR calls")
        for c in r["captions"]:
            print(f"  [{c['start_frame']:4d},{c['end_frame']:4d}) found {c['found_frames']}  IoU {c['iou']:.3f}  "
                  f"CER {c['edits']}/{c['chars']}  {c['font']}/{c['colour']}/{c['style']}/{c['script']} "
                  f"{c['size_at_1080']}px@1080  {c['text']!r} -> {c['found']!r}")
        for f in r["false"]:
            print(f"  FALSE [{f['start_frame']},{f['end_frame']}) {f['text']!r} box {f['box']}")
        if args.verbose:
            for iv in r["lane"]["intervals"]:
                print("   ", {k: iv[k] for k in ("start_frame", "end_frame", "role", "lang", "height_px",
                                                  "lines", "contrast", "confidence")})
    summary = summarise(results)
    print("\n group                 captions  mean IoU  min IoU   CER")
    for g, s in summary.items():
        if g == "false_captions":
            continue
        print(f" {g:22s} {s['captions']:8d}  {s['mean_iou']:8.3f}  {s['min_iou']:7.3f}  {100 * s['cer']:5.1f} %")
    print(f" false captions: {summary['false_captions']}")
    if args.json:
        Path(args.json).write_text(json.dumps({"summary": summary, "clips": results}, indent=1, ensure_ascii=False,
                                              default=str))


if __name__ == "__main__":
    main()
