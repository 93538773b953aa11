"""Subtitles people can read: the cue rules, the choice between transcript and burned-in
captions, the Language header, and "no transcript" as exit 11.

Analyses are small hand-made dicts (a CFR source and a speech / text lane); every export is
read back with `srt` and `webvtt-py`.
"""

from __future__ import annotations

import html
import io
import json
import subprocess
import sys
from fractions import Fraction

import pytest

from conftest import cli_env
from reelstudio import report
from reelstudio.cli import main as cli_main
from reelstudio.errors import NotAvailableYet
from reelstudio.report._common import timebase_of
from reelstudio.report.subtitles import (
    CueRules, ends_sentence, layout, transcript_of, wrap_lines,
)

RULES = CueRules()
MIN_S = 5 / 6
EPS = 1e-3

# About a minute of a creator talking to camera: 164 words, as Whisper writes them.
TALK = ("Hi everyone, and welcome back to the channel. Today I'm going to show you how I edit "
        "a short vertical video in under ten minutes, without any expensive software. First, "
        "open your draft and look at the first three seconds, because that is where most "
        "viewers decide to stay or scroll away. If nothing happens in the opening shot, cut "
        "it. Second, check your captions. They should be large, high in contrast, and placed "
        "well away from the buttons on the right side of the screen. Third, listen to the "
        "sound on a phone speaker, not on your studio headphones. Is the voice clear? Is the "
        "music too loud? Fix that before anything else. Finally, watch the whole thing once "
        "more from the start, as if you had never seen it before. If you get bored, so will "
        "your audience. That's it for today. Let me know in the comments what you want to "
        "see next, and I'll see you in the next one.")

RUSSIAN = ("Привет, друзья! Сегодня я расскажу, как за десять минут смонтировать короткое "
           "вертикальное видео на телефоне. Во-первых, посмотрите на первые три секунды: именно "
           "в этот момент зритель решает, остаться ему или листать дальше. Во-вторых, проверьте "
           "субтитры. Они должны быть крупными, контрастными и не прятаться под кнопками "
           "приложения. В-третьих, послушайте звук через динамик телефона, а не в наушниках. "
           "Вот и всё на сегодня. Пишите в комментариях, что показать в следующий раз!")


def speak(text: str, t0: float = 0.4, word_s: float = 0.1, char_s: float = 0.045, gap_s: float = 0.05,
          sentence_pause_s: float = 0.5, comma_pause_s: float = 0.2) -> list[dict]:
    """Word timings for ``text`` at a natural pace (about 2.6 words a second)."""
    words, t = [], t0
    for tok in text.split():
        dur = word_s + char_s * len(tok.strip(".,?!:;"))
        words.append({"start_s": round(t, 3), "end_s": round(t + dur, 3), "text": tok, "probability": 0.9})
        t += dur + gap_s
        if tok.endswith((".", "?", "!")):
            t += sentence_pause_s
        elif tok.endswith((",", ":", ";")):
            t += comma_pause_s
    return words


def analysis(words=None, captions=None, fps: str = "30/1", language: str | None = "en", seconds: float | None = None,
             speech: dict | None = None) -> dict:
    end = seconds or max([w["end_s"] for w in words or []] + [0.0]) + 2.0
    rate = Fraction(fps)
    lanes: dict = {}
    if words is not None or speech is not None:
        lanes["speech"] = speech or {"status": "ok", "engine": "whisper", "intervals": [], "words_status": "ok",
                                     "words": words}
        if language and speech is None:
            lanes["speech"]["language"] = language
    lanes["text"] = {"status": "ok", "intervals": captions or []}
    return {"schema_version": 1, "source": {"path": "/nonexistent/reel.mp4", "fps": fps, "width": 1080,
                                            "height": 1920, "frame_count": int(end * rate), "duration_s": end},
            "lanes": lanes, "flags": [], "checklist": [], "score": None}


def srt_cues(data: bytes):
    import srt

    return list(srt.parse(data.decode("utf-8")))


def vtt_file(data: bytes):
    import webvtt

    return webvtt.from_buffer(io.StringIO(data.decode("utf-8")))


def timed(a: dict, fmt: str = "srt", **options) -> list[tuple[float, float, str]]:
    """(start, end, text) of each cue, read back by an independent parser."""
    data = report.render(a, fmt, **options)
    if fmt == "srt":
        return [(c.start.total_seconds(), c.end.total_seconds(), c.content) for c in srt_cues(data)]
    def secs(stamp):
        h, m, s = stamp.split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)
    return [(secs(c.start), secs(c.end), html.unescape(c.text)) for c in vtt_file(data)]


def check_rules(a: dict, cues: list[tuple[float, float, str]], words: list[dict]) -> None:
    """Every rule that must hold for any transcript."""
    tb = timebase_of(a)
    assert cues
    assert " ".join(t.replace("\n", " ") for _s, _e, t in cues) == " ".join(w["text"] for w in words), \
        "the recogniser's words, punctuation and case, in order, nothing lost or added"
    for n, (start, end, text) in enumerate(cues):
        lines = text.split("\n")
        assert 1 <= len(lines) <= RULES.max_lines, text
        assert all(0 < len(line) <= RULES.max_line_chars for line in lines), text
        for t in (start, end):  # on the frame grid (SRT/VTT round to the millisecond)
            assert abs(tb.frame_to_seconds(tb.seconds_to_nearest_frame(t)) - t) <= 0.0005 + 1e-9
        dur = end - start
        assert dur <= RULES.max_duration_s + EPS, (text, dur)
        nxt = cues[n + 1][0] if n + 1 < len(cues) else None
        if nxt is not None:
            assert end <= nxt + EPS, f"cue {n + 1} overlaps the next one"
        held_to_next = nxt is not None and abs(end - nxt) <= EPS
        assert dur >= MIN_S - EPS or held_to_next, (text, dur)
        chars = len(text.replace("\n", " "))
        assert chars / dur <= RULES.max_chars_per_s + 0.5 or held_to_next or dur >= RULES.max_duration_s - 0.05, \
            (text, chars / dur)
    # each cue starts on the frame of its first word
    firsts = iter(cues)
    k = 0
    for start, _end, text in firsts:
        first = text.replace("\n", " ").split(" ")[0]
        assert words[k]["text"] == first
        assert tb.seconds_to_nearest_frame(start) == tb.seconds_to_nearest_frame(words[k]["start_s"])
        k += len(text.split())


def print_srt(a: dict) -> None:
    print(report.render(a, "srt").decode("utf-8"))


# -- the rules ---------------------------------------------------------------------------
@pytest.mark.parametrize("fps", ["30/1", "25/1", "30000/1001", "24/1"])
def test_a_minute_of_talk_reads_well(fps, capsys):
    words = speak(TALK)
    assert 150 <= len(words) <= 170 and 55 < words[-1]["end_s"] < 70
    a = analysis(words, fps=fps)
    for fmt in ("srt", "vtt"):
        cues = timed(a, fmt)
        check_rules(a, cues, words)
    cues = timed(a, "srt")
    texts = [t.replace("\n", " ") for _s, _e, t in cues]
    # every sentence ends a cue (they are all long enough to stand alone here)
    sentence_ends = [w["text"] for w in words if ends_sentence(w["text"])]
    assert sum(ends_sentence(t.split(" ")[-1]) for t in texts) == len(sentence_ends)
    # a cue that ends inside a sentence ends after a comma or before a clause ("and", "how", ...)
    for t, nxt in zip(texts, texts[1:] + [""]):
        last, first_next = t.split(" ")[-1], (nxt.split(" ") or [""])[0]
        assert ends_sentence(last) or last.endswith(",") or first_next.lower() in {"and", "how", "in", "because"}, \
            (t, nxt)
    # no line or cue ends on an article or a preposition
    for _s, _e, text in cues:
        for line in text.split("\n"):
            assert line.split(" ")[-1].lower() not in {"a", "an", "the", "of", "to", "in", "on", "at", "for"}, text
    # two-line cues where the sentence needs them, and not a cue per word
    assert 15 <= len(cues) <= 25
    assert any("\n" in t for _s, _e, t in cues)
    print_srt(a)  # shown with -s: read it


def test_a_sentence_ends_its_cue_and_short_sentences_stand_alone():
    words = speak("Hello there. This is ReelStudio checking your subtitles and their timing today. Привет мир")
    a = analysis(words)
    cues = timed(a)
    check_rules(a, cues, words)
    assert cues[0][2] == "Hello there."
    assert cues[1][2].replace("\n", " ").endswith("timing today.")
    assert cues[-1][2] == "Привет мир"


def test_a_long_sentence_breaks_after_its_comma_not_mid_phrase():
    text = ("When you open the editor on your laptop after a long day of filming outside, "
            "the first thing you should do is check the sound levels of every single clip.")
    words = speak(text)
    a = analysis(words)
    cues = timed(a)
    check_rules(a, cues, words)
    assert len(cues) >= 2
    assert cues[0][2].replace("\n", " ").endswith("outside,"), cues


def test_no_break_after_an_article_or_preposition_when_a_balanced_break_exists():
    tokens = "I always check the loudness of the voice before I export the final cut".split()
    lines = wrap_lines(tokens)
    assert lines is not None and len(lines) == 2 and all(len(line) <= 42 for line in lines)
    assert lines[0].split()[-1] not in {"the", "to", "at", "of"}
    # the most balanced split (what a character count alone picks) would end a line on "the"
    best = min(range(1, len(tokens)), key=lambda i: max(len(" ".join(tokens[:i])), len(" ".join(tokens[i:]))))
    assert tokens[best - 1] == "the"
    # a comma wins over a split of similar balance
    tokens = "If you want to know what happened, I was at the studio all day".split()
    assert layout(tokens)[0] == ["If you want to know what happened,", "I was at the studio all day"]


def test_short_cues_are_held_into_the_gap_but_never_over_the_next_cue():
    words = [
        {"start_s": 1.0, "end_s": 1.2, "text": "Yes."},         # 2 s of silence after: held to 5/6 s
        {"start_s": 3.2, "end_s": 3.4, "text": "Okay?"},        # the next word 0.35 s later: no room to hold
        {"start_s": 3.75, "end_s": 4.4, "text": "Absolutely,"},
        {"start_s": 4.45, "end_s": 4.9, "text": "let's"},
        {"start_s": 4.95, "end_s": 5.3, "text": "go."},
    ]
    a = analysis(words)
    cues = timed(a)
    check_rules(a, cues, words)
    assert cues[0][2] == "Yes." and cues[0][1] - cues[0][0] >= MIN_S - EPS
    # the short question shares its cue with the answer, or ends exactly where the answer starts
    if cues[1][2] == "Okay?":
        assert cues[1][1] == pytest.approx(cues[2][0], abs=EPS)
    tb = timebase_of(a)
    frames = [(tb.seconds_to_nearest_frame(s), tb.seconds_to_nearest_frame(e)) for s, e, _t in cues]
    assert all(e1 <= s2 for (_s1, e1), (s2, _e2) in zip(frames, frames[1:]))


def test_a_fast_sentence_is_held_long_enough_to_read():
    text = "Subscribe for more editing tips every week."  # 43 characters in 1.3 s
    toks = text.split()
    words = [{"start_s": 2.0 + i * 0.18, "end_s": 2.0 + i * 0.18 + 0.16, "text": t} for i, t in enumerate(toks)]
    words.append({"start_s": 8.0, "end_s": 8.4, "text": "Bye!"})
    a = analysis(words)
    cues = timed(a)
    check_rules(a, cues, words)
    start, end, body = cues[0]
    assert body.replace("\n", " ") == text
    assert end - start >= len(text) / RULES.max_chars_per_s - EPS  # 2.53 s, not the 1.3 s it was spoken in
    assert end < 8.0


def test_a_slow_run_on_monologue_without_punctuation_still_keeps_every_limit():
    # an older recogniser: lower case, no punctuation, a word every 0.45 s (so 7 s is a hard limit)
    text = ("so what i wanted to do today is walk you through the whole process of making a reel "
            "from the very first idea to the moment you press the publish button on your phone "
            "and then we can talk about what happens after that")
    words = speak(text, word_s=0.25, char_s=0.02, gap_s=0.15)
    a = analysis(words, language=None)
    cues = timed(a)
    check_rules(a, cues, words)
    assert max(e - s for s, e, _t in cues) <= 7.0 + EPS
    vtt = report.render(a, "vtt").decode()
    assert "Language:" not in vtt


def test_a_word_longer_than_a_line_gets_a_cue_of_its_own():
    long_word = "https://example.com/a/very/long/link/that/nobody/can/break"
    words = speak(f"Go to {long_word} now, please.")
    cues = timed(analysis(words))
    assert any(t == long_word or long_word in t.split("\n") for _s, _e, t in cues)
    assert " ".join(t.replace("\n", " ") for _s, _e, t in cues) == " ".join(w["text"] for w in words)


def test_russian_transcript_counts_characters_and_gets_a_language_header():
    words = speak(RUSSIAN)
    a = analysis(words, language="ru")
    for fmt in ("srt", "vtt"):
        check_rules(a, timed(a, fmt), words)
    cues = timed(a)
    assert any(max(len(line.encode()) for line in t.split("\n")) > 42 for _s, _e, t in cues), \
        "lines are measured in characters, not UTF-8 bytes"
    for _s, _e, text in cues:
        for line in text.split("\n"):
            assert line.split(" ")[-1].lower() not in {"в", "на", "с", "к", "по", "за", "из", "не"}, text
    data = report.render(a, "vtt")
    assert data.decode().startswith("WEBVTT\nLanguage: ru\n\n")
    parsed = vtt_file(data)
    assert parsed.metadata == ["Language: ru"]
    assert html.unescape(parsed.captions[0].text).startswith("Привет, друзья!")
    import webvtt
    webvtt.from_buffer(io.StringIO(data.decode()))  # and it still parses as a file


def test_vtt_escapes_what_webvtt_reserves_and_srt_keeps_it():
    words = speak("R&D said <3 to the -> arrow.")
    a = analysis(words)
    raw = report.render(a, "vtt").decode()
    assert "R&amp;D" in raw and "&lt;3" in raw
    assert timed(a, "vtt")[0][2] == "R&D said <3 to the -> arrow."
    assert timed(a, "srt")[0][2] == "R&D said <3 to the -> arrow."


def test_word_frames_from_the_lane_are_the_cue_edges():
    words = [{"start_s": 1.0, "end_s": 1.5, "start_frame": 31, "end_frame": 46, "text": "Framed."}]
    a = analysis(words, fps="30/1")
    tb = timebase_of(a)
    start, _end, _t = timed(a)[0]
    assert tb.seconds_to_nearest_frame(start) == 31


# -- choosing the source -----------------------------------------------------------------
def captions_for(words: list[dict], fps: str = "30/1", share: float = 1.0) -> list[dict]:
    """Burned-in captions over the words' sentences: the first ``share`` of them."""
    tb = timebase_of(analysis(words, fps=fps))
    out, cur = [], []
    for w in words:
        cur.append(w)
        if ends_sentence(w["text"]) or w is words[-1]:
            out.append({"start_frame": tb.seconds_to_nearest_frame(cur[0]["start_s"]),
                        "end_frame": tb.seconds_to_nearest_frame(cur[-1]["end_s"]), "role": "subtitle",
                        "text": " ".join(x["text"] for x in cur).upper(), "box": [100, 1400, 800, 80]})
            cur = []
    keep = max(1, round(len(out) * share))
    return out[:keep] + [{"start_frame": 0, "end_frame": 20, "role": "overlay", "text": "MY CHANNEL",
                          "box": [10, 10, 300, 50]}]


def test_auto_takes_the_captions_when_they_cover_the_speech():
    words = speak(TALK)
    a = analysis(words, captions=captions_for(words))
    t = transcript_of(a, "auto")
    assert t.origin == "captions" and "cover 100%" in t.note
    cues = timed(a)
    assert cues[0][2] == "HI EVERYONE, AND WELCOME BACK TO THE CHANNEL."
    assert "MY CHANNEL" not in " ".join(c[2] for c in cues), "overlays are not subtitles"
    assert "Language:" not in report.render(a, "vtt").decode(), "the recogniser's language is not the captions'"
    # the user can still ask for the transcript
    assert transcript_of(a, "speech").origin == "speech"
    assert timed(a, source="speech")[0][2].startswith("Hi everyone,")


def test_auto_takes_the_transcript_when_the_captions_cover_little_of_the_speech():
    words = speak(TALK)
    a = analysis(words, captions=captions_for(words, share=0.5))
    t = transcript_of(a, "auto")
    assert t.origin == "speech" and "cover only" in t.note
    # asked for, the captions come anyway; "ocr" is the old name of "captions"
    assert transcript_of(a, "captions").origin == "captions"
    assert transcript_of(a, "ocr").origin == "captions"
    assert timed(a, source="ocr") == timed(a, source="captions")


def test_auto_falls_back_to_whatever_there_is():
    words = speak("Only words here.")
    assert transcript_of(analysis(words), "auto").origin == "speech"
    caps = captions_for(words)
    a = analysis([], captions=caps)
    assert transcript_of(a, "auto").origin == "captions"
    with pytest.raises(NotAvailableYet, match="could be used instead"):
        transcript_of(a, "speech")
    with pytest.raises(NotAvailableYet, match="could be used instead"):
        transcript_of(analysis(words), "captions")
    with pytest.raises(ValueError, match="unknown subtitle source"):
        transcript_of(analysis(words), "subtitles")


def test_no_words_and_no_captions_is_not_available():
    for a in (
        analysis([]),  # the speech lane ran and heard nothing, the text lane read nothing
        analysis([], captions=[{"start_frame": 0, "end_frame": 30, "role": "overlay", "text": "TITLE",
                                "box": [0, 0, 1, 1]}]),
        analysis(speech={"status": "unavailable", "reason": "no audio track"}),
    ):
        for fmt in ("srt", "vtt"):
            with pytest.raises(NotAvailableYet, match="no transcript"):
                report.render(a, fmt)


def test_burned_in_captions_are_merged_deduplicated_and_never_overlap():
    caps = [
        {"start_frame": 30, "end_frame": 90, "role": "subtitle", "text": "second line", "box": [0, 1500, 10, 10]},
        {"start_frame": 30, "end_frame": 91, "role": "subtitle", "text": "first  line", "box": [0, 1400, 10, 10]},
        {"start_frame": 95, "end_frame": 140, "role": "subtitle", "text": "again", "box": [0, 1400, 10, 10]},
        {"start_frame": 141, "end_frame": 160, "role": "subtitle", "text": "again", "box": [0, 1400, 10, 10]},
        {"start_frame": 150, "end_frame": 200, "role": "subtitle", "text": "next", "box": [0, 1400, 10, 10]},
    ]
    a = analysis([], captions=caps, seconds=10)
    tb = timebase_of(a)
    cues = [(tb.seconds_to_nearest_frame(s), tb.seconds_to_nearest_frame(e), t) for s, e, t in timed(a)]
    assert cues == [(30, 91, "first line\nsecond line"), (95, 150, "again"), (150, 200, "next")]


# -- the command line --------------------------------------------------------------------
def test_cli_no_transcript_exits_11_and_writes_no_subtitle_file(tmp_path):
    a = analysis([])
    saved = tmp_path / "a.json"
    saved.write_text(json.dumps(a))
    out, markers = tmp_path / "out.srt", tmp_path / "m.csv"
    r = subprocess.run([sys.executable, "-m", "reelstudio", "export", str(saved), "--srt", str(out),
                        "--markers", str(markers)], capture_output=True, text=True, env=cli_env(), timeout=120)
    assert r.returncode == 11, r.stderr
    assert "no transcript" in r.stderr and "out.srt" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert not out.exists(), "no empty subtitle file"
    assert markers.exists(), "the outputs that can be made are still written"


def test_cli_subtitles_from(tmp_path, capsys):
    words = speak(TALK)
    a = analysis(words, captions=captions_for(words, share=0.5))
    saved = tmp_path / "a.json"
    saved.write_text(json.dumps(a))
    for choice in ("auto", "speech", "captions", "ocr"):
        out_srt, out_vtt = tmp_path / f"{choice}.srt", tmp_path / f"{choice}.vtt"
        assert cli_main(["export", str(saved), "--srt", str(out_srt), "--vtt", str(out_vtt),
                         "--subtitles-from", choice]) == 0
        source = {"auto": "speech", "ocr": "captions"}.get(choice, choice)
        assert out_srt.read_bytes() == report.render(a, "srt", source=source)
        assert out_vtt.read_bytes() == report.render(a, "vtt", source=source)
        err = capsys.readouterr().err
        assert ("recognised speech" if source == "speech" else "burned-in subtitles") in err
    assert (tmp_path / "auto.srt").read_bytes() == (tmp_path / "speech.srt").read_bytes()
    assert (tmp_path / "ocr.srt").read_bytes() == (tmp_path / "captions.srt").read_bytes()
    with pytest.raises(SystemExit) as exc:
        cli_main(["export", str(saved), "--srt", str(tmp_path / "x.srt"), "--subtitles-from", "nonsense"])
    assert exc.value.code == 2
    # captions asked for where there are none: exit 11, nothing written
    no_caps = tmp_path / "words_only.json"
    no_caps.write_text(json.dumps(analysis(words)))
    assert cli_main(["export", str(no_caps), "--srt", str(tmp_path / "c.srt"), "--subtitles-from", "captions"]) == 11
    assert not (tmp_path / "c.srt").exists()
    assert "could be used instead" in capsys.readouterr().err
