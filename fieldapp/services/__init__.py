"""The work, as plain functions over a Session or a Store. No Qt here."""
