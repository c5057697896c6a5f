"""Model backends behind the `service.llm.LLM` protocol; `factory.build_llm` picks one from settings."""
