"""newsdigest: grounded, structured summaries of news articles with a local LLM."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsdigest")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+src"

SCHEMA_VERSION = "2"
