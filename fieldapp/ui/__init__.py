"""The Qt user interface. Only this package and :mod:`fieldapp.app` import PySide6.

Pieces other pages reuse:

* :mod:`fieldapp.ui.context` -- :class:`AppContext`, handed to every page.
* :mod:`fieldapp.ui.tasks` -- :class:`TaskRunner`, the one database worker thread.
* :mod:`fieldapp.ui.tablemodel` -- lazy, id-keyed table models over SQL.
* :mod:`fieldapp.ui.widgets` -- search box, page header, stat cards, empty states.
* :mod:`fieldapp.ui.details` -- door and person detail panes.
"""
