"""HQ's side of "upload later": invites, the inbox behind ``hq serve``, packets, watch folders.

The HTTP layer lives in :mod:`fieldapp.server`; everything it does is a call here, so the
CLI and the tests make the same calls. The laptop's side is :mod:`fieldapp.services.campaign`.
"""
