"""The HQ inbox server: an ASGI app (Starlette) under uvicorn, over :mod:`fieldapp.services.hq`.

No Qt, no maps: every request is a services call; this package only speaks HTTP.
"""
