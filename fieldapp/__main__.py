"""``python -m fieldapp``: the same as the ``fieldapp`` command (the app by default)."""

import sys

from fieldapp.cli import main

if __name__ == "__main__":
    sys.exit(main())
