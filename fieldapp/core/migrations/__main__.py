import sys

from fieldapp.core.migrations import main

sys.exit(main(sys.argv[1:]))
