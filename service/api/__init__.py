"""The HTTP API: a Litestar app around one model worker, with persisted batches."""

from service.api.app import create_app

__all__ = ["create_app"]
