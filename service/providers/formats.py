"""The response_format variants OpenAI-style servers accept for schema-constrained answers."""

from __future__ import annotations

from typing import Any, Literal

# json_schema: OpenAI, vLLM, llama-server, Ollama, LM Studio. json_object (+ "schema"): llama-cpp-python,
# whose server rejects json_schema (422) and whose in-process chat completion decodes it unconstrained.
ResponseFormat = Literal["json_schema", "json_object"]


def json_object_format(response_format: dict[str, Any] | None) -> dict[str, Any] | None:
    """Turn instructor's `json_schema` response_format into the `json_object` + schema form that
    llama-cpp-python 0.3.36 compiles into a grammar."""
    if not response_format or response_format.get("type") != "json_schema":
        return response_format
    schema = response_format["json_schema"]["schema"]
    return {"type": "json_object", "schema": schema}


def as_variant(response_format: dict[str, Any] | None, variant: ResponseFormat) -> dict[str, Any] | None:
    """instructor's `json_schema` request in the form the server understands."""
    return json_object_format(response_format) if variant == "json_object" else response_format
