#!/usr/bin/env bash
# Build the desktop app folder packaging/dist/ReelStudio/ with PyInstaller.
#
#   packaging/build.sh            # (re)build; the build venv is made once, reused after
#   packaging/build.sh --clean    # also throw away PyInstaller's work folder first
#   packaging/build.sh --source-hash   # print the hash of what the app is frozen from
#
# The build venv (packaging/.venv-build, or $REELSTUDIO_BUILD_VENV) holds PyInstaller and the
# project's run-time dependencies, never the test tools. ReelStudio itself is frozen from this
# source tree (the spec puts it first on the path), so edits need no reinstall.
# System packages it needs: those of scripts/setup.sh (Tesseract's eng+rus+osd data are
# copied into the app) and a Python 3.11+ built with a shared libpython.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
VENV=${REELSTUDIO_BUILD_VENV:-$HERE/.venv-build}
PY=${PYTHON:-python3}
PYINSTALLER="pyinstaller==6.22.3"
HOOKS="pyinstaller-hooks-contrib==2026.9"

source_hash() {  # what the app is frozen from: the package's code and data, models, assets
  (cd "$ROOT" && find reelstudio models assets packaging/entry.py packaging/reelstudio.spec packaging/rthook_tessdata.py \
     -type f ! -name '*.pyc' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
}

clean=()
case "${1:-}" in
  --clean) clean=(--clean) ;;
  --source-hash) source_hash; exit 0 ;;  # what smoke_test.sh compares with dist/ReelStudio/_internal/SOURCE_HASH
  "") ;;
  *) echo "usage: $0 [--clean | --source-hash]" >&2; exit 2 ;;
esac

if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "build: needs Python 3.11 or newer ($PY is $("$PY" --version 2>&1))" >&2
  exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
  echo "build: creating $VENV" >&2
  "$PY" -m venv "$VENV"
fi

# reinstall only when the dependency list (or this script) changed
stamp="$VENV/.reelstudio-build-$(sha256sum "$ROOT/pyproject.toml" "$HERE/build.sh" | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "build: installing PyInstaller and the run-time dependencies into $VENV" >&2
  log="$VENV/build-install.log"
  : >"$log"
  pip_install() {
    if ! "$VENV/bin/python" -m pip install --disable-pip-version-check "$@" >>"$log" 2>&1; then
      cat "$log" >&2
      echo "build: pip install $* failed (log above, also in $log)" >&2
      exit 1
    fi
  }
  pip_install --upgrade pip
  pip_install "$PYINSTALLER" "$HOOKS"
  # the project's [project.dependencies] only; the package itself comes from the source tree
  deps=$("$VENV/bin/python" - "$ROOT/pyproject.toml" <<'EOF'
import sys, tomllib
with open(sys.argv[1], "rb") as fh:
    print("\n".join(tomllib.load(fh)["project"]["dependencies"]))
EOF
)
  mapfile -t dep_list <<<"$deps"
  pip_install "${dep_list[@]}"
  rm -f "$VENV"/.reelstudio-build-*
  touch "$stamp"
fi

cd "$HERE"
before=$(source_hash)
start=$(date +%s)
"$VENV/bin/python" -m PyInstaller --noconfirm "${clean[@]}" --log-level WARN \
  --distpath "$HERE/dist" --workpath "$HERE/build" reelstudio.spec
took=$(( $(date +%s) - start ))
app="$HERE/dist/ReelStudio"
echo "$before" >"$app/_internal/SOURCE_HASH"
if [ "$(source_hash)" != "$before" ]; then
  echo "build: WARNING: the source tree changed during the build; run it again for a consistent app" >&2
fi
echo "build: $app built in ${took} s; $(du -sh "$app" | cut -f1), $(find "$app" -type f | wc -l) files" >&2
