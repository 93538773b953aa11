"""Corrections to the transcript live in the analysis JSON and reach the subtitles."""

from __future__ import annotations

from reelstudio import report, transcript


def analysis() -> dict:
    words = [{"start_s": 1.0, "end_s": 1.3, "text": "wurld"}, {"start_s": 0.2, "end_s": 0.6, "text": "Hello"},
             {"start_s": 1.4, "end_s": 1.9, "text": "again."}]
    captions = [{"start_frame": 45, "end_frame": 60, "text": "wrld", "role": "subtitle", "box": [0, 900, 10, 10]},
                {"start_frame": 0, "end_frame": 30, "text": "Helo", "role": "subtitle", "box": [0, 900, 10, 10]},
                {"start_frame": 0, "end_frame": 60, "text": "TITLE", "role": "overlay", "box": [0, 10, 10, 10]}]
    sync = {"status": "ok", "subtitles": [{"caption": 1, "spoken_text": "Hello"}]}
    return {"schema_version": 1, "source": {"path": "v.mp4", "fps": "30/1", "frame_count": 90},
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
