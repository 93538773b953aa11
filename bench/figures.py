#!/usr/bin/env python3
"""The README's figure lines, from the latest bench results rather than typed by hand.

    .venv/bin/python bench/figures.py                 # print the blocks the results give
    .venv/bin/python bench/figures.py --write         # rewrite them in README.md
    .venv/bin/python bench/figures.py --check         # exit 1 when README.md differs

The README holds each generated block between markers, e.g. ``<!-- bench:cuts -->`` and
``<!-- /bench:cuts -->``; the prose around them is left alone. A block is made from the newest
JSON in bench/results (git-ignored: the figures are as new as the last run on this machine)
that holds each split:

* ``cuts``: bench/eval_cuts.py's eval_cuts-*.json (hard-cut F1 at +-1 frame per detector,
  graduals and hard negatives of ours, per split);
* ``faces``: bench/eval_faces.py's eval_faces-*.json (face-visible IoU and faces found, per
  corpus part, the first analyzer of the run);
* ``captions``: bench/eval_captions.py's eval_captions-<split>.json (not the ``--only`` runs):
  recall, CER, contrast and false captions on the captions of 2 % of the frame height or more;
* ``speed``: bench/bench_speed.py's bench_speed-reel_*.json (each job's wall and CPU seconds,
  the ratios to PySceneDetect, each analyzer thread's CPU seconds);
* ``words``: bench/eval_words.py's eval_words-lane-fast-<split>.json (WER per condition,
  English word starts within 0.1 s of the forced alignment, words on items nobody speaks in);
* ``frozen``: bench/eval_frozen.py's eval_frozen-<split>.json (frozen interval IoU pooled over
  each split's frames, ours and FFmpeg's freezedetect, and the negatives given a freeze);
* ``subsync``: bench/eval_subsync_set.py's eval_subsync_set-<split>.json (subtitle roles right,
  offsets within 0.15 s, captions not read and spurious reads, per split).

A block whose results are missing is left as it is (and named on stderr).
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
README = HERE.parent / "README.md"
WIDTH = 95

CUT_SPLITS = {"tune": "tune", "heldout": "held-out part A", "heldout_b": "part B", "heldout_c": "part C",
              "heldout_d": "part D (text-led)", "heldout_e": "part E (text-led)",
              "heldout_f": "part F"}
DETECTOR_NAMES = {"ours": "ours", "pyscenedetect": "PySceneDetect", "scdet": "ffmpeg scdet"}
FACE_PARTS = ("shots tune", "shots held-out", "brief tune", "brief held-out", "brief held-out-2")
CAPTION_SPLITS = {"tune": "tune", "heldout": "held out (tuned on since)", "fresh": "fresh held-out part (tuned on since)",
                  "fresh3": "fresh3 (third held-out part; tuned on since)",
                  "fresh4": "fresh4 (fourth held-out part; tuned on from session 13)",
                  "fresh5": "fresh5 (fifth held-out part; tuned on since)",
                  "fresh6": "fresh6 (sixth held-out part; tuned on from session 15)",
                  "fresh7": "fresh7 (seventh held-out part; tuned on from session 17)",
                  "fresh8": "fresh8 (eighth held-out part; tuned on from session 17)",
                  "fresh9": "fresh9 (ninth held-out part; tuned on from session 17)",
                  "fresh10": "fresh10 (tenth held-out part; tuned on from session 17)",
                  "fresh11": "fresh11 (eleventh held-out part; tuned on from session 18)",
                  "fresh12": "fresh12 (twelfth held-out part; tuned on from session 19)",
                  "fresh13": "fresh13 (thirteenth held-out part; tuned on from session 19)",
                  "fresh14": "fresh14 (fourteenth held-out part; tuned on from session 20)",
                  "fresh15": "fresh15 (fifteenth held-out part; tuned on from session 21)",
                  "fresh16": "fresh16 (sixteenth held-out part; tuned on since)",
                  "fresh17": "fresh17 (seventeenth held-out part; tuned on since)",
                  "fresh18": "fresh18 (eighteenth held-out part; tuned on from session 22)",
                  "fresh19": "fresh19 (nineteenth held-out part; tuned on from session 22)",
                  "fresh20": "fresh20 (twentieth held-out part; tuned on from session 22)",
                  "fresh21": "fresh21 (twenty-first held-out part; tuned on from session 23)",
                  "fresh22": "fresh22 (twenty-second held-out part; tuned on from session 23)",
                  "fresh23": "fresh23 (twenty-third held-out part; tuned on from session 24)",
                  "fresh24": "fresh24 (twenty-fourth held-out part; tuned on from session 24)",
                  "fresh25": "fresh25 (twenty-fifth held-out part)",
                  "fresh26": "fresh26 (twenty-sixth held-out part; tuned on from session 25)",
                  "fresh27": "fresh27 (twenty-seventh held-out part)",
                  "fresh28": "fresh28 (twenty-eighth held-out part)",
                  "fresh29": "fresh29 (twenty-ninth held-out part)",
                  "fresh30": "fresh30 (thirtieth held-out part; tuned on from session 27)",
                  "fresh31": "fresh31 (thirty-first held-out part)"}


class FiguresError(Exception):
    """The results or the README are not what the figures need."""


def _docs(results: Path, pattern: str) -> list[tuple[Path, dict]]:
    """The JSONs matching ``pattern``, newest first (by modification time)."""
    paths = sorted(results.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    return [(p, json.loads(p.read_text())) for p in paths]


def _date(path: Path, doc: dict) -> str:
    stamp = doc.get("date") or doc.get("_run", {}).get("date")
    if stamp:
        return stamp
    return datetime.datetime.fromtimestamp(path.stat().st_mtime, datetime.timezone.utc).strftime("%Y-%m-%d")


def _run_note(script: str, dates: list[str]) -> str:
    days = sorted(set(dates))
    return f"`bench/{script}` run of {' and '.join(days)}"


def _newest_per_split(docs: list[tuple[Path, dict]], splits, key: str):
    """(split, label, that split's entry, its run's date) from the newest doc whose ``key``
    holds each split of ``splits`` (split -> label), splits without results left out."""
    for split, label in splits.items():
        found = next(((p, d) for p, d in docs if split in d.get(key, {})), None)
        if found is not None:
            yield split, label, found[1][key][split], found[1], _date(*found)


def cuts_text(results: Path) -> str | None:
    docs = _docs(results, "eval_cuts*.json")
    parts, dates, detector_sets = [], [], []
    for split, label in CUT_SPLITS.items():
        found = next(((p, d) for p, d in docs if split in d), None)
        if found is None:
            continue
        path, doc = found
        res = doc[split]
        dates.append(_date(path, doc))
        det = res["detectors"]
        names = [n for n in DETECTOR_NAMES if n in det]
        detector_sets.append(names)
        c = res["corpus"]
        graduals = sum(c["graduals"].values())
        text = (f"{label} ({c['clips']} clips, {c['cuts']} hard cuts, "
                + (f"{graduals} graduals, " if graduals else "")
                + f"{sum(c['negatives'].values())} hard negatives) " + " / ".join(f"{det[n]['f1']:.3f}" for n in names))
        parts.append((text, names, det.get("ours"), graduals))
    if not parts:
        return None
    same = all(names == detector_sets[0] for names in detector_sets)
    out = []
    for text, names, ours, graduals in parts:
        if not same:
            text += " (" + " / ".join(DETECTOR_NAMES[n] for n in names) + ")"
        if ours:
            text += (f", ours {ours['cut_fp']} false and {ours['cut_fn']} missed cuts, "
                     + (f"{ours['graduals_found']}/{ours['graduals']} graduals, " if graduals else "")
                     + f"{ours['negative_fp']} on the hard negatives")
        out.append(text)
    who = " / ".join(DETECTOR_NAMES[n] for n in detector_sets[0]) + ", " if same else ""
    return f"Hard-cut F1 at ±1 frame ({who}{_run_note('eval_cuts.py', dates)}): " + "; ".join(out) + "."


def faces_text(results: Path) -> str | None:
    docs = _docs(results, "eval_faces*.json")
    parts, dates, params = [], [], set()
    for part in FACE_PARTS:
        found = next(((p, d) for p, d in docs if part in d["runs"][0]["parts"]), None)
        if found is None:
            continue
        path, doc = found
        run = doc["runs"][0]
        f = run["parts"][part]
        dates.append(_date(path, doc))
        if run["params"]:
            params.add(", ".join(f"{k}={v}" for k, v in sorted(run["params"].items())))
        parts.append(f"{part} {f['iou']:.3f} ({f['found']}/{f['faces']} faces found)")
    if not parts:
        return None
    note = _run_note("eval_faces.py", dates) + (f", parameters {'; '.join(sorted(params))}" if params else "")
    return f"Face-visible IoU ({note}): " + ", ".join(parts) + "."


def captions_text(results: Path) -> str | None:
    docs = [(p, d) for p, d in _docs(results, "eval_captions-*.json") if not d.get("only")]
    rows, dates = {}, []
    for split, _, summary, _, date in _newest_per_split(docs, CAPTION_SPLITS, "summaries"):
        rows[split] = summary
        dates.append(date)
    if not rows:
        return None

    def each(fmt) -> str:
        return ", ".join(f"{CAPTION_SPLITS[sp]} {fmt(s)}" for sp, s in rows.items())

    def num(v, f="{:.3f}"):
        return "-" if v is None else f.format(v)

    first = next(iter(rows.values()))
    return (f"Captions of {first['targets']['min_size_pct']:g} % of the frame height or more "
            f"({_run_note('eval_captions.py', dates)}): recall "
            + each(lambda s: f"{num(s['target']['recall'])} ({s['target']['found']}/{s['target']['n']})")
            + "; CER " + each(lambda s: num(None if s['target']['cer'] is None else 100 * s['target']['cer'], "{:.1f} %"))
            + "; contrast within 0.5 (outlined, boxed, plain) "
            + each(lambda s: num(s['contrast_kinds']['contrast_within_0_5'], "{:.2f}"))
            + "; false captions " + each(lambda s: str(s['false_captions']))
            + "; extra reads " + each(lambda s: str(s['extra_reads'])) + ".")


SPEED_JOBS = (("ours", "all lanes (Whisper words)"), ("ours_pocketsphinx", "pocketsphinx words"),
              ("ours_engine", "engine lanes"), ("pyscenedetect", "PySceneDetect"), ("decode", "decode only"))


def speed_text(results: Path) -> str | None:
    docs = _docs(results, "bench_speed-reel_*.json")
    if not docs:
        return None
    path, doc = docs[0]
    jobs, r = doc["jobs"], doc["ratios"]
    cpu = sorted(doc["thread_cpu_s"].items(), key=lambda kv: -kv[1])
    return (f"{doc['clip']} ({_run_note('bench_speed.py', [_date(path, doc)])}, best of {doc['repeat']}): "
            + "; ".join(f"{label} {jobs[k]['wall_s']:.2f} s wall / {jobs[k]['cpu_s']:.2f} CPU-s"
                        for k, label in SPEED_JOBS if k in jobs)
            + f". All lanes / PySceneDetect {r['all_lanes']:.2f} (pocketsphinx words {r['pocketsphinx_words']:.2f},"
            + f" engine lanes {r['engine_lanes']:.2f}). CPU-s per analyzer thread: "
            + ", ".join(f"{k} {v:.2f}" for k, v in cpu) + ".")


WORD_CONDITIONS = (("en", "clean"), ("en", "music"), ("en", "noise"), ("ru", "clean"))
QUIET = ("music-only", "noise-only", "silence")


def words_text(results: Path) -> str | None:
    """The words line, from the newest run of each part; None unless both parts have results
    (a run of one part left the README with that part alone, the other's figures gone)."""
    parts, dates = [], []
    for split, label in (("tune", "tune"), ("heldout", "held out")):
        found = _docs(results, f"eval_words-lane-fast-{split}.json")
        if not found:
            return None
        path, doc = found[0]
        dates.append(_date(path, doc))
        rows = doc["rows"]

        def pick(lang, cond):
            return [x for x in rows if x.get("language") == lang and x.get("condition") == cond and x.get("ref_words")]

        wer = []
        for lang, cond in WORD_CONDITIONS:
            got = pick(lang, cond)
            if got:
                ref = sum(x["ref_words"] for x in got)
                wer.append(f"{'Russian' if lang == 'ru' else cond} {sum(x['edits'] for x in got) / ref:.3f}")
        starts = []
        for cond in ("clean", "music", "noise"):
            got = [x for x in pick("en", cond) if x.get("timed_matched")]
            if got:
                starts.append(f"{cond} {100 * sum(x['timed_within'] for x in got) / sum(x['timed_matched'] for x in got):.1f}%")
        quiet = [x for x in rows if x.get("condition") in QUIET]
        parts.append(f"{label}: WER " + ", ".join(wer) + "; English starts within 0.1 s " + ", ".join(starts)
                     + f"; words on {len(quiet)} music-only, noise-only or silent items {sum(x['n_words_out'] for x in quiet)}")
    if not parts:
        return None
    return f"Words, Whisper base fast ({_run_note('eval_words.py', dates)}): " + "; ".join(parts) + "."


def frozen_text(results: Path) -> str | None:
    parts, dates = [], []
    splits = {"tune": "tune", "heldout": "held out"}
    for _, label, res, _, date in _newest_per_split(_docs(results, "eval_frozen-*.json"), splits, "splits"):
        dates.append(date)
        parts.append(f"{label} " + ", ".join(
            f"{'ours' if who == 'ours' else 'ffmpeg freezedetect'} {r['iou']:.3f} over {r['clips']} clips, "
            f"a freeze on {len(r['negatives_with_freeze'])} negatives"
            + (f" ({', '.join(r['negatives_with_freeze'])})" if r["negatives_with_freeze"] else "")
            for who, r in sorted(res.items(), key=lambda kv: kv[0] != "ours")))
    if not parts:
        return None
    return f"Frozen interval IoU ({_run_note('eval_frozen.py', dates)}): " + "; ".join(parts) + "."


SUBSYNC_SPLITS = {"tune": "tune", "heldout": "held out (looked at many times)", "fresh": "fresh held-out part",
                  "fresh2": "second fresh part (another Russian speaker)"}


def subsync_text(results: Path) -> str | None:
    """The subtitle roles and offsets line; None unless every part has results (as words_text)."""
    parts, dates = [], []
    found = list(_newest_per_split(_docs(results, "eval_subsync_set-*.json"), SUBSYNC_SPLITS, "summaries"))
    if len(found) < len(SUBSYNC_SPLITS):
        return None
    for _, label, s, doc, date in found:
        dates.append(date)
        parts.append(f"{label}: roles right {s['roles_right']}/{s['captions']} "
                     f"({100 * s['roles_right'] / max(1, s['captions']):.1f}%), offsets within "
                     f"{doc['tolerance_s']:g} s {s['offsets_within']}/{s['subtitles']} "
                     f"({100 * s['offsets_within'] / max(1, s['subtitles']):.1f}%), {s['missed']} captions not read, "
                     f"{s['spurious']} spurious reads")
    if not parts:
        return None
    return f"Subtitle roles and offsets ({_run_note('eval_subsync_set.py', dates)}): " + "; ".join(parts) + "."


BLOCKS = {"cuts": cuts_text, "faces": faces_text, "captions": captions_text, "speed": speed_text,
          "words": words_text, "frozen": frozen_text, "subsync": subsync_text}


def blocks(results: Path) -> dict[str, str]:
    """Each block's text, for the blocks whose results are there."""
    out = {}
    for name, make in BLOCKS.items():
        text = make(results)
        if text is not None:
            out[name] = text
    return out


def _marker(name: str) -> re.Pattern:
    return re.compile(rf"^([ \t]*)<!-- bench:{name} -->\n.*?^[ \t]*<!-- /bench:{name} -->$", re.M | re.S)


def replace_blocks(readme: str, texts: dict[str, str]) -> str:
    """``readme`` with each named block's lines replaced by its text (wrapped, indented like its
    opening marker). Raises FiguresError for a block the README has no markers for."""
    for name, text in texts.items():
        pattern = _marker(name)
        if not pattern.search(readme):
            raise FiguresError(f"README has no <!-- bench:{name} --> ... <!-- /bench:{name} --> block")

        def fill(m: re.Match, name=name, text=text) -> str:
            indent = m.group(1)
            body = textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent,
                                 break_on_hyphens=False)
            return f"{indent}<!-- bench:{name} -->\n{body}\n{indent}<!-- /bench:{name} -->"

        readme = pattern.sub(fill, readme, count=1)
    return readme


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--results", type=Path, default=RESULTS, help=f"results folder (default {RESULTS})")
    ap.add_argument("--readme", type=Path, default=README)
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="rewrite the README's blocks")
    mode.add_argument("--check", action="store_true", help="exit 1 when the README's blocks differ")
    args = ap.parse_args(argv)
    texts = blocks(args.results)
    for name in BLOCKS:
        if name not in texts:
            print(f"no results (or not for every part) for the {name} block in {args.results}: left as it is",
                  file=sys.stderr)
    if not (args.write or args.check):
        for name, text in texts.items():
            print(f"[{name}]\n{textwrap.fill(text, WIDTH)}\n")
        return 0
    try:
        old = args.readme.read_text(encoding="utf-8")
        new = replace_blocks(old, texts)
    except (OSError, FiguresError) as exc:
        print(f"figures: {exc}", file=sys.stderr)
        return 2
    if args.write:
        if new != old:
            args.readme.write_text(new, encoding="utf-8")
        print(f"{args.readme}: {'rewritten' if new != old else 'already up to date'} ({', '.join(texts)})")
    else:
        print(f"{args.readme}: {'differs from' if new != old else 'matches'} the results ({', '.join(texts)})")
        return int(new != old)
    return 0


if __name__ == "__main__":
    sys.exit(main())
