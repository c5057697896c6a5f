"""Bearer-token guard: active only when `settings.api_keys` is non-empty."""

from __future__ import annotations

import hashlib
import hmac

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.handlers.base import BaseRouteHandler

from service.settings import Settings

SECURITY_SCHEME = "BearerAuth"


class KeyRing:
    """The accepted keys, kept as sha256 digests so every comparison has the same length."""

    def __init__(self, settings: Settings) -> None:
        self._digests = [hashlib.sha256(k.get_secret_value().encode()).digest() for k in settings.api_keys]

    @property
    def enabled(self) -> bool:
        """True when at least one key is configured."""
        return bool(self._digests)

    def accepts(self, token: str) -> bool:
        """Constant-time check of `token` against every key (no early exit on a match)."""
        digest = hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()
        ok = False
        for known in self._digests:
            ok |= hmac.compare_digest(digest, known)
        return ok


async def require_api_key(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    """Guard: 401 unless `Authorization: Bearer <key>` names a configured key."""
    keys: KeyRing = connection.app.state.key_ring
    if not keys.enabled:
        return
    scheme, _sep, token = connection.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip() or not keys.accepts(token.strip()):
        raise NotAuthorizedException(
            "missing or wrong API key; send `Authorization: Bearer <key>`",
            headers={"WWW-Authenticate": 'Bearer realm="newsdigest"'},
        )
