"""Command groups of the ``fieldapp`` command, one module each (see cli.py)."""
