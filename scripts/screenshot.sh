#!/bin/sh
# Screenshots of the main window on a real analysed clip, under Xvfb (the real xcb platform).
#   scripts/screenshot.sh [VIDEO] [OUT_DIR]     (default: the sample reel, out/screenshots/)
set -eu
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || PY=/work/venv/bin/python
VIDEO="${1:-assets/sample_reel.mp4}"
OUT="${2:-out/screenshots}"
mkdir -p "$OUT"
shot() {  # name, extra arguments
    name="$1"; shift
    QT_QPA_PLATFORM=xcb xvfb-run -a -s '-screen 0 1600x1000x24' \
        "$PY" -m reelstudio.gui "$VIDEO" --screenshot "$OUT/$name.png" --size 1600x1000 "$@"
}
shot main_window
shot first_flag --flag 0
shot frame_200 --seek 200
ls -l "$OUT"
