"""What the voter import remembers of each person's file row. Local, never synced."""

from __future__ import annotations

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from fieldapp.core.models.base import Base


class ImportRow(Base):
    """The digest of the file row a person was made (or last found unchanged) from.

    A re-import of that row need not read it again while the person and their door
    are as they were then (:mod:`fieldapp.services.importing.digests`): database
    triggers (migration 0010) delete it with any update of either. Each store keeps
    its own: not synced, never in a bundle or a dump.
    """

    __tablename__ = "import_rows"
    __table_args__ = {"sqlite_with_rowid": False}

    person_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    digest: Mapped[int] = mapped_column(BigInteger)
    """A 64-bit keyed digest of the row's cells and of how the file was read."""
