"""One module per page; each exposes ``class Page(QWidget)`` (see main_window)."""
