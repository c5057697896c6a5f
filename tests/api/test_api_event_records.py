"""The OpenAPI document shows event records v2 on every analysis (empty unless the setting is on)."""

from __future__ import annotations

from service.api import create_app
from service.settings import Settings
from tests.api.api_fakes import FakeAnalyzer


def test_openapi_declares_event_records(settings: Settings) -> None:
    schemas = create_app(settings, FakeAnalyzer()).openapi_schema.to_schema()["components"]["schemas"]
    field = schemas["Analysis"]["properties"]["event_records"]
    assert field["items"] == {"$ref": "#/components/schemas/EventRecord"}
    assert "event_records setting" in field["description"]
    assert "event_records" not in schemas["Analysis"].get("required", [])  # old results stay valid
    record = schemas["EventRecord"]["properties"]
    assert {"event_type", "what", "when", "where", "actors", "casualties", "background", "mentions"} <= set(
        record
    )
