"""Event records v2 (docs/events-v2.md): every event an article reports, each field tied to its words.

One job per module: `sentences` picks what to read, `read` asks the model, `locate` finds a
phrase as a span of the input, `fields` and `build` ground each value into a `found` event,
`background` flags context, `merge` joins mentions, `attach` adds the verified casualty figures,
`find` runs them in that order."""

from service.events.find import EventReport, find_event_records

__all__ = ["EventReport", "find_event_records"]
