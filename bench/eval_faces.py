"""Faces lane against the faces corpora (tests/corpus/faces.py): face-visible interval IoU,
tune and held-out apart, and the lane's CPU per minute of video.

    python bench/eval_faces.py [--split tune|held-out|held-out-2|all] [--corpus brief|shots|all]
        [--set name=value ...] [--compare name=value ...] [--cpu N] [--folder DIR]

``--set`` changes the analyzer's parameters for the run; ``--compare`` runs a second
analyzer (the defaults with those changes) beside it on the same clips, so a before/after is
one run. ``--cpu N`` times the faces thread (CPU seconds, as the pipeline counts them) on
bench_speed.py's 60 s 1080x1920 reel N times per analyzer, alternating, and prints medians and the ratio.
The figures go to bench/results/eval_faces-<corpus>-<split>.json too (``--json`` names another
file), which bench/figures.py turns into the README's faces line.
"""

from __future__ import annotations

import argparse
import datetime
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))


def _value(text: str):
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return {"true": True, "false": False}.get(text.lower(), text)


def _params(pairs: list[str]) -> dict:
    return {k: _value(v) for k, v in (p.split("=", 1) for p in pairs)}


def _clips(corpus: str, split: str, folder: Path) -> list[dict]:
    from corpus import faces

    out = []
    if corpus in ("shots", "all"):  # faces_a-d: long shots, 30 fps vertical
        out += [c for c in faces.build(folder / "shots") if split in ("all", c["split"])]
    if corpus in ("brief", "all"):
        out += faces.build_brief(folder / "brief", split)
    return out


def _run(clips: list[dict], params: dict) -> list[tuple[dict, dict]]:
    from reelstudio.analysis.faces import FacesAnalyzer
    from reelstudio.pipeline import analyze

    return [(c, analyze(c["path"], analyzers=[FacesAnalyzer(**params)], cache=False).lanes["faces"].data)
            for c in clips]


def _score(results, label: str) -> dict:
    from corpus.faces import interval_iou

    from bench.scoring import faces_found

    totals: dict[str, list[int]] = {}
    print(f"\n== {label}")
    for clip, lane in results:
        i, u = interval_iou(clip["faces"], lane["intervals"], clip["frames"])
        found = [(iv["start_frame"], iv["end_frame"]) for iv in lane["intervals"]]
        # a truth interval counts as found when half of it is covered
        covered = faces_found(clip["faces"], found)
        part = ("brief " if clip["name"].startswith("brief") else "shots ") + clip["split"]
        t = totals.setdefault(part, [0, 0, 0, 0, 0])
        t[0] += i
        t[1] += u
        t[2] += covered
        t[3] += len(clip["faces"])
        t[4] += lane["sampled_frames"]
        print(f"{clip['name']:<10} {clip['split']:<9} {clip['width']}x{clip['height']}@{clip['fps']:<3} "
              f"IoU {i / max(1, u):.3f}  faces found {covered}/{len(clip['faces'])}  "
              f"detections {lane['sampled_frames']}/{clip['frames']} frames")
        truth = [(iv["start_frame"], iv["end_frame"]) for iv in clip["faces"]]
        if truth != found:
            print(f"    truth {truth}\n    found {found}")
    for part, (i, u, c, n, d) in sorted(totals.items()):
        print(f"{label} {part}: face-visible IoU {i / max(1, u):.3f} ({i}/{u} frames), "
              f"faces found {c}/{n}, detections {d}")
    return totals


def _cpu(params_list: list[dict], repeats: int) -> None:
    from reelstudio.analysis.faces import FacesAnalyzer
    from reelstudio.pipeline import analyze

    sys.path.insert(0, str(ROOT / "bench"))
    from media import reel_60s

    reel = reel_60s()  # bench_speed.py's reel: 60 s, 1080x1920, 29 hard cuts
    times: list[list[float]] = [[] for _ in params_list]
    minutes = 0.0
    for _ in range(repeats):
        for k, params in enumerate(params_list):
            res = analyze(str(reel), analyzers=[FacesAnalyzer(**params)], cache=False)
            times[k].append(res.timings["(faces thread, CPU)"])
            minutes = res.source.duration_s / 60
            lane = res.lanes["faces"].data
            if len(times[k]) == 1:
                print(f"  {params or 'defaults'}: {lane['sampled_frames']} detections, "
                      f"{len(lane['intervals'])} face intervals")
    base = statistics.median(times[0])
    for params, t in zip(params_list, times):
        m = statistics.median(t)
        print(f"faces thread CPU on {reel.name} ({minutes:.2f} min), {params or 'defaults'}: median {m:.2f} s "
              f"= {m / minutes:.2f} CPU-s per minute (runs {', '.join(f'{x:.2f}' for x in t)}); "
              f"ratio to the first {m / base:.2f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="all", choices=("tune", "held-out", "held-out-2", "all"))
    ap.add_argument("--corpus", default="all", choices=("brief", "shots", "all"))
    ap.add_argument("--set", nargs="*", default=[], metavar="NAME=VALUE")
    ap.add_argument("--compare", nargs="*", default=None, metavar="NAME=VALUE")
    ap.add_argument("--cpu", type=int, default=0, metavar="N")
    ap.add_argument("--folder", type=Path, default=None)
    ap.add_argument("--json", type=Path, default=None, help="default: bench/results/eval_faces-<corpus>-<split>.json")
    args = ap.parse_args(argv)
    folder = args.folder or Path(tempfile.gettempdir()) / "reelstudio_faces_eval"
    params = [_params(args.set)] + ([_params(args.compare)] if args.compare is not None else [])
    clips = _clips(args.corpus, args.split, folder)
    runs = []
    for p in params:
        totals = _score(_run(clips, p), f"params {p or 'defaults'}")
        runs.append({"params": p, "parts": {part: {"iou": i / max(1, u), "intersection": i, "union": u, "found": c,
                                                   "faces": n, "detections": d}
                                            for part, (i, u, c, n, d) in sorted(totals.items())}})
    out = args.json or ROOT / "bench" / "results" / f"eval_faces-{args.corpus}-{args.split}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d"),
                               "corpus": args.corpus, "split": args.split, "clips": len(clips), "runs": runs},
                              indent=1))
    print(f"figures: {out}")
    if args.cpu:
        print()
        _cpu(params, args.cpu)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
