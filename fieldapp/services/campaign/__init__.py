"""The laptop's side of "upload later": the joined campaign, the outbox, and sync.

* :mod:`.state`: ``fieldapp join FILE``: trust HQ, keep the address and token; whether
  this laptop was revoked (:func:`.state.is_revoked`);
* :mod:`.outbox`: exports wait in the outbox folder until HQ confirms it stored them;
* :mod:`.client`: the HTTP client (resumable uploads, backoff with jitter, timeouts);
* :mod:`.sync`: one sync run: enrol, send the outbox, fetch and merge turf packets.
"""
