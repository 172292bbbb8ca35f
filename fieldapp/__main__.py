"""``python -m fieldapp``: the same as the ``fieldapp`` command (the app by default)."""

import sys

from fieldapp.cli import main

if __name__ == "__main__":
    if sys.argv[1:2] == ["--fieldapp-import-reader"]:
        # the standalone build starts a voter import's reader process as itself
        from fieldapp.services.importing.reader_process import serve

        sys.exit(serve())
    sys.exit(main())
