"""``python -m reelstudio.gui [VIDEO]``."""

import sys

if __name__ == "__main__":  # the analysis child process imports this module too
    from .app import main

    sys.exit(main())
