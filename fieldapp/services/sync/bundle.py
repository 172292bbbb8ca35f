"""Writing and reading ``.fieldbundle`` files, with every safety check.

This module is the facade: the work is split by job, and every name stays
importable from here.

- :mod:`fieldapp.services.sync.common`: the error, file names, temp folders.
- :mod:`fieldapp.services.sync.scope`: what an export holds (scope, record ids).
- :mod:`fieldapp.services.sync.export`: recipients and writing a bundle.
- :mod:`fieldapp.services.sync.opening`: decrypting and checking a bundle.

Export reads one consistent snapshot of the store, streams the records into a
zip in a private temp folder, signs the manifest, encrypts the zip (age)
through :func:`fieldapp.core.files.atomic_write`: a killed or failed export
never leaves a file under the final name.

Reading decrypts to a private temp file (streaming, memory stays flat), then
checks the zip's member names and sizes (never ``extractall``), the signature
and the signer, every file's hash and record count, and every record
(:func:`fieldapp.services.sync.format.check_record`). Only a bundle that
passes all of it reaches the merge.
"""

from __future__ import annotations

from fieldapp.errors import FieldAppError
from fieldapp.services.sync.common import CHUNK_IDS as CHUNK_IDS
from fieldapp.services.sync.common import SUFFIX as SUFFIX
from fieldapp.services.sync.common import BundleError
from fieldapp.services.sync.common import bundle_file_name as bundle_file_name
from fieldapp.services.sync.common import existing_ids as existing_ids
from fieldapp.services.sync.common import private_tempdir as private_tempdir
from fieldapp.services.sync.export import NO_OFFICE_KEY as NO_OFFICE_KEY
from fieldapp.services.sync.export import ExportResult, export_bundle
from fieldapp.services.sync.export import has_changes_since_last as has_changes_since_last
from fieldapp.services.sync.export import log as log
from fieldapp.services.sync.opening import MAX_MEMBER_BYTES as MAX_MEMBER_BYTES
from fieldapp.services.sync.opening import MAX_RATIO as MAX_RATIO
from fieldapp.services.sync.opening import OpenedBundle, inspect_bundle, open_bundle
from fieldapp.services.sync.opening import check_member_name as check_member_name
from fieldapp.services.sync.opening import check_signer as check_signer
from fieldapp.services.sync.opening import read_passphrase_file as read_passphrase_file
from fieldapp.services.sync.scope import Scope as Scope
from fieldapp.services.sync.scope import close_over_parents as close_over_parents
from fieldapp.services.sync.scope import resolve_person as resolve_person
from fieldapp.services.sync.scope import select_ids as select_ids

__all__ = [
    "BundleError",
    "ExportResult",
    "FieldAppError",
    "OpenedBundle",
    "export_bundle",
    "inspect_bundle",
    "open_bundle",
]
