"""Memory over duration: peak RSS of one analysis of a long clip, and what grows.

    .venv/bin/python bench/bench_memory.py --minutes 10            # 10 min of 360x640 (bench/media.long_clip)
    .venv/bin/python bench/bench_memory.py --minutes 120 --words none
    .venv/bin/python bench/bench_memory.py --uhd                   # the 10 min 3840x2160 clip
    .venv/bin/python bench/bench_memory.py --minutes 10 --sizes    # also what each analyzer holds
    .venv/bin/python bench/bench_memory.py --minutes 30 --only cuts,picture,loudness
    .venv/bin/python bench/bench_memory.py --minutes 120 --from-log run.jsonl  # a stopped run's --log

The analysis runs in a child process (so the peak is its own; the words worker, a child process
of the analysis, is reported apart: its own peak) with a thread that samples RSS
every few seconds against the frames decoded so far; the table shows how RSS grows with the
seconds of video analysed. ``--sizes`` also walks each analyzer's attributes (numpy arrays,
lists, dicts) at each sample: what an analyzer keeps per frame shows as a column that grows.
``--words none`` leaves the words out (the speech lane keeps its voice activity), and
``--words pocketsphinx`` recognises them with pocketsphinx: Whisper on two hours of speech takes
longer than the rest of the analysis together.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

CHILD = r"""
import json, os, resource, sys, threading, time
import numpy as np
from reelstudio.pipeline import analyze, default_analyzers

PATH, WORDS, SIZES, EVERY, ONLY = sys.argv[1], sys.argv[2], sys.argv[3] == "1", float(sys.argv[4]), sys.argv[5]
LOG = sys.argv[6] if len(sys.argv) > 6 else ""

def rss_mb():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096 / 2**20

def anon_mb():
    # the anonymous part of RSS (heaps, arenas, arrays): what the analysis allocated, not
    # the shared libraries and model files mapped from disk
    for line in open("/proc/self/status"):
        if line.startswith("RssAnon:"):
            return int(line.split()[1]) / 1024
    return 0.0

OWN_CMDLINE = open("/proc/self/cmdline", "rb").read()

def children_peak_mb(field="VmHWM:"):
    '''Largest VmHWM of the live child processes (the words worker). RUSAGE_CHILDREN will not
    do: a child forked from this process counts this process's pages until it execs.
    field="VmRSS:": their largest resident size now.'''
    peak = 0
    for task in os.listdir("/proc/self/task"):
        try:
            kids = open(f"/proc/self/task/{task}/children").read().split()
        except OSError:
            continue
        for pid in kids:
            try:
                if open(f"/proc/{pid}/cmdline", "rb").read() == OWN_CMDLINE:  # forked, not yet exec'd
                    continue
                for line in open(f"/proc/{pid}/status"):
                    if line.startswith(field):
                        peak = max(peak, int(line.split()[1]) / 1024)
            except OSError:
                pass
    return peak

def held(obj, seen, depth=0):
    '''Bytes an object holds through numpy arrays, lists, tuples, dicts and plain objects.'''
    if id(obj) in seen or depth > 6:
        return 0
    seen.add(id(obj))
    if isinstance(obj, np.ndarray):
        base = obj if obj.base is None else obj.base
        if id(base) in seen and base is not obj:
            return 0
        seen.add(id(base))
        return obj.nbytes if obj.base is None else getattr(base, "nbytes", obj.nbytes)
    if isinstance(obj, (int, float, bool, str, bytes, type(None))):
        return sys.getsizeof(obj)
    if isinstance(obj, (list, tuple, set, frozenset)) or type(obj).__name__ == "deque":
        return sys.getsizeof(obj) + sum(held(x, seen, depth + 1) for x in obj)
    if isinstance(obj, dict):
        return sys.getsizeof(obj) + sum(held(k, seen, depth + 1) + held(v, seen, depth + 1) for k, v in obj.items())
    d = getattr(obj, "__dict__", None)
    if d is not None and type(obj).__module__.startswith("reelstudio"):
        return held(d, seen, depth + 1)
    slots = getattr(type(obj), "__slots__", ())
    if slots and type(obj).__module__.startswith("reelstudio"):
        return sum(held(getattr(obj, s, None), seen, depth + 1) for s in slots)
    return 0

if WORDS == "none":
    analyzers = default_analyzers(words=False)
elif WORDS == "auto":
    analyzers = default_analyzers()
else:
    analyzers = default_analyzers(words_model=WORDS)
if ONLY:
    analyzers = [a for a in analyzers if a.name in ONLY.split(",")]
samples = []
state = {"frames": 0, "stop": False, "child_peak": 0.0, "together_peak": 0.0}
t0 = time.perf_counter()

def sampler():
    while not state["stop"]:
        row = {"t": round(time.perf_counter() - t0, 1), "frames": state["frames"], "rss_mb": round(rss_mb(), 1),
               "anon_mb": round(anon_mb(), 1), "child_peak_mb": round(state["child_peak"], 1)}
        if SIZES:
            try:
                row["held_mb"] = {a.name: round(held(a, set()) / 2**20, 1) for a in analyzers}
            except RuntimeError:  # an analyzer's dict or list changed while walked: next time
                pass
        samples.append(row)
        if LOG:  # a long run read while it goes (or after it was stopped)
            with open(LOG, "a") as fh:
                fh.write(json.dumps(row) + "\n")
        time.sleep(EVERY)

def child_sampler():
    while not state["stop"]:
        state["child_peak"] = max(state["child_peak"], children_peak_mb())
        # both at the same moment: the worker beside the analysis, as the machine sees them
        state["together_peak"] = max(state["together_peak"], rss_mb() + children_peak_mb("VmRSS:"))
        time.sleep(0.5)

def on_progress(p):
    if p.stage == "video":
        state["frames"] = p.done

threading.Thread(target=sampler, daemon=True).start()
threading.Thread(target=child_sampler, daemon=True).start()
r = analyze(PATH, cache=False, analyzers=analyzers, on_progress=on_progress)
state["stop"] = True
doc = r.dumps()
print("@@" + json.dumps({"frames": r.source.frame_count, "fps": float(r.source.fps), "wall_s": time.perf_counter() - t0,
                         "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                         # the largest child process seen (sampled twice a second): the words worker
                         "child_peak_rss_mb": state["child_peak"],
                         # the largest sum of the analysis's and the worker's RSS at one moment
                         "together_peak_mb": state["together_peak"],
                         "json_mb": len(doc) / 2**20, "samples": samples,
                         "status": {k: v.status for k, v in r.lanes.items()}}))
"""


def measure(path: Path, words: str, sizes: bool, every_s: float, only: str = "", log: str = "") -> dict:
    env = dict(os.environ, PYTHONPATH=str(HERE.parent))
    proc = subprocess.run([sys.executable, "-c", CHILD, str(path), words, "1" if sizes else "0", str(every_s), only,
                           log], capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"analysis failed:\n{proc.stderr}")
    return json.loads([ln for ln in proc.stdout.splitlines() if ln.startswith("@@")][-1][2:])


def report(path: Path, r: dict, rows: int = 12) -> None:
    fps = r["fps"]
    print(f"\n== {path.name}: {r['frames']} frames ({r['frames'] / fps / 60:.1f} min), wall {r['wall_s']:.0f} s, "
          f"peak RSS {r['peak_rss_mb']:.0f} MB (analysis) + {r.get('child_peak_rss_mb', 0):.0f} MB (its largest "
          f"child process, the words worker; 0: none ran), {r.get('together_peak_mb', float('nan')):.0f} MB the two together "
          f"at their largest, JSON {r['json_mb']:.1f} MB")
    samples = [s for s in r["samples"] if s["frames"]]
    step = max(1, len(samples) // rows)
    names = sorted(samples[-1].get("held_mb", {})) if samples else []
    print(f"{'wall s':>8}{'video s':>9}{'RSS MB':>9}{'anon MB':>9}" + "".join(f"{n[:11]:>12}" for n in names))
    for s in samples[::step] + samples[-1:]:
        held = s.get("held_mb", {})
        print(f"{s['t']:>8.0f}{s['frames'] / fps:>9.0f}{s['rss_mb']:>9.0f}{s.get('anon_mb', 0):>9.0f}"
              + "".join(f"{held.get(n, 0):>12.1f}" for n in names))
    # the pass only: once the last frame is in, the lanes are made and the analyzers let go
    during = [s for s in samples if s["frames"] < r["frames"]]
    if len(during) > 4:
        a, b = during[len(during) // 4], during[-1]
        dv = (b["frames"] - a["frames"]) / fps
        if dv > 0:
            print(f"growth over the last 3/4 of the pass: {(b['rss_mb'] - a['rss_mb']) / dv * 60:.1f} MB per minute "
                  f"of video")
    print("lanes: " + ", ".join(f"{k} {v}" for k, v in r["status"].items()))


def from_log(log: str, fps: float, frames: int) -> dict:
    """A run read back from its ``--log`` (one stopped before the end, or still going): the
    samples so far, with the largest RSS sampled as its peak; ``frames``: the clip's."""
    samples = [json.loads(line) for line in open(log) if line.strip()]
    if not samples:
        raise SystemExit(f"{log}: no samples")
    done = samples[-1]["frames"]
    print(f"(from {log}: {len(samples)} samples, {done} of {frames} frames, {done / fps / 60:.1f} min of video; "
          "the run's peak is the largest sample, the words worker's its largest VmHWM seen)")
    # ``frames`` set past the last sample, so that every sample counts as during the pass
    return {"frames": done + 1, "fps": fps, "wall_s": samples[-1]["t"],
            "peak_rss_mb": max(s["rss_mb"] for s in samples),
            "child_peak_rss_mb": max(s.get("child_peak_mb", 0) for s in samples), "json_mb": 0.0,
            "samples": samples, "status": {}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=10, help="length of the 360x640 clip (default 10)")
    ap.add_argument("--uhd", action="store_true", help="the 10 min 3840x2160 clip instead")
    ap.add_argument("--words", default="auto", help="auto (the stored selection), none, or a model name "
                                                    "(pocketsphinx)")
    ap.add_argument("--sizes", action="store_true", help="also what each analyzer holds (slower)")
    ap.add_argument("--every", type=float, default=5.0, help="seconds between samples")
    ap.add_argument("--only", default="", help="analyzers to run, e.g. cuts,picture,loudness (default: all)")
    ap.add_argument("--log", default="", help="also append each sample to this file as JSON lines while the "
                                             "analysis runs (a 2-hour run can be read before it ends)")
    ap.add_argument("--from-log", default="", help="no run: report the samples a run (stopped or still going) "
                                                  "appended to this --log file")
    args = ap.parse_args()
    import media

    path = media.uhd_10min() if args.uhd else media.long_clip(args.minutes)
    if args.from_log:
        from reelstudio.media.probe import probe

        info = probe(str(path))
        report(path, from_log(args.from_log, float(info.fps), info.frame_count))
        return
    print(f"clip: {path} (words: {args.words}; analyzers: {args.only or 'all'})")
    report(path, measure(path, args.words, args.sizes, args.every, args.only, args.log))


if __name__ == "__main__":
    main()
