"""Speed and memory of the analysis, against PySceneDetect in the same run.

    .venv/bin/python bench/bench_speed.py            # the 60 s 1080x1920 reel (speech + subtitles)
                                                     # (all lanes with Whisper words, and with pocketsphinx's)
    .venv/bin/python bench/bench_speed.py --plain    # also the same footage without speech or text
    .venv/bin/python bench/bench_speed.py --uhd      # also stream a 10 min 3840x2160 clip
    .venv/bin/python bench/bench_speed.py --ab BASE . --jobs ours,pyscenedetect --repeat 2 --idle
        # interleaved A/B of two source trees; --idle: on a shared machine, the quiet wall
        # from the CPU each run did while only one of its threads could run

Every measurement runs in its own process, so peak RSS is that job's alone. Prints
decode-only time, our analysis time with a per-lane breakdown, PySceneDetect
AdaptiveDetector's time on the same file, and the ratio ours / PySceneDetect.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

JOBS = {
    "decode": """
import av, time
c = av.open(PATH); s = c.streams.video[0]; s.thread_type = "AUTO"
n = sum(1 for _ in c.decode(s))
RESULT = {"frames": n}
""",
    "ours": """
from reelstudio.pipeline import analyze, default_analyzers
made = default_analyzers()
r = analyze(PATH, cache=False, analyzers=made)
# the words recognizer's CPU: its child process's and the audio thread's while it waited on it
words = [getattr(a, "words_seconds", None) for a in made if a.name == "speech"]
RESULT = {"frames": r.source.frame_count, "timings": r.timings, "words_cpu_s": words[0] if words else None,
          "cuts": len(r.lanes["cuts"].data.get("events", [])), "status": {k: v.status for k, v in r.lanes.items()}}
""",
    "ours_pocketsphinx": """
from reelstudio.pipeline import analyze, default_analyzers
r = analyze(PATH, cache=False, analyzers=default_analyzers(words_model="pocketsphinx"))
RESULT = {"frames": r.source.frame_count, "timings": r.timings}
""",
    "ours_engine": """
from reelstudio.pipeline import analyze
from reelstudio.analysis.cuts import CutsAnalyzer
from reelstudio.analysis.loudness import LoudnessAnalyzer
from reelstudio.analysis.picture import PictureAnalyzer
r = analyze(PATH, cache=False, analyzers=[CutsAnalyzer(), PictureAnalyzer(), LoudnessAnalyzer()])
RESULT = {"frames": r.source.frame_count, "timings": r.timings}
""",
    "pyscenedetect": """
from scenedetect import open_video, SceneManager, AdaptiveDetector
v = open_video(PATH, backend="opencv")
sm = SceneManager(); sm.add_detector(AdaptiveDetector())
sm.detect_scenes(v)
RESULT = {"frames": v.frame_number, "cuts": len(sm.get_scene_list()) - 1}
""",
}


# --idle: a thread of the job's process that looks at its threads' (and its children's) states
# every 50 ms and adds up the CPU done while only one of them could run. On a quiet 2-core
# machine that CPU is done with the other core idle; on a shared machine the others fill that
# core, so wall time hides it, but the job's threads share whatever the job gets alike and the
# count stays. The quiet wall is then about (CPU + that CPU) / 2. An estimate, checked once: the
# 60 s reel at session 12's start, quiet: 2 x 15.10 s wall - 28.58 CPU-s = 1.62 idle core-s;
# under a load of 20-30, 1.05-2.15 (median 1.77, 5 runs); but at a load of 6-10, 0.49-0.90, and
# PySceneDetect 1.2-1.7 against its quiet 3.05: compare trees within one run, never to a quiet
# figure. The sampler's own CPU is taken out of both.
IDLE_SAMPLER = """
import os as _os, threading as _th
_HZ = _os.sysconf("SC_CLK_TCK")
_IDLE = {"alone": 0.0, "sampler": 0.0}
_stop = _th.Event()
def _tasks(pid, out):
    try:
        tids = _os.listdir(f"/proc/{pid}/task")
    except OSError:
        return
    for tid in tids:
        try:
            st = open(f"/proc/{pid}/task/{tid}/stat").read()
            kids = open(f"/proc/{pid}/task/{tid}/children").read().split()
        except OSError:
            continue
        f = st[st.rindex(")") + 2:].split()
        out[f"{pid}/{tid}"] = (f[0] == "R", (int(f[11]) + int(f[12])) / _HZ)
        for k in kids:
            _tasks(int(k), out)
def _sample():
    import time as _t
    me, mine, prev = _os.getpid(), _th.get_native_id(), None
    while not _stop.wait(0.05):
        now = {}
        _tasks(me, now)
        now.pop(f"{me}/{mine}", None)  # not the sampler itself
        if prev is not None and sum(1 for r, _ in prev.values() if r) == 1:
            _IDLE["alone"] += sum(c - prev[k][1] for k, (_, c) in now.items() if k in prev)
        prev = now
    _IDLE["sampler"] = _t.thread_time()
_sampler = _th.Thread(target=_sample, daemon=True)
_sampler.start()
"""


def run_job(name: str, path: Path, tree: Path = HERE.parent, idle: bool = False) -> dict:
    code = (
        "import json, resource, sys, time\n"
        f"PATH = {str(path)!r}\n"
        + (IDLE_SAMPLER if idle else "")
        + "t0 = time.perf_counter()\n"
        + JOBS[name]
        + "\nRESULT['wall_s'] = time.perf_counter() - t0\n"
        + ("_stop.set(); _sampler.join()\n" if idle else "")
        + "ru = resource.getrusage(resource.RUSAGE_SELF)\n"
        "rc = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "RESULT['peak_rss_mb'] = ru.ru_maxrss / 1024\n"
        # the words recognizer runs in a child process: its CPU counts too
        "RESULT['cpu_s'] = ru.ru_utime + ru.ru_stime + rc.ru_utime + rc.ru_stime\n"
        + ("RESULT['cpu_s'] -= _IDLE['sampler']\nRESULT['alone_cpu_s'] = _IDLE['alone']\n" if idle else "")
        + "import reelstudio; RESULT['tree'] = reelstudio.__file__\n"
        "print('@@' + json.dumps(RESULT))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(tree))
    # run in the tree: ``python -c`` puts the working folder first on sys.path, before PYTHONPATH
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=str(tree))
    if proc.returncode != 0:
        raise SystemExit(f"{name} failed:\n{proc.stderr}")
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("@@")][-1]
    return json.loads(line[2:])


def report(path: Path, repeat: int) -> None:
    print(f"\n== {path.name} ({path.stat().st_size / 1e6:.1f} MB)")
    best: dict[str, dict] = {}
    for _ in range(repeat):
        for name in ("decode", "ours", "ours_pocketsphinx", "ours_engine", "pyscenedetect"):
            r = run_job(name, path)
            if name not in best or r["wall_s"] < best[name]["wall_s"]:
                best[name] = r
    d, o, e, p = best["decode"], best["ours"], best["ours_engine"], best["pyscenedetect"]
    ps = best["ours_pocketsphinx"]
    frames = d["frames"]
    print(f"{'job':<28}{'wall s':>9}{'cpu s':>9}{'fps':>9}{'peak RSS MB':>13}")
    rows = (("decode only (PyAV, AUTO)", d), ("ReelStudio, all lanes", o),
            ("  the same, pocketsphinx words", ps),
            ("ReelStudio, engine lanes", e), ("PySceneDetect Adaptive", p))
    for label, r in rows:
        print(f"{label:<28}{r['wall_s']:>9.2f}{r['cpu_s']:>9.2f}{frames / r['wall_s']:>9.1f}{r['peak_rss_mb']:>13.0f}")
    # (getrusage's children peak RSS is no use here: it counts the parent's pages at the fork;
    # the Whisper worker's own peak, its VmHWM, is ~390 MB since session 12: bench/bench_memory.py samples it)
    print("(all lanes: CPU includes the words recognizer's child process; the Whisper worker's own peak RSS, "
          "~390 MB, is not in the column: bench/bench_memory.py measures it)")
    print(f"ratio ours (all lanes) / PySceneDetect:    {o['wall_s'] / p['wall_s']:.2f}   (target <= 1.5)")
    print(f"ratio ours (all lanes, words by pocketsphinx as before Whisper) / PySceneDetect: "
          f"{ps['wall_s'] / p['wall_s']:.2f}; Whisper's words cost {o['wall_s'] / ps['wall_s']:.2f}x wall, "
          f"{o['cpu_s'] / ps['cpu_s']:.2f}x CPU")
    print(f"ratio ours (engine lanes: cuts, black/frozen/motion/flashes, loudness/silence) / "
          f"PySceneDetect: {e['wall_s'] / p['wall_s']:.2f}   (target <= 1.2)")
    print(f"ratio ours / decode only:   {o['wall_s'] / d['wall_s']:.2f}")
    t = o["timings"]
    print("per-lane breakdown: each video analyzer runs in a thread of its own beside the decoder and the")
    print("audio thread, so the wall seconds inside the analyzers overlap; CPU is that thread's own time")
    print(f"  {'lane':<22}{'wall s':>9}{'thread CPU s':>14}")
    lanes = [k for k in t if not k.startswith("(")]
    for k in sorted(lanes, key=lambda k: -t.get(f"({k} thread, CPU)", t[k])):
        cpu = t.get(f"({k} thread, CPU)")
        print(f"  {k:<22}{t[k]:>9.2f}{'' if cpu is None else f'{cpu:>14.2f}'}")
    for k in sorted(k for k in t if k.startswith("(") and not any(k == f"({n} thread, CPU)" for n in lanes)):
        print(f"  {k:<36}{t[k]:>9.2f}")
    print("  (audio lanes share the audio thread; subtitle_sync starts once the text and speech lanes exist)")
    print(f"cuts found: ours {o['cuts']}, PySceneDetect {p['cuts']}; frames {frames}")
    print("lanes: " + ", ".join(f"{k} {v}" for k, v in o["status"].items()))
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    doc = {"date": time.strftime("%Y-%m-%d", time.gmtime()), "clip": path.name, "repeat": repeat, "frames": frames,
           "jobs": {k: {f: v[f] for f in ("wall_s", "cpu_s", "peak_rss_mb")} for k, v in best.items()},
           "ratios": {"all_lanes": o["wall_s"] / p["wall_s"], "pocketsphinx_words": ps["wall_s"] / p["wall_s"],
                      "engine_lanes": e["wall_s"] / p["wall_s"]},
           "thread_cpu_s": {k: t[f"({k} thread, CPU)"] for k in lanes if f"({k} thread, CPU)" in t}}
    name = out / f"bench_speed-{path.stem}.json"
    name.write_text(json.dumps(doc, indent=1))
    print(f"figures: {name}")


def ab(path: Path, trees: list[Path], jobs: list[str], rounds: int, idle: bool = False) -> None:
    """Interleaved A/B: each round runs every job on every tree in turn, so the load of the
    moment falls on all of them alike; prints every run's CPU seconds (process and threads).
    ``idle``: also each run's CPU done alone (IDLE_SAMPLER) and, at the end, the quiet wall
    it points to, (CPU + alone) / 2, per job and tree, and ours / PySceneDetect on it."""
    print(f"\n== {path.name}: A/B over {len(trees)} trees, {rounds} rounds, interleaved")
    quiet: dict[tuple[str, Path], list[float]] = {}
    for rnd in range(rounds):
        for job in jobs:
            for tree in trees:
                r = run_job(job, path, tree, idle)
                t = r.get("timings", {})
                threads = {k[1:-len(" thread, CPU)")]: v for k, v in t.items() if k.endswith(" thread, CPU)")}
                assert r["tree"].startswith(str(tree)), (r["tree"], tree)
                # rest: the process's CPU outside the analyzer threads and the words worker (the
                # decoder and its frame threads, the main thread, imports and model loading)
                words = r.get("words_cpu_s")
                rest = ("" if not threads or words is None else
                        f"  words {words:.2f} rest {r['cpu_s'] - sum(threads.values()) - words:.2f}")
                alone = r.get("alone_cpu_s")
                if alone is not None:
                    quiet.setdefault((job, tree), []).append((r["cpu_s"] + alone) / 2)
                print(f"round {rnd + 1} {job:<18} {str(tree):<22} wall {r['wall_s']:6.2f}  cpu {r['cpu_s']:6.2f}  "
                      + ("" if alone is None else f"alone {alone:5.2f}  ")
                      + f"rss {r['peak_rss_mb']:5.0f}  "
                      + " ".join(f"{k} {v:.2f}" for k, v in sorted(threads.items())) + rest, flush=True)
    if quiet:
        print("quiet wall, (CPU + CPU done alone) / 2, median of the rounds:")
        med = {k: statistics.median(v) for k, v in quiet.items()}
        # PySceneDetect is the same in every tree: the ratio is against all its runs
        psd = [x for (job, _), v in quiet.items() if job == "pyscenedetect" for x in v]
        for tree in trees:
            line = "  ".join(f"{job} {med[job, tree]:.2f} s" for job in jobs if (job, tree) in med)
            if ("ours", tree) in med and psd:
                line += f"  ratio ours / PySceneDetect (all its runs) {med['ours', tree] / statistics.median(psd):.2f}"
            print(f"  {str(tree):<22} {line}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--uhd", action="store_true", help="also stream the 10 min 3840x2160 clip (slow)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per job; the fastest counts")
    ap.add_argument("--plain", action="store_true", help="also the footage without speech or subtitles")
    ap.add_argument("--ab", nargs="+", type=Path, metavar="TREE",
                    help="instead: interleaved CPU-s runs of the same jobs on these source trees (a baseline copy "
                         "and this one, say)")
    ap.add_argument("--idle", action="store_true",
                    help="--ab: also the CPU each run did with only one of its threads able to run, and the "
                         "quiet 2-core wall that points to (for a shared machine; see IDLE_SAMPLER)")
    ap.add_argument("--jobs", default="ours", help="--ab: comma-separated jobs (%(default)s; " + ", ".join(JOBS) + ")")
    args = ap.parse_args()
    import media

    if args.ab:
        ab(media.reel_60s(), [t.resolve() for t in args.ab], args.jobs.split(","), args.repeat, args.idle)
        return

    t = time.perf_counter()
    clip = media.reel_60s()
    print(f"clip ready in {time.perf_counter() - t:.1f} s: {clip}")
    report(clip, args.repeat)
    if args.plain:
        report(media.vertical_60s(), args.repeat)
    if args.uhd:
        uhd = media.uhd_10min()
        print(f"\n== {uhd.name}: ours only, for peak memory (target < 1024 MB)")
        r = run_job("ours", uhd)
        print(f"frames {r['frames']}, wall {r['wall_s']:.1f} s ({r['frames'] / r['wall_s']:.1f} fps), "
              f"peak RSS {r['peak_rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
