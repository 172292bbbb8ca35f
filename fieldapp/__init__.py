"""Field App: offline-first field organizing."""

__version__ = "0.1.0"
APP_NAME = "fieldapp"
APP_TITLE = "Field App"
