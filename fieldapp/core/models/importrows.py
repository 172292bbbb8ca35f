"""What the voter import remembers of each person's file row. Local, never synced."""

from __future__ import annotations

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from fieldapp.core.models.base import Base


class ImportRow(Base):
    """The digest of the file row a person was made (or last found unchanged) from.

    A re-import of that row need not read it again while the person and their door
    are as they were then: their clocks (``hlc``) are the ones recorded here
    (:mod:`fieldapp.services.importing.digests`). Any later write to either moves
    its clock and so retires the digest. Each store keeps its own: not synced,
    never in a bundle or a dump.
    """

    __tablename__ = "import_rows"
    __table_args__ = {"sqlite_with_rowid": False}

    person_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    digest: Mapped[int] = mapped_column(BigInteger)
    """A 64-bit keyed digest of the row's cells and of how the file was read."""
    person_hlc: Mapped[int] = mapped_column(BigInteger)
    door_hlc: Mapped[int] = mapped_column(BigInteger)
