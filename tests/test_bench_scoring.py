"""bench/scoring.py (the scoring the evaluations share) on hand-made truth and detections with
known answers, and bench/figures.py (the README's figure lines) on small made results JSONs.
Pure and fast: no media, no models."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import figures, scoring  # noqa: E402


# ----------------------------------------------------------------------------- P/R/F1, matching

def test_prf1_known_values_and_empty_cases():
    assert scoring.prf1(3, 1, 2) == pytest.approx((0.75, 0.6, 2 * 0.75 * 0.6 / 1.35))
    assert scoring.prf1(0, 0, 0) == (1.0, 1.0, 1.0)  # nothing to find, nothing found
    assert scoring.prf1(0, 4, 0) == (0.0, 1.0, 0.0)  # empty truth, only false detections
    assert scoring.prf1(0, 0, 5) == (1.0, 0.0, 0.0)  # nothing detected
    assert scoring.prf1(0, 2, 3) == (0.0, 0.0, 0.0)  # P = R = 0: F1 0, no division by zero


def test_match_empty_sides():
    assert scoring.match([], [10, 20], 1) == []
    assert scoring.match([10, 20], [], 1) == []
    assert scoring.match([], [], 1) == []


def test_match_tolerance_boundary_is_inclusive():
    assert scoring.match([11], [10], 1) == [(0, 0)]
    assert scoring.match([9], [10], 1) == [(0, 0)]
    assert scoring.match([12], [10], 1) == []
    assert scoring.match([10], [10], 0) == [(0, 0)]
    assert scoring.match([11], [10], 0) == []


def test_one_detection_between_two_truths_counts_once():
    # 11 is within 1 of both 10 and 12: it takes one of them, the other is missed
    pairs = scoring.match([11], [10, 12], 1)
    assert len(pairs) == 1
    # and two detections near one truth: one match, the other is a false detection
    assert scoring.match([9, 11], [10], 1) in ([(0, 0)], [(1, 0)])


def test_match_prefers_the_nearest_pairing():
    # greedy by distance: 10<->10 first, then 12<->11 (not 10<->11 leaving 12 unmatched)
    assert sorted(scoring.match([10, 12], [10, 11], 1)) == [(0, 0), (1, 1)]


# ----------------------------------------------------------------------------- cuts

def _clip(cuts=(), graduals=(), negatives=(), name="c"):
    return {"name": name, "cuts": list(cuts), "graduals": list(graduals), "negatives": list(negatives)}


def test_score_clip_counts_tp_fp_fn_and_offsets():
    clip = _clip(cuts=[30, 60, 90])
    events = [{"frame": 31, "kind": "cut"}, {"frame": 60, "kind": "cut"}, {"frame": 150, "kind": "cut"}]
    s = scoring.score_clip(clip, events)
    assert (s["tp"], s["fp"], s["fn"]) == (2, 1, 1)
    assert s["fp_frames"] == [150] and s["missed_cuts"] == [90]
    assert sorted(s["offsets"]) == [0, 1]


def test_score_clip_one_detection_near_two_cuts_counts_once():
    clip = _clip(cuts=[10, 12])
    s = scoring.score_clip(clip, [{"frame": 11, "kind": "cut"}])
    assert (s["tp"], s["fp"], s["fn"]) == (1, 0, 1)


def test_score_clip_empty_truth_and_empty_detections():
    s = scoring.score_clip(_clip(), [{"frame": 5, "kind": "cut"}])
    assert (s["tp"], s["fp"], s["fn"]) == (0, 1, 0)
    s = scoring.score_clip(_clip(cuts=[5, 50]), [])
    assert (s["tp"], s["fp"], s["fn"]) == (0, 0, 2)
    assert s["missed_cuts"] == [5, 50]


def test_a_detection_inside_a_gradual_is_the_graduals_not_a_false_cut():
    grad = {"start_frame": 100, "end_frame": 120, "kind": "dissolve"}
    # range is [start - 2, end + 2): 98 and 121 are in it, 97 and 122 are not
    for f, in_gradual in ((97, False), (98, True), (121, True), (122, False)):
        s = scoring.score_clip(_clip(graduals=[grad]), [{"frame": f, "kind": "gradual"}])
        assert s["graduals_found"] == int(in_gradual), f
        assert s["fp"] == int(not in_gradual), f


def test_negative_hits_skip_detections_near_a_real_transition():
    neg = {"start_frame": 40, "end_frame": 80, "kind": "flash"}
    clip = _clip(cuts=[60], negatives=[neg])
    events = [{"frame": 45, "kind": "cut"}, {"frame": 61, "kind": "cut"}]  # 61 is the real cut's (+1)
    s = scoring.score_clip(clip, events)
    assert [h["frame"] for h in s["negative_hits"]] == [45]
    assert (s["tp"], s["fp"]) == (1, 1)


def test_aggregate_pools_clips():
    a = scoring.score_clip(_clip(cuts=[10, 20], name="a"), [{"frame": 10, "kind": "cut"}])
    b = scoring.score_clip(_clip(cuts=[], name="b"), [{"frame": 7, "kind": "cut"}])
    agg = scoring.aggregate([a, b], seconds=2.0, frames=100)
    assert (agg["cut_tp"], agg["cut_fp"], agg["cut_fn"]) == (1, 1, 1)
    assert agg["precision"] == 0.5 and agg["recall"] == 0.5 and agg["f1"] == 0.5
    assert agg["gradual_recall"] == 1.0  # no graduals to find
    assert agg["fps"] == 50.0
    assert scoring.aggregate([], 0.0, 0)["f1"] == 1.0


# ----------------------------------------------------------------------------- faces

def test_faces_found_needs_half_the_interval():
    truth = [{"start_frame": 0, "end_frame": 10}, {"start_frame": 20, "end_frame": 30}]
    assert scoring.faces_found(truth, [(0, 5)]) == 1  # exactly half: found
    assert scoring.faces_found(truth, [(0, 4)]) == 0
    assert scoring.faces_found(truth, [(0, 2), (7, 10)]) == 1  # pieces add up
    assert scoring.faces_found(truth, []) == 0
    assert scoring.faces_found([], [(0, 100)]) == 0


# ----------------------------------------------------------------------------- caption set (seconds)

def _cap(start, end, text):
    return SimpleNamespace(start_s=start, end_s=end, text=text)


def test_text_sim_ignores_case_punctuation_and_yo():
    assert scoring.text_sim("Hello, World!", "hello world") == 1.0
    assert scoring.text_sim("Ёлка", "елка") == 1.0
    assert scoring.text_sim("abc", "xyz") == 0.0


def test_match_captions_each_read_to_one_truth_and_spurious_apart():
    truth = [_cap(0.0, 2.0, "the quick brown fox"), _cap(2.0, 4.0, "jumps over the dog")]
    read = [{"start_s": 0.1, "end_s": 1.9, "text": "the quick brown fox"},
            {"start_s": 2.1, "end_s": 3.9, "text": "jumps over the dog"},
            {"start_s": 0.5, "end_s": 1.0, "text": "zzzz"},                 # unlike any truth
            {"start_s": 5.0, "end_s": 6.0, "text": "the quick brown fox"}]  # overlaps none
    main, spurious = scoring.match_captions(truth, read)
    assert main == {0: 0, 1: 1}
    assert spurious == [2, 3]


def test_match_captions_keeps_the_read_covering_most_of_the_truth():
    truth = [_cap(0.0, 4.0, "one two three")]
    read = [{"start_s": 0.0, "end_s": 1.0, "text": "one two three"},
            {"start_s": 1.0, "end_s": 4.0, "text": "one two three"}]
    main, spurious = scoring.match_captions(truth, read)
    assert main == {0: 1} and spurious == []
    assert scoring.match_captions([], read) == ({}, [0, 1])
    assert scoring.match_captions(truth, []) == ({}, [])


# ----------------------------------------------------------------------------- checks

def _flag(check, start, end, severity="warning", fix="f"):
    return {"check": check, "severity": severity, "start_frame": start, "end_frame": end, "message": "m", "fix": fix}


def _doc(flags):
    return {"flags": flags, "checklist": [{"check": "too_loud", "status": "fail"}], "score": 40, "band": "poor"}


def test_score_reel_slack_boundary_and_units():
    truth = {"name": "r", "split": "tune", "kind": "defect", "expect": {"black_frames": [(100, 110)]}}
    # expected span widened by 3 frames: [97, 113); a flag [90, 97) just misses, [90, 98) hits
    miss = scoring.score_reel(truth, _doc([_flag("black_frames", 90, 97)]))["units"]["black_frames"]
    assert (miss["tp"], miss["fn"], miss["fp"]) == (0, 1, 1)
    hit = scoring.score_reel(truth, _doc([_flag("black_frames", 90, 98)]))["units"]["black_frames"]
    assert (hit["tp"], hit["fn"], hit["fp"]) == (1, 0, 0)
    # an info flag does not fire; an unexpected check firing is a false positive, once per unit
    r = scoring.score_reel(truth, _doc([_flag("black_frames", 100, 105, "info"),
                                        _flag("too_loud", 0, 5), _flag("too_loud", 50, 55)]))
    assert r["units"]["black_frames"]["fn"] == 1
    assert r["units"]["too_loud"] == {"tp": 0, "fn": 0, "fp": 1, "stray": [(0, 5, "warning", "m"),
                                                                         (50, 55, "warning", "m")]}
    assert r["fails"] == ["too_loud"]


def test_score_reel_duplicates_and_contrary_fixes():
    truth = {"name": "r", "split": "tune", "kind": "clean", "expect": {}}
    r = scoring.score_reel(truth, _doc([_flag("too_quiet", 0, 10), _flag("too_loud", 0, 10)]))
    assert len(r["contra"]) == 1 and len(r["dups"]) == 1
    r = scoring.score_reel(truth, _doc([_flag("too_quiet", 0, 10), _flag("too_loud", 20, 30)]))
    assert r["contra"] == [] and r["dups"] == []


# ----------------------------------------------------------------------------- caption styles

def _row(found, chars=10, edits=0, iou=1.0, contrast_err=None):
    return {"found": found, "chars": chars, "edits": edits, "edits_ci": edits, "iou": iou if found else 0.0,
            "contrast_err": contrast_err, "contrast_err_luma": contrast_err}


def test_caption_stats_known_values_and_empty():
    rows = [_row(True, 10, 1, 0.8, 0.5), _row(True, 30, 0, 1.0, 0.6), _row(False)]
    s = scoring.caption_stats(rows)
    assert s["n"] == 3 and s["found"] == 2
    assert s["recall"] == pytest.approx(2 / 3)
    assert s["iou"] == pytest.approx(1.8 / 3)  # a missed caption counts 0
    assert s["cer"] == pytest.approx(1 / 40)   # edits over the found captions' characters
    assert s["contrast_within_0_5"] == 0.5     # 0.5 is within, 0.6 is not
    empty = scoring.caption_stats([])
    assert empty["n"] == 0 and empty["recall"] is None and empty["cer"] is None


def test_size_bucket_boundaries():
    assert [scoring.size_bucket(p) for p in (1.99, 2.0, 2.99, 3.0, 4.99, 5.0)] == \
        ["<2%", "2-3%", "2-3%", "3-5%", "3-5%", "5-8%"]


# ----------------------------------------------------------------------------- figures

def _cuts_split(f1_ours, f1_psd, clips=3):
    det = lambda f1, **kw: {"f1": f1, "cut_fp": 1, "cut_fn": 2, "graduals_found": 4, "graduals": 5,  # noqa: E731
                            "negative_fp": 0, **kw}
    return {"corpus": {"clips": clips, "frames": 900, "cuts": 40, "graduals": {"fade": 3, "wipe": 2},
                       "negatives": {"flash": 6}},
            "detectors": {"ours": det(f1_ours), "pyscenedetect": det(f1_psd)}}


def _write(folder: Path, name: str, doc: dict, mtime: float) -> None:
    p = folder / name
    p.write_text(json.dumps(doc))
    os.utime(p, (mtime, mtime))


def test_figures_cuts_takes_each_split_from_the_newest_run_that_has_it(tmp_path):
    _write(tmp_path, "eval_cuts-tune-heldout.json",
           {"tune": _cuts_split(0.5, 0.4), "heldout": _cuts_split(0.9251, 0.657), "_run": {"date": "2026-12-01"}}, 1000)
    _write(tmp_path, "eval_cuts-tune.json", {"tune": _cuts_split(0.9921, 0.773), "_run": {"date": "2026-12-05"}}, 2000)
    text = figures.cuts_text(tmp_path)
    assert text.startswith("Hard-cut F1 at ±1 frame (ours / PySceneDetect, `bench/eval_cuts.py` run of "
                           "2026-12-01 and 2026-12-05): tune (3 clips, 40 hard cuts, 5 graduals, 6 hard negatives) "
                           "0.992 / 0.773, ours 1 false and 2 missed cuts, 4/5 graduals, 0 on the hard negatives; ")
    assert "held-out part A (3 clips, 40 hard cuts, 5 graduals, 6 hard negatives) 0.925 / 0.657" in text
    assert "0.500" not in text  # the older tune figures are not used


def test_figures_cuts_without_graduals_and_with_other_detectors(tmp_path):
    tune = _cuts_split(0.9921, 0.773)
    part_b = _cuts_split(1.0, 0.688)
    part_b["corpus"]["graduals"] = {}
    part_b["detectors"]["ours"].update(graduals=0, graduals_found=0)
    del part_b["detectors"]["pyscenedetect"]  # a run with --only ours
    _write(tmp_path, "eval_cuts-tune.json", {"tune": tune}, 1)
    _write(tmp_path, "eval_cuts-heldout_b.json", {"heldout_b": part_b}, 2)
    text = figures.cuts_text(tmp_path)
    assert "tune (3 clips, 40 hard cuts, 5 graduals, 6 hard negatives) 0.992 / 0.773 (ours / PySceneDetect)" in text
    assert "part B (3 clips, 40 hard cuts, 6 hard negatives) 1.000 (ours), ours 1 false and 2 missed cuts, " \
           "0 on the hard negatives." in text


def test_figures_faces_and_captions_lines(tmp_path):
    part = {"iou": 0.95312, "intersection": 61, "union": 64, "found": 7, "faces": 8, "detections": 30}
    _write(tmp_path, "eval_faces-all-all.json",
           {"date": "2026-12-05", "runs": [{"params": {}, "parts": {"brief tune": part, "shots held-out": part}}]}, 1000)
    text = figures.faces_text(tmp_path)
    assert text == ("Face-visible IoU (`bench/eval_faces.py` run of 2026-12-05): shots held-out 0.953 "
                    "(7/8 faces found), brief tune 0.953 (7/8 faces found).")

    summary = {"target": {"n": 91, "found": 88, "recall": 88 / 91, "cer": 0.035},
               "contrast_kinds": {"contrast_within_0_5": 0.5}, "false_captions": 0, "extra_reads": 2,
               "targets": {"min_size_pct": 2.0}}
    _write(tmp_path, "eval_captions-tune.json", {"date": "2026-12-05", "only": None, "summaries": {"tune": summary}},
           1000)
    _write(tmp_path, "eval_captions-tune-only-x.json",  # a partial run: never the README's figure
           {"date": "2026-12-06", "only": ["x"], "summaries": {"tune": {**summary, "false_captions": 9}}}, 2000)
    text = figures.captions_text(tmp_path)
    assert text.startswith("Captions of 2 % of the frame height or more (`bench/eval_captions.py` run of 2026-12-05)")
    assert "recall tune 0.967 (88/91); CER tune 3.5 %" in text and "false captions tune 0;" in text
    assert figures.cuts_text(tmp_path) is None  # no cuts results: that block is left alone


def test_figures_speed_and_words_lines(tmp_path):
    job = lambda w, c: {"wall_s": w, "cpu_s": c, "peak_rss_mb": 500}  # noqa: E731
    _write(tmp_path, "bench_speed-reel_1080x1920_30fps_60s.json",
           {"date": "2026-12-05", "clip": "reel.mp4", "repeat": 2, "frames": 1800,
            "jobs": {"ours": job(18.0, 34.0), "pyscenedetect": job(7.5, 11.0), "decode": job(4.8, 8.2)},
            "ratios": {"all_lanes": 2.4, "pocketsphinx_words": 2.09, "engine_lanes": 1.39},
            "thread_cpu_s": {"text": 4.4, "cuts": 6.9}}, 1000)
    text = figures.speed_text(tmp_path)
    assert text.startswith("reel.mp4 (`bench/bench_speed.py` run of 2026-12-05, best of 2): all lanes (Whisper words) "
                           "18.00 s wall / 34.00 CPU-s; PySceneDetect 7.50 s wall / 11.00 CPU-s; decode only 4.80")
    assert "All lanes / PySceneDetect 2.40 (pocketsphinx words 2.09, engine lanes 1.39)" in text
    assert text.endswith("CPU-s per analyzer thread: cuts 6.90, text 4.40.")

    def row(cond, lang, edits, ref, within=0, matched=0, out=0):
        return {"condition": cond, "language": lang, "edits": edits, "ref_words": ref, "timed_within": within,
                "timed_matched": matched, "n_words_out": out}

    rows = [row("clean", "en", 1, 50, 45, 49), row("clean", "en", 1, 50, 45, 51), row("music", "en", 5, 100, 80, 100),
            row("clean", "ru", 10, 50), row("music-only", None, 0, 0, out=2), row("silence", None, 0, 0)]
    _write(tmp_path, "eval_words-lane-fast-tune.json", {"rows": rows, "date": "2026-12-05"}, 1000)
    assert figures.words_text(tmp_path) is None  # the held-out part's figures would be lost: block left alone
    _write(tmp_path, "eval_words-lane-fast-heldout.json", {"rows": rows[2:], "date": "2026-12-06"}, 1000)
    text = figures.words_text(tmp_path)
    assert text == ("Words, Whisper base fast (`bench/eval_words.py` run of 2026-12-05 and 2026-12-06): tune: WER "
                    "clean 0.020, music 0.050, Russian 0.200; English starts within 0.1 s clean 90.0%, music 80.0%; "
                    "words on 2 music-only, noise-only or silent items 2; held out: WER music 0.050, Russian 0.200; "
                    "English starts within 0.1 s music 80.0%; words on 2 music-only, noise-only or silent items 2.")


def test_figures_frozen_line(tmp_path):
    split = {"ours": {"iou": 0.9641, "clips": 15, "negatives_with_freeze": []},
             "ffmpeg": {"iou": 0.216, "clips": 15, "negatives_with_freeze": ["h_walker", "h_stills"]}}
    _write(tmp_path, "eval_frozen-all.json", {"date": "2026-12-05", "splits": {"heldout": split}}, 1000)
    assert figures.frozen_text(tmp_path) == (
        "Frozen interval IoU (`bench/eval_frozen.py` run of 2026-12-05): held out ours 0.964 over 15 clips, "
        "a freeze on 0 negatives, ffmpeg freezedetect 0.216 over 15 clips, a freeze on 2 negatives "
        "(h_walker, h_stills).")


def test_figures_subsync_line(tmp_path):
    summary = {"videos": 3, "captions": 49, "roles_right": 46, "subtitles": 40, "offsets_within": 32, "missed": 1,
               "spurious": 7}
    _write(tmp_path, "eval_subsync_set-heldout.json",
           {"date": "2026-12-05", "tolerance_s": 0.15, "summaries": {"heldout": summary}}, 1000)
    assert figures.subsync_text(tmp_path) is None  # one part of four: the block is left as it is
    _write(tmp_path, "eval_subsync_set-all.json",
           {"date": "2026-12-04", "tolerance_s": 0.15, "summaries": {sp: summary for sp in figures.SUBSYNC_SPLITS}}, 500)
    text = figures.subsync_text(tmp_path)
    assert text.startswith("Subtitle roles and offsets (`bench/eval_subsync_set.py` run of 2026-12-04 and 2026-12-05): "
                           "tune: roles right 46/49 (93.9%)")
    assert "held out (looked at many times): roles right 46/49 (93.9%), offsets within 0.15 s 32/40 (80.0%), " \
           "1 captions not read, 7 spurious reads" in text


def test_figures_rewrite_only_the_blocks_and_keep_the_prose(tmp_path):
    _write(tmp_path, "eval_cuts-tune.json", {"tune": _cuts_split(0.9921, 0.773), "_run": {"date": "2026-12-05"}}, 1)
    readme = ("# R\n\n- **Cuts** prose before.\n  <!-- bench:cuts -->\n  old hand-typed 0.984\n"
              "  <!-- /bench:cuts -->\n  prose after.\n- **Faces** untouched 1.000\n")
    texts = figures.blocks(tmp_path)
    assert set(texts) == {"cuts"}
    new = figures.replace_blocks(readme, texts)
    assert "old hand-typed" not in new and "0.992 / 0.773" in new
    assert new.startswith("# R\n\n- **Cuts** prose before.\n  <!-- bench:cuts -->\n  Hard-cut F1")
    assert new.endswith("  <!-- /bench:cuts -->\n  prose after.\n- **Faces** untouched 1.000\n")
    assert all(line.startswith("  ") for line in new.split("<!-- bench:cuts -->\n")[1].split("\n  <!-- /")[0].splitlines())
    assert figures.replace_blocks(new, texts) == new  # a second run changes nothing
    with pytest.raises(figures.FiguresError):
        figures.replace_blocks("# no markers\n", texts)


def test_figures_cli_write_and_check(tmp_path):
    results = tmp_path / "results"
    results.mkdir()
    _write(results, "eval_cuts-tune.json", {"tune": _cuts_split(0.9921, 0.773), "_run": {"date": "2026-12-05"}}, 1)
    readme = tmp_path / "README.md"
    readme.write_text("x\n<!-- bench:cuts -->\nold\n<!-- /bench:cuts -->\ny\n")
    args = ["--results", str(results), "--readme", str(readme)]
    assert figures.main(args + ["--check"]) == 1
    assert figures.main(args + ["--write"]) == 0
    assert "0.992" in readme.read_text() and readme.read_text().endswith("<!-- /bench:cuts -->\ny\n")
    assert figures.main(args + ["--check"]) == 0
