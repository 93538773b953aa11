#!/usr/bin/env bash
# Set up everything ReelStudio needs on a Debian/Ubuntu machine, idempotently:
# system packages (FFmpeg, espeak-ng, Tesseract, poppler, Xvfb, fonts), a virtual
# environment in .venv, and the Python packages. `--test` adds the test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

APT_PACKAGES=(ffmpeg espeak-ng tesseract-ocr tesseract-ocr-eng tesseract-ocr-rus poppler-utils xvfb xauth
              fonts-dejavu-core fonts-noto-cjk
              # caption fonts of the subtitle-sync test set (tests/corpus/captions.py)
              fonts-liberation2 fonts-open-sans
              # the fresh held-out parts' caption fonts (tests/corpus/captions.py, captions_styles.py)
              fonts-roboto-unhinted fonts-roboto-slab
              # the third held-out part's caption fonts (tests/corpus/captions_styles.py, fresh3)
              fonts-inter fonts-lato fonts-paratype
              # the fourth held-out part's caption fonts (tests/corpus/captions_styles.py, fresh4)
              fonts-noto-core fonts-crosextra-carlito fonts-cantarell
              # the fifth held-out part's caption fonts (tests/corpus/captions_styles.py, fresh5)
              fonts-urw-base35 fonts-play fonts-yanone-kaffeesatz fonts-manrope
              # real recorded speech and music for the words evaluation (tests/corpus/words.py)
              asterisk-core-sounds-en-wav asterisk-core-sounds-ru-wav planetblupi-music-ogg
              # what the Qt wheels (PySide6) load: OpenGL/EGL, fonts, keyboard, the X11 (xcb)
              # platform under a real or virtual display, and sound (PulseAudio/ALSA)
              libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
              libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
              libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libpulse0 libasound2)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "setup: ReelStudio needs Python 3.11 or newer ($PY is $("$PY" --version 2>&1))" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv" >&2
  "$PY" -m venv .venv
fi

# reinstall only when the dependency list changed
stamp=".venv/.reelstudio-setup-$(sha256sum pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)-$want_test"
pip_install() {
  # quiet unless it fails: then the whole log
  if ! .venv/bin/python -m pip install --disable-pip-version-check "$@" >>.venv/setup.log 2>&1; then
    cat .venv/setup.log >&2
    echo "setup: pip install $* failed (log above, also in .venv/setup.log)" >&2
    exit 1
  fi
}
if [ ! -f "$stamp" ]; then
  echo "setup: installing Python packages" >&2
  : >.venv/setup.log
  pip_install --upgrade pip
  if [ $want_test -eq 1 ]; then
    pip_install -e '.[test]'
    # PySceneDetect is the yardstick in the cut evaluation and the benchmark. Its wheel
    # asks for opencv-python (which bundles its own Qt); it runs on the headless build.
    pip_install --no-deps scenedetect==0.7.2
    pip_install 'click~=8.0,!=8.3.0' tqdm
  else
    pip_install -e .
  fi
  rm -f .venv/.reelstudio-setup-*
  touch "$stamp"
fi
