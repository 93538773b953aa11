"""Subtitle roles and sync on the caption set (tests/corpus/captions.py): burned-in captions
over real speech, split by source into "tune", "heldout", "fresh" and "fresh2" (held out too, each added later
with new sources and decided held out before any run on it: see the corpus's split).

    .venv/bin/python bench/eval_subsync_set.py [--split tune|heldout|fresh|fresh2|all] [--lanes DIR] [-v] [--folder DIR]

For every video, runs the real pipeline (OCR text lane, speech lane with Whisper words,
subtitle sync), matches each caption the text lane read to a truth caption (time overlap and
text likeness; each read caption to at most one truth caption), and prints per split:

- role accuracy over the truth captions: right when the read caption that covers most of
  the truth caption has the right role ("subtitle" vs anything else); a truth caption the
  text lane did not read counts as wrong and is also counted on its own ("missed");
  read captions that match no truth caption are listed ("spurious");
- sync: the share of truth subtitles whose measured offset_start_s (subtitle_sync lane) is
  within 0.15 s of the true offset (a subtitle not read, or without a measured offset,
  counts as outside); the error is split into the caption start the text lane read (vs the
  true first frame) and the speech start the sync found (vs the true speech start);
- the worst errors with their caption text; CPU and wall time.

Targets (the issue): roles right for >= 95 % of captions; offsets within 0.15 s for >= 90 %
of spoken subtitles. -v prints a per-caption table.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests"))

from corpus import captions as corpus  # noqa: E402
from reelstudio.analysis.speech import SpeechActivityAnalyzer  # noqa: E402
from reelstudio.analysis.subsync import SubtitleSyncAnalyzer  # noqa: E402
from reelstudio.analysis.text import TextAnalyzer  # noqa: E402
from reelstudio.pipeline import analyze  # noqa: E402

TOL_S = 0.15
from bench.scoring import MIN_TEXT_SIM  # noqa: E402,F401
from bench.scoring import match_captions as match  # noqa: E402
from bench.scoring import normalize_text as _norm  # noqa: E402,F401
from bench.scoring import overlap_s as overlap  # noqa: E402,F401
from bench.scoring import text_sim  # noqa: E402,F401


class _RecordingSync(SubtitleSyncAnalyzer):
    """The sync, keeping the text and speech lanes it was given (for --lanes)."""

    given: dict | None = None

    def finish_with(self, lanes):
        self.given = {k: lanes[k] for k in ("text", "speech") if k in lanes}
        return super().finish_with(lanes)


def evaluate(video: corpus.Video, lanes_dir: Path | None = None) -> dict:
    """One video through the pipeline; with ``lanes_dir``, the text and speech lanes the sync
    was given are kept there (by the video's file name) and, when kept, only the sync runs
    again on them: the sync is a pure function of the two lanes, so its figures are the same,
    in seconds instead of minutes (OCR and Whisper are the slow part)."""
    import pickle
    from types import SimpleNamespace

    sync = _RecordingSync()
    kept = lanes_dir / (video.path.stem + ".lanes.pkl") if lanes_dir is not None else None
    t0, w0 = _cpu(), time.perf_counter()
    if kept is not None and kept.exists():
        given = pickle.loads(kept.read_bytes())
        out = {lane.name: lane for lane in sync.finish_with(dict(given))}
        result = SimpleNamespace(lanes={**given, **out})
    else:
        result = analyze(str(video.path), analyzers=[TextAnalyzer(), SpeechActivityAnalyzer(), sync], cache=False)
        if kept is not None and sync.given is not None:
            kept.parent.mkdir(parents=True, exist_ok=True)
            kept.write_bytes(pickle.dumps(sync.given))
    cpu, wall = _cpu() - t0, time.perf_counter() - w0
    text_lane = result.lanes.get("text")
    read = text_lane.data.get("intervals", []) if text_lane is not None and text_lane.status == "ok" else []
    ss = result.lanes.get("subtitle_sync")
    subs = ss.data.get("subtitles", []) if ss is not None and ss.status == "ok" else []
    by_caption = {int(s["caption"]): s for s in subs if s.get("caption") is not None}
    # a piece of a caption read in pieces over time points to the entry of the caption
    by_caption = {k: by_caption.get(s["piece_of"], s) if s.get("piece_of") is not None else s
                  for k, s in by_caption.items()}
    main, spurious = match(video.captions, read)
    rows = []
    for t, c in enumerate(video.captions):
        r = main.get(t)
        cap = read[r] if r is not None else None
        entry = by_caption.get(r) if r is not None else None
        role = (cap.get("role") or "?") if cap else None
        row = {"video": video.name, "truth": c, "read": cap, "read_index": r, "entry": entry, "role": role,
               "role_ok": cap is not None and ((role == "subtitle") == (c.role == "subtitle"))}
        if c.role == "subtitle":
            m = entry.get("offset_start_s") if entry else None
            row["offset"] = m
            row["offset_err"] = None if m is None else float(m) - c.true_offset_start_s
            row["start_err"] = None if cap is None else float(cap["start_s"]) - c.start_s
            sp = entry.get("speech_start_s") if entry else None
            row["speech_err"] = None if sp is None else float(sp) - c.speech_start_s
        rows.append(row)
    words = result.lanes["speech"].data.get("words", []) if "speech" in result.lanes else []
    return {"video": video, "rows": rows, "spurious": [read[r] for r in spurious], "cpu": cpu, "wall": wall,
            "sync_cpu": getattr(sync, "cpu_seconds", None), "n_words": len(words),
            "language": result.lanes["speech"].data.get("language") if "speech" in result.lanes else None,
            "status": {k: result.lanes[k].status for k in ("text", "speech", "subtitle_sync") if k in result.lanes}}


def _cpu() -> float:
    a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime


def _f(x, fmt="+.2f", none="  -  "):
    return none if x is None else format(x, fmt)


def report(name: str, results: list[dict], verbose: bool, worst: int = 12) -> None:
    rows = [r for res in results for r in res["rows"]]
    subs = [r for r in rows if r["truth"].role == "subtitle"]
    n = len(rows)
    role_ok = sum(r["role_ok"] for r in rows)
    missed = [r for r in rows if r["read"] is None]
    read_rows = [r for r in rows if r["read"] is not None]
    in_tol = [r for r in subs if r["offset_err"] is not None and abs(r["offset_err"]) <= TOL_S]
    measured = [r for r in subs if r["offset_err"] is not None]
    spurious = [(res["video"].name, s) for res in results for s in res["spurious"]]
    print(f"\n=== {name}: {len(results)} videos, {n} truth captions ({len(subs)} subtitles, {n - len(subs)} overlays)")
    print(f"roles right: {role_ok}/{n} = {role_ok / max(1, n):.1%} (target >= 95 %); "
          f"over the captions read: {sum(r['role_ok'] for r in read_rows)}/{len(read_rows)}; "
          f"missed by the text lane: {len(missed)} ({sum(r['truth'].role == 'subtitle' for r in missed)} subtitles)")
    for kind in ("overlay", "subtitle"):
        k = [r for r in rows if r["truth"].role == kind]
        print(f"  {kind}s: {sum(r['role_ok'] for r in k)}/{len(k)} right")
    print(f"offsets within {TOL_S} s: {len(in_tol)}/{len(subs)} = {len(in_tol) / max(1, len(subs)):.1%} "
          f"(target >= 90 %); measured for {len(measured)}/{len(subs)}")
    subs_read = [r for r in subs if r["read"] is not None]
    print(f"  over the subtitles the text lane read: {len(in_tol)}/{len(subs_read)} = "
          f"{len(in_tol) / max(1, len(subs_read)):.1%} (the sync's own share)")
    for label, pick in (("by kind", lambda r: r["truth"].kind), ("by language", lambda r: r["truth"].lang),
                        ("by style", lambda r: r["truth"].style)):
        groups = {}
        for r in subs:
            groups.setdefault(pick(r), []).append(r)
        print(f"  {label}: " + ", ".join(
            f"{g} {sum(1 for r in v if r['offset_err'] is not None and abs(r['offset_err']) <= TOL_S)}/{len(v)}"
            for g, v in sorted(groups.items())))
    errs = sorted((r for r in subs if r["offset_err"] is not None), key=lambda r: -abs(r["offset_err"]))
    if errs:
        import numpy as np

        a = np.abs([r["offset_err"] for r in errs])
        print(f"  |offset error|: median {np.median(a):.3f} s, 90th pct {np.percentile(a, 90):.3f} s, max {a.max():.3f} s")
    bad = [r for r in subs if r["offset_err"] is None or abs(r["offset_err"]) > TOL_S]
    bad.sort(key=lambda r: -(abs(r["offset_err"]) if r["offset_err"] is not None else 99))
    if bad:
        print(f"worst sync ({len(bad)} outside):")
        for r in bad[:worst]:
            c = r["truth"]
            why = ("not read" if r["read"] is None else
                   f"no offset ({(r['entry'] or {}).get('reason') or (r['entry'] or {}).get('method') or 'no entry'})"
                   if r["offset_err"] is None else
                   f"err {r['offset_err']:+.2f} (caption start {_f(r['start_err'])}, speech {_f(r['speech_err'])})")
            print(f"  {r['video']:30s} {c.start_s:6.2f} true {c.true_offset_start_s:+.2f} {why}: {c.text!r}"
                  + (f" read {r['read'].get('text', '')!r}" if r["read"] is not None else ""))
    wrong = [r for r in rows if not r["role_ok"]]
    if wrong:
        print(f"wrong roles ({len(wrong)}):")
        for r in wrong[:worst]:
            c = r["truth"]
            print(f"  {r['video']:30s} {c.start_s:6.2f} {c.kind:17s} truth {c.role}, read "
                  f"{r['role'] or 'NOT READ'}" + (f" ({r['read'].get('role_from', '')})" if r["read"] else "")
                  + f": {c.text!r}" + (f" read {r['read'].get('text', '')!r}" if r["read"] is not None else ""))
    if spurious:
        print(f"spurious read captions ({len(spurious)}, no truth caption): "
              + "; ".join(f"{v} {s['start_s']:.2f} {s.get('role')} {s.get('text', '')!r}" for v, s in spurious[:8]))
    cpu, wall = sum(r["cpu"] for r in results), sum(r["wall"] for r in results)
    media = sum(r["video"].duration_s for r in results)
    sync_cpu = sum(r["sync_cpu"] or 0 for r in results)
    print(f"time: {media:.0f} s of video, pipeline CPU {cpu:.1f} s, wall {wall:.1f} s; subtitle sync CPU {sync_cpu:.2f} s")
    summary = {"videos": len(results), "captions": n, "roles_right": role_ok, "subtitles": len(subs),
               "offsets_within": len(in_tol), "missed": len(missed), "spurious": len(spurious)}
    if verbose:
        print("per caption (start err = read caption start - true first frame; speech err = found - true speech start):")
        for r in rows:
            c = r["truth"]
            read_text = r["read"].get("text", "").replace("\n", " / ") if r["read"] is not None else "NOT READ"
            line = (f"  {r['video'][:24]:24s} {c.start_s:6.2f}-{c.end_s:6.2f} {c.role[:3]}->{(r['role'] or '-')[:3]} "
                    f"{'ok ' if r['role_ok'] else 'BAD'} ")
            if c.role == "subtitle":
                ok = r["offset_err"] is not None and abs(r["offset_err"]) <= TOL_S
                line += (f"true {c.true_offset_start_s:+.2f} meas {_f(r['offset'])} err {_f(r['offset_err'])} "
                         f"{'ok ' if ok else 'BAD'} cap {_f(r['start_err'])} sp {_f(r['speech_err'])} "
                         f"{(r['entry'] or {}).get('method', '-'):6s} ")
            else:
                line += " " * 72
            print(line + f"{c.kind:6.6s} {c.text[:44]!r} | {read_text[:44]!r}")
    return summary


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("tune", "heldout", "fresh", "fresh2", "all"), default="tune")
    ap.add_argument("--folder", type=Path, default=HERE / ".media" / "subsync_set")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--only", help="videos whose name contains this")
    ap.add_argument("--lanes", type=Path, help="keep the text and speech lanes here; rerun only the sync when kept")
    args = ap.parse_args()
    w0 = time.perf_counter()
    videos = corpus.build(args.folder, args.split)
    if args.only:
        videos = [v for v in videos if args.only in v.name]
    print(f"built {len(videos)} videos in {time.perf_counter() - w0:.1f} s (kept in {args.folder})")
    results = []
    for v in videos:
        res = evaluate(v, args.lanes)
        results.append(res)
        print(f"  {v.name:32s} {v.duration_s:5.1f} s  CPU {res['cpu']:5.1f} s wall {res['wall']:5.1f} s  "
              f"{res['n_words']} words ({res['language']})  lanes {res['status']}", flush=True)
    summaries = {}
    for split in ("tune", "heldout", "fresh", "fresh2"):
        part = [r for r in results if r["video"].split == split]
        if part:
            summaries[split] = report(split, part, args.verbose)
    if args.split == "all":
        report("all", results, False)
    print(f"\ntotal wall {time.perf_counter() - w0:.1f} s")
    if not args.only:  # a partial run is never the README's figure
        import datetime
        import json

        out = HERE / "results"
        out.mkdir(exist_ok=True)
        path = out / f"eval_subsync_set-{args.split}.json"
        path.write_text(json.dumps({"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d"),
                                    "tolerance_s": TOL_S, "summaries": summaries}, indent=1))
        print(f"figures: {path}")


if __name__ == "__main__":
    main()
