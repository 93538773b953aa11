#!/usr/bin/env bash
# Set up, then open the ReelStudio desktop app on the bundled sample reel (or the video given).
# On a machine with no display (DISPLAY / WAYLAND_DISPLAY unset) the app runs on a virtual
# X server (Xvfb), analyses the video, and saves a screenshot of its window instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
video="${1:-assets/sample_reel.mp4}"
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec .venv/bin/reelstudio-gui "$video"
fi
mkdir -p out
shot="out/main_window.png"
echo "run: no display here; running the app on a virtual screen (Xvfb) and saving $shot" >&2
QT_QPA_PLATFORM=xcb xvfb-run -a -s '-screen 0 1600x1000x24' \
  .venv/bin/reelstudio-gui "$video" --screenshot "$shot" --size 1600x1000
echo "run: the window after analysing $video is in $shot" >&2
