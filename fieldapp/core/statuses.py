"""The registration statuses a person can have (``people.voter_status``).

Plain values, apart from the models, so that the voter import's reader process
(``services.importing.reading``) knows them without loading SQLAlchemy.
"""

VOTER_STATUSES: tuple[str, ...] = ("active", "inactive", "removed", "cancelled", "confidential",
                                   "deceased")
