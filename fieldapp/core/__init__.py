"""The store: models, engine and sessions, ids, the hybrid logical clock.

Imports the standard library and SQLAlchemy only (plus alembic for migrations).
"""
