# PyInstaller runtime hook: Tesseract reads the language data bundled in the app folder
# (_internal/tessdata: eng, rus, osd) unless the user already points TESSDATA_PREFIX elsewhere.
import os
import sys

if not os.environ.get("TESSDATA_PREFIX"):
    os.environ["TESSDATA_PREFIX"] = os.path.join(sys._MEIPASS, "tessdata")
