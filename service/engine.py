"""Old import path of the in-process engine (bench/ and tests use it); the code is in providers."""

from service.providers.formats import json_object_format
from service.providers.llama_cpp import DECODING, LazyEngine, LlamaEngine

__all__ = ["DECODING", "LazyEngine", "LlamaEngine", "json_object_format"]
