"""What an OpenAI-compatible server says about itself: the model it serves, a fingerprint, its JSON mode."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Literal

import openai

from service.errors import BackendError
from service.providers.formats import ResponseFormat

# vLLM and llama-server stamp `created` with the time of the request, and vLLM's permission entries
# carry fresh random ids: left in, they would change the fingerprint (and every cache key) per call.
VOLATILE_KEYS = frozenset({"created", "permission", "permissions"})
# The title llama-cpp-python's server gives its OpenAPI document (llama_cpp/server/app.py).
LLAMA_CPP_PYTHON_TITLE = "llama.cpp Python API"


@dataclass(frozen=True)
class ServerInfo:
    """The model requests name, the fingerprint of what answers, and the response_format variant."""

    model: str
    fingerprint: str
    response_format: ResponseFormat


def listed_models(client: openai.OpenAI) -> list[dict[str, Any]] | None:
    """The server's `/models` entries as plain dicts, or None if it has no such route (404)."""
    try:
        return [entry.model_dump() for entry in client.models.list()]
    except openai.NotFoundError:
        return None


def choose_model(entries: list[dict[str, Any]] | None, wanted: str | None, base_url: str) -> dict[str, Any]:
    """The entry of the model to request: the one named, or the only/first one the server lists."""
    if entries is None:
        if wanted is None:
            raise BackendError(
                f"the server at {base_url} lists no models (no /models): set NEWSDIGEST_API_MODEL"
            )
        return {"id": wanted}
    if wanted is None:
        if not entries:
            raise BackendError(f"the server at {base_url} serves no model")
        return entries[0]
    for entry in entries:
        if entry.get("id") == wanted:
            return entry
    served = ", ".join(str(e.get("id")) for e in entries[:10]) or "none"
    raise BackendError(f"the server at {base_url} does not serve {wanted!r} (it serves: {served})")


def fingerprint(base_url: str, entry: dict[str, Any]) -> str:
    """sha256 hex over the URL, the model name and the server's stable description of the model."""
    stable = {key: value for key, value in entry.items() if key not in VOLATILE_KEYS}
    payload = {
        "backend": "openai",
        "base_url": base_url.rstrip("/"),
        "model": entry.get("id"),
        "entry": stable,
    }
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def is_llama_cpp_python(client: openai.OpenAI, base_url: str) -> bool:
    """Whether the server is llama-cpp-python's, by the title of its OpenAPI document."""
    root = base_url.rstrip("/").removesuffix("/v1")
    try:
        document = client.get(f"{root}/openapi.json", cast_to=object)
    except openai.APIError:  # no such document: not that server
        return False
    info = document.get("info") if isinstance(document, dict) else None
    return isinstance(info, dict) and LLAMA_CPP_PYTHON_TITLE in str(info.get("title", ""))


def read_server_info(
    client: openai.OpenAI,
    base_url: str,
    wanted: str | None,
    setting: Literal["auto", "json_schema", "json_object"],
) -> ServerInfo:
    """Ask the server what it serves (raises openai errors; the caller maps them)."""
    entry = choose_model(listed_models(client), wanted, base_url)
    if setting == "auto":
        variant: ResponseFormat = "json_object" if is_llama_cpp_python(client, base_url) else "json_schema"
    else:
        variant = setting
    return ServerInfo(
        model=str(entry["id"]), fingerprint=fingerprint(base_url, entry), response_format=variant
    )
