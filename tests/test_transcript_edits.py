"""Corrections to the transcript live in the analysis JSON and reach the subtitles."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import cli_env
from reelstudio import report, transcript


def analysis() -> dict:
    words = [{"start_s": 1.0, "end_s": 1.3, "text": "wurld"}, {"start_s": 0.2, "end_s": 0.6, "text": "Hello"},
             {"start_s": 1.4, "end_s": 1.9, "text": "again."}]
    captions = [{"start_frame": 45, "end_frame": 60, "text": "wrld", "role": "subtitle", "box": [0, 900, 10, 10]},
                {"start_frame": 0, "end_frame": 30, "text": "Helo", "role": "subtitle", "box": [0, 900, 10, 10]},
                {"start_frame": 0, "end_frame": 60, "text": "TITLE", "role": "overlay", "box": [0, 10, 10, 10]}]
    sync = {"status": "ok", "subtitles": [{"caption": 1, "spoken_text": "Hello"}]}
    return {"schema_version": 1, "source": {"path": "v.mp4", "fps": "30/1", "frame_count": 90, "width": 1080, "height": 1920,
                                            "duration_s": 3.0},
            "lanes": {"speech": {"status": "ok", "intervals": [], "words": words},
                      "text": {"status": "ok", "intervals": captions}, "subtitle_sync": sync},
            "flags": [], "checklist": [], "score": None}


def test_words_and_captions_in_reading_order():
    a = analysis()
    assert [w["text"] for _i, w in transcript.words_in_reading_order(a)] == ["Hello", "wurld", "again."]
    assert [i for i, _c in transcript.captions_in_reading_order(a)] == [2, 1, 0]  # the title above the line


def test_a_corrected_word_keeps_what_was_heard_and_reaches_the_srt():
    a = analysis()
    b = transcript.with_word_text(a, 0, "  world ")
    assert a["lanes"]["speech"]["words"][0]["text"] == "wurld", "the input is not changed"
    word = b["lanes"]["speech"]["words"][0]
    assert word["text"] == "world" and word["text_recognised"] == "wurld" and b["lanes"]["speech"]["edited"] == 1
    srt = report.render(b, "srt", source="speech").decode()
    assert "Hello world again." in srt and "wurld" not in srt
    back = transcript.with_word_text(b, 0, "wurld")  # back to what was heard: no longer an edit
    assert "text_recognised" not in back["lanes"]["speech"]["words"][0] and "edited" not in back["lanes"]["speech"]
    gone = transcript.with_word_text(a, 2, "")  # emptied: left out of the subtitles
    assert "again" not in report.render(gone, "srt", source="speech").decode()


def test_a_corrected_caption_wins_over_the_heard_spelling_in_the_vtt():
    a = analysis()
    b = transcript.with_caption_text(a, 1, "Hallo")
    caption = b["lanes"]["text"]["intervals"][1]
    assert caption["text"] == "Hallo" and caption["text_read"] == "Helo"
    assert "spoken_text" not in b["lanes"]["subtitle_sync"]["subtitles"][0]
    assert a["lanes"]["subtitle_sync"]["subtitles"][0]["spoken_text"] == "Hello"
    vtt = report.render(b, "vtt", source="captions").decode()
    assert "Hallo" in vtt and "Helo" not in vtt
    c = transcript.with_caption_text(b, 0, "world\nagain")
    assert "world\nagain" in report.render(c, "vtt", source="captions").decode()


def test_corrections_are_stored_per_video_and_come_back_on_a_new_analysis(tmp_path):
    """The editor's corrections outlive the analysis they were typed into: stored by the
    video's content hash, put back on the next analysis of the same file; one whose word is no
    longer there (heard otherwise) is counted, not put on another word."""
    from reelstudio import accepted

    video = tmp_path / "v.mp4"
    video.write_bytes(b"the bytes of one video" * 50)
    h = accepted.content_hash(video)
    a = analysis()
    b = transcript.with_caption_text(transcript.with_word_text(a, 0, "world"), 1, "Hallo")
    store = accepted.AcceptedStore()
    store.correct(h, "words", transcript.word_key(b["lanes"]["speech"]["words"][0]), "world", "v.mp4")
    store.correct(h, "captions", transcript.caption_key(b["lanes"]["text"]["intervals"][1]), "Hallo")
    again, missed = accepted.apply_editor(analysis(), video, accepted.AcceptedStore())  # read back from disk
    assert missed == 0
    assert again["lanes"]["speech"]["words"][0] == b["lanes"]["speech"]["words"][0]
    assert again["lanes"]["text"]["intervals"][1]["text"] == "Hallo"
    assert again["lanes"]["text"]["intervals"][1]["text_read"] == "Helo"
    heard_otherwise = analysis()
    heard_otherwise["lanes"]["speech"]["words"][0]["text"] = "whirled"
    out, missed = accepted.apply_editor(heard_otherwise, video, accepted.AcceptedStore())
    assert missed == 1 and [w["text"] for w in out["lanes"]["speech"]["words"]] == ["whirled", "Hello", "again."]
    # undone in the app: forgotten, and the video's entry goes when nothing is left
    store.correct(h, "words", transcript.word_key(b["lanes"]["speech"]["words"][0]), None)
    store.correct(h, "captions", transcript.caption_key(b["lanes"]["text"]["intervals"][1]), None)
    assert accepted.AcceptedStore().corrections(h) == {"words": {}, "captions": {}}
    assert h not in json.loads(store.path.read_text())["videos"]


def test_cli_applies_the_stored_corrections_to_the_subtitles(tmp_path):
    from reelstudio import accepted

    video = tmp_path / "v.mp4"
    video.write_bytes(b"bytes of a video")
    a = analysis()
    a["source"]["path"] = str(video)
    accepted.AcceptedStore().correct(accepted.content_hash(video), "words",
                                     transcript.word_key(a["lanes"]["speech"]["words"][0]), "world")
    src = tmp_path / "a.json"
    src.write_text(json.dumps(a))
    srt = tmp_path / "t.srt"
    proc = subprocess.run([sys.executable, "-m", "reelstudio", "export", str(src), "--srt", str(srt),
                           "--subtitles-from", "speech", "--accepted"], capture_output=True, text=True, env=cli_env())
    assert proc.returncode == 0, proc.stderr
    assert "Hello world again." in srt.read_text(encoding="utf-8")
    assert "1 of the transcript's words and captions read as the editor corrected them" in proc.stderr


def test_an_unreadable_read_is_never_quoted_as_the_caption():
    """The text lane marks a read that is not confidently words (readable: false): flags say
    "text the app could not read", the captions' SRT leaves it out, and what was heard or the editor's
    correction is quoted instead when there is one."""
    from reelstudio.checks.text import _label

    garbled = {"start_frame": 0, "end_frame": 30, "text": "~~ VT\u201d", "readable": False, "role": "subtitle",
               "box": [0, 900, 10, 10]}
    assert transcript.quote_caption(garbled) == "text the app could not read" == _label(garbled)
    assert transcript.quote_caption(dict(garbled, spoken_text="stir it slowly")) == "\u201cstir it slowly\u201d"
    a = analysis()
    a["lanes"]["text"]["intervals"][1] = garbled
    a["lanes"]["subtitle_sync"]["subtitles"] = []
    vtt = report.render(a, "vtt", source="captions").decode()
    assert "~~" not in vtt and "wrld" in vtt
    fixed = transcript.with_caption_text(a, 1, "Stir it slowly")
    assert transcript.quote_caption(fixed["lanes"]["text"]["intervals"][1]) == "\u201cStir it slowly\u201d"
    assert "Stir it slowly" in report.render(fixed, "vtt", source="captions").decode()
